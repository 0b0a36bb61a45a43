/**
 * Campaigns (settings and lifecycle) and their contacts (the minimal loader; full list import
 * is its own module). The rules live in pure modules: campaign-settings.ts (what a setting may
 * be), lifecycle.ts (which status change is allowed, what starting needs).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { campaigns, contacts } from '../db/schema.js';
import { contactCounts, contactsLeftOf } from './contact-counts.js';
import { Errors } from '../errors.js';
import {
  CampaignSettingsSchema,
  CreateCampaignSchema,
  crossFieldProblems,
  withIntervalSpan,
  mergeDelays,
  type CampaignRow,
  type CampaignSettingsInput,
} from './campaign-settings.js';
import { DEFAULT_OPENING } from '../voice/opening.js';
import { editRefusal, startProblems, targetStatus, transitionRefusal, type CampaignAction, type CampaignStatus, type StartFacts } from './lifecycle.js';
import { DEFAULT_RETRY_DELAYS_SEC } from './retry-rules.js';
import { describeZodError } from '../http/validation.js';
import { DoNotCallStore } from './do-not-call.js';
import { isKnownRegion, normalisePhone } from './phone-number.js';

export type { CampaignRow } from './campaign-settings.js';

/** A new campaign: a name and any settings (see CampaignSettingsSchema). */
export type NewCampaign = z.input<typeof CreateCampaignSchema>;

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

export interface CampaignStoreOptions {
  /** The service-wide SAFE_HARBOUR_MEDIA: a predictive campaign without its own may start on it. */
  defaultSafeHarbourMedia?: string | null;
  /** Told after every change of settings or status (the roster reloads the campaign's requirements). */
  onChange?: () => void;
}

/** Contact statuses that still have work in them. */
export const OPEN_CONTACT_STATUSES = ['pending', 'dialing', 'held', 'callback'] as const;

/** Columns a clone copies: every setting, none of the identity or lifecycle. */
function settingsOf(c: CampaignRow): Omit<CampaignRow, 'id' | 'name' | 'status' | 'createdAt' | 'updatedAt'> {
  const { id: _id, name: _name, status: _status, createdAt: _c, updatedAt: _u, ...settings } = c;
  return settings;
}

export class CampaignStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly options: CampaignStoreOptions = {},
  ) {
    this.dnc = new DoNotCallStore(db, clock);
  }

  private readonly dnc: DoNotCallStore;

  /** Creates a draft. Settings are validated here too, so code paths get the same rules as the API. */
  create(input: NewCampaign): CampaignRow {
    const parsed = CreateCampaignSchema.safeParse(input);
    if (!parsed.success) throw new Errors.CampaignInvalid(describeZodError(parsed.error, 'campaign'));
    const { retryDelaysSec, ...settings } = withIntervalSpan(parsed.data);
    const now = this.clock.now();
    const values = {
      ...settings,
      name: settings.name,
      openingMedia: settings.openingMedia ?? '',
      openingText: settings.openingText ?? DEFAULT_OPENING[settings.language ?? 'zh'],
      retryDelaysSec: mergeDelays(DEFAULT_RETRY_DELAYS_SEC, retryDelaysSec),
      createdAt: now,
      updatedAt: now,
    };
    const problems = crossFieldProblems({ windowDays: [], timeZone: 'UTC', ...values, windowStart: values.windowStart ?? '09:00', windowEnd: values.windowEnd ?? '20:00' });
    if (problems.length) throw new Errors.CampaignInvalid(problems.join('; '));
    const row = this.db.insert(campaigns).values(values).returning().get();
    this.options.onChange?.();
    return row;
  }

  /** Changes settings of a draft or paused campaign; outcomes missing from retryDelaysSec keep theirs. */
  update(id: number, patch: CampaignSettingsInput): CampaignRow {
    const parsed = CampaignSettingsSchema.safeParse(patch);
    if (!parsed.success) throw new Errors.CampaignInvalid(describeZodError(parsed.error, 'campaign'));
    const row = this.db.transaction((tx) => {
      const c = this.get(id);
      const refusal = editRefusal(c.status);
      if (refusal) throw new Errors.CampaignNotEditable(id, refusal);
      const { retryDelaysSec, ...rest } = withIntervalSpan(parsed.data);
      const merged = { ...c, ...rest, retryDelaysSec: mergeDelays(mergeDelays(DEFAULT_RETRY_DELAYS_SEC, c.retryDelaysSec), retryDelaysSec) };
      const problems = crossFieldProblems(merged);
      if (problems.length) throw new Errors.CampaignInvalid(problems.join('; '));
      return tx
        .update(campaigns)
        .set({ ...rest, retryDelaysSec: merged.retryDelaysSec, updatedAt: this.clock.now() })
        .where(eq(campaigns.id, id))
        .returning()
        .get();
    });
    this.options.onChange?.();
    return row;
  }

  /** A new draft with the same settings and no contacts. */
  clone(id: number, name?: string): CampaignRow {
    const c = this.get(id);
    const now = this.clock.now();
    return this.db
      .insert(campaigns)
      .values({ ...settingsOf(c), name: name ?? `${c.name} (copy)`.slice(0, 200), status: 'draft', createdAt: now, updatedAt: now })
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

  /**
   * Applies a lifecycle action: 409 DIALER_ERR_CAMPAIGN_BAD_TRANSITION when the status does
   * not allow it, 409 DIALER_ERR_CAMPAIGN_NOT_RUNNABLE (with every reason) when a start lacks
   * something.
   */
  act(id: number, action: CampaignAction, facts: Pick<StartFacts, 'missingPrompts'> = {}): CampaignRow {
    const row = this.db.transaction((tx) => {
      const c = this.get(id);
      const refusal = transitionRefusal(c.status, action);
      if (refusal) throw new Errors.CampaignBadTransition(id, action, refusal);
      if (action === 'start') {
        const problems = startProblems(c, {
          contactsLeft: this.contactsLeft(id),
          serviceSafeHarbourMedia: this.options.defaultSafeHarbourMedia ?? null,
          ...facts,
        });
        if (problems.length) throw new Errors.CampaignNotRunnable(id, problems.join('; '));
      }
      return tx
        .update(campaigns)
        .set({ status: targetStatus(action), updatedAt: this.clock.now() })
        .where(eq(campaigns.id, id))
        .returning()
        .get();
    });
    this.options.onChange?.();
    return row;
  }

  /** The action that leads to `status` (running = start, paused = pause, …), applied. */
  setStatus(id: number, status: Exclude<CampaignStatus, 'draft'>): CampaignRow {
    const action: Record<typeof status, CampaignAction> = { running: 'start', paused: 'pause', completed: 'complete', archived: 'archive' };
    return this.act(id, action[status]);
  }

  /** Contacts with work left: pending, being dialed, previewed, or waiting for a callback (kept counts, no scan). */
  contactsLeft(id: number): number {
    return contactsLeftOf(contactCounts(this.db, id));
  }

  pendingCount(id: number): number {
    return contactCounts(this.db, id).pending;
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
