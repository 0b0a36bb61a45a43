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
import { once, placeholder, RowWriter } from '../db/prepared.js';
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
  /** Every call ends here: queries built once (db/prepared.ts). */
  private readonly contactRows: RowWriter<typeof contacts, typeof contacts.id>;
  private readonly callbackRows: RowWriter<typeof callbacks, typeof callbacks.id>;
  private readonly contactWithCampaign = once(() =>
    this.db
      .select({ contact: contacts, campaign: campaigns })
      .from(contacts)
      .innerJoin(campaigns, eq(campaigns.id, contacts.campaignId))
      .where(eq(contacts.id, placeholder('contactId')))
      .prepare(),
  );
  private readonly callbackOf = once(() =>
    this.db
      .select()
      .from(callbacks)
      .where(and(eq(callbacks.contactId, placeholder('contactId')), eq(callbacks.status, placeholder('status'))))
      .prepare(),
  );

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** CALLBACK_OWNER_HOLD_MS. */
    private readonly ownerHoldMs = DEFAULT_OWNER_HOLD_MS,
  ) {
    this.contactRows = new RowWriter(db, contacts, contacts.id);
    this.callbackRows = new RowWriter(db, callbacks, callbacks.id);
  }

  /** Settles the contact of a call that ended with `outcome`. */
  settle(contactId: number, outcome: CallOutcome): void {
    const now = this.clock.now();
    const setContact = (patch: Partial<typeof contacts.$inferInsert>) => this.contactRows.update(contactId, patch);
    this.db.transaction(() => {
      const row = this.contactWithCampaign().get({ contactId });
      if (!row) return;
      const { contact, campaign } = row;
      const served = this.callbackOf().get({ contactId, status: 'dialing' });
      if (served) {
        const region = contact.region ?? regionOfNumber(contact.phone);
        const retryAt = outcome === 'answered' ? null : ownedCallbackRetry(served, outcome, campaign, region, now, this.ownerHoldMs);
        if (retryAt !== null) {
          // Still its agent's: scheduled again, the contact waits for it.
          this.callbackRows.update(served.id, { status: 'scheduled', dueAt: retryAt, callId: null, attempts: served.attempts + 1, updatedAt: now });
          setContact({ status: 'callback', lastOutcome: outcome, nextAttemptAt: null, region });
          return;
        }
        const expired = outcome !== 'answered' && served.agentId !== null;
        this.callbackRows.update(served.id, {
          status: expired ? 'expired' : 'done',
          attempts: served.attempts + 1,
          closedReason: expired ? `${outcome}: the owner's hold ended; the contact follows the retry rules` : null,
          updatedAt: now,
        });
      }
      if (this.callbackOf().get({ contactId, status: 'scheduled' })) {
        // Arranged during this call: the callback decides when the contact is dialed next.
        setContact({ status: 'callback', lastOutcome: outcome, nextAttemptAt: null });
        return;
      }
      const settlement = settleAfterCall(outcome, contact.attempts, retryPolicyOf(campaign), now);
      if (settlement.status === 'pending') {
        const region = contact.region ?? regionOfNumber(contact.phone);
        const next = nextOpenAt(windowOf(campaign), calleeZones(region, campaign.timeZone), settlement.notBefore);
        // A window that never opens leaves the contact due at notBefore; the dial loop's window gate still holds it.
        setContact({ status: 'pending', lastOutcome: outcome, nextAttemptAt: next ?? settlement.notBefore, region });
      } else {
        setContact({ status: settlement.status, lastOutcome: outcome, nextAttemptAt: null, finishedAt: now });
      }
    });
  }
}
