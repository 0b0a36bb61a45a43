/**
 * What pacing knows about each campaign's calls: the rolling estimators of pacing/stats.ts
 * (live-answer rate, time to answer, ringing time of unanswered calls, talk and wrap-up
 * time), the measured length of the opening, and the abandon record.
 *
 * The calls table is the record: on first use after a start, a campaign's estimators are
 * rebuilt by replaying its most recent calls, so a restart does not send pacing back to its
 * priors; from then on every ended call is fed in as it closes. Wrap-up is not in the calls
 * table, so it starts from the service's WRAP_UP_MS after a restart and is measured again.
 *
 * The abandon record is counted from the calls table (lifetime and last 30 days), refreshed
 * every minute and incremented as calls end in between. Abandoned = outcome `abandoned`, plus
 * answered calls the service lost (`interrupted`) before any agent joined: the customer was
 * hung up on without a conversation, which is what an abandoned call is. Live answered =
 * every call with an answer time (all answers are taken as live: the dialer has no answering-
 * machine detection, so a machine counts as a person — the cautious side for the rate).
 * Inbound calls (customers calling back, src/inbound) are not dials: pacing never sees them.
 */
import { and, desc, eq, gte, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { calls } from '../db/schema.js';
import type { AbandonWindow } from './pacing/types.js';
import {
  DEFAULT_STATS_PRIORS,
  EMPTY_MEAN,
  emptyCampaignStats,
  estimateMean,
  recordLiveAnswer,
  recordNonLive,
  recordTalkTime,
  recordValue,
  recordWrapTime,
  type CampaignStatsState,
  type MeanState,
  type StatsPriors,
} from './pacing/stats.js';

type CallRow = typeof calls.$inferSelect;
/** The moments of a call pacing learns from. */
export type CallFacts = Pick<CallRow, 'originatedAt' | 'answeredAt' | 'agentConnectedAt' | 'endedAt' | 'openingStartedAt' | 'openingFinishedAt' | 'outcome'>;

export const THIRTY_DAYS_MS = 30 * 86_400_000;
/** Calls replayed to rebuild a campaign's estimators (their half-lives are 1,000–2,000 observations). */
const REBUILD_CALLS = 4000;
const ABANDON_REFRESH_MS = 60_000;
const OPENING_PRIOR = { mean: 5, weight: 3 };
const UNANSWERED: ReadonlySet<string> = new Set(['busy', 'no-answer', 'rejected', 'congestion', 'failed', 'unallocated']);

/** Whether a closed call counts as abandoned (see the module comment). */
export function isAbandoned(c: Pick<CallRow, 'outcome' | 'answeredAt' | 'agentConnectedAt'>): boolean {
  return c.outcome === 'abandoned' || (c.outcome === 'interrupted' && c.answeredAt !== null && c.agentConnectedAt === null);
}

/** SQL twin of isAbandoned, for counting. */
export const ABANDONED_SQL: SQL<number> = sql<number>`coalesce(sum(case when ${calls.outcome} = 'abandoned' or (${calls.outcome} = 'interrupted' and ${calls.answeredAt} is not null and ${calls.agentConnectedAt} is null) then 1 else 0 end), 0)`;
export const LIVE_SQL: SQL<number> = sql<number>`coalesce(sum(case when ${calls.answeredAt} is not null then 1 else 0 end), 0)`;

/** Feeds one closed call into the estimators; `secondMs` is how many clock ms make a pacing second. Pure. */
export function recordCall(s: CampaignStatsState, c: CallFacts, secondMs: number): CampaignStatsState {
  const sec = (from: number, to: number) => Math.max(0, to - from) / secondMs;
  let next = s;
  if (c.answeredAt !== null) next = recordLiveAnswer(next, sec(c.originatedAt, c.answeredAt));
  else if (c.outcome && UNANSWERED.has(c.outcome) && c.endedAt !== null) next = recordNonLive(next, sec(c.originatedAt, c.endedAt));
  if (c.agentConnectedAt !== null && c.endedAt !== null) next = recordTalkTime(next, sec(c.agentConnectedAt, c.endedAt));
  return next;
}

interface Book {
  stats: CampaignStatsState;
  opening: MeanState;
}

interface AbandonEntry {
  lifetime: { abandoned: number; liveAnswered: number };
  last30Days: { abandoned: number; liveAnswered: number };
  at: number;
}

export interface PacingBookOptions {
  db: Db;
  clock: Clock;
  /** Clock milliseconds per pacing second (1000; less when a test compresses time). */
  secondMs?: number;
  /** The service's wrap-up time, the prior of the wrap-up estimate. */
  wrapUpMs?: number;
}

export class PacingBook {
  private readonly books = new Map<number, Book>();
  private readonly abandons = new Map<number, AbandonEntry>();
  readonly secondMs: number;
  readonly priors: StatsPriors;

  constructor(private readonly opts: PacingBookOptions) {
    this.secondMs = opts.secondMs ?? 1000;
    this.priors = { ...DEFAULT_STATS_PRIORS, wrap: { mean: (opts.wrapUpMs ?? 0) / this.secondMs, weight: DEFAULT_STATS_PRIORS.wrap.weight } };
  }

  /** The campaign's estimators (rebuilt from its recent calls on first use). */
  stats(campaignId: number, ringTimeoutSec: number): CampaignStatsState {
    return this.book(campaignId, ringTimeoutSec).stats;
  }

  /** Mean length of the campaign's opening, pacing seconds. */
  openingSec(campaignId: number): number {
    const b = this.books.get(campaignId);
    return estimateMean(b?.opening ?? EMPTY_MEAN, OPENING_PRIOR);
  }

  /** A closed call of the campaign: feeds its estimators and its abandon record. */
  callEnded(campaignId: number, c: CallFacts & Pick<CallRow, 'agentConnectedAt'>): void {
    const b = this.books.get(campaignId);
    if (b) {
      b.stats = recordCall(b.stats, c, this.secondMs);
      if (c.openingStartedAt !== null && c.openingFinishedAt !== null) {
        b.opening = recordValue(b.opening, (c.openingFinishedAt - c.openingStartedAt) / this.secondMs);
      }
    }
    const a = this.abandons.get(campaignId);
    if (a) {
      const live = c.answeredAt !== null ? 1 : 0;
      const abandoned = isAbandoned(c) ? 1 : 0;
      for (const w of [a.lifetime, a.last30Days]) {
        w.liveAnswered += live;
        w.abandoned += abandoned;
      }
    }
  }

  /** An agent's wrap-up after a call of the campaign ended, clock ms. */
  wrapEnded(campaignId: number, wrapMs: number): void {
    const b = this.books.get(campaignId);
    if (b) b.stats = recordWrapTime(b.stats, Math.max(0, wrapMs) / this.secondMs);
  }

  /** Abandoned and live-answered counts, lifetime and over the last 30 days. */
  abandonCounts(campaignId: number): { lifetime: AbandonWindow; last30Days: AbandonWindow } {
    const now = this.opts.clock.now();
    let a = this.abandons.get(campaignId);
    if (!a || now - a.at >= ABANDON_REFRESH_MS || now < a.at) {
      a = { lifetime: this.countAbandons(campaignId, null), last30Days: this.countAbandons(campaignId, now - THIRTY_DAYS_MS), at: now };
      this.abandons.set(campaignId, a);
    }
    return { lifetime: { ...a.lifetime }, last30Days: { ...a.last30Days } };
  }

  private countAbandons(campaignId: number, since: number | null): { abandoned: number; liveAnswered: number } {
    const row = this.opts.db
      .select({ abandoned: ABANDONED_SQL, liveAnswered: LIVE_SQL })
      .from(calls)
      .where(and(eq(calls.campaignId, campaignId), eq(calls.direction, 'outbound'), eq(calls.state, 'ended'), since === null ? undefined : gte(calls.originatedAt, since)))
      .get();
    return { abandoned: Number(row?.abandoned ?? 0), liveAnswered: Number(row?.liveAnswered ?? 0) };
  }

  private book(campaignId: number, ringTimeoutSec: number): Book {
    let b = this.books.get(campaignId);
    if (b) return b;
    b = { stats: emptyCampaignStats(Math.max(60, ringTimeoutSec + 1)), opening: EMPTY_MEAN };
    const recent = this.opts.db
      .select()
      .from(calls)
      .where(and(eq(calls.campaignId, campaignId), eq(calls.direction, 'outbound'), eq(calls.state, 'ended'), isNotNull(calls.outcome)))
      .orderBy(desc(calls.originatedAt))
      .limit(REBUILD_CALLS)
      .all()
      .reverse();
    for (const c of recent) {
      b.stats = recordCall(b.stats, c, this.secondMs);
      if (c.openingStartedAt !== null && c.openingFinishedAt !== null) {
        b.opening = recordValue(b.opening, (c.openingFinishedAt - c.openingStartedAt) / this.secondMs);
      }
    }
    this.books.set(campaignId, b);
    return b;
  }
}
