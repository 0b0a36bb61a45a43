/**
 * The I/O around the pure agent figures: loads the state log, the call rows and the sales of a
 * period, and hands them to figures.ts / figures-report.ts.
 */
import { and, eq, gte, inArray, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { calls, campaigns } from '../db/schema.js';
import type { AgentRegistry } from './agent-registry.js';
import type { AgentSessionsStore } from './agent-sessions-store.js';
import { dayCount, isDay, monthOf, monthRange, periodRange } from './centre-days.js';
import { tallyAgentDays, type CallFact, type FigureOptions, type Tally, type TallyInput } from './figures.js';
import { AgentReportBuilder, type AgentReport } from './figures-report.js';
import type { SalesLedger } from './sales-ledger.js';
import { Errors } from '../errors.js';
import { callsHandledBy, partsOf, splitByHandlers } from '../transfers/handler-parts.js';

/** Longest period one report may cover. */
export const MAX_REPORT_DAYS = 366;

/**
 * Agents loaded and tallied at a time: a month of 100 agents is about a million state rows,
 * which held at once took 1.3 GB peak RSS; a group's rows are dropped once they are tallied
 * (bench/agent-figures.ts, 100 agents: groups of 10 → 0.49 GB, of 2 → 0.32 GB, no slower:
 * the queries are indexed by agent, so one agent at a time costs no extra scan).
 */
export const REPORT_AGENTS_PER_GROUP = 1;

/** Options of {@link AgentReportService}. */
export interface AgentReportServiceOptions {
  db: Db;
  clock: Clock;
  registry: AgentRegistry;
  sessions: AgentSessionsStore;
  /** Sales and refusals (issue 4); {@link noSalesLedger} until subscriptions exist. */
  sales: SalesLedger;
  timeZone: string;
  longPauseMs: number;
  /** Agents loaded and tallied at a time; default {@link REPORT_AGENTS_PER_GROUP}. */
  agentsPerGroup?: number;
}

/** Which agents a report covers. */
export interface ReportScope {
  /** Only these agents (an agent's own report, a team lead's team). */
  agentIds?: readonly number[];
  team?: string;
}

/** Agent reports and daily tallies from the database. */
export class AgentReportService {
  constructor(private readonly opts: AgentReportServiceOptions) {}

  get timeZone(): string {
    return this.opts.timeZone;
  }

  /** The report for local days `from`..`to`. @throws ReportPeriodInvalid (400). */
  report(from: string, to: string, scope: ReportScope = {}): AgentReport & { notes: string[] } {
    if (!isDay(from) || !isDay(to)) throw new Errors.ReportPeriodInvalid(`from and to must be dates YYYY-MM-DD (got ${from}, ${to})`);
    if (to < from) throw new Errors.ReportPeriodInvalid(`to (${to}) is before from (${from})`);
    if (dayCount(from, to) > MAX_REPORT_DAYS) throw new Errors.ReportPeriodInvalid(`at most ${MAX_REPORT_DAYS} days at once`);
    const agents = this.opts.registry.reportAgents({ ...(scope.team !== undefined ? { team: scope.team } : {}), ...(scope.agentIds ? { ids: scope.agentIds } : {}) });
    const opts = this.figureOptions(from, to);
    const builder = new AgentReportBuilder(opts);
    const sales = this.loadSales(from, to);
    const size = Math.max(1, this.opts.agentsPerGroup ?? REPORT_AGENTS_PER_GROUP);
    for (let i = 0; i < agents.length; i += size) {
      const group = agents.slice(i, i + size);
      builder.add({ ...this.load(from, to, group.map((a) => a.id), sales), agents: group });
    }
    const notes = this.opts.sales.available
      ? []
      : ['Sales, refusals and commission are 0: subscriptions (issue 4) do not exist yet, so no sale or refusal is recorded anywhere.'];
    return { ...builder.result(), notes };
  }

  /** Raw tallies of one local day for the given agents (the live view). */
  dayTallies(day: string, agentIds: readonly number[]): Map<number, Tally> {
    const input = this.load(day, day, agentIds);
    const byAgent = tallyAgentDays(input, this.figureOptions(day, day));
    const out = new Map<number, Tally>();
    for (const [agentId, days] of byAgent) {
      const t = days.get(day);
      if (t) out.set(agentId, t);
    }
    return out;
  }

  private figureOptions(from: string, to: string): FigureOptions {
    return { timeZone: this.opts.timeZone, from, to, now: this.opts.clock.now(), longPauseMs: this.opts.longPauseMs };
  }

  /** Sales of the period's whole months (the commission tier counts the month) and its refusals. */
  private loadSales(from: string, to: string): Pick<TallyInput, 'sales' | 'refusals'> {
    const { start, end } = periodRange(from, to, this.opts.timeZone);
    const salesFrom = monthRange(monthOf(from, this.opts.timeZone), this.opts.timeZone).start;
    const salesTo = monthRange(monthOf(to, this.opts.timeZone), this.opts.timeZone).end;
    return { sales: this.opts.sales.sales(salesFrom, salesTo), refusals: this.opts.sales.refusals(start, end) };
  }

  private load(from: string, to: string, agentIds: readonly number[], sales = this.loadSales(from, to)): TallyInput {
    const { start, end } = periodRange(from, to, this.opts.timeZone);
    if (agentIds.length === 0) return { states: [], calls: [], sales: [], refusals: [] };
    const wanted = new Set(agentIds);
    const states = this.opts.sessions.stateEntries(start, end, agentIds);
    const periodCalls = this.loadCalls(start, end, agentIds);
    // Calls connected before the period whose wrap-up runs into it: their campaign is needed.
    // So are transferred calls the agents had a part of (the call row names the last handler).
    const known = new Set(periodCalls.map((c) => c.id));
    const handled = callsHandledBy(this.opts.db, agentIds, start, end);
    const missing = [...new Set([...states.map((e) => e.callId), ...handled].filter((id): id is string => id !== null && !known.has(id)))];
    const loaded = [...periodCalls, ...this.loadCallsById(missing)];
    return {
      states,
      // Talk time goes to each handler of a transferred call for their part.
      calls: splitByHandlers(loaded, partsOf(this.opts.db, loaded.map((c) => c.id))),
      sales: sales.sales.filter((s) => wanted.has(s.agentId)),
      refusals: sales.refusals.filter((r) => wanted.has(r.agentId)),
    };
  }

  /** Calls of these agents connected or placed in `[start, end)`. */
  private loadCalls(start: number, end: number, agentIds: readonly number[]): CallFact[] {
    const out: CallFact[] = [];
    for (let i = 0; i < agentIds.length; i += 500) {
      const ids = agentIds.slice(i, i + 500);
      const where = or(
        and(
          isNotNull(calls.agentId),
          inArray(calls.agentId, ids),
          or(and(gte(calls.agentConnectedAt, start), lt(calls.agentConnectedAt, end)), and(gte(calls.originatedAt, start), lt(calls.originatedAt, end))),
        ),
        // Dialed from their preview card, answered or not.
        and(inArray(calls.dialedByAgentId, ids), gte(calls.originatedAt, start), lt(calls.originatedAt, end)),
      );
      for (const c of this.selectCalls(where)) out.push(c);
    }
    return out;
  }

  private loadCallsById(ids: readonly string[]): CallFact[] {
    const out: CallFact[] = [];
    for (let i = 0; i < ids.length; i += 500) for (const c of this.selectCalls(inArray(calls.id, ids.slice(i, i + 500)))) out.push(c);
    return out;
  }

  private selectCalls(where: SQL | undefined): CallFact[] {
    return this.opts.db
      .select({
        id: calls.id,
        agentId: calls.agentId,
        campaignId: calls.campaignId,
        dialedByAgentId: calls.dialedByAgentId,
        originatedAt: calls.originatedAt,
        agentConnectedAt: calls.agentConnectedAt,
        endedAt: calls.endedAt,
        disposition: calls.disposition,
        dispositionCategory: calls.dispositionCategory,
      })
      .from(calls)
      .where(where)
      .all();
  }
}
