/**
 * Who read or changed a subscription (GET /api/subscriptions/:id/audit, newest first;
 * requirements §6). The service writes every entry itself: this page only shows them.
 */
import { dateTime } from '../../shared/format.js';
import { TableHead } from '../../shared/ui.js';
import type { ConsentAuditAction, SubscriptionAuditEntry } from '../types.js';

const ACTION_WORDS: Record<ConsentAuditAction, string> = {
  'subscription.create': 'created from the verification',
  'subscription.list': 'listed it',
  'report.cancellations': 'read the cancellations report',
  'subscription.read': 'read the evidence',
  'subscription.cancel': 'cancelled',
  'subscription.confirmation-sent': 'sent the confirmation message',
  'subscription.forge-refused': 'tried to create or edit it (refused)',
  'verification.record': 'recorded the verification',
};

/** The details worth a line: a cancellation's reason, a refusal's reason. */
function detailWords(e: SubscriptionAuditEntry): string {
  const d = e.detail as { reason?: unknown; afterConfirmation?: unknown; what?: unknown };
  const parts: string[] = [];
  if (typeof d.what === 'string') parts.push(d.what);
  if (typeof d.reason === 'string' && d.reason) parts.push(`reason: ${d.reason}`);
  if (d.afterConfirmation === true) parts.push('after the confirmation message');
  return parts.join('; ');
}

export function AuditTrail({ entries }: { entries: SubscriptionAuditEntry[] }) {
  return (
    <section class="detail-section" data-testid="audit-trail" aria-label="Audit trail">
      <h3>Audit trail</h3>
      {entries.length === 0 ? (
        <p class="muted">No entries.</p>
      ) : (
        <table>
          <TableHead columns={['At', 'Who', 'What', 'Detail']} />
          <tbody>
            {entries.map((e) => (
              <tr data-testid="audit-row" data-action={e.action} data-username={e.username}>
                <td>{dateTime(e.at)}</td>
                <td>{e.username}</td>
                <td>{ACTION_WORDS[e.action as ConsentAuditAction] ?? e.action}</td>
                <td>{detailWords(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
