/** The agents' figures over the period: calls, sales, refusals, time, progress to target, commission. */
import { duration, percent } from '../../shared/format.js';
import { ProgressBar } from '../../shared/ui.js';
import type { AgentPeriodRow, AgentReport } from '../types.js';

const yuan = (n: number) => `¥${n.toFixed(2)}`;

type Figures = AgentReport['totals'];

function Cells({ f }: { f: Figures }) {
  return (
    <>
      <td class="num">{f.dialed}</td>
      <td class="num">{f.connected}</td>
      <td class="num">
        {f.sales}
        {f.salesReversed > 0 && <span class="muted"> ({f.salesReversed} reversed)</span>}
      </td>
      <td class="num">{percent(f.refusalRate)}</td>
      <td class="num" data-testid="talk">
        {duration(f.talkSec)}
      </td>
      <td class="num">{f.avgHandleSec === null ? '–' : duration(f.avgHandleSec)}</td>
      <td class="num">
        {duration(f.pauseSec)}
        {f.longPauses > 0 && <span class="badge bad">{f.longPauses} long</span>}
      </td>
      <td class="num">{duration(f.loggedInSec)}</td>
      <td style={{ minWidth: '200px' }}>
        <ProgressBar value={f.talkSec} max={f.targetSec} label={`${percent(f.attainment)} of ${duration(f.targetSec)}`} />
      </td>
      <td class="num">
        {yuan(f.commissionYuan)}
        {f.unpricedSales > 0 && <span class="muted"> ({f.unpricedSales} unpriced)</span>}
      </td>
    </>
  );
}

export function FiguresTable({ report }: { report: AgentReport }) {
  return (
    <table data-testid="figures-table">
      <thead>
        <tr>
          <th>Agent</th>
          <th>Team</th>
          <th class="num">Days</th>
          <th class="num">Dialed</th>
          <th class="num">Connected</th>
          <th class="num">Sales</th>
          <th class="num">Refusal rate</th>
          <th class="num">Talk</th>
          <th class="num">AHT</th>
          <th class="num">Pause</th>
          <th class="num">Logged in</th>
          <th>Progress to target</th>
          <th class="num">Commission</th>
        </tr>
      </thead>
      <tbody>
        {report.agents.map((a: AgentPeriodRow) => (
          <tr data-testid={`figures-row-${a.agentId}`}>
            <td>{a.name}</td>
            <td>{a.team || '–'}</td>
            <td class="num">{a.daysWorked}</td>
            <Cells f={a} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={3}>All agents</th>
          <Cells f={report.totals} />
        </tr>
      </tfoot>
    </table>
  );
}
