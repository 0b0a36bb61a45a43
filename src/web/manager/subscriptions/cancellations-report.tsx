/**
 * The cancellations report (GET /api/reports/cancellations) per agent for the sales confirmed
 * in the days chosen: sales, cancellations (and those after the confirmation message),
 * commission earned, reversed, withheld for QA's open reversal requests, and the net.
 */
import { useState } from 'preact/hooks';
import { get, query } from '../../shared/api.js';
import { money, percent } from '../../shared/format.js';
import { useResource, type Resource } from '../../shared/hooks.js';
import { Card, Field, Message, TableHead } from '../../shared/ui.js';
import { dayRange } from '../../shared/format.js';
import type { AgentRecord, CancellationsRow } from '../types.js';
import { agentName } from '../use-agents.js';

/** The report takes a closed range: blank days mean all time. */
const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER };

export function CancellationsReport({ version, agents }: { version: number; agents: Resource<AgentRecord[]> }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const report = useResource(
    async () => (await get<{ agents: CancellationsRow[] }>(`/api/reports/cancellations${query({ ...ALL_TIME, ...dayRange(from, to) })}`)).agents,
    [from, to, version],
  );
  const rows = report.data ?? [];
  return (
    <Card title="Cancellations report" testId="cancellations-report">
      <div class="row">
        <Field label="Sales confirmed from">
          <input type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        </Field>
        <Field label="to">
          <input type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        </Field>
        {!from && !to && <span class="muted small">All time.</span>}
      </div>
      <Message kind="error">{report.error}</Message>
      {rows.length === 0 && !report.loading && <p class="muted">No sales in these days.</p>}
      {rows.length > 0 && (
        <table>
          <TableHead columns={['Agent', '#Sales', '#Cancelled', '#After the message', '#Cancellation rate', '#Earned', '#Reversed', '#Withheld (QA)', '#Net commission']} />
          <tbody>
            {rows.map((r) => (
              <tr data-testid={`cancellations-row-${r.agentId}`} class={r.cancelledAfterConfirmation > 0 ? 'flagged' : ''}>
                <td>{agentName(agents, r.agentId)}</td>
                <td class="num" data-testid="sales">{r.sales}</td>
                <td class="num" data-testid="cancelled">{r.cancelled}</td>
                <td class="num" data-testid="after-message">{r.cancelledAfterConfirmation}</td>
                <td class="num">{percent(r.cancellationRate)}</td>
                <td class="num">{money(r.earnedMinor)}</td>
                <td class="num" data-testid="reversed">{money(r.reversedMinor)}</td>
                <td class="num">
                  {money(r.withheldMinor)}
                  {r.qaReversalsOpen > 0 && <span class="muted"> ({r.qaReversalsOpen} open)</span>}
                </td>
                <td class="num" data-testid="net">{money(r.netMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted small">After the message: agreed on the call, cancelled on receiving the confirmation message. Withheld: commission on sales QA found fraudulent that are not cancelled yet.</p>
    </Card>
  );
}
