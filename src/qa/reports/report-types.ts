/** Shapes of the QA reports (JSON); the CSV forms flatten them (report-csv.ts). */

export interface Publication {
  date: string;
  publishedAt: number;
  publishedBy: number | null;
  /** Local date of publication: the only day its scores may be disputed. */
  publishedOn: string;
}

export interface DailyAgentRow {
  agentId: number;
  agentName: string;
  team: string;
  sampled: number;
  scored: number;
  meanScore: number | null;
  fatal: number;
  defects: number;
  disputesRaised: number;
  /** Calls pulled for review on demand (complaints, spot checks) this day, counted apart from the sample above. */
  pulled: number;
  pulledScored: number;
  pulledDefects: number;
}

export interface DailyReport {
  date: string;
  timeZone: string;
  campaignId: number | null;
  publication: Publication | null;
  agents: DailyAgentRow[];
  totals: Omit<DailyAgentRow, 'agentId' | 'agentName' | 'team'>;
}

export interface DefectRate {
  /** defects / scored; null when nothing is scored. */
  estimate: number | null;
  lower: number;
  upper: number;
  confidence: number;
  fpcApplied: boolean;
}

export interface CycleCampaignRow {
  campaignId: number;
  campaignName: string;
  /** Eligible calls of the cycle so far (the sampling population). */
  population: number;
  sampled: number;
  scored: number;
  pending: number;
  meanScore: number | null;
  fatal: number;
  defects: number;
  defectRate: DefectRate;
}

export interface CycleAgentRow {
  agentId: number;
  agentName: string;
  team: string;
  sampled: number;
  scored: number;
  meanScore: number | null;
  minScore: number | null;
  maxScore: number | null;
  fatal: number;
  defects: number;
  disputes: number;
  amended: number;
}

export interface CycleReport {
  cycle: { label: string; start: number; end: number };
  timeZone: string;
  /** Figures as of this instant (now, or the cycle's end when it is over). */
  asOf: number;
  campaignId: number | null;
  campaigns: CycleCampaignRow[];
  agents: CycleAgentRow[];
}

export interface TrendDay {
  date: string;
  scored: number;
  meanScore: number | null;
  fatal: number;
  /** Mean of every score from the cycle's start to this day. */
  runningMean: number | null;
}

export interface TrendSeries {
  days: TrendDay[];
}

export interface TrendReport {
  cycle: { label: string; start: number; end: number };
  timeZone: string;
  dates: string[];
  agents: Array<TrendSeries & { agentId: number; agentName: string; team: string }>;
  teams: Array<TrendSeries & { team: string }>;
}

/** Mean rounded to 2 decimals; null for no values. */
export function meanOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100;
}
