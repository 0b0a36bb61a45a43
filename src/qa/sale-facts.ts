/**
 * What QA needs to know about sales, behind a small interface: subscriptions belong to the
 * consent module (issue 4), which does not exist yet. Until it does, {@link noSubscriptionsYet}
 * answers for every call: not a sale, no risk flags, no evidence. Sampling then treats every
 * call as a non-sale (the sale floors are filled from non-sales, as the manuals allow), and a
 * reviewer sees an empty evidence list.
 */

/** Sale facts of one call. */
export interface SaleFact {
  /** A confirmed subscription came out of the call. */
  isSale: boolean;
  /** The customer refused, then the call ended in a sale (requirements §3, item 4). */
  saleAfterRefusal: boolean;
  /** The subscription was cancelled right after the next-day confirmation message. */
  cancelledAfterConfirmation: boolean;
}

/** Evidence of a confirmed subscription (requirements §3): which product and terms, when, where in the recording. */
export interface SubscriptionEvidence {
  subscriptionId: string;
  productCode: string;
  productName: string;
  terms: string;
  confirmedAt: number;
  /** Offset of the customer's confirmation in the call's recording, ms. */
  recordingOffsetMs: number | null;
  /** The verification that created it. */
  verificationId: number;
  /** When each evidence moment happened (ms epoch), for placing it on the recording's timeline. */
  moments: Partial<Record<EvidenceMoment, number>>;
}

/** The moments a subscription's evidence records. */
export const EVIDENCE_MOMENTS = ['verificationStart', 'identityKey', 'disclosureStart', 'disclosureEnd', 'consentKey'] as const;
export type EvidenceMoment = (typeof EVIDENCE_MOMENTS)[number];

export interface SaleFacts {
  /** Facts for the given calls; a call missing from the map is a non-sale without flags. */
  factsFor(callIds: readonly string[]): Map<string, SaleFact>;
  /** The subscription evidence of a call (empty for a non-sale). */
  evidenceFor(callId: string): SubscriptionEvidence[];
}

/** The implementation for now: no subscriptions exist, so no call is a sale. */
export const noSubscriptionsYet: SaleFacts = Object.freeze({
  factsFor: () => new Map<string, SaleFact>(),
  evidenceFor: () => [],
});
