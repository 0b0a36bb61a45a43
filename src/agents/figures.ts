/**
 * Agent figures, pure: from the agent state log, the call rows and the sales ledger to raw
 * per-agent, per-day tallies, and from a tally to the reported figures. No I/O, no clock:
 * `now` is an input. (Roll-ups by period, team and campaign: figures-report.ts.)
 *
 * Definitions (what the reports and the CSV columns mean):
 * - **logged-in time**: time in any state but `connecting` (the softphone ringing at login),
 *   split at local midnight. Pauses are part of it.
 * - **connected**: calls the agent talked on that ended, counted on the day the agent was
 *   connected; **talk time** is `endedAt − agentConnectedAt` of those calls (a call across
 *   midnight counts whole on the day it was connected).
 * - **dialed (preview)**: calls the agent dialed from a preview card (calls.dialedByAgentId, a
 *   fact stored when the call is placed; changing a campaign's mode later changes nothing), by
 *   the time they were placed. Predictive and progressive calls are dialed by the system.
 * - **dispositions** of the connected calls, by category; **undisposed**: connected calls
 *   without one.
 * - **wrap time**: time in `wrap-up`. **Average handle time** = (talk + wrap) ÷ connected.
 * - **pause time** by reason code: time in `paused`. A **long pause** is a continuous stretch in
 *   `paused` (a change of reason does not restart it) longer than the limit (5 min); it is
 *   counted on the day it began.
 * - **occupancy** = (talk + wrap) ÷ (logged-in − pause): the share of the time the agent was
 *   available to the dialer that went into calls.
 * - **zero-length calls** (零时长): connected calls with less than a second of talk.
 * - **refusal rate** = refusals ÷ connected. **Sales**, refusals and **commission** come from the
 *   sales ledger (see sales-ledger.ts and commission.ts).
 * - **target attainment** = talk ÷ target, the target being the daily target per day worked
 *   (a day with logged-in time or a connected call).
 */
import type { AgentLogState } from '../db/schema.js';
import { DayCalendar, periodRange } from './centre-days.js';
import { commissionPerSaleFen, fenToYuan } from './commission.js';
import type { RefusalFact, SaleFact } from './sales-ledger.js';

/** One row of the agent state log. Rows of a session must be given in the order they were written. */
export interface StateLogEntry {
  sessionId: number;
  agentId: number;
  state: AgentLogState;
  reason: string | null;
  callId: string | null;
  at: number;
}

/** What the figures need of a call row. */
export interface CallFact {
  id: string;
  agentId: number | null;
  campaignId: number;
  /** The agent who dialed it from a preview card, if one did. */
  dialedByAgentId: number | null;
  /** The disposition's category, when the agent gave one. */
  dispositionCategory: string | null;
  originatedAt: number;
  agentConnectedAt: number | null;
  endedAt: number | null;
}

/** Options shared by every figure computation. */
export interface FigureOptions {
  /** IANA time zone of the centre: days run from local midnight. */
  timeZone: string;
  /** First and last day of the period, `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
  /** Now: open sessions and pauses run until then; nothing later counts. */
  now: number;
  /** A pause longer than this is flagged. */
  longPauseMs: number;
  /** Talk below this makes a connected call zero-length. Default 1000 ms. */
  zeroLengthMs?: number;
}

/** Talk shorter than this makes a connected call zero-length (零时长, a fault the manuals name). */
export const ZERO_LENGTH_MS = 1000;

/** A flagged pause. */
export interface LongPause {
  agentId: number;
  day: string;
  at: number;
  /** Reason code(s) of the stretch, in order. */
  reasons: string[];
  durationMs: number;
  /** Still going at `now`. */
  open: boolean;
}

