/**
 * The agent report, pure: per agent and day, per agent over the period, per team and per
 * campaign, from the tallies of figures.ts. Figure definitions are in figures.ts.
 */
import { periodRange } from './centre-days.js';
import {
  addTally,
  emptyTally,
  finishTally,
  isEmptyTally,
  stateIntervals,
  tallyAgentDays,
  workedDay,
  type FigureOptions,
  type Figures,
  type Tally,
  type TallyInput,
} from './figures.js';

/** An agent as the report names them, with their daily target (seconds). */
export interface ReportAgent {
  id: number;
  name: string;
  team: string;
  role: string;
  targetSec: number;
}

/** Figures of one agent on one day. */
export interface AgentDayRow extends Figures {
  agentId: number;
  name: string;
  team: string;
  day: string;
  /** The flagged pauses of the day. */
  longPauseList: Array<{ at: number; reasons: string[]; durationSec: number; open: boolean }>;
}

/** Figures of one agent over the period; the target is the daily target × days worked. */
export interface AgentPeriodRow extends Figures {
  agentId: number;
  name: string;
  team: string;
  role: string;
  daysWorked: number;
}

/** A team's agents added up; attainment is against the sum of their targets. */
export interface TeamRow extends Figures {
  team: string;
  agents: number;
  daysWorked: number;
}

/** What the campaigns' calls came to (agent time outside calls belongs to no campaign). */
export interface CampaignRow {
  campaignId: number;
  dialed: number;
  connected: number;
  talkSec: number;
  wrapSec: number;
  avgHandleSec: number | null;
  zeroLengthCalls: number;
  sales: number;
  salesReversed: number;
  refusals: number;
  refusalRate: number | null;
  /** Agents who talked on its calls. */
  agents: number;
  /** Connected calls by disposition category, and those without a disposition. */
  dispositions: Record<string, number>;
  undisposed: number;
}

/** The whole report of a period (JSON answer of GET /api/reports/agents). */
export interface AgentReport {
  timeZone: string;
  from: string;
  to: string;
  generatedAt: number;
  longPauseLimitSec: number;
  days: AgentDayRow[];
  agents: AgentPeriodRow[];
  teams: TeamRow[];
  campaigns: CampaignRow[];
  /** Every agent of the report added up. */
  totals: Figures;
}

/** Builds the whole report for the agents given (the caller picks them: all, a team, one). */
export function buildAgentReport(input: TallyInput & { agents: readonly ReportAgent[] }, opts: FigureOptions): AgentReport {
  const wanted = new Map(input.agents.map((a) => [a.id, a]));
  const scoped: TallyInput = {
    states: input.states.filter((s) => wanted.has(s.agentId)),
    calls: input.calls.filter((c) => (c.agentId !== null && wanted.has(c.agentId)) || (c.dialedByAgentId !== null && wanted.has(c.dialedByAgentId))),
    sales: input.sales.filter((s) => wanted.has(s.agentId)),
    refusals: input.refusals.filter((r) => wanted.has(r.agentId)),
  };
  const tallies = tallyAgentDays(scoped, opts);

  const days: AgentDayRow[] = [];
  const agents: AgentPeriodRow[] = [];
  const teamTallies = new Map<string, { tally: Tally; agents: number; daysWorked: number; targetSec: number }>();
  const totals = { tally: emptyTally(), targetSec: 0 };
  for (const agent of input.agents) {
    const period = emptyTally();
    let daysWorked = 0;
    for (const [day, t] of [...(tallies.get(agent.id) ?? new Map<string, Tally>())].sort(([a], [b]) => a.localeCompare(b))) {
      if (isEmptyTally(t)) continue;
      addTally(period, t);
      if (workedDay(t)) daysWorked += 1;
      days.push({
        agentId: agent.id,
        name: agent.name,
        team: agent.team,
        day,
        ...finishTally(t, agent.targetSec),
        longPauseList: t.longPauses.map((p) => ({ at: p.at, reasons: p.reasons, durationSec: Math.round(p.durationMs / 1000), open: p.open })),
      });
    }
    const targetSec = agent.targetSec * daysWorked;
    agents.push({ agentId: agent.id, name: agent.name, team: agent.team, role: agent.role, daysWorked, ...finishTally(period, targetSec) });
    const team = teamTallies.get(agent.team) ?? { tally: emptyTally(), agents: 0, daysWorked: 0, targetSec: 0 };
    addTally(team.tally, period);
    team.agents += 1;
    team.daysWorked += daysWorked;
    team.targetSec += targetSec;
    teamTallies.set(agent.team, team);
    addTally(totals.tally, period);
    totals.targetSec += targetSec;
  }
  days.sort((a, b) => a.day.localeCompare(b.day) || a.name.localeCompare(b.name) || a.agentId - b.agentId);
  agents.sort((a, b) => a.name.localeCompare(b.name) || a.agentId - b.agentId);
  const teams: TeamRow[] = [...teamTallies]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([team, t]) => ({ team, agents: t.agents, daysWorked: t.daysWorked, ...finishTally(t.tally, t.targetSec) }));

  return {
    timeZone: opts.timeZone,
    from: opts.from,
    to: opts.to,
    generatedAt: opts.now,
    longPauseLimitSec: Math.round(opts.longPauseMs / 1000),
    days,
    agents,
    teams,
    campaigns: campaignRows(scoped, opts),
    totals: finishTally(totals.tally, totals.targetSec),
  };
}

