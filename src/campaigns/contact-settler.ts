/**
 * After each call, the contact's next state: the campaign's retry rules (retry-rules.ts), the
 * next attempt moved into the callee's calling window (calling-window.ts), and callbacks —
 * the one a call served is done, and a contact with a callback still scheduled waits for it.
 */
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { callbacks, campaigns, contacts, type CallOutcome } from '../db/schema.js';
import { nextOpenAt } from './calling-window.js';
import { retryPolicyOf, windowOf } from './campaign-settings.js';
import { calleeZones, regionOfNumber } from './number-zones.js';
import { settleAfterCall } from './retry-rules.js';

export class ContactSettler {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
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
      tx.update(callbacks)
        .set({ status: 'done', updatedAt: now })
        .where(and(eq(callbacks.contactId, contactId), eq(callbacks.status, 'dialing')))
        .run();
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
