/**
 * The rejects report of an import: every row not accepted, with its line in the file, the
 * value as written and the reason, a page at a time (GET /api/imports/:id/rejects/page), and
 * the whole report as CSV (GET /api/imports/:id/rejects).
 */
import { REASON_TEXT, type RejectReason } from '../../../campaigns/import/reasons.js';
import { get, query } from '../../shared/api.js';
import { useResource } from '../../shared/hooks.js';
import { Message } from '../../shared/ui.js';
import { PagerBar, useCursorPager } from '../pager.js';
import type { RejectsPage } from '../types.js';

export function RejectsReport({ importId, pageSize = 50 }: { importId: number; pageSize?: number }) {
  const pager = useCursorPager();
  const page = useResource(() => get<RejectsPage>(`/api/imports/${importId}/rejects/page${query({ after: pager.after, limit: pageSize })}`), [importId, pager.after, pageSize]);
  const rows = page.data?.rejects ?? [];

  return (
    <section class="rejects" data-testid="rejects-report" aria-label={`Rejects of import ${importId}`}>
      <div class="row">
        <h3>Rejected rows</h3>
        <span class="spacer" />
        <a class="button" href={`/api/imports/${importId}/rejects`} download={`import-${importId}-rejects.csv`}>
          Download rejects (CSV)
        </a>
      </div>
      <Message kind="error">{page.error}</Message>
      {page.data && page.data.total === 0 && <p class="muted">Every row was accepted.</p>}
      {rows.length > 0 && (
        <>
          <table>
            <thead>
              <tr>
                <th class="num">Line</th>
                <th>As written</th>
                <th>Reason</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-testid="reject-row">
                  <td class="num">{r.line}</td>
                  <td>
                    <code>{r.raw === '' ? '(empty)' : r.raw}</code>
                  </td>
                  <td title={REASON_TEXT[r.reason as RejectReason] ?? ''}>{r.reason}</td>
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