/** Raw sums for one agent (or a group) over some span; {@link finishTally} derives the figures. */
export interface Tally {
  dialed: number;
  connected: number;
  talkMs: number;
  wrapMs: number;
  loggedInMs: number;
  pauseMs: number;
  pauseByReasonMs: Record<string, number>;
  longPauses: LongPause[];
  zeroLength: number;
  sales: number;
  salesReversed: number;
  refusals: number;
  commissionGrossFen: number;
  commissionReversedFen: number;
  /** Sales of a product whose price has no commission tier. */
  unpricedSales: number;
  /** Connected calls by disposition category. */
  dispositions: Record<string, number>;
  undisposed: number;
}

/** A tally of nothing. */
export function emptyTally(): Tally {
  return {
    dialed: 0,
    connected: 0,
    talkMs: 0,
    wrapMs: 0,
    loggedInMs: 0,
    pauseMs: 0,
    pauseByReasonMs: {},
    longPauses: [],
    zeroLength: 0,
    sales: 0,
    salesReversed: 0,
    refusals: 0,
    commissionGrossFen: 0,
    commissionReversedFen: 0,
    unpricedSales: 0,
    dispositions: {},
    undisposed: 0,
  };
}

/** Adds `from` into `into` (mutates and returns `into`). */
export function addTally(into: Tally, from: Tally): Tally {
  into.dialed += from.dialed;
  into.connected += from.connected;
  into.talkMs += from.talkMs;
  into.wrapMs += from.wrapMs;
  into.loggedInMs += from.loggedInMs;
  into.pauseMs += from.pauseMs;
  for (const [reason, ms] of Object.entries(from.pauseByReasonMs)) into.pauseByReasonMs[reason] = (into.pauseByReasonMs[reason] ?? 0) + ms;
  into.longPauses.push(...from.longPauses);
  into.zeroLength += from.zeroLength;
  into.sales += from.sales;
  into.salesReversed += from.salesReversed;
  into.refusals += from.refusals;
  into.commissionGrossFen += from.commissionGrossFen;
  into.commissionReversedFen += from.commissionReversedFen;
  into.unpricedSales += from.unpricedSales;
  for (const [k, n] of Object.entries(from.dispositions)) into.dispositions[k] = (into.dispositions[k] ?? 0) + n;
  into.undisposed += from.undisposed;
  return into;
}

/** True when nothing at all happened. */
export function isEmptyTally(t: Tally): boolean {
  return t.dialed + t.connected + t.loggedInMs + t.sales + t.refusals === 0 && t.longPauses.length === 0;
}

/** One span of one state of one session. */
export interface StateInterval {
  agentId: number;
  state: Exclude<AgentLogState, 'logged-out'>;
  reason: string | null;
  callId: string | null;
  start: number;
  end: number;
  /** The session is still in this state at `now`. */
  open: boolean;
}

/** The state log as spans: each row lasts until the next row of its session (or `now`). */
export function stateIntervals(entries: readonly StateLogEntry[], now: number): StateInterval[] {
  const bySession = new Map<number, StateLogEntry[]>();
  for (const e of entries) {
    const list = bySession.get(e.sessionId);
    if (list) list.push(e);
    else bySession.set(e.sessionId, [e]);
  }
  const out: StateInterval[] = [];
  for (const list of bySession.values()) {
    // Stable: rows written at the same millisecond keep their order.
    list.sort((a, b) => a.at - b.at);
    list.forEach((e, i) => {
      if (e.state === 'logged-out') return;
      const next = list[i + 1];
      const end = Math.min(next ? next.at : now, now);
      if (end < e.at) return;
      out.push({ agentId: e.agentId, state: e.state, reason: e.reason, callId: e.callId, start: e.at, end, open: !next });
    });
  }
  return out;
}

/** Per agent, per day tallies. */
export type AgentDayTallies = Map<number, Map<string, Tally>>;

function bucket(tallies: AgentDayTallies, agentId: number, day: string): Tally {
  let days = tallies.get(agentId);
  if (!days) tallies.set(agentId, (days = new Map()));
  let t = days.get(day);
  if (!t) days.set(day, (t = emptyTally()));
  return t;
}

