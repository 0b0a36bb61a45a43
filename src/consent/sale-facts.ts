/**
 * QA's view of sales ({@link SaleFacts}), answered from subscriptions: a call is a sale
 * when its verification created a subscription; flagged when refusals were logged before
 * the consent, or when it was cancelled after the confirmation message. Evidence reads are
 * audited (requirements §6).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { consentActions, subscriptions } from '../db/schema.js';
import { EVIDENCE_MOMENTS, type SaleFact, type SaleFacts, type SubscriptionEvidence } from '../qa/sale-facts.js';
import type { ConsentAudit } from './consent-audit.js';
import type { SubscriptionStore } from './subscription-store.js';

/** Identifies this source in QA plan runs (so a plan can be re-verified against the same source). */
export const SUBSCRIPTION_SALE_FACTS_SOURCE = 'subscriptions-v1';

export function subscriptionSaleFacts(db: Db, store: SubscriptionStore, audit: ConsentAudit): SaleFacts {
  return {
    factsFor(callIds) {
      const out = new Map<string, SaleFact>();
      const subs = store.byCalls(callIds);
      if (!subs.length) return out;
      const refusals = db
        .select({ callId: consentActions.callId, at: consentActions.at })
        .from(consentActions)
        .where(and(inArray(consentActions.callId, subs.map((s) => s.callId)), eq(consentActions.kind, 'refusal')))
        .all();
      for (const s of subs) {
        const cancelled = store.eventsOf(s.id).find((e) => e.kind === 'cancelled');
        const prev = out.get(s.callId);
        out.set(s.callId, {
          isSale: true,
          saleAfterRefusal: (prev?.saleAfterRefusal ?? false) || refusals.some((r) => r.callId === s.callId && r.at <= s.confirmedAt),
          cancelledAfterConfirmation: (prev?.cancelledAfterConfirmation ?? false) || cancelled?.detail.afterConfirmation === true,
        });
      }
      return out;
    },
    evidenceFor(callId) {
      const subs = db.select().from(subscriptions).where(eq(subscriptions.callId, callId)).all();
      if (subs.length) audit.record({ id: null, username: 'qa-review' }, 'subscription.read', { callId }, { via: 'qa call details', subscriptions: subs.map((s) => s.id) });
      return subs.map(
        (s): SubscriptionEvidence => ({
          subscriptionId: String(s.id),
          productCode: s.productCode,
          productName: s.productName,
          terms: String((s.terms as { text?: unknown }).text ?? ''),
          confirmedAt: s.confirmedAt,
          recordingOffsetMs: s.offsets.consentKey?.callOffsetMs ?? null,
          verificationId: s.verificationId,
          moments: Object.fromEntries(EVIDENCE_MOMENTS.flatMap((m) => (s.offsets[m] ? [[m, s.offsets[m].at]] : []))),
        }),
      );
    },
  };
}
