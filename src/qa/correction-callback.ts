/**
 * The call back that corrects a call (manual 000: a deduction is halved when the agent calls
 * the customer back to correct within 30 minutes of hang-up): the first later call by the
 * same agent to the same contact that the customer answered. The scoring rule itself is pure
 * (scoring/score.ts); this reads the calls.
 */
import { and, asc, eq, gte, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { calls } from '../db/schema.js';

export interface CorrectionCallback {
  /** The call back. */
  callId: string;
  /** From the scored call's hang-up to the customer answering the call back, ms. */
  afterMs: number;
}

/** The scored call's first answered call back by its agent, or null (none, or the call has not ended). */
export function correctionCallback(db: Db, callId: string): CorrectionCallback | null {
  const call = db.select({ contactId: calls.contactId, agentId: calls.agentId, endedAt: calls.endedAt }).from(calls).where(eq(calls.id, callId)).get();
  if (!call || call.agentId === null || call.endedAt === null) return null;
  const back = db
    .select({ id: calls.id, answeredAt: calls.answeredAt })
    .from(calls)
    .where(and(eq(calls.contactId, call.contactId), eq(calls.agentId, call.agentId), ne(calls.id, callId), isNotNull(calls.answeredAt), gte(calls.answeredAt, call.endedAt)))
    .orderBy(asc(calls.answeredAt))
    .get();
  return back?.answeredAt == null ? null : { callId: back.id, afterMs: back.answeredAt - call.endedAt };
}
