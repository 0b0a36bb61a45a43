/** What an import came to: status, rows, accepted, rejected by reason, encoding and column. */
import { REJECT_REASONS } from '../../../campaigns/import/reasons.js';
import { Message } from '../../shared/ui.js';
import type { ImportView } from '../types.js';
import { t } from '../../i18n/i18n.js';

export const IMPORT_STATUS_BADGE: Record<ImportView['status'], string> = { running: '', completed: 'ok', failed: 'bad' };

export function ImportSummary({ view }: { view: ImportView }) {
  const reasons = REJECT_REASONS.filter((r) => view.byReason[r] > 0);
  return (
    <div class="import-summary" data-testid="import-summary">
      <div class="stats">
        <div class="stat">
          <div class="stat-value">
            <span class={`badge ${IMPORT_STATUS_BADGE[view.status]}`} data-testid="import-status">
              {t(`importStatus.${view.status}`)}
            </span>
          </div>
          <div class="stat-label">
            {view.fileName} · {view.encoding ?? t('imports.encodingUnknown')} · {t('imports.phoneColumnIs', { column: view.phoneColumn })}
          </div>
        </div>
        <div class="stat" data-testid="import-rows">
          <div class="stat-value">{view.rows}</div>
          <div class="stat-label">{t('imports.rowsRead')}</div>
        </div>
        <div class="stat" data-testid="import-accepted">
          <div class="stat-value">{view.accepted}</div>
          <div class="stat-label">{t('imports.col.accepted')}</div>
        </div>
        <div class={`stat${view.rejected > 0 ? ' warn' : ''}`} data-testid="import-rejected">
          <div class="stat-value">{view.rejected}</div>
          <div class="stat-label">{t('imports.col.rejected')}</div>
        </div>
      </div>
      {reasons.length > 0 && (
        <ul class="reasons" aria-label={t('imports.byReason')}>
          {reasons.map((r) => (
            <li>
              <strong>{view.byReason[r]}</strong> {t(`rejectReason.${r}`)} <span class="muted">— {t(`rejectReasonText.${r}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {view.status === 'failed' && <Message kind="error">{view.error}</Message>}
      {view.discardedAt !== null && <Message kind="warn">{t('imports.discardedRows', { count: view.discarded ?? 0 })}</Message>}
    </div>
  );
}
