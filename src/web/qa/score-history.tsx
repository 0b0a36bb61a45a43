/** A call's scores, oldest first: the first review and any re-reviews after disputes. */
import { dateTime } from '../shared/format.js';
import type { ScoreRow } from './qa-api.js';
import { TableHead } from './table-head.js';

type Detail = { deductions?: Array<{ itemCode: string; severity: string; points: number; note?: string }>; fatal?: Array<{ kind: string; note?: string }> };

export function ScoreHistory({ scores, highlight }: { scores: ScoreRow[]; highlight?: number }) {
  if (scores.length === 0) return <p class="muted">Not scored yet.</p>;
  return (
    <table class="score-history" data-testid="score-history">
      <TableHead columns={['Score', 'Kind', 'Reviewed', '#Total', 'Deductions and fatal errors', 'Comment']} />
      <tbody>
        {scores.map((s) => {
          const d = s.detail as Detail;
          return (
            <tr class={s.id === highlight ? 'selected' : s.current ? '' : 'muted'}>
              <td>
                #{s.id} {s.current && <span class="badge">current</span>}
              </td>
              <td>{s.kind}</td>
              <td>{dateTime(s.reviewedAt)}</td>
              <td class="num">
                <strong>{s.total}</strong> {s.fatal ? <span class="badge bad">fatal</span> : s.passed ? <span class="badge ok">passed</span> : <span class="badge warn">defect</span>}
              </td>
              <td>
                {(d.deductions ?? []).map((x) => (
                  <div>
                    −{x.points} {x.itemCode} ({x.severity}){x.note ? `: ${x.note}` : ''}
                  </div>
                ))}
                {(d.fatal ?? []).map((f) => (
                  <div class="bad">
                    fatal: {f.kind}
                    {f.note ? `: ${f.note}` : ''}
                  </div>
                ))}
                {!d.deductions?.length && !d.fatal?.length && <span class="muted">none</span>}
              </td>
              <td>{s.comment}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
