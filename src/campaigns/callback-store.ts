/**
 * Scheduled callbacks: a customer asked to be called back at a time, by the same agent
 * (owned) or by anyone (open). One open callback per contact: a new one replaces the old.
 * While a callback is scheduled its contact has status `callback`, so the ordinary queue
 * leaves it alone; the dial loop (or, in preview campaigns, the agent's preview) takes it up
 * when it is due, and the contact settler marks it done when its call ends.
 *
 * An owned callback keeps its agent across unanswered attempts until it expires (`expiresAt`,
 * by default CALLBACK_OWNER_HOLD_MS after it was due): the settler puts it back to
 * `scheduled` at the next retry time. Once expired it is dialed by whoever is free.
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { listValues, perCount, placeholder, placeholders } from '../db/prepared.js';
import { agents, callbacks, contacts, type CallbackState } from '../db/schema.js';
import { Errors } from '../errors.js';

export type CallbackRow = typeof callbacks.$inferSelect;

export interface NewCallback {
  campaignId: number;
  contactId: number;
  /** The agent who must take it; null = any agent. */
  agentId: number | null;
  dueAt: number;
  note?: string;
  fromCallId?: string | null;
  createdByUserId?: number | null;
  /** Until when its owner keeps it; default `dueAt` + the owner hold. */
  expiresAt?: number | null;
}

/** Default CALLBACK_OWNER_HOLD_MS: a day. */
export const DEFAULT_OWNER_HOLD_MS = 86_400_000;

/** When an owned callback stops being its agent's (rows from before expiries: due + the hold). */
export function expiryOf(cb: Pick<CallbackRow, 'dueAt' | 'expiresAt'>, ownerHoldMs = DEFAULT_OWNER_HOLD_MS): number {
  return cb.expiresAt ?? cb.dueAt + ownerHoldMs;
}

/** The agent who must take the callback at `now`: its owner until it expires, then anyone (null). */
export function ownerOf(cb: Pick<CallbackRow, 'agentId' | 'dueAt' | 'expiresAt'>, now: number, ownerHoldMs = DEFAULT_OWNER_HOLD_MS): number | null {
  return cb.agentId !== null && now < expiryOf(cb, ownerHoldMs) ? cb.agentId : null;
}