/** Per-campaign roll-up: calls, their talk and the wrap-up after them, sales and refusals. */
export function campaignRows(input: TallyInput, opts: FigureOptions): CampaignRow[] {
  const { start, end } = periodRange(opts.from, opts.to, opts.timeZone);
  const limit = Math.min(end, opts.now);
  const inPeriod = (t: number): boolean => t >= start && t < limit;
  const zeroLengthMs = opts.zeroLengthMs ?? 1000;
  type Acc = { dialed: number; connected: number; talkMs: number; wrapMs: number; zero: number; sales: number; reversed: number; refusals: number; agents: Set<number>; dispositions: Record<string, number>; undisposed: number };
  const acc = new Map<number, Acc>();
  const of = (campaignId: number): Acc => {
    let a = acc.get(campaignId);
    if (!a) acc.set(campaignId, (a = { dialed: 0, connected: 0, talkMs: 0, wrapMs: 0, zero: 0, sales: 0, reversed: 0, refusals: 0, agents: new Set(), dispositions: {}, undisposed: 0 }));
    return a;
  };
  const campaignOfCall = new Map<string, number>();
  for (const c of input.calls) {
    campaignOfCall.set(c.id, c.campaignId);
    if (c.dialedByAgentId !== null && inPeriod(c.originatedAt)) of(c.campaignId).dialed += 1;
    if (c.agentId === null) continue;
    if (c.agentConnectedAt === null || c.endedAt === null || c.endedAt > opts.now || !inPeriod(c.agentConnectedAt)) continue;
    const a = of(c.campaignId);
    const talk = Math.max(0, c.endedAt - c.agentConnectedAt);
    a.connected += 1;
    a.talkMs += talk;
    if (talk < zeroLengthMs) a.zero += 1;
    if (c.dispositionCategory === null) a.undisposed += 1;
    else a.dispositions[c.dispositionCategory] = (a.dispositions[c.dispositionCategory] ?? 0) + 1;
    a.agents.add(c.agentId);
  }
  for (const iv of stateIntervals(input.states, opts.now)) {
    if (iv.state !== 'wrap-up' || iv.callId === null) continue;
    const campaignId = campaignOfCall.get(iv.callId);
    const ms = Math.min(iv.end, limit) - Math.max(iv.start, start);
    if (campaignId !== undefined && ms > 0) of(campaignId).wrapMs += ms;
  }
  for (const s of input.sales) {
    if (s.campaignId === null || !inPeriod(s.at)) continue;
    const a = of(s.campaignId);
    a.sales += 1;
    if (s.reversedAt !== null && s.reversedAt <= opts.now) a.reversed += 1;
  }
  for (const r of input.refusals) if (r.campaignId !== null && inPeriod(r.at)) of(r.campaignId).refusals += 1;
  return [...acc]
    .sort(([a], [b]) => a - b)
    .map(([campaignId, a]) => ({
      campaignId,
      dialed: a.dialed,
      connected: a.connected,
      talkSec: Math.round(a.talkMs / 1000),
      wrapSec: Math.round(a.wrapMs / 1000),
      avgHandleSec: a.connected > 0 ? Math.round((a.talkMs + a.wrapMs) / a.connected / 100) / 10 : null,
      zeroLengthCalls: a.zero,
      sales: a.sales,
      salesReversed: a.reversed,
      refusals: a.refusals,
      refusalRate: a.connected > 0 ? Math.round((a.refusals / a.connected) * 10_000) / 10_000 : null,
      agents: a.agents.size,
      dispositions: a.dispositions,
      undisposed: a.undisposed,
    }));
}
