/** CSV forms of the QA reports: one row per agent / campaign / day, columns in English. */
import { toCsv, type CsvColumn } from './csv.js';
import type { CycleAgentRow, CycleCampaignRow, CycleReport, DailyAgentRow, DailyReport, TrendReport } from './report-types.js';

const pct = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 100);

export function dailyCsv(report: DailyReport): string {
  const cols: CsvColumn<DailyAgentRow>[] = [
    { header: 'date', value: () => report.date },
    { header: 'agent_id', value: (r) => r.agentId },
    { header: 'agent', value: (r) => r.agentName },
    { header: 'team', value: (r) => r.team },
    { header: 'sampled', value: (r) => r.sampled },
    { header: 'scored', value: (r) => r.scored },
    { header: 'mean_score', value: (r) => r.meanScore },
    { header: 'fatal_errors', value: (r) => r.fatal },
    { header: 'defects', value: (r) => r.defects },
    { header: 'disputes_raised', value: (r) => r.disputesRaised },
  ];
  return toCsv(cols, report.agents);
}

export function cycleCampaignsCsv(report: CycleReport): string {
  const cols: CsvColumn<CycleCampaignRow>[] = [
    { header: 'cycle', value: () => report.cycle.label },
    { header: 'campaign_id', value: (r) => r.campaignId },
    { header: 'campaign', value: (r) => r.campaignName },
    { header: 'population', value: (r) => r.population },
    { header: 'sampled', value: (r) => r.sampled },
    { header: 'scored', value: (r) => r.scored },
    { header: 'pending', value: (r) => r.pending },
    { header: 'mean_score', value: (r) => r.meanScore },
    { header: 'fatal_errors', value: (r) => r.fatal },
    { header: 'defects', value: (r) => r.defects },
    { header: 'defect_rate_pct', value: (r) => pct(r.defectRate.estimate) },
    { header: 'ci95_lower_pct', value: (r) => pct(r.defectRate.lower) },
    { header: 'ci95_upper_pct', value: (r) => pct(r.defectRate.upper) },
  ];
  return toCsv(cols, report.campaigns);
}

export function cycleAgentsCsv(report: CycleReport): string {
  const cols: CsvColumn<CycleAgentRow>[] = [
    { header: 'cycle', value: () => report.cycle.label },
    { header: 'agent_id', value: (r) => r.agentId },
    { header: 'agent', value: (r) => r.agentName },
    { header: 'team', value: (r) => r.team },
    { header: 'sampled', value: (r) => r.sampled },
    { header: 'scored', value: (r) => r.scored },
    { header: 'mean_score', value: (r) => r.meanScore },
    { header: 'min_score', value: (r) => r.minScore },
    { header: 'max_score', value: (r) => r.maxScore },
    { header: 'fatal_errors', value: (r) => r.fatal },
    { header: 'defects', value: (r) => r.defects },
    { header: 'disputes', value: (r) => r.disputes },
    { header: 'amended', value: (r) => r.amended },
  ];
  return toCsv(cols, report.agents);
}

interface TrendRow {
  level: 'agent' | 'team';
  id: string;
  name: string;
  team: string;
  date: string;
  scored: number;
  meanScore: number | null;
  fatal: number;
  runningMean: number | null;
}

export function trendCsv(report: TrendReport): string {
  const rows: TrendRow[] = [
    ...report.agents.flatMap((a) => a.days.map((d) => ({ level: 'agent' as const, id: String(a.agentId), name: a.agentName, team: a.team, ...d }))),
    ...report.teams.flatMap((t) => t.days.map((d) => ({ level: 'team' as const, id: t.team, name: t.team, team: t.team, ...d }))),
  ];
  const cols: CsvColumn<TrendRow>[] = [
    { header: 'cycle', value: () => report.cycle.label },
    { header: 'level', value: (r) => r.level },
    { header: 'id', value: (r) => r.id },
    { header: 'name', value: (r) => r.name },
    { header: 'team', value: (r) => r.team },
    { header: 'date', value: (r) => r.date },
    { header: 'scored', value: (r) => r.scored },
    { header: 'mean_score', value: (r) => r.meanScore },
    { header: 'fatal_errors', value: (r) => r.fatal },
    { header: 'running_mean', value: (r) => r.runningMean },
  ];
  return toCsv(cols, rows);
}