/** What {@link tallyAgentDays} reads. */
export interface TallyInput {
  states: readonly StateLogEntry[];
  calls: readonly CallFact[];
  /** Sales of every month the period touches (whole months: the commission tier counts the month). */
  sales: readonly SaleFact[];
  refusals: readonly RefusalFact[];
}

/** The core: every figure's raw sum, per agent and local day of the period. */
export function tallyAgentDays(input: TallyInput, opts: FigureOptions): AgentDayTallies {
  const { timeZone, now } = opts;
  const { start: periodStart, end: periodEnd } = periodRange(opts.from, opts.to, timeZone);
  const limit = Math.min(periodEnd, now);
  const inPeriod = (t: number): boolean => t >= periodStart && t < limit;
  const zeroLengthMs = opts.zeroLengthMs ?? ZERO_LENGTH_MS;
  const tallies: AgentDayTallies = new Map();
  const calendar = new DayCalendar(timeZone, opts.from, opts.to);
  const dayOf = (ms: number): string => calendar.dayOf(ms);
  const monthOf = (ms: number): string => calendar.dayOf(ms).slice(0, 7);

  // Time in states, split at midnight and clipped to the period.
  const intervals = stateIntervals(input.states, now);
  for (const iv of intervals) {
    const from = Math.max(iv.start, periodStart);
    const to = Math.min(iv.end, limit);
    if (from >= to) continue;
    calendar.forEachDay(from, to, (day, ms) => {
      const t = bucket(tallies, iv.agentId, day);
      if (iv.state !== 'connecting') t.loggedInMs += ms;
      if (iv.state === 'wrap-up') t.wrapMs += ms;
      if (iv.state === 'paused') {
        t.pauseMs += ms;
        const reason = iv.reason ?? '(none)';
        t.pauseByReasonMs[reason] = (t.pauseByReasonMs[reason] ?? 0) + ms;
      }
    });
  }
  for (const p of longPauses(intervals, opts.longPauseMs, calendar)) {
    if (inPeriod(p.at)) bucket(tallies, p.agentId, p.day).longPauses.push(p);
  }

  for (const c of input.calls) {
    if (c.dialedByAgentId !== null && inPeriod(c.originatedAt)) bucket(tallies, c.dialedByAgentId, dayOf(c.originatedAt)).dialed += 1;
    if (c.agentId === null) continue;
    if (c.agentConnectedAt === null || c.endedAt === null || c.endedAt > now || !inPeriod(c.agentConnectedAt)) continue;
    const t = bucket(tallies, c.agentId, dayOf(c.agentConnectedAt));
    const talk = Math.max(0, c.endedAt - c.agentConnectedAt);
    t.connected += 1;
    t.talkMs += talk;
    if (talk < zeroLengthMs) t.zeroLength += 1;
    if (c.dispositionCategory === null) t.undisposed += 1;
    else t.dispositions[c.dispositionCategory] = (t.dispositions[c.dispositionCategory] ?? 0) + 1;
  }

  // Commission tier: the agent's net sales in the sale's month.
  const isReversed = (s: SaleFact): boolean => s.reversedAt !== null && s.reversedAt <= now;
  const monthNet = new Map<string, number>();
  for (const s of input.sales) {
    if (s.at > now || isReversed(s)) continue;
    const key = `${s.agentId}|${monthOf(s.at)}`;
    monthNet.set(key, (monthNet.get(key) ?? 0) + 1);
  }
  for (const s of input.sales) {
    if (!inPeriod(s.at)) continue;
    const t = bucket(tallies, s.agentId, dayOf(s.at));
    t.sales += 1;
    const fen = commissionPerSaleFen(s.priceYuan, monthNet.get(`${s.agentId}|${monthOf(s.at)}`) ?? 0);
    if (fen === null) t.unpricedSales += 1;
    else t.commissionGrossFen += fen;
    if (isReversed(s)) {
      t.salesReversed += 1;
      t.commissionReversedFen += fen ?? 0;
    }
  }
  for (const r of input.refusals) {
    if (inPeriod(r.at)) bucket(tallies, r.agentId, dayOf(r.at)).refusals += 1;
  }
  return tallies;
}

