/**
 * What becomes of a campaign's scheduled callbacks when it is completed or archived: the
 * manager says — cancel them, or move them to another campaign (same customer, time, owner,
 * note and expiry). Without an answer the step is refused with how many there are, so no
 * callback is left "scheduled" forever on a campaign that will never dial again.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { callbacks, contacts } from '../db/schema.js';
import { Errors } from '../errors.js';
import type { CallbackStore } from './callback-store.js';
import type { CampaignStore } from './campaign-store.js';
import { DoNotCallStore } from './do-not-call.js';
import type { Clock } from '../clock.js';

/** The manager's answer: cancel the callbacks, or move them to another campaign. */
export type EndingChoice = { callbacks: 'cancel' } | { callbacks: 'move'; toCampaignId: number };

/** What was done with them. */
export interface EndingResult {
  cancelled: number;
  moved: number;
  /** Callbacks that could not be moved (e.g. the number is on the other campaign's do-not-call list), cancelled with the reason. */
  notMoved: Array<{ callbackId: number; reason: string }>;
}

export class EndingCallbacks {
  private readonly dnc: DoNotCallStore;

  constructor(
    private readonly db: Db,
    clock: Clock,
    private readonly store: CallbackStore,
    private readonly campaigns: CampaignStore,
  ) {
    this.dnc = new DoNotCallStore(db, clock);
  }

  /** Scheduled callbacks of a campaign. */
  open(campaignId: number) {
    return this.db.select().from(callbacks).where(and(eq(callbacks.campaignId, campaignId), eq(callbacks.status, 'scheduled'))).all();
  }

  /** Refuses the step when callbacks are open and no (usable) choice was given. */
  check(campaignId: number, action: string, choice: EndingChoice | undefined): void {
    const open = this.open(campaignId).length;
    if (open === 0) return;
    if (!choice) throw new Errors.CampaignCallbacksOpen(campaignId, open, action);
    if (choice.callbacks === 'move') {
      if (choice.toCampaignId === campaignId) throw new Errors.BadRequest('body.toCampaignId: move the callbacks to another campaign');
      const target = this.campaigns.get(choice.toCampaignId);
      if (target.status === 'completed' || target.status === 'archived') {
        throw new Errors.BadRequest(`body.toCampaignId: campaign ${target.id} is ${target.status} and will not dial again`);
      }
    }
  }

  /** Cancels or moves every scheduled callback of the campaign. */
  apply(campaignId: number, choice: EndingChoice | undefined): EndingResult {
    const result: EndingResult = { cancelled: 0, moved: 0, notMoved: [] };
    const from = this.campaigns.get(campaignId);
    for (const cb of this.open(campaignId)) {
      if (!choice || choice.callbacks === 'cancel') {
        this.store.cancel(cb.id, `campaign ${from.id} ${from.status}: the manager cancelled its callbacks`);
        result.cancelled += 1;
        continue;
      }
      const why = this.moveOne(cb.id, cb.contactId, choice.toCampaignId);
      if (why) {
        this.store.cancel(cb.id, `not moved to campaign ${choice.toCampaignId}: ${why}`);
        result.notMoved.push({ callbackId: cb.id, reason: why });
      } else result.moved += 1;
    }
    return result;
  }

  /** Schedules the callback again in `toCampaignId`; the reason it cannot be, or null. */
  private moveOne(callbackId: number, contactId: number, toCampaignId: number): string | null {
    const cb = this.store.get(callbackId);
    const contact = this.db.select().from(contacts).where(eq(contacts.id, contactId)).get();
    if (!contact) return 'its contact is gone';
    if (this.dnc.isBlocked(toCampaignId, contact.phone)) return 'the number is on the do-not-call list';
    this.db.insert(contacts).values({ campaignId: toCampaignId, phone: contact.phone, fields: contact.fields, region: contact.region, createdAt: contact.createdAt }).onConflictDoNothing().run();
    const target = this.db.select().from(contacts).where(and(eq(contacts.campaignId, toCampaignId), eq(contacts.phone, contact.phone))).get()!;
    if (target.status === 'dialing' || target.status === 'held') return 'the customer is on a call of that campaign now';
    const moved = this.store.schedule({
      campaignId: toCampaignId,
      contactId: target.id,
      agentId: cb.agentId,
      dueAt: cb.dueAt,
      expiresAt: cb.expiresAt,
      note: cb.note,
      fromCallId: cb.fromCallId,
      createdByUserId: cb.createdByUserId,
    });
    this.store.cancel(callbackId, `moved to campaign ${toCampaignId} (callback ${moved.id})`);
    return null;
  }
}
