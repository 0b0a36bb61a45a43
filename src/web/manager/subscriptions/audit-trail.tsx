/**
 * Who read or changed a subscription (GET /api/subscriptions/:id/audit, newest first;
 * requirements §6). The service writes every entry itself: this page only shows them.
 */
import { dateTime } from '../../shared/format.js';
import { TableHead } from '../../shared/ui.js';
import type { ConsentAuditAction, SubscriptionAuditEntry } from '../types.js';
import { t } from '../../i18n/i18n.js';
import { listWord } from '../../shared/words.js';


/** The details worth a line: a cancellation's reason, a refusal's reason. */
function detailWords(e: SubscriptionAuditEntry): string {
  const d = e.detail as { reason?: unknown; afterConfirmation?: unknown; what?: unknown };
  const parts: string[] = [];
  if (typeof d.what === 'string') parts.push(d.what);
  if (typeof d.reason === 'string' && d.reason) parts.push(t('audit.reason', { reason: d.reason }));
  if (d.afterConfirmation === true) parts.push(t('cancelReport.afterMessage'));
  return parts.join(t('common.listSeparator'));
}

export function AuditTrail({ entries }: { entries: SubscriptionAuditEntry[] }) {
  return (
    <section class="detail-section" data-testid="audit-trail" aria-label={t('audit.title')}>
      <h3>{t('audit.title')}</h3>
      {entries.length === 0 ? (
        <p class="muted">{t('audit.none')}</p>
      ) : (
        <table>
          <TableHead columns={[t('agent.calls.time'), t('audit.who'), t('evidence.what'), t('rejects.detail')]} />
          <tbody>
            {entries.map((e) => (
              <tr data-testid="audit-row" data-action={e.action} data-username={e.username}>
                <td>{dateTime(e.at)}</td>
                <td>{e.username}</td>
                <td>{listWord('auditAction', e.action)}</td>
                <td>{detailWords(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
