/** The quality trend of a cycle: each team's and agent's mean score day by day (a line chart), or the running mean of the cycle so far. */
import { useState } from 'preact/hooks';
import { ChartView, type Series } from '../shared/chart.js';
import { useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { qaApi, type TrendReport } from './qa-api.js';

type Who = 'teams' | 'agents';
type Measure = 'meanScore' | 'runningMean';

const MEASURE_WORDS: Record<Measure, string> = { meanScore: "day's mean score", runningMean: 'mean of the cycle so far' };

/** One line per team or agent. */
export function trendSeries(report: TrendReport, who: Who, measure: Measure): Series[] {
  const lines = who === 'teams' ? report.teams.map((t) => ({ label: t.team ? `Team ${t.team}` : 'No team', days: t.days })) : report.agents.map((a) => ({ label: a.agentName, days: a.days }));
  return lines.map((l) => ({ label: l.label, data: report.dates.map((d) => l.days.find((x) => x.date === d)?.[measure] ?? null) }));
}

export function TrendReportCard({ label }: { label: string }) {
  const [who, setWho] = useState<Who>('teams');
  const [measure, setMeasure] = useState<Measure>('meanScore');
  const report = useResource(() => qaApi.trend(label), [label]);
  const r = report.data;
  const empty = r !== undefined && r.agents.every((a) => a.days.every((d) => d.scored === 0));
  return (
    <Card
      title={`Quality trend, cycle ${label}`}
      testId="trend-report"
      actions={
        <>
          <select value={who} onChange={(e) => setWho(e.currentTarget.value as Who)} aria-label="Trend of">
            <option value="teams">Per team</option>
            <option value="agents">Per agent</option>
          </select>
          <select value={measure} onChange={(e) => setMeasure(e.currentTarget.value as Measure)} aria-label="Measure">
            <option value="meanScore">Day's mean</option>
            <option value="runningMean">Cycle so far</option>
          </select>
        </>
      }
    >
      <Message kind="error">{report.error}</Message>
      {r && empty && <p class="muted">No scores in this cycle yet.</p>}
      {r && !empty && <ChartView type="line" labels={r.dates.map((d) => d.slice(5))} series={trendSeries(r, who, measure)} title={`Score out of 100, ${who === 'teams' ? 'per team' : 'per agent'}: ${MEASURE_WORDS[measure]}`} max={100} testId="trend-chart" />}
    </Card>
  );
}
