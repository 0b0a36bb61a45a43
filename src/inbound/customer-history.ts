/**
 * The customer's history, for the agent on a call with them (shown on an inbound call, when a
 * customer calls back): their earlier calls with the centre (both directions), the
 * subscriptions they have, and whether they are on a do-not-call list. Numbers are not
 * repeated here: the agent sees the customer's number on the live call card only.
 */
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { agents, calls, campaigns, contacts, doNotCallCampaign, doNotCallGlobal, subscriptionEvents, subscriptions } from '../db/schema.js';

/** Earlier calls shown at most (newest first). */
const MAX_CALLS = 50;

export interface HistoryCall {
  callId: string;
  direction: 'outbound' | 'inbound';
  at: number;
  campaignName: string;
  agentName: string | null;
  outcome: string | null;
  talkSec: number | null;
  disposition: string | null;
  dispositionCategory: string | null;
}

export interface HistorySubscription {
  id: number;
  productName: string;
  priceMinor: number;
  currency: string;
  confirmedAt: number;
  cancelledAt: number | null;
}

export interface CustomerHistoryView {
  calls: HistoryCall[];
  subscriptions: HistorySubscription[];
  /** On the global list, or on the list of the call's campaign: since when (null: not on it). */
  doNotCall: { global: number | null; campaign: number | null };
}

export class CustomerHistory {
  constructor(private readonly db: Db) {}

  /** The history of the customer on `call` (everything before and besides this call). */
  of(call: { id: string; phone: string; campaignId: number }): CustomerHistoryView {
    const { db } = this;
    const rows = db
      .select({ call: calls, campaignName: campaigns.name, agentName: agents.name })
      .from(calls)
      .innerJoin(campaigns, eq(campaigns.id, calls.campaignId))
      .leftJoin(agents, eq(agents.id, calls.agentId))
      .where(and(eq(calls.phone, call.phone), ne(calls.id, call.id)))
      .orderBy(desc(calls.originatedAt))
      .limit(MAX_CALLS)
      .all();
    const contactIds = db.select({ id: contacts.id }).from(contacts).where(eq(contacts.phone, call.phone)).all().map((c) => c.id);
    const subs = contactIds.length
      ? db
          .select({ id: subscriptions.id, productName: subscriptions.productName, priceMinor: subscriptions.priceMinor, currency: subscriptions.currency, confirmedAt: subscriptions.confirmedAt })
          .from(subscriptions)
          .where(inArray(subscriptions.contactId, contactIds))
          .orderBy(desc(subscriptions.confirmedAt))
          .all()
      : [];
    const cancelled = new Map<number, number>();
    if (subs.length) {
      for (const e of db
        .select({ subscriptionId: subscriptionEvents.subscriptionId, at: subscriptionEvents.at })
        .from(subscriptionEvents)
        .where(and(inArray(subscriptionEvents.subscriptionId, subs.map((s) => s.id)), eq(subscriptionEvents.kind, 'cancelled')))
        .all()) {
        cancelled.set(e.subscriptionId, e.at);
      }
    }
    const global = db.select({ at: doNotCallGlobal.createdAt }).from(doNotCallGlobal).where(eq(doNotCallGlobal.phone, call.phone)).get();
    const own = db
      .select({ at: doNotCallCampaign.createdAt })
      .from(doNotCallCampaign)
      .where(and(eq(doNotCallCampaign.phone, call.phone), eq(doNotCallCampaign.campaignId, call.campaignId)))
      .get();
    return {
      calls: rows.map(({ call: c, campaignName, agentName }) => ({
        callId: c.id,
        direction: c.direction,
        at: c.answeredAt ?? c.originatedAt,
        campaignName,
        agentName,
        outcome: c.outcome,
        talkSec: c.agentConnectedAt !== null && c.endedAt !== null ? Math.round((c.endedAt - c.agentConnectedAt) / 1000) : null,
        disposition: c.disposition,
        dispositionCategory: c.dispositionCategory,
      })),
      subscriptions: subs.map((s) => ({ ...s, cancelledAt: cancelled.get(s.id) ?? null })),
      doNotCall: { global: global?.at ?? null, campaign: own?.at ?? null },
    };
  }
}
