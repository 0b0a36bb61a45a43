/**
 * Campaigns and their contacts (the minimal loader; full list import is its own module).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { campaigns, contacts, DIAL_MODES } from '../db/schema.js';
import { Errors } from '../errors.js';
import { DoNotCallStore } from './do-not-call.js';
import { isKnownRegion, normalisePhone } from './phone-number.js';

export type CampaignRow = typeof campaigns.$inferSelect;

export interface NewCampaign {
  name: string;
  openingMedia: string;
  dialMode?: (typeof DIAL_MODES)[number];
  callerId?: string;
  ringTimeoutSec?: number;
  dialEndpointTemplate?: string | null;
  /** Region for list numbers written without a country code (default CN). */
  defaultRegion?: string;
}

export interface ContactInput {
  phone: string;
  fields?: Record<string, string>;
}

export interface ContactLoadResult {
  accepted: number;
  duplicate: number;
  /** On the do-not-call list (also listed in `rejected`). */
  doNotCall: number;
  /** `code`: invalid-number, missing-phone, unsupported-type or do-not-call (see import/reasons.ts). */
  rejected: Array<{ index: number; phone: string; code: string; reason: string }>;
}

export class CampaignStore {
  private readonly dnc: DoNotCallStore;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.dnc = new DoNotCallStore(db, clock);
  }

  create(input: NewCampaign): CampaignRow {
    const now = this.clock.now();
    return this.db
      .insert(campaigns)
      .values({
        name: input.name,
        openingMedia: input.openingMedia,
        dialMode: input.dialMode ?? 'progressive',
        callerId: input.callerId ?? '',
        ringTimeoutSec: input.ringTimeoutSec ?? 25,
        dialEndpointTemplate: input.dialEndpointTemplate ?? null,
        defaultRegion: input.defaultRegion ?? 'CN',
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
  }

  list(): CampaignRow[] {
    return this.db.select().from(campaigns).orderBy(asc(campaigns.id)).all();
  }

  get(id: number): CampaignRow {
    const row = this.db.select().from(campaigns).where(eq(campaigns.id, id)).get();
    if (!row) throw new Errors.NotFound('campaign', id);
    return row;
  }

  /** running ⇄ paused; starting needs an opening and something to dial. */
  setStatus(id: number, status: 'running' | 'paused' | 'completed'): CampaignRow {
    const c = this.get(id);
    if (status === 'running') {
      if (!c.openingMedia.trim()) throw new Errors.CampaignNotRunnable(id, 'it has no opening prompt');
      if (c.status === 'archived' || c.status === 'completed') throw new Errors.CampaignNotRunnable(id, `it is ${c.status}`);
      const pending = this.pendingCount(id);
      if (pending === 0) throw new Errors.CampaignNotRunnable(id, 'it has no contacts left to dial');
    }
    return this.db
      .update(campaigns)
      .set({ status, updatedAt: this.clock.now() })
      .where(eq(campaigns.id, id))
      .returning()
      .get();
  }

  pendingCount(id: number): number {
    const row = this.db
      .select({ n: sql<number>`count(*)` })
      .from(contacts)
      .where(and(eq(contacts.campaignId, id), eq(contacts.status, 'pending')))
      .get();
    return row?.n ?? 0;
  }

  /**
   * Adds contacts (the JSON loader; files go through import/list-importer.ts): each number is
   * normalised to E.164 in the campaign's region and must be a mobile or fixed-line number;
   * rejects are reported with their index and reason, numbers on a do-not-call list are not
   * added, duplicates (in the batch or the campaign) are counted.
   */
  addContacts(campaignId: number, items: ContactInput[], defaultRegion?: string): ContactLoadResult {
    const campaign = this.get(campaignId);
    const wanted = (defaultRegion ?? campaign.defaultRegion).toUpperCase();
    const region = isKnownRegion(wanted) ? wanted : 'CN';
    const result: ContactLoadResult = { accepted: 0, duplicate: 0, doNotCall: 0, rejected: [] };
    const now = this.clock.now();
    this.db.transaction((tx) => {
      items.forEach((item, index) => {
        const verdict = normalisePhone(item.phone, region);
        if (!verdict.ok) {
          result.rejected.push({ index, phone: item.phone, code: verdict.problem, reason: verdict.detail });
          return;
        }
        if (this.dnc.isBlocked(campaignId, verdict.e164)) {
          result.doNotCall += 1;
          result.rejected.push({ index, phone: item.phone, code: 'do-not-call', reason: 'the number is on the do-not-call list' });
          return;
        }
        const inserted = tx
          .insert(contacts)
          .values({ campaignId, phone: verdict.e164, fields: item.fields ?? {}, createdAt: now })
          .onConflictDoNothing()
          .run();
        if (inserted.changes === 1) result.accepted += 1;
        else result.duplicate += 1;
      });
    });
    return result;
  }
}
