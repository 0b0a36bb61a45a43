/**
 * What the routing rules need to know about an inbound caller, read from SQLite: the campaigns
 * showing the dialled number as their caller ID, the caller as a contact of each, and the
 * agent who last talked with them there.
 */
import { and, desc, eq, isNotNull, ne } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js/max';
import type { Db } from '../db/database.js';
import { calls, campaigns, contacts } from '../db/schema.js';
import { isKnownRegion } from '../campaigns/phone-number.js';
import { e164Of, sameNumber } from './numbers.js';
import type { CandidateCampaign } from './routing.js';

export interface InboundCandidate extends CandidateCampaign {
  /** The caller's number in E.164 as this campaign's region reads it (null: not a number). */
  callerE164: string | null;
  language: 'zh' | 'en';
}

const regionOf = (r: string): CountryCode => (isKnownRegion(r) ? r : 'CN');

export class InboundLookup {
  constructor(private readonly db: Db) {}

  /** Every campaign (archived ones aside) whose caller ID is `dialled`, with the caller's standing in it. */
  candidates(caller: string, dialled: string): InboundCandidate[] {
    const showing = this.db
      .select({ id: campaigns.id, callerId: campaigns.callerId, region: campaigns.defaultRegion, language: campaigns.language })
      .from(campaigns)
      .where(and(ne(campaigns.callerId, ''), ne(campaigns.status, 'archived')))
      .orderBy(campaigns.id)
      .all()
      .filter((c) => sameNumber(c.callerId, dialled, regionOf(c.region)));
    return showing.map((c) => {
      const callerE164 = e164Of(caller, regionOf(c.region));
      const contact = callerE164
        ? this.db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.campaignId, c.id), eq(contacts.phone, callerE164))).get()
        : undefined;
      const last = contact
        ? this.db
            .select({ agentId: calls.agentId, at: calls.agentConnectedAt })
            .from(calls)
            .where(and(eq(calls.contactId, contact.id), isNotNull(calls.agentId), isNotNull(calls.agentConnectedAt)))
            .orderBy(desc(calls.agentConnectedAt))
            .limit(1)
            .get()
        : undefined;
      return {
        campaignId: c.id,
        contactId: contact?.id ?? null,
        lastTalk: last && last.agentId !== null && last.at !== null ? { agentId: last.agentId, at: last.at } : null,
        callerE164,
        language: c.language,
      };
    });
  }
}
