/** What an import came to: status, rows, accepted, rejected by reason, encoding and column. */
import { REASON_TEXT, REJECT_REASONS } from '../../../campaigns/import/reasons.js';
import { Message } from '../../shared/ui.js';
import type { ImportView } from '../types.js';

export const IMPORT_STATUS_BADGE: Record<ImportView['status'], string> = { running: '', completed: 'ok', failed: 'bad' };

export function ImportSummary({ view }: { view: ImportView }) {
  const reasons = REJECT_REASONS.filter((r) => view.byReason[r] > 0);
  return (
    <div class="import-summary" data-testid="import-summary">
      <div class="stats">
        <div class="stat">
          <div class="stat-value">
            <span class={`badge ${IMPORT_STATUS_BADGE[view.status]}`} data-testid="import-status">
              {view.status}
            </span>
          </div>
          <div class="stat-label">
            {view.fileName} · {view.encoding ?? 'encoding not known yet'} · phone column “{view.phoneColumn}”
          </div>
        </div>
        <div class="stat" data-testid="import-rows">
          <div class="stat-value">{view.rows}</div>
          <div class="stat-label">rows read</div>
        </div>
        <div class="stat" data-testid="import-accepted">
          <div class="stat-value">{view.accepted}</div>
          <div class="stat-label">accepted</div>
        </div>
        <div class={`stat${view.rejected > 0 ? ' warn' : ''}`} data-testid="import-rejected">
          <div class="stat-value">{view.rejected}</div>
          <div class="stat-label">rejected</div>
        </div>
      </div>
      {reasons.length > 0 && (
        <ul class="reasons" aria-label="Rejected by reason">
          {reasons.map((r) => (
            <li>
              <strong>{view.byReason[r]}</strong> {r} <span class="muted">— {REASON_TEXT[r]}</span>
            </li>
          ))}
        </ul>
      )}
      {view.status === 'failed' && <Message kind="error">{view.error}</Message>}
      {view.discardedAt !== null && <Message kind="warn">Discarded: {view.discarded ?? 0} rows it had added were removed.</Message>}
    </div>
  );
}
