/**
 * The cancellations report (GET /api/reports/cancellations) per agent for the sales confirmed
 * in the days chosen: sales, cancellations (and those after the confirmation message),
 * commission earned, reversed, withheld for QA's open reversal requests, and the net.
 */
import { useState } from 'preact/hooks';
import { get, query } from '../../shared/api.js';
import { money, percent } from '../../shared/format.js';
import { useResource, type Resource } from '../../shared/hooks.js';
import { Card, Field, Message, TableHead, DayInput } from '../../shared/ui.js';
import { dayRange } from '../../shared/format.js';
import type { AgentRecord, CancellationsRow } from '../types.js';
import { agentName } from '../use-agents.js';
import { t } from '../../i18n/i18n.js';

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
    <Card title={t('cancelReport.title')} testId="cancellations-report">
      <div class="row">
        <Field label={t('cancelReport.from')}>
          <DayInput value={from} onDay={setFrom} />
        </Field>
        <Field label={t('common.to')}>
          <DayInput value={to} onDay={setTo} />
        </Field>
        {!from && !to && <span class="muted small">{t('cancelReport.allTime')}</span>}
      </div>
      <Message kind="error">{report.error}</Message>
      {rows.length === 0 && !report.loading && <p class="muted">{t('cancelReport.none')}</p>}
      {rows.length > 0 && (
        <table>
          <TableHead
            columns={[
              t('dashboard.col.agent'),
              `#${t('figures.sales')}`,
              `#${t('subs.cancelled')}`,
              `#${t('cancelReport.afterMessage')}`,
              `#${t('cancelReport.rate')}`,
              `#${t('commission.earned')}`,
              `#${t('commission.reversed')}`,
              `#${t('cancelReport.withheld')}`,
              `#${t('cancelReport.net')}`,
            ]}
          />
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
                  {r.qaReversalsOpen > 0 && <span class="muted"> ({t('cancelReport.open', { count: r.qaReversalsOpen })})</span>}
                </td>
                <td class="num" data-testid="net">{money(r.netMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted small">{t('cancelReport.about')}</p>
    </Card>
  );
}
