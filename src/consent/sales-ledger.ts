/**
 * The agent figures' sales and refusals, read from the consent records: a sale is a
 * subscription (created only by a completed verification), reversed when it was cancelled;
 * a refusal is one the agent (or the customer's "2") logged on the call.
 */
import { and, eq, gte, inArray, isNotNull, lt, min } from 'drizzle-orm';
import type { SalesLedger } from '../agents/sales-ledger.js';
import type { Db } from '../db/database.js';
import { consentActions, subscriptionEvents, subscriptions } from '../db/schema.js';

/** Commission tiers are in yuan; a price in another currency earns none (its priceYuan is 0). */
function priceYuan(priceMinor: number, currency: string): number {
  return currency === 'CNY' ? priceMinor / 100 : 0;
}

export function subscriptionSalesLedger(db: Db): SalesLedger {
  return {
    available: true,
    sales(from, to) {
      const rows = db
        .select({
          id: subscriptions.id,
          agentId: subscriptions.agentId,
          callId: subscriptions.callId,
          campaignId: subscriptions.campaignId,
          at: subscriptions.confirmedAt,
          priceMinor: subscriptions.priceMinor,
          currency: subscriptions.currency,
        })
        .from(subscriptions)
        .where(and(gte(subscriptions.confirmedAt, from), lt(subscriptions.confirmedAt, to)))
        .all();
      if (!rows.length) return [];
      const cancelled = new Map(
        db
          .select({ id: subscriptionEvents.subscriptionId, at: min(subscriptionEvents.at) })
          .from(subscriptionEvents)
          .where(and(eq(subscriptionEvents.kind, 'cancelled'), inArray(subscriptionEvents.subscriptionId, rows.map((r) => r.id))))
          .groupBy(subscriptionEvents.subscriptionId)
          .all()
          .map((c) => [c.id, c.at]),
      );
      return rows.map((r) => ({
        agentId: r.agentId,
        callId: r.callId,
        campaignId: r.campaignId,
        at: r.at,
        priceYuan: priceYuan(r.priceMinor, r.currency),
        reversedAt: cancelled.get(r.id) ?? null,
      }));
    },
    refusals(from, to) {
      return db
        .select({ agentId: consentActions.agentId, callId: consentActions.callId, at: consentActions.at })
        .from(consentActions)
        .where(and(eq(consentActions.kind, 'refusal'), isNotNull(consentActions.agentId), gte(consentActions.at, from), lt(consentActions.at, to)))
        .all()
        .map((r) => ({ agentId: r.agentId ?? 0, callId: r.callId, campaignId: null, at: r.at }));
    },
  };
}
