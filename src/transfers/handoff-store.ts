/**
 * The transfers table and the call's handoff list (call_handlers): who had the customer, from
 * when to when. A call without a transfer has no rows (its one handler is calls.agentId from
 * agentConnectedAt); the first transfer writes the first agent's row, dated from their connect.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { once, placeholder } from '../db/prepared.js';
import { calls } from '../db/schema.js';
import { callHandlers, transfers, type HandlerVia } from '../db/schema-transfers.js';
import type { TransferPatch } from './transfer-machine.js';

export type TransferRow = typeof transfers.$inferSelect;

/**
 * Who handles the customer: an agent, or a user who is no agent (a manager reached on their
 * supervisor phone). Only agents' parts count as talk time (handler-parts.ts): a manager has
 * no talk-time target.
 */
export type HandlerRef = { kind: 'agent'; agentId: number } | { kind: 'user'; userId: number };
export type HandlerRow = typeof callHandlers.$inferSelect;

export class HandoffStore {
  /** Every call's end runs these (closeAll): built once (db/prepared.ts). */
  private readonly endedAtOf = once(() => this.db.select({ at: calls.endedAt }).from(calls).where(eq(calls.id, placeholder('callId'))).prepare());
  private readonly closeOpen = once(() =>
    this.db
      .update(callHandlers)
      .set({ toAt: sql`${placeholder('at')}` })
      .where(and(eq(callHandlers.callId, placeholder('callId')), isNull(callHandlers.toAt)))
      .prepare(),
  );

  constructor(private readonly db: Db) {}

  insertTransfer(row: typeof transfers.$inferInsert): void {
    this.db.insert(transfers).values(row).run();
  }

  patchTransfer(id: string, patch: TransferPatch): void {
    this.db.update(transfers).set(patch).where(eq(transfers.id, id)).run();
  }

  transfersOf(callId: string): TransferRow[] {
    return this.db.select().from(transfers).where(eq(transfers.callId, callId)).orderBy(asc(transfers.startedAt)).all();
  }

  handlersOf(callId: string): HandlerRow[] {
    return this.db.select().from(callHandlers).where(eq(callHandlers.callId, callId)).orderBy(asc(callHandlers.fromAt), asc(callHandlers.id)).all();
  }

  /** The call's first handler, written once, dated from when they were connected. */
  ensureFirstHandler(callId: string, agentId: number): void {
    if (this.handlersOf(callId).length > 0) return;
    const call = this.db.select({ at: calls.agentConnectedAt }).from(calls).where(eq(calls.id, callId)).get();
    if (call?.at == null) return;
    this.db.insert(callHandlers).values({ callId, agentId, via: 'dialer', fromAt: call.at }).run();
  }

  /** `who` starts handling the customer (unless already handling). */
  open(callId: string, who: HandlerRef, extension: string | null, via: HandlerVia, transferId: string | null, at: number): void {
    if (this.openRow(callId, who)) return;
    const person = who.kind === 'agent' ? { agentId: who.agentId } : { userId: who.userId };
    this.db.insert(callHandlers).values({ callId, ...person, extension, via, transferId, fromAt: at }).run();
  }

  /** `who` stops handling the customer. */
  close(callId: string, who: HandlerRef, at: number): void {
    const row = this.openRow(callId, who);
    if (row) this.db.update(callHandlers).set({ toAt: at }).where(eq(callHandlers.id, row.id)).run();
  }

  /** The call ended (its row's endedAt, else `at`): every handler still on it stops then. */
  closeAll(callId: string, at: number): void {
    at = this.endedAtOf().get({ callId })?.at ?? at;
    this.closeOpen().run({ callId, at });
  }

  private openRow(callId: string, who: HandlerRef): HandlerRow | undefined {
    const person = who.kind === 'agent' ? eq(callHandlers.agentId, who.agentId) : eq(callHandlers.userId, who.userId);
    return this.db
      .select()
      .from(callHandlers)
      .where(and(eq(callHandlers.callId, callId), person, isNull(callHandlers.toAt)))
      .get();
  }
}
