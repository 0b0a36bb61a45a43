/**
 * The rejects report of an import: every row not accepted, with its line in the file, the
 * value as written and the reason, a page at a time (GET /api/imports/:id/rejects/page), and
 * the whole report as CSV (GET /api/imports/:id/rejects).
 */
import { listWord } from '../../shared/words.js';
import { get, query } from '../../shared/api.js';
import { useResource } from '../../shared/hooks.js';
import { Message } from '../../shared/ui.js';
import { PagerBar, useCursorPager } from '../pager.js';
import type { RejectsPage } from '../types.js';
import { t } from '../../i18n/i18n.js';

export function RejectsReport({ importId, pageSize = 50 }: { importId: number; pageSize?: number }) {
  const pager = useCursorPager();
  const page = useResource(() => get<RejectsPage>(`/api/imports/${importId}/rejects/page${query({ after: pager.after, limit: pageSize })}`), [importId, pager.after, pageSize]);
  const rows = page.data?.rejects ?? [];

  return (
    <section class="rejects" data-testid="rejects-report" aria-label={t('rejects.of', { id: String(importId) })}>
      <div class="row">
        <h3>{t('rejects.title')}</h3>
        <span class="spacer" />
        <a class="button" href={`/api/imports/${importId}/rejects`} download={`import-${importId}-rejects.csv`}>
          {t('rejects.download')}
        </a>
      </div>
      <Message kind="error">{page.error}</Message>
      {page.data && page.data.total === 0 && <p class="muted">{t('rejects.none')}</p>}
      {rows.length > 0 && (
        <>
          <table>
            <thead>
              <tr>
                <th class="num">{t('rejects.line')}</th>
                <th>{t('rejects.raw')}</th>
                <th>{t('rejects.reason')}</th>
                <th>{t('rejects.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-testid="reject-row">
                  <td class="num">{r.line}</td>
                  <td>
                    <code>{r.raw === '' ? t('rejects.empty') : r.raw}</code>
                  </td>
                  <td title={listWord('rejectReasonText', r.reason)}>{listWord('rejectReason', r.reason)}</td>
                  <td class="muted">{r.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <PagerBar pager={pager} shown={rows.length} pageSize={pageSize} next={page.data?.next} total={page.data?.total} busy={page.loading} />
        </>
      )}
    </section>
  );
}
