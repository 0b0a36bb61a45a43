/**
 * After each call, the contact's next state: the campaign's retry rules (retry-rules.ts), the
 * next attempt moved into the callee's calling window (calling-window.ts), and callbacks —
 * the one a call served is done, and a contact with a callback still scheduled waits for it.
 * An owned callback whose call was not answered stays its agent's: it is scheduled again at
 * the outcome's retry time until it expires; then it is `expired` and the contact follows
 * the retry rules like any other.
 */
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { callbacks, campaigns, contacts, type CallOutcome } from '../db/schema.js';
import { DEFAULT_OWNER_HOLD_MS, expiryOf, type CallbackRow } from './callback-store.js';
import { nextOpenAt } from './calling-window.js';
import { retryPolicyOf, windowOf, type CampaignRow } from './campaign-settings.js';
import { calleeZones, regionOfNumber } from './number-zones.js';
import { retryOutcomeOf, settleAfterCall } from './retry-rules.js';

/** An owned callback not answered is tried again after its outcome's delay, or this when the campaign never retries that outcome. */
const OWNED_RETRY_FALLBACK_SEC = 3600;

/** When an owned callback not answered is tried next, or null when it has expired by then. */
export function ownedCallbackRetry(cb: Pick<CallbackRow, 'agentId' | 'dueAt' | 'expiresAt'>, outcome: CallOutcome, campaign: CampaignRow, region: string, now: number, ownerHoldMs: number): number | null {
  const rule = retryOutcomeOf(outcome);
  if (cb.agentId === null || rule === null) return null;
  const delaySec = retryPolicyOf(campaign).delaysSec[rule] ?? OWNED_RETRY_FALLBACK_SEC;
  const next = nextOpenAt(windowOf(campaign), calleeZones(region, campaign.timeZone), now + delaySec * 1000);
  return next !== null && next < expiryOf(cb, ownerHoldMs) ? next : null;
}

export class ContactSettler {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** CALLBACK_OWNER_HOLD_MS. */
    private readonly ownerHoldMs = DEFAULT_OWNER_HOLD_MS,
  ) {}

  /** Settles the contact of a call that ended with `outcome`. */
  settle(contactId: number, outcome: CallOutcome): void {
    const now = this.clock.now();
    this.db.transaction((tx) => {
      const row = tx
        .select({ contact: contacts, campaign: campaigns })
        .from(contacts)
        .innerJoin(campaigns, eq(campaigns.id, contacts.campaignId))
        .where(eq(contacts.id, contactId))
        .get();
      if (!row) return;
      const { contact, campaign } = row;
      const served = tx.select().from(callbacks).where(and(eq(callbacks.contactId, contactId), eq(callbacks.status, 'dialing'))).get();
      if (served) {
        const region = contact.region ?? regionOfNumber(contact.phone);
        const retryAt = outcome === 'answered' ? null : ownedCallbackRetry(served, outcome, campaign, region, now, this.ownerHoldMs);
        if (retryAt !== null) {
          // Still its agent's: scheduled again, the contact waits for it.
          tx.update(callbacks)
            .set({ status: 'scheduled', dueAt: retryAt, callId: null, attempts: served.attempts + 1, updatedAt: now })
            .where(eq(callbacks.id, served.id))
            .run();
          tx.update(contacts).set({ status: 'callback', lastOutcome: outcome, nextAttemptAt: null, region }).where(eq(contacts.id, contactId)).run();
          return;
        }
        const expired = outcome !== 'answered' && served.agentId !== null;
        tx.update(callbacks)
          .set({ status: expired ? 'expired' : 'done', attempts: served.attempts + 1, closedReason: expired ? `${outcome}: the owner's hold ended; the contact follows the retry rules` : null, updatedAt: now })
          .where(eq(callbacks.id, served.id))
          .run();
      }
      const waiting = tx
        .select({ id: callbacks.id })
        .from(callbacks)
        .where(and(eq(callbacks.contactId, contactId), eq(callbacks.status, 'scheduled')))
        .get();
      if (waiting) {
        // Arranged during this call: the callback decides when the contact is dialed next.
        tx.update(contacts).set({ status: 'callback', lastOutcome: outcome, nextAttemptAt: null }).where(eq(contacts.id, contactId)).run();
        return;
      }
      const settlement = settleAfterCall(outcome, contact.attempts, retryPolicyOf(campaign), now);
      if (settlement.status === 'pending') {
        const region = contact.region ?? regionOfNumber(contact.phone);
        const next = nextOpenAt(windowOf(campaign), calleeZones(region, campaign.timeZone), settlement.notBefore);
        tx.update(contacts)
          // A window that never opens leaves the contact due at notBefore; the dial loop's window gate still holds it.
          .set({ status: 'pending', lastOutcome: outcome, nextAttemptAt: next ?? settlement.notBefore, region })
          .where(eq(contacts.id, contactId))
          .run();
      } else {
        tx.update(contacts)
          .set({ status: settlement.status, lastOutcome: outcome, nextAttemptAt: null, finishedAt: now })
          .where(eq(contacts.id, contactId))
          .run();
      }
    });
  }
}