/** Continuous paused stretches longer than `limitMs` (reason changes do not break a stretch). */
export function longPauses(intervals: readonly StateInterval[], limitMs: number, calendar: Pick<DayCalendar, 'dayOf'>): LongPause[] {
  const byAgent = new Map<number, StateInterval[]>();
  for (const iv of intervals) {
    if (iv.state !== 'paused') continue;
    const list = byAgent.get(iv.agentId);
    if (list) list.push(iv);
    else byAgent.set(iv.agentId, [iv]);
  }
  const out: LongPause[] = [];
  for (const [agentId, list] of byAgent) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 0; i < list.length; ) {
      const first = list[i]!;
      const reasons = [first.reason ?? '(none)'];
      let { end, open } = first;
      let j = i + 1;
      for (let next = list[j]; next && next.start === end; next = list[++j]) {
        end = next.end;
        open = next.open;
        const reason = next.reason ?? '(none)';
        if (reasons[reasons.length - 1] !== reason) reasons.push(reason);
      }
      if (end - first.start > limitMs) {
        out.push({ agentId, day: calendar.dayOf(first.start), at: first.start, reasons, durationMs: end - first.start, open });
      }
      i = j;
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The figures as reported (seconds, ratios with 4 decimals, money in yuan). */
export interface Figures {
  dialed: number;
  connected: number;
  talkSec: number;
  wrapSec: number;
  /** (talk + wrap) ÷ connected, seconds with one decimal; null without connected calls. */
  avgHandleSec: number | null;
  pauseSec: number;
  pauseByReasonSec: Record<string, number>;
  longPauses: number;
  loggedInSec: number;
  occupancy: number | null;
  sales: number;
  salesReversed: number;
  refusals: number;
  refusalRate: number | null;
  zeroLengthCalls: number;
  targetSec: number;
  attainment: number | null;
  commissionGrossYuan: number;
  commissionReversedYuan: number;
  /** Gross less reversed. */
  commissionYuan: number;
  unpricedSales: number;
  /** Connected calls by disposition category, and those without a disposition. */
  dispositions: Record<string, number>;
  undisposed: number;
}

const sec = (ms: number): number => Math.round(ms / 1000);
const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

/** Derives the reported figures from a tally and the target for its span (seconds). */
export function finishTally(t: Tally, targetSec: number): Figures {
  const handleMs = t.talkMs + t.wrapMs;
  return {
    dialed: t.dialed,
    connected: t.connected,
    talkSec: sec(t.talkMs),
    wrapSec: sec(t.wrapMs),
    avgHandleSec: t.connected > 0 ? Math.round(handleMs / t.connected / 100) / 10 : null,
    pauseSec: sec(t.pauseMs),
    pauseByReasonSec: Object.fromEntries(Object.entries(t.pauseByReasonMs).sort(([a], [b]) => a.localeCompare(b)).map(([k, ms]) => [k, sec(ms)])),
    longPauses: t.longPauses.length,
    loggedInSec: sec(t.loggedInMs),
    occupancy: ratio(handleMs, t.loggedInMs - t.pauseMs),
    sales: t.sales,
    salesReversed: t.salesReversed,
    refusals: t.refusals,
    refusalRate: ratio(t.refusals, t.connected),
    zeroLengthCalls: t.zeroLength,
    targetSec,
    attainment: ratio(t.talkMs, targetSec * 1000),
    commissionGrossYuan: fenToYuan(t.commissionGrossFen),
    commissionReversedYuan: fenToYuan(t.commissionReversedFen),
    commissionYuan: fenToYuan(t.commissionGrossFen - t.commissionReversedFen),
    unpricedSales: t.unpricedSales,
    dispositions: { ...t.dispositions },
    undisposed: t.undisposed,
  };
}

/** A day counts towards the target when the agent worked it. */
export function workedDay(t: Tally): boolean {
  return t.loggedInMs > 0 || t.connected > 0;
}
