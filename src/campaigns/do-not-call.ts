/**
 * Do-not-call lists: one global (no campaign may dial the number) and one per campaign.
 * Numbers are E.164. Entries come from the API, from list imports and from an agent's
 * "do not call me" disposition; each is effective from the moment it is committed, because
 * {@link DoNotCallStore.isBlocked} reads the tables (two indexed point lookups) every time.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { contacts, doNotCallCampaign, doNotCallGlobal, type DncSource } from '../db/schema.js';

/** One entry, from either list. */
export interface DncEntry {
  /** `global`, or the campaign's own list. */
  scope: 'global' | 'campaign';
  id: number;
  /** Null on the global list. */
  campaignId: number | null;
  phone: string;
  source: DncSource;
  reason: string;
  importId: number | null;
  callId: string | null;
  addedBy: number | null;
  createdAt: number;
}

/** What to add: the number (E.164) and where it came from. */
export interface NewDncEntry {
  phone: string;
  /** The campaign's own list; null or absent → the global list. */
  campaignId?: number | null;
  source: DncSource;
  reason?: string;
  importId?: number | null;
  callId?: string | null;
  addedBy?: number | null;
}

type GlobalRow = typeof doNotCallGlobal.$inferSelect;
type CampaignRow = typeof doNotCallCampaign.$inferSelect;

const fromGlobal = (r: GlobalRow): DncEntry => ({ scope: 'global', campaignId: null, ...r });
const fromCampaign = (r: CampaignRow): DncEntry => ({ scope: 'campaign', ...r });

/** Both do-not-call lists, over the service's database. */
export class DoNotCallStore {
  private readonly globalHit;
  private readonly campaignHit;
  private readonly blockedOf;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.globalHit = db
      .select({ id: doNotCallGlobal.id })
      .from(doNotCallGlobal)
      .where(eq(doNotCallGlobal.phone, sql.placeholder('phone')))
      .limit(1)
      .prepare();
    this.campaignHit = db
      .select({ id: doNotCallCampaign.id })
      .from(doNotCallCampaign)
      .where(and(eq(doNotCallCampaign.campaignId, sql.placeholder('campaignId')), eq(doNotCallCampaign.phone, sql.placeholder('phone'))))
      .limit(1)
      .prepare();
    // The numbers go in as one JSON array; each is looked up in both lists' unique indexes.
    this.blockedOf = db.$client.prepare<[string, number], { phone: string }>(
      `select value as phone from json_each(?) as n
       where exists (select 1 from do_not_call_global as g where g.phone = n.value)
          or exists (select 1 from do_not_call_campaign as c where c.campaign_id = ? and c.phone = n.value)`,
    );
  }

  /**
   * True when `e164` must not be dialed for `campaignId`: it is on the global list or on the
   * campaign's. Synchronous and indexed; call it immediately before each dial.
   */
  isBlocked(campaignId: number, e164: string): boolean {
    return this.globalHit.get({ phone: e164 }) !== undefined || this.campaignHit.get({ campaignId, phone: e164 }) !== undefined;
  }

  /** Those of `e164s` that {@link isBlocked} would refuse for `campaignId`, in one statement however many they are. */
  blockedAmong(campaignId: number, e164s: readonly string[]): Set<string> {
    return new Set(this.blockedOf.all(JSON.stringify(e164s), campaignId).map((r) => r.phone));
  }

  /** Adds a number; `added` is false (and `entry` the existing one) when it was listed already. */
  add(input: NewDncEntry): { added: boolean; entry: DncEntry } {
    const common = {
      phone: input.phone,
      source: input.source,
      reason: input.reason ?? '',
      importId: input.importId ?? null,
      callId: input.callId ?? null,
      addedBy: input.addedBy ?? null,
      createdAt: this.clock.now(),
    };
    if (input.campaignId === undefined || input.campaignId === null) {
      const row = this.db.insert(doNotCallGlobal).values(common).onConflictDoNothing().returning().get();
      if (row) return { added: true, entry: fromGlobal(row) };
      const existing = this.db.select().from(doNotCallGlobal).where(eq(doNotCallGlobal.phone, input.phone)).get();
      return { added: false, entry: fromGlobal(existing!) };
    }
    const campaignId = input.campaignId;
    const row = this.db.insert(doNotCallCampaign).values({ ...common, campaignId }).onConflictDoNothing().returning().get();
    if (row) return { added: true, entry: fromCampaign(row) };
    const existing = this.db
      .select()
      .from(doNotCallCampaign)
      .where(and(eq(doNotCallCampaign.campaignId, campaignId), eq(doNotCallCampaign.phone, input.phone)))
      .get();
    return { added: false, entry: fromCampaign(existing!) };
  }

  /**
   * The customer on a call asked not to be called again: the number goes on the global list
   * and the contact is marked, in one transaction. Idempotent.
   */
  addFromCall(call: { id: string; phone: string; contactId: number }, addedBy: number | null, reason = ''): { added: boolean; entry: DncEntry } {
    return this.db.transaction(() => {
      const result = this.add({ phone: call.phone, source: 'disposition', callId: call.id, addedBy, reason: reason || 'the customer asked not to be called again' });
      this.db
        .update(contacts)
        .set({ doNotCallAt: this.clock.now() })
        .where(and(eq(contacts.id, call.contactId), sql`${contacts.doNotCallAt} is null`))
        .run();
      return result;
    });
  }


  /** Entries for one number: the global one and, with `campaignId`, the campaign's. */
  find(e164: string, campaignId?: number): DncEntry[] {
    const found: DncEntry[] = this.db.select().from(doNotCallGlobal).where(eq(doNotCallGlobal.phone, e164)).all().map(fromGlobal);
    const own = this.db
      .select()
      .from(doNotCallCampaign)
      .where(campaignId === undefined ? eq(doNotCallCampaign.phone, e164) : and(eq(doNotCallCampaign.phone, e164), eq(doNotCallCampaign.campaignId, campaignId)))
      .all();
    return found.concat(own.map(fromCampaign));
  }

  /** A page of one list (null: global), in id order after `afterId`. */
  list(campaignId: number | null, afterId = 0, limit = 100): DncEntry[] {
    if (campaignId === null) {
      return this.db.select().from(doNotCallGlobal).where(gt(doNotCallGlobal.id, afterId)).orderBy(asc(doNotCallGlobal.id)).limit(limit).all().map(fromGlobal);
    }
    return this.db
      .select()
      .from(doNotCallCampaign)
      .where(and(eq(doNotCallCampaign.campaignId, campaignId), gt(doNotCallCampaign.id, afterId)))
      .orderBy(asc(doNotCallCampaign.id))
      .limit(limit)
      .all()
      .map(fromCampaign);
  }

  /** Removes one entry; returns it, or null when there was none. */
  remove(scope: 'global' | 'campaign', id: number): DncEntry | null {
    if (scope === 'global') {
      const row = this.db.delete(doNotCallGlobal).where(eq(doNotCallGlobal.id, id)).returning().get();
      return row ? fromGlobal(row) : null;
    }
    const row = this.db.delete(doNotCallCampaign).where(eq(doNotCallCampaign.id, id)).returning().get();
    return row ? fromCampaign(row) : null;
  }
}
