/** Call rows: created at dial time and patched with every moment of the call. */
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { oneCommit } from '../db/one-commit.js';
import { once, placeholder, RowWriter } from '../db/prepared.js';
import { calls, type CallOutcome } from '../db/schema.js';
import type { CallPatch } from './call-machine.js';

export type CallRow = typeof calls.$inferSelect;

/** Decides a contact's next state after a call (campaigns/contact-settler.ts: retry rules, windows, callbacks). */
export interface ContactSettlement {
  settle(contactId: number, outcome: CallOutcome): void;
}

export class CallStore {
  private readonly interruptedListeners: ((callId: string) => void)[] = [];
  /** Every moment of every call writes here: queries built once (db/prepared.ts). */
  private readonly rows: RowWriter<typeof calls, typeof calls.id>;
  private readonly byId = once(() => this.db.select().from(calls).where(eq(calls.id, placeholder('id'))).prepare());

  constructor(
    private readonly db: Db,
    private readonly settlement: ContactSettlement,
  ) {
    this.rows = new RowWriter(db, calls, calls.id);
  }

  /** Runs `work` with its writes in one commit (db/one-commit.ts). */
  inOneCommit(work: () => void): void {
    oneCommit(this.db.$client, work);
  }

  create(row: typeof calls.$inferInsert): void {
    this.rows.insert(row);
  }

  patch(callId: string, patch: CallPatch): void {
    this.rows.update(callId, patch);
  }

  get(callId: string): CallRow | null {
    return this.byId().get({ id: callId }) ?? null;
  }

  /** Calls not closed: after a crash, these are the ones to reconcile. */
  notEnded(): CallRow[] {
    return this.db.select().from(calls).where(ne(calls.state, 'ended')).all();
  }

  /** Closes a call the service lost track of (crash, or its channel vanished unseen). */
  closeInterrupted(callId: string, at: number, why: string): void {
    const row = this.get(callId);
    if (!row || row.state === 'ended') return;
    // One transaction with the listeners (the call.ended webhook's outbox row): a crash cannot
    // close the call and lose what others must hear about it.
    this.db.transaction(() => {
      this.db
        .update(calls)
        .set({ state: 'ended', outcome: 'interrupted', endedAt: row.endedAt ?? at, hangupBy: row.hangupBy ?? 'system', hangupCauseText: row.hangupCauseText ?? why })
        .where(and(eq(calls.id, callId), ne(calls.state, 'ended')))
        .run();
      // An inbound call never moved its contact through the retry rules (call-session.ts).
      if (row.direction === 'outbound') this.settleContact(row.contactId, 'interrupted');
      for (const listener of this.interruptedListeners) listener(callId);
    });
  }

  /**
   * Called, inside the closing transaction, for each call closed as interrupted (no session
   * ended it: a restart, or the shutdown grace ran out). A listener that throws undoes the close,
   * so listeners catch their own failures.
   */
  onInterrupted(listener: (callId: string) => void): void {
    this.interruptedListeners.push(listener);
  }

  /** The contact's next state after a call, by the campaign's retry rules. */
  settleContact(contactId: number, outcome: CallOutcome): void {
    this.settlement.settle(contactId, outcome);
  }
}
