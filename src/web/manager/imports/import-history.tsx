/**
 * Past imports of a list (a campaign's, or a do-not-call list's): what each came to, its
 * rejects, and discarding what an import added (contacts never dialed, or do-not-call
 * entries — the latter admins only, as the API says).
 */
import { useState } from 'preact/hooks';
import { post } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useAction, type Resource } from '../../shared/hooks.js';
import { Message } from '../../shared/ui.js';
import type { ImportView } from '../types.js';
import { IMPORT_STATUS_BADGE, ImportSummary } from './import-summary.js';
import { RejectsReport } from './rejects-report.js';
import { t } from '../../i18n/i18n.js';

interface DiscardAnswer {
  removed: number;
  keptBecauseDialed: number;
  import: ImportView;
}

/** Why an import cannot be discarded by this user, or null when it can. */
function discardRefusal(v: ImportView, isAdmin: boolean): string | null {
  if (v.status === 'running') return t('imports.refusal.running');
  if (v.discardedAt !== null) return t('imports.refusal.discarded');
  if (v.kind === 'do-not-call' && !isAdmin) return t('imports.refusal.adminOnly');
  return null;
}

export function ImportHistory({ imports, isAdmin, testId = 'import-history' }: { imports: Resource<ImportView[]>; isAdmin: boolean; testId?: string }) {
  const [openId, setOpenId] = useState<number | null>(null);
  const [confirmId, setConfirmId] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const discard = useAction();
  const rows = imports.data ?? [];
  const open = rows.find((r) => r.id === openId) ?? null;

  async function confirmDiscard(v: ImportView) {
    setDone(null);
    const ok = await discard.run(async () => {
      const a = await post<DiscardAnswer>(`/api/imports/${v.id}/discard`);
      setDone(a.keptBecauseDialed > 0 ? t('imports.discardedKept', { id: String(v.id), removed: a.removed, kept: a.keptBecauseDialed }) : t('imports.discardedDone', { id: String(v.id), removed: a.removed }));
    });
    setConfirmId(null);
    if (ok) await imports.reload();
  }

  return (
    <section class="import-history" data-testid={testId} aria-label={t('imports.past')}>
      <h3>{t('imports.past')}</h3>
      <Message kind="error">{imports.error ?? discard.error}</Message>
      <Message kind="ok">{done}</Message>
      {rows.length === 0 && !imports.loading && <p class="muted">{t('imports.none')}</p>}
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('imports.col.file')}</th>
              <th>{t('imports.col.started')}</th>
              <th>{t('campaigns.col.status')}</th>
              <th class="num">{t('imports.col.rows')}</th>
              <th class="num">{t('imports.col.accepted')}</th>
              <th class="num">{t('imports.col.rejected')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => {
              const refusal = discardRefusal(v, isAdmin);
              return (
                <tr data-testid={`import-row-${v.id}`} class={v.id === openId ? 'selected' : ''}>
                  <td>{v.id}</td>
                  <td>{v.fileName}</td>
                  <td>{dateTime(v.startedAt)}</td>
                  <td>
                    <span class={`badge ${IMPORT_STATUS_BADGE[v.status]}`}>{t(`importStatus.${v.status}`)}</span> {v.discardedAt !== null && <span class="badge">{t('imports.discarded')}</span>}
                  </td>
                  <td class="num">{v.rows}</td>
                  <td class="num">{v.accepted}</td>
                  <td class="num">{v.rejected}</td>
                  <td>
                    <div class="row nowrap">
                      <button type="button" class="link" onClick={() => setOpenId(v.id === openId ? null : v.id)}>
                        {v.id === openId ? t('imports.hide') : t('imports.details')}
                      </button>
                      {confirmId === v.id ? (
                        <>
                          <button type="button" class="danger" disabled={discard.busy} onClick={() => void confirmDiscard(v)}>
                            {t('imports.confirmDiscard')}
                          </button>
                          <button type="button" onClick={() => setConfirmId(null)}>
                            {t('imports.keep')}
                          </button>
                        </>
                      ) : (
                        <button type="button" disabled={refusal !== null} title={refusal ?? t('imports.discardHint')} onClick={() => setConfirmId(v.id)}>
                          {t('imports.discard')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {open && (
        <div class="import-details">
          <ImportSummary view={open} />
          {open.rejected > 0 && <RejectsReport key={open.id} importId={open.id} />}
        </div>
      )}
    </section>
  );
}
