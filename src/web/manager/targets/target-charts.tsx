/** Charts of the agent report: talk time against target per agent, and talk per day when the period has several. */
import { ChartView } from '../../shared/chart.js';
import type { AgentReport } from '../types.js';
import { t } from '../../i18n/i18n.js';

const hours = (sec: number) => Math.round((sec / 3600) * 100) / 100;

export function TargetCharts({ report }: { report: AgentReport }) {
  const agents = report.agents;
  const days = [...new Set(report.days.map((d) => d.day))].sort();
  return (
    <div class="grid grid-2">
      <ChartView
        type="bar"
        testId="chart-talk-vs-target"
        title={t('charts.talkVsTarget')}
        labels={agents.map((a) => a.name)}
        series={[
          { label: t('charts.talk'), data: agents.map((a) => hours(a.talkSec)) },
          { label: t('charts.target'), data: agents.map((a) => hours(a.targetSec)), color: '#9ca3af' },
        ]}
      />
      {days.length > 1 && (
        <ChartView
          type="line"
          testId="chart-talk-trend"
          title={t('charts.talkPerDay')}
          labels={days}
          series={agents.map((a) => ({
            label: a.name,
            data: days.map((day) => {
              const row = report.days.find((d) => d.agentId === a.agentId && d.day === day);
              return row ? hours(row.talkSec) : null;
            }),
          }))}
        />
      )}
    </div>
  );
}
