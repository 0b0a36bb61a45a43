/** The quality trend of a cycle: each team's and agent's mean score day by day (a line chart), or the running mean of the cycle so far. */
import { useState } from 'preact/hooks';
import { ChartView, type Series } from '../shared/chart.js';
import { useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { qaApi, type TrendReport } from './qa-api.js';
import { t } from '../i18n/i18n.js';

type Who = 'teams' | 'agents';
type Measure = 'meanScore' | 'runningMean';


/** One line per team or agent. */
export function trendSeries(report: TrendReport, who: Who, measure: Measure): Series[] {
  const lines = who === 'teams' ? report.teams.map((team) => ({ label: team.team ? t('qa.trend.team', { team: team.team }) : t('qa.trend.noTeam'), days: team.days })) : report.agents.map((a) => ({ label: a.agentName, days: a.days }));
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
      title={t('qa.trend.title', { label })}
      testId="trend-report"
      actions={
        <>
          <select value={who} onChange={(e) => setWho(e.currentTarget.value as Who)} aria-label={t('qa.trend.of')}>
            <option value="teams">{t('qa.trend.perTeam')}</option>
            <option value="agents">{t('qa.trend.perAgent')}</option>
          </select>
          <select value={measure} onChange={(e) => setMeasure(e.currentTarget.value as Measure)} aria-label={t('qa.trend.measure')}>
            <option value="meanScore">{t('qa.trend.daysMean')}</option>
            <option value="runningMean">{t('qa.trend.soFar')}</option>
          </select>
        </>
      }
    >
      <Message kind="error">{report.error}</Message>
      {r && empty && <p class="muted">{t('qa.trend.none')}</p>}
      {r && !empty && <ChartView type="line" labels={r.dates.map((d) => d.slice(5))} series={trendSeries(r, who, measure)} title={t('qa.trend.chartTitle', { who: who === 'teams' ? t('qa.trend.perTeam') : t('qa.trend.perAgent'), measure: measure === 'meanScore' ? t('qa.trend.daysMean') : t('qa.trend.soFar') })} max={100} testId="trend-chart" />}
    </Card>
  );
}
