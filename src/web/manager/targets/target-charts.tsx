/** Charts of the agent report: talk time against target per agent, and talk per day when the period has several. */
import { ChartView } from '../../shared/chart.js';
import type { AgentReport } from '../types.js';

const hours = (sec: number) => Math.round((sec / 3600) * 100) / 100;

export function TargetCharts({ report }: { report: AgentReport }) {
  const agents = report.agents;
  const days = [...new Set(report.days.map((d) => d.day))].sort();
  return (
    <div class="grid grid-2">
      <ChartView
        type="bar"
        testId="chart-talk-vs-target"
        title="Talk time vs target (hours)"
        labels={agents.map((a) => a.name)}
        series={[
          { label: 'talk', data: agents.map((a) => hours(a.talkSec)) },
          { label: 'target', data: agents.map((a) => hours(a.targetSec)), color: '#9ca3af' },
        ]}
      />
      {days.length > 1 && (
        <ChartView
          type="line"
          testId="chart-talk-trend"
          title="Talk time per day (hours)"
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
