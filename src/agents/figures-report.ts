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
  const builder = new AgentReportBuilder(opts);
  builder.add(input);
  return builder.result();
}

/**
 * The report built a group of agents at a time: `add` each group with its rows (states,
 * calls, sales, refusals), then `result`. Only the tallies of teams, totals and campaigns
 * and the finished rows are kept between groups, so a month of a big floor is never held
 * in memory at once. Any grouping gives the same report as one group of everyone.
 */
export class AgentReportBuilder {
  private readonly days: AgentDayRow[] = [];
  private readonly agents: AgentPeriodRow[] = [];
  private readonly teamTallies = new Map<string, { tally: Tally; agents: number; daysWorked: number; targetSec: number }>();
  private readonly totals = { tally: emptyTally(), targetSec: 0 };
  private readonly campaigns: CampaignRollup;

  constructor(private readonly opts: FigureOptions) {
    this.campaigns = new CampaignRollup(opts);
  }

  /** Adds these agents; rows of other agents in `input` are ignored. */
  add(input: TallyInput & { agents: readonly ReportAgent[] }): void {
    const wanted = new Map(input.agents.map((a) => [a.id, a]));
    const scoped: TallyInput = {
      states: input.states.filter((s) => wanted.has(s.agentId)),
      calls: input.calls.filter((c) => (c.agentId !== null && wanted.has(c.agentId)) || (c.dialedByAgentId !== null && wanted.has(c.dialedByAgentId))),
      sales: input.sales.filter((s) => wanted.has(s.agentId)),
      refusals: input.refusals.filter((r) => wanted.has(r.agentId)),
    };
    const tallies = tallyAgentDays(scoped, this.opts);
    for (const agent of input.agents) {
      const period = emptyTally();
      let daysWorked = 0;
      for (const [day, t] of [...(tallies.get(agent.id) ?? new Map<string, Tally>())].sort(([a], [b]) => a.localeCompare(b))) {
        if (isEmptyTally(t)) continue;
        addTally(period, t);
        if (workedDay(t)) daysWorked += 1;
        this.days.push({
          agentId: agent.id,
          name: agent.name,
          team: agent.team,
          day,
          ...finishTally(t, agent.targetSec),
          longPauseList: t.longPauses.map((p) => ({ at: p.at, reasons: p.reasons, durationSec: Math.round(p.durationMs / 1000), open: p.open })),
        });
      }
      const targetSec = agent.targetSec * daysWorked;
      this.agents.push({ agentId: agent.id, name: agent.name, team: agent.team, role: agent.role, daysWorked, ...finishTally(period, targetSec) });
      const team = this.teamTallies.get(agent.team) ?? { tally: emptyTally(), agents: 0, daysWorked: 0, targetSec: 0 };
      addTally(team.tally, period);
      team.agents += 1;
      team.daysWorked += daysWorked;
      team.targetSec += targetSec;
      this.teamTallies.set(agent.team, team);
      addTally(this.totals.tally, period);
      this.totals.targetSec += targetSec;
    }
    this.campaigns.add(scoped, (agentId) => wanted.has(agentId));
  }

  result(): AgentReport {
    const { opts } = this;
    const days = [...this.days].sort((a, b) => a.day.localeCompare(b.day) || a.name.localeCompare(b.name) || a.agentId - b.agentId);
    const agents = [...this.agents].sort((a, b) => a.name.localeCompare(b.name) || a.agentId - b.agentId);
    const teams: TeamRow[] = [...this.teamTallies]
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
      campaigns: this.campaigns.rows(),
      totals: finishTally(this.totals.tally, this.totals.targetSec),
    };
  }
}

/** Per-campaign roll-up: calls, their talk and the wrap-up after them, sales and refusals. */
export function campaignRows(input: TallyInput, opts: FigureOptions): CampaignRow[] {
  const rollup = new CampaignRollup(opts);
  rollup.add(input, () => true);
  return rollup.rows();
}

type CampaignAcc = { dialed: number; connected: number; talkMs: number; wrapMs: number; zero: number; sales: number; reversed: number; refusals: number; agents: Set<number>; dispositions: Record<string, number>; undisposed: number };

/**
 * The campaign roll-up added up a group of agents at a time: a call counts as dialed for the
 * agent who dialed it and as connected for the agent who took it, each only in that agent's group.
 */
export class CampaignRollup {
  private readonly acc = new Map<number, CampaignAcc>();
  private readonly start: number;
  private readonly limit: number;

  constructor(private readonly opts: FigureOptions) {
    const { start, end } = periodRange(opts.from, opts.to, opts.timeZone);
    this.start = start;
    this.limit = Math.min(end, opts.now);
  }

  private of(campaignId: number): CampaignAcc {
    let a = this.acc.get(campaignId);
    if (!a) this.acc.set(campaignId, (a = { dialed: 0, connected: 0, talkMs: 0, wrapMs: 0, zero: 0, sales: 0, reversed: 0, refusals: 0, agents: new Set(), dispositions: {}, undisposed: 0 }));
    return a;
  }

  /** Adds the rows of a group of agents; `inGroup` says who is in it. */
  add(input: TallyInput, inGroup: (agentId: number) => boolean): void {
    const { opts, start, limit } = this;
    const inPeriod = (t: number): boolean => t >= start && t < limit;
    const zeroLengthMs = opts.zeroLengthMs ?? 1000;
    const campaignOfCall = new Map<string, number>();
    for (const c of input.calls) {
      campaignOfCall.set(c.id, c.campaignId);
      if (c.dialedByAgentId !== null && inGroup(c.dialedByAgentId) && inPeriod(c.originatedAt)) this.of(c.campaignId).dialed += 1;
      if (c.agentId === null || !inGroup(c.agentId)) continue;
      if (c.agentConnectedAt === null || c.endedAt === null || c.endedAt > opts.now || !inPeriod(c.agentConnectedAt)) continue;
      const a = this.of(c.campaignId);
      const talk = Math.max(0, c.endedAt - c.agentConnectedAt);
      a.connected += 1;
      a.talkMs += talk;
      if (talk < zeroLengthMs) a.zero += 1;
      if (c.dispositionCategory === null) a.undisposed += 1;
      else a.dispositions[c.dispositionCategory] = (a.dispositions[c.dispositionCategory] ?? 0) + 1;
      a.agents.add(c.agentId);
    }
    for (const iv of stateIntervals(input.states, opts.now)) {
      if (iv.state !== 'wrap-up' || iv.callId === null || !inGroup(iv.agentId)) continue;
      const campaignId = campaignOfCall.get(iv.callId);
      const ms = Math.min(iv.end, limit) - Math.max(iv.start, start);
      if (campaignId !== undefined && ms > 0) this.of(campaignId).wrapMs += ms;
    }
    for (const s of input.sales) {
      if (s.campaignId === null || !inGroup(s.agentId) || !inPeriod(s.at)) continue;
      const a = this.of(s.campaignId);
      a.sales += 1;
      if (s.reversedAt !== null && s.reversedAt <= opts.now) a.reversed += 1;
    }
    for (const r of input.refusals) if (r.campaignId !== null && inGroup(r.agentId) && inPeriod(r.at)) this.of(r.campaignId).refusals += 1;
  }

  rows(): CampaignRow[] {
    return [...this.acc]
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
}
