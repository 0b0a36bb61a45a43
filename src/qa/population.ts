/**
 * The QA sampling population (requirements §4): a campaign's completed, answered calls with
 * a verified recording and an agent, answered within a cycle and ended by a cutoff instant.
 * A plan run records its cutoff, so its population can be rebuilt for an audit.
 */
import { and, asc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { calls, qaPlanItems } from '../db/schema.js';

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
    // A call pulled for review on demand before the cutoff is counted apart from the sample.
    sql`not exists (select 1 from ${qaPlanItems} where ${qaPlanItems.callId} = ${calls.id} and ${qaPlanItems.origin} = 'on-demand' and ${qaPlanItems.sampledAt} <= ${w.cutoff})`,
  );
}

/**
 * Visits the eligible calls in call-id order (the order the population hash is taken in),
 * streaming them from the driver: a cycle of a million calls is never held twice.
 * Returns how many were visited.
 */
export function forEachEligibleCall(
  db: Db,
  w: PopulationWindow,
  visit: (callId: string, agentId: number, answeredAt: number, durationSec: number) => void,
): number {
  const query = db
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
    .toSQL();
  // The query is drizzle's; only its execution streams through better-sqlite3 (no row objects).
  const rows = db.$client.prepare(query.sql).raw(true).iterate(...query.params) as IterableIterator<[string, number, number, number, number]>;
  let n = 0;
  for (const [callId, agentId, answeredAt, startedAt, endedAt] of rows) {
    visit(callId, agentId, answeredAt, Math.max(0, Math.round((endedAt - startedAt) / 1000)));
    n += 1;
  }
  return n;
}

/** The eligible calls as an array (small populations; tests and reports). */
export function eligibleCalls(db: Db, w: PopulationWindow): EligibleCall[] {
  const out: EligibleCall[] = [];
  forEachEligibleCall(db, w, (callId, agentId, answeredAt, durationSec) => out.push({ callId, agentId, answeredAt, durationSec }));
  return out;
}

/** How many calls are eligible. */
export function eligibleCount(db: Db, w: PopulationWindow): number {
  return db.select({ n: sql<number>`count(*)` }).from(calls).where(where(w)).get()?.n ?? 0;
}
