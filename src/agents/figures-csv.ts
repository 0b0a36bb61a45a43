/**
 * CSV export of the agent report, pure: one table per view (agent days, agents over the
 * period, teams, campaigns). RFC 4180 quoting, CRLF line ends, a UTF-8 BOM so Excel opens
 * Chinese names correctly, and cells that a spreadsheet would run as a formula are defused.
 */
import type { Figures } from './figures.js';
import type { AgentReport } from './figures-report.js';
import { DISPOSITION_CATEGORIES } from '../db/schema.js';

/** Connected calls by disposition category (`disp_<category>`), then those without one. */
const DISPOSITION_COLUMNS = [...DISPOSITION_CATEGORIES.map((c) => `disp_${c.replaceAll('-', '_')}`), 'undisposed'];

function dispositionCells(f: { dispositions: Record<string, number>; undisposed: number }): Cell[] {
  return [...DISPOSITION_CATEGORIES.map((c) => f.dispositions[c] ?? 0), f.undisposed];
}

/** The tables the report can be exported as. */
export const CSV_VIEWS = ['days', 'agents', 'teams', 'campaigns'] as const;
export type CsvView = (typeof CSV_VIEWS)[number];

type Cell = string | number | null | undefined;

/** One CSV cell: quoted when needed; text starting with = + - @ (a formula to Excel) gets a leading '. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function table(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const FIGURE_COLUMNS = [
  'dialed',
  'connected',
  'talk_sec',
  'wrap_sec',
  'avg_handle_sec',
  'pause_sec',
  'long_pauses',
  'logged_in_sec',
  'occupancy',
  'sales',
  'sales_reversed',
  'refusals',
  'refusal_rate',
  'zero_length_calls',
  'target_sec',
  'attainment',
  'commission_gross_yuan',
  'commission_reversed_yuan',
  'commission_yuan',
] as const;

function figureCells(f: Figures, reasons: string[]): Cell[] {
  return [
    f.dialed,
    f.connected,
    f.talkSec,
    f.wrapSec,
    f.avgHandleSec,
    f.pauseSec,
    f.longPauses,
    f.loggedInSec,
    f.occupancy,
    f.sales,
    f.salesReversed,
    f.refusals,
    f.refusalRate,
    f.zeroLengthCalls,
    f.targetSec,
    f.attainment,
    f.commissionGrossYuan,
    f.commissionReversedYuan,
    f.commissionYuan,
    ...dispositionCells(f),
    ...reasons.map((r) => f.pauseByReasonSec[r] ?? 0),
  ];
}

/** Every pause reason that occurs in the report, sorted: one `pause_<code>_sec` column each. */
function pauseReasons(report: AgentReport): string[] {
  const set = new Set<string>();
  for (const row of [...report.days, ...report.agents]) for (const r of Object.keys(row.pauseByReasonSec)) set.add(r);
  return [...set].sort();
}

/** The report as CSV for one view. */
export function reportCsv(report: AgentReport, view: CsvView): string {
  const reasons = pauseReasons(report);
  const figureHeader = [...FIGURE_COLUMNS, ...DISPOSITION_COLUMNS, ...reasons.map((r) => `pause_${r}_sec`)];
  switch (view) {
    case 'days':
      return table(
        ['day', 'agent_id', 'agent', 'team', ...figureHeader],
        report.days.map((d) => [d.day, d.agentId, d.name, d.team, ...figureCells(d, reasons)]),
      );
    case 'agents':
      return table(
        ['from', 'to', 'agent_id', 'agent', 'team', 'role', 'days_worked', ...figureHeader],
        report.agents.map((a) => [report.from, report.to, a.agentId, a.name, a.team, a.role, a.daysWorked, ...figureCells(a, reasons)]),
      );
    case 'teams':
      return table(
        ['from', 'to', 'team', 'agents', 'days_worked', ...figureHeader],
        report.teams.map((t) => [report.from, report.to, t.team, t.agents, t.daysWorked, ...figureCells(t, reasons)]),
      );
    case 'campaigns':
      return table(
        ['from', 'to', 'campaign_id', 'dialed', 'connected', 'talk_sec', 'wrap_sec', 'avg_handle_sec', 'zero_length_calls', 'sales', 'sales_reversed', 'refusals', 'refusal_rate', 'agents', ...DISPOSITION_COLUMNS],
        report.campaigns.map((c) => [
          report.from,
          report.to,
          c.campaignId,
          c.dialed,
          c.connected,
          c.talkSec,
          c.wrapSec,
          c.avgHandleSec,
          c.zeroLengthCalls,
          c.sales,
          c.salesReversed,
          c.refusals,
          c.refusalRate,
          c.agents,
          ...dispositionCells(c),
        ]),
      );
  }
}