export class CallbackStore {
  /** Every dial pass asks: built once per number of campaigns (db/prepared.ts). */
  private readonly dueQuery = perCount((n) =>
    this.db
      .select()
      .from(callbacks)
      .where(and(eq(callbacks.status, 'scheduled'), lte(callbacks.dueAt, placeholder('now')), inArray(callbacks.campaignId, placeholders('c', n))))
      .orderBy(asc(callbacks.dueAt), asc(callbacks.id))
      .limit(placeholder('limit'))
      .prepare(),
  );

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** CALLBACK_OWNER_HOLD_MS. */
    readonly ownerHoldMs = DEFAULT_OWNER_HOLD_MS,
  ) {}

  /** The agent who must take the callback now (its owner until it expires). */
  ownerNow(cb: CallbackRow): number | null {
    return ownerOf(cb, this.clock.now(), this.ownerHoldMs);
  }

  /** Schedules a callback (replacing any open one for the contact). */
  schedule(input: NewCallback): CallbackRow {
    const now = this.clock.now();
    return this.db.transaction((tx) => {
      tx.update(callbacks)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(callbacks.contactId, input.contactId), eq(callbacks.status, 'scheduled')))
        .run();
      const row = tx
        .insert(callbacks)
        .values({
          campaignId: input.campaignId,
          contactId: input.contactId,
          agentId: input.agentId,
          dueAt: input.dueAt,
          expiresAt: input.expiresAt ?? input.dueAt + this.ownerHoldMs,
          note: input.note ?? '',
          fromCallId: input.fromCallId ?? null,
          createdByUserId: input.createdByUserId ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      // A contact on a call now is settled when the call ends (the settler sees the callback).
      tx.update(contacts)
        .set({ status: 'callback', nextAttemptAt: null, finishedAt: null })
        .where(and(eq(contacts.id, input.contactId), inArray(contacts.status, ['pending', 'done', 'failed', 'callback'])))
        .run();
      return row;
    });
  }

  get(id: number): CallbackRow {
    const row = this.db.select().from(callbacks).where(eq(callbacks.id, id)).get();
    if (!row) throw new Errors.NotFound('callback', id);
    return row;
  }

  /** An agent's callbacks, soonest first (open ones only by default). */
  listForAgent(agentId: number, states: readonly CallbackState[] = ['scheduled', 'dialing']): CallbackRow[] {
    return this.db
      .select()
      .from(callbacks)
      .where(and(eq(callbacks.agentId, agentId), inArray(callbacks.status, [...states])))
      .orderBy(asc(callbacks.dueAt))
      .all();
  }

  listForCampaign(campaignId: number, states?: readonly CallbackState[]): CallbackRow[] {
    return this.db
      .select()
      .from(callbacks)
      .where(and(eq(callbacks.campaignId, campaignId), states ? inArray(callbacks.status, [...states]) : undefined))
      .orderBy(asc(callbacks.dueAt))
      .all();
  }

  /**
   * Cancels a scheduled callback. Its contact goes back to what its last call left it as:
   * done when that call was answered, otherwise pending (due at once).
   */
  cancel(id: number, reason: string | null = null): CallbackRow {
    const now = this.clock.now();
    return this.db.transaction((tx) => {
      const cb = this.get(id);
      if (cb.status !== 'scheduled') throw new Errors.CallbackNotOpen(id, cb.status);
      const contact = tx.select().from(contacts).where(eq(contacts.id, cb.contactId)).get();
      if (contact?.status === 'callback') {
        const done = contact.lastOutcome === 'answered';
        tx.update(contacts)
          .set(done ? { status: 'done', finishedAt: now } : { status: 'pending', nextAttemptAt: now })
          .where(eq(contacts.id, cb.contactId))
          .run();
      }
      return tx.update(callbacks).set({ status: 'cancelled', closedReason: reason, updatedAt: now }).where(eq(callbacks.id, id)).returning().get();
    });
  }

  /**
   * Moves a scheduled callback to another time; its owner keeps it until `expiresAt` (default:
   * the owner hold after the new time).
   */
  reschedule(id: number, dueAt: number, expiresAt?: number): CallbackRow {
    const cb = this.get(id);
    if (cb.status !== 'scheduled') throw new Errors.CallbackNotOpen(id, cb.status);
    const expiry = expiresAt ?? dueAt + this.ownerHoldMs;
    if (expiry <= dueAt) throw new Errors.BadRequest('body.expiresAt: must come after the new time');
    return this.db.update(callbacks).set({ dueAt, expiresAt: expiry, updatedAt: this.clock.now() }).where(eq(callbacks.id, id)).returning().get();
  }

  /** Gives a scheduled callback to another agent, or (null) opens it to any agent. */
  assign(id: number, agentId: number | null): CallbackRow {
    const cb = this.get(id);
    if (cb.status !== 'scheduled') throw new Errors.CallbackNotOpen(id, cb.status);
    if (agentId !== null && !this.db.select({ id: agents.id }).from(agents).where(eq(agents.id, agentId)).get()) {
      throw new Errors.NotFound('agent', agentId);
    }
    return this.db.update(callbacks).set({ agentId, updatedAt: this.clock.now() }).where(eq(callbacks.id, id)).returning().get();
  }

  /** Scheduled callbacks of these campaigns due by `now`, soonest first. */
  due(campaignIds: readonly number[], now: number, limit = 100): CallbackRow[] {
    if (campaignIds.length === 0) return [];
    return this.dueQuery(campaignIds.length).all(listValues('c', campaignIds, { now, limit }));
  }

  /** The callback is being dialed on `callId`. False when it was no longer scheduled. */
  markDialing(id: number, callId: string): boolean {
    const r = this.db
      .update(callbacks)
      .set({ status: 'dialing', callId, updatedAt: this.clock.now() })
      .where(and(eq(callbacks.id, id), eq(callbacks.status, 'scheduled')))
      .run();
    return r.changes === 1;
  }

  /** Cancels a callback whose number may not be dialed (the pre-dial check refused it). */
  drop(id: number): void {
    this.db.update(callbacks).set({ status: 'cancelled', updatedAt: this.clock.now() }).where(eq(callbacks.id, id)).run();
  }
}
