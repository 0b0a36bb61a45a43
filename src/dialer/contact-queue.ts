/**
 * The contacts side of dialing: which contact is next, claimed atomically so no two calls (or
 * agents) get the same one. Order: retries and returned previews whose time has come (oldest
 * due first), then fresh contacts in list order. Only contacts whose region's calling window
 * is open are considered (the caller passes the open regions).
 */
import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { listValues, once, perCount, placeholder, placeholders } from '../db/prepared.js';
import { callbacks, contacts } from '../db/schema.js';
import { regionOfNumber } from '../campaigns/number-zones.js';

/** A contact claimed for a call or a preview. */
export interface ClaimedContact {
  id: number;
  campaignId: number;
  phone: string;
  fields: Record<string, string>;
  attempts: number;
  lastOutcome: string | null;
}

const claimedColumns = {
  id: contacts.id,
  campaignId: contacts.campaignId,
  phone: contacts.phone,
  fields: contacts.fields,
  attempts: contacts.attempts,
  lastOutcome: contacts.lastOutcome,
};

export class ContactQueue {
  /**
   * The two reads of a claim (due retries first, then fresh contacts), built once per number of
   * open regions: the dial loop claims every call it places, and building the query cost more
   * than running it (db/prepared.ts). The SQL is the same as a plain drizzle query's.
   */
  private readonly withoutRegion = once(() =>
    this.db
      .select({ id: contacts.id, phone: contacts.phone })
      .from(contacts)
      .where(and(eq(contacts.campaignId, placeholder('campaignId')), isNull(contacts.region)))
      .limit(placeholder('limit'))
      .prepare(),
  );
  private readonly dueCountQuery = perCount((regions) =>
    this.db
      .select({ n: sql<number>`count(*)` })
      .from(
        this.db
          .select({ one: sql`1`.as('one') })
          .from(contacts)
          .where(
            and(
              eq(contacts.campaignId, placeholder('campaignId')),
              eq(contacts.status, 'pending'),
              or(isNull(contacts.nextAttemptAt), lte(contacts.nextAttemptAt, placeholder('now'))),
              regions < 0 ? undefined : inArray(contacts.region, placeholders('r', regions)),
            ),
          )
          .limit(placeholder('cap'))
          .as('due'),
      )
      .prepare(),
  );
  private readonly claimQueries = perCount((regions) => {
    const base = and(eq(contacts.campaignId, placeholder('campaignId')), eq(contacts.status, 'pending'), inArray(contacts.region, placeholders('r', regions)));
    return {
      due: this.db
        .select(claimedColumns)
        .from(contacts)
        .where(and(base, isNotNull(contacts.nextAttemptAt), lte(contacts.nextAttemptAt, placeholder('now'))))
        .orderBy(asc(contacts.nextAttemptAt), asc(contacts.id))
        .limit(1)
        .prepare(),
      fresh: this.db.select(claimedColumns).from(contacts).where(and(base, isNull(contacts.nextAttemptAt))).orderBy(asc(contacts.id)).limit(1).prepare(),
    };
  });
  private readonly takeForCall = once(() =>
    this.db
      .update(contacts)
      .set({ status: 'dialing', attempts: sql`${contacts.attempts} + 1`, heldByAgentId: null, heldAt: null })
      .where(eq(contacts.id, placeholder('contactId')))
      .prepare(),
  );

  constructor(private readonly db: Db) {}

  /**
   * Gives contacts without a region theirs (from the number), at most `limit` per call, so a
   * list loaded by any path is dialed under the right calling window. Returns how many it filled.
   */
  fillRegions(campaignId: number, limit = 1000): number {
    const rows = this.withoutRegion().all({ campaignId, limit });
    if (rows.length === 0) return 0;
    const byRegion = new Map<string, number[]>();
    for (const r of rows) {
      const region = regionOfNumber(r.phone);
      const ids = byRegion.get(region);
      if (ids) ids.push(r.id);
      else byRegion.set(region, [r.id]);
    }
    this.db.transaction((tx) => {
      for (const [region, ids] of byRegion) tx.update(contacts).set({ region }).where(inArray(contacts.id, ids)).run();
    });
    return rows.length;
  }

  /** A contact as claimed views show it, whatever its status. */
  get(contactId: number): (ClaimedContact & { status: string; region: string | null }) | null {
    return this.db.select({ ...claimedColumns, status: contacts.status, region: contacts.region }).from(contacts).where(eq(contacts.id, contactId)).get() ?? null;
  }

  /** The regions the campaign's contacts are in (an index skip-scan: one seek per region). */
  regionsPresent(campaignId: number): string[] {
    const rows = this.db.all<{ region: string | null }>(sql`
      with recursive r(region) as (
        select min(${contacts.region}) from ${contacts} where ${contacts.campaignId} = ${campaignId} and ${contacts.region} is not null
        union all
        select (select min(${contacts.region}) from ${contacts} where ${contacts.campaignId} = ${campaignId} and ${contacts.region} > r.region)
        from r where r.region is not null
      )
      select region from r where region is not null`);
    return rows.map((r) => r.region!);
  }

  /** The next due contact in an open region, moved to `dialing` with its attempt counted. */
  claimForCall(campaignId: number, openRegions: readonly string[], now: number): ClaimedContact | null {
    return this.claim(campaignId, openRegions, now, (c) => {
      this.takeForCall().run({ contactId: c.id });
      return { ...c, attempts: c.attempts + 1 };
    });
  }

