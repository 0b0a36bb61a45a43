/**
 * The QA sampling population (requirements §4): a campaign's completed, answered calls with
 * a verified recording and an agent, answered within a cycle and ended by a cutoff instant.
 * A plan run records its cutoff, so its population can be rebuilt for an audit.
 */
import { and, asc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { calls } from '../db/schema.js';

/** One eligible call. */
export interface EligibleCall {
  callId: string;
  agentId: number;
  answeredAt: number;
  /** Talk time: from the agent joining (or the answer) to the end, whole seconds. */
  durationSec: number;
}

/** Which calls: answered in [from, to], ended by `cutoff`. */
export interface PopulationWindow {
  campaignId: number;
  from: number;
  to: number;
  cutoff: number;
}

function where(w: PopulationWindow) {
  return and(
    eq(calls.campaignId, w.campaignId),
    eq(calls.state, 'ended'),
    eq(calls.outcome, 'answered'),
    eq(calls.recordingState, 'verified'),
    isNotNull(calls.agentId),
    gte(calls.answeredAt, w.from),
    lte(calls.answeredAt, w.to),
    lte(calls.endedAt, w.cutoff),
  );
}

/** The eligible calls, in call-id order (the order the population hash is taken in). */
export function eligibleCalls(db: Db, w: PopulationWindow): EligibleCall[] {
  const rows = db
    .select({
      callId: calls.id,
      agentId: calls.agentId,
      answeredAt: calls.answeredAt,
      startedAt: sql<number>`coalesce(${calls.agentConnectedAt}, ${calls.answeredAt})`,
      endedAt: calls.endedAt,
    })
    .from(calls)
    .where(where(w))
    .orderBy(asc(calls.id))
    .all();
  return rows.map((r) => ({
    callId: r.callId,
    agentId: r.agentId as number,
    answeredAt: r.answeredAt as number,
    durationSec: Math.max(0, Math.round(((r.endedAt as number) - r.startedAt) / 1000)),
  }));
}

/** How many calls are eligible. */
export function eligibleCount(db: Db, w: PopulationWindow): number {
  return db.select({ n: sql<number>`count(*)` }).from(calls).where(where(w)).get()?.n ?? 0;
}
