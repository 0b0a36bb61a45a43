/** The agents' figures over the period: calls, sales, refusals, time, progress to target, commission. */
import { duration, money, percent } from '../../shared/format.js';
import { ProgressBar } from '../../shared/ui.js';
import type { AgentPeriodRow, AgentReport } from '../types.js';
import { t } from '../../i18n/i18n.js';

const yuan = (n: number) => money(Math.round(n * 100));

type Figures = AgentReport['totals'];

function Cells({ f }: { f: Figures }) {
  return (
    <>
      <td class="num">{f.dialed}</td>
      <td class="num">{f.connected}</td>
      <td class="num">
        {f.sales}
        {f.salesReversed > 0 && <span class="muted"> ({t('figures.reversed', { count: f.salesReversed })})</span>}
      </td>
      <td class="num">{percent(f.refusalRate)}</td>
      <td class="num" data-testid="talk">
        {duration(f.talkSec)}
      </td>
      <td class="num">{f.avgHandleSec === null ? '–' : duration(f.avgHandleSec)}</td>
      <td class="num">
        {duration(f.pauseSec)}
        {f.longPauses > 0 && <span class="badge bad">{t('figures.long', { count: f.longPauses })}</span>}
      </td>
      <td class="num">{duration(f.loggedInSec)}</td>
      <td style={{ minWidth: '200px' }}>
        <ProgressBar value={f.talkSec} max={f.targetSec} label={t('figures.attainment', { pct: percent(f.attainment), target: duration(f.targetSec) })} />
      </td>
      <td class="num">
        {yuan(f.commissionYuan)}
        {f.unpricedSales > 0 && <span class="muted"> ({t('figures.unpriced', { count: f.unpricedSales })})</span>}
      </td>
    </>
  );
}

export function FiguresTable({ report }: { report: AgentReport }) {
  return (
    <table data-testid="figures-table">
      <thead>
        <tr>
          <th>{t('dashboard.col.agent')}</th>
          <th>{t('dashboard.col.team')}</th>
          <th class="num">{t('figures.days')}</th>
          <th class="num">{t('figures.dialed')}</th>
          <th class="num">{t('figures.connected')}</th>
          <th class="num">{t('figures.sales')}</th>
          <th class="num">{t('figures.refusalRate')}</th>
          <th class="num">{t('agent.calls.talk')}</th>
          <th class="num">{t('figures.aht')}</th>
          <th class="num">{t('figures.pause')}</th>
          <th class="num">{t('agent.today.loggedIn')}</th>
          <th>{t('figures.progress')}</th>
          <th class="num">{t('figures.commission')}</th>
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
          <th colSpan={3}>{t('figures.all')}</th>
          <Cells f={report.totals} />
        </tr>
      </tfoot>
    </table>
  );
}