  /** The next due contact in an open region, held for an agent's preview (no attempt yet). */
  claimForPreview(campaignId: number, openRegions: readonly string[], now: number, agentId: number): ClaimedContact | null {
    return this.claim(campaignId, openRegions, now, (c) => {
      this.db.update(contacts).set({ status: 'held', heldByAgentId: agentId, heldAt: now }).where(eq(contacts.id, c.id)).run();
      return c;
    });
  }

  /** A contact waiting for its callback, held for the agent's preview. False when it is not waiting. */
  holdCallbackContact(contactId: number, agentId: number, now: number): boolean {
    const r = this.db
      .update(contacts)
      .set({ status: 'held', heldByAgentId: agentId, heldAt: now })
      .where(and(eq(contacts.id, contactId), eq(contacts.status, 'callback')))
      .run();
    return r.changes === 1;
  }

  /** A contact this agent holds in preview, moved to `dialing` with its attempt counted; null if not held by them. */
  dialHeld(contactId: number, agentId: number): ClaimedContact | null {
    return this.db.transaction((tx) => {
      const row = tx
        .select(claimedColumns)
        .from(contacts)
        .where(and(eq(contacts.id, contactId), eq(contacts.status, 'held'), eq(contacts.heldByAgentId, agentId)))
        .get();
      if (!row) return null;
      tx.update(contacts)
        .set({ status: 'dialing', attempts: sql`${contacts.attempts} + 1`, heldByAgentId: null, heldAt: null })
        .where(eq(contacts.id, contactId))
        .run();
      return { ...row, attempts: row.attempts + 1 };
    });
  }

  /** A contact (pending or held by a callback) moved to `dialing` for a callback, its attempt counted. */
  dialForCallback(contactId: number): ClaimedContact | null {
    return this.db.transaction((tx) => {
      const row = tx.select(claimedColumns).from(contacts).where(and(eq(contacts.id, contactId), inArray(contacts.status, ['callback', 'pending']))).get();
      if (!row) return null;
      tx.update(contacts).set({ status: 'dialing', attempts: sql`${contacts.attempts} + 1` }).where(eq(contacts.id, contactId)).run();
      return { ...row, attempts: row.attempts + 1 };
    });
  }

  /** Returns a held or claimed contact to the queue, due at `dueAt` (null: at once). */
  release(contactId: number, dueAt: number | null): void {
    this.db
      .update(contacts)
      .set({ status: 'pending', nextAttemptAt: dueAt, heldByAgentId: null, heldAt: null })
      .where(and(eq(contacts.id, contactId), inArray(contacts.status, ['held', 'dialing'])))
      .run();
  }

  /** Returns a previewed callback contact to its callback. */
  releaseToCallback(contactId: number): void {
    this.db
      .update(contacts)
      .set({ status: 'callback', heldByAgentId: null, heldAt: null })
      .where(and(eq(contacts.id, contactId), eq(contacts.status, 'held')))
      .run();
  }

  /** Returns a claimed contact whose call could not be placed, taking its attempt back. */
  unclaim(contactId: number): void {
    this.db
      .update(contacts)
      .set({ status: 'pending', attempts: sql`max(0, ${contacts.attempts} - 1)` })
      .where(and(eq(contacts.id, contactId), eq(contacts.status, 'dialing')))
      .run();
  }

  /** Every preview hold back to the queue (at start: no agent session survives a restart). Returns how many. */
  releaseAllHolds(): number {
    const waitsForCallback = sql`exists (select 1 from ${callbacks} where ${callbacks.contactId} = ${contacts.id} and ${callbacks.status} = 'scheduled')`;
    return this.db
      .update(contacts)
      .set({ status: sql`case when ${waitsForCallback} then 'callback' else 'pending' end`, heldByAgentId: null, heldAt: null })
      .where(eq(contacts.status, 'held'))
      .run().changes;
  }

  /** Finishes a contact that must not be dialed (the pre-dial check said so). */
  finishUndialable(contactId: number, reason: string, now: number): void {
    this.db
      .update(contacts)
      .set({ status: 'failed', lastOutcome: reason, nextAttemptAt: null, heldByAgentId: null, heldAt: null, finishedAt: now })
      .where(eq(contacts.id, contactId))
      .run();
  }

  /** Contacts due now in open regions (null: in any region), counted up to `cap` (pacing only needs to know "plenty"). */
  dueCount(campaignId: number, openRegions: readonly string[] | null, now: number, cap = 1000): number {
    if (openRegions?.length === 0) return 0;
    // Every pass asks, per campaign: built once per number of regions (-1: whatever the region).
    const params = listValues('r', openRegions ?? [], { campaignId, now, cap });
    return this.dueCountQuery(openRegions?.length ?? -1).get(params)?.n ?? 0;
  }

  /** Finds the next due contact and hands it to `take`, which moves it on and returns it as claimed. */
  private claim(campaignId: number, openRegions: readonly string[], now: number, take: (c: ClaimedContact) => ClaimedContact): ClaimedContact | null {
    if (openRegions.length === 0) return null;
    const { due, fresh } = this.claimQueries(openRegions.length);
    const params = listValues('r', openRegions, { campaignId, now });
    return this.db.transaction(() => {
      const next = due.get(params) ?? fresh.get(params);
      return next ? take(next) : null;
    });
  }
}
