/**
 * Campaigns and their contacts (the minimal loader; full list import is its own module).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { campaigns, contacts, DIAL_MODES } from '../db/schema.js';
import { Errors } from '../errors.js';

export type CampaignRow = typeof campaigns.$inferSelect;

export interface NewCampaign {
  name: string;
  openingMedia: string;
  dialMode?: (typeof DIAL_MODES)[number];
  callerId?: string;
  ringTimeoutSec?: number;
  dialEndpointTemplate?: string | null;
}

export interface ContactInput {
  phone: string;
  fields?: Record<string, string>;
}

export interface ContactLoadResult {
  accepted: number;
  duplicate: number;
  rejected: Array<{ index: number; phone: string; reason: string }>;
}

export class CampaignStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

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
   * Adds contacts: each number is normalised to E.164 (default region CN); invalid ones are
   * reported with their index and reason, duplicates (in the batch or the campaign) counted.
   */
  addContacts(campaignId: number, items: ContactInput[], defaultRegion: CountryCode = 'CN'): ContactLoadResult {
    this.get(campaignId);
    const result: ContactLoadResult = { accepted: 0, duplicate: 0, rejected: [] };
    const now = this.clock.now();
    this.db.transaction((tx) => {
      items.forEach((item, index) => {
        const parsed = parsePhoneNumberFromString(item.phone, defaultRegion);
        if (!parsed || !parsed.isValid()) {
          result.rejected.push({ index, phone: item.phone, reason: 'not a valid phone number' });
          return;
        }
        const inserted = tx
          .insert(contacts)
          .values({ campaignId, phone: parsed.number, fields: item.fields ?? {}, createdAt: now })
          .onConflictDoNothing()
          .run();
        if (inserted.changes === 1) result.accepted += 1;
        else result.duplicate += 1;
      });
    });
    return result;
  }
}
