/**
 * Talk time per handler: a transferred call counts for each agent who had the customer, for
 * their part (their handoff row's from..to), not whole for the last one. Pure split plus the
 * two reads the agent reports need.
 */
import { and, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import type { CallFact } from '../agents/figures.js';
import type { Db } from '../db/database.js';
import { callHandlers } from '../db/schema-transfers.js';

export interface HandlerPart {
  callId: string;
  agentId: number | null;
  fromAt: number;
  toAt: number | null;
}

/** The disposition category an earlier handler's part carries: the call's disposition is the last handler's. */
export const HANDED_ON = 'transferred';

/**
 * Replaces each call that has handoff rows by one fact per agent part: connected at the part's
 * start, ended at its end (a part still open ends with the call). Calls without rows are kept.
 */
export function splitByHandlers(calls: readonly CallFact[], parts: readonly HandlerPart[]): CallFact[] {
  const byCall = new Map<string, HandlerPart[]>();
  for (const p of parts) {
    if (p.agentId === null) continue;
    const list = byCall.get(p.callId);
    if (list) list.push(p);
    else byCall.set(p.callId, [p]);
  }
  const out: CallFact[] = [];
  for (const c of calls) {
    const list = byCall.get(c.id);
    if (!list?.length) {
      out.push(c);
      continue;
    }
    const last = list.reduce((x, y) => (y.fromAt >= x.fromAt ? y : x));
    for (const p of list) {
      out.push({
        ...c,
        agentId: p.agentId,
        agentConnectedAt: p.fromAt,
        endedAt: p.toAt ?? c.endedAt,
        dispositionCategory: p === last ? c.dispositionCategory : HANDED_ON,
        // The call was dialed once: the preview dial counts on the first part only.
        dialedByAgentId: p === list[0] ? c.dialedByAgentId : null,
      });
    }
  }
  return out;
}

/** Ids of calls where these agents had a handoff part starting in [start, end). */
export function callsHandledBy(db: Db, agentIds: readonly number[], start: number, end: number): string[] {
  if (agentIds.length === 0) return [];
  const rows = db
    .selectDistinct({ callId: callHandlers.callId })
    .from(callHandlers)
    .where(and(isNotNull(callHandlers.agentId), inArray(callHandlers.agentId, [...agentIds]), gte(callHandlers.fromAt, start), lt(callHandlers.fromAt, end)))
    .all();
  return rows.map((r) => r.callId);
}

/** Every handoff part of these calls. */
export function partsOf(db: Db, callIds: readonly string[]): HandlerPart[] {
  const out: HandlerPart[] = [];
  for (let i = 0; i < callIds.length; i += 500) {
    out.push(
      ...db
        .select({ callId: callHandlers.callId, agentId: callHandlers.agentId, fromAt: callHandlers.fromAt, toAt: callHandlers.toAt })
        .from(callHandlers)
        .where(inArray(callHandlers.callId, callIds.slice(i, i + 500)))
        .all(),
    );
  }
  return out;
}
