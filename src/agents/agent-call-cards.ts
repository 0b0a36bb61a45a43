/**
 * What the agent console shows about calls: the live call card (the customer, the campaign's
 * product terms, opening and script) and the agent's calls of today. The customer's number
 * is shown in full only on the call the agent is on now; everywhere else it is masked
 * (requirements §6: agents see only the customer they are talking to).
 */
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { agents, callHandlers, calls, campaigns, consentActions, contacts, subscriptions } from '../db/schema.js';
import { nationalDigits, openingText, parseOpening, surnameFromFields, type OpeningValues } from '../voice/opening.js';
import { disclosurePlaylist, termsOfCampaign } from '../consent/disclosure.js';
import { Errors } from '../errors.js';
import { maskPhone } from '../support/mask-phone.js';
import type { AgentPool } from './agent-pool.js';
import { dayOf, dayStart } from './centre-days.js';

type CampaignRow = typeof campaigns.$inferSelect;

/** The campaign as the agent needs it on a call: product terms, texts, calling window. */
export interface CallCardCampaign {
  id: number;
  name: string;
  dialMode: CampaignRow['dialMode'];
  /** The opening as played on this call (merge fields filled). */
  openingText: string;
  /** The agent's script, merge fields filled. */
  scriptText: string;
  /** The language the customer hears the prompts in. */
  language: CampaignRow['language'];
  refusalLimit: number;
  /** Calling window, for picking a callback time: ISO weekdays, local HH:MM, IANA zone. */
  windowDays: number[];
  windowStart: string;
  windowEnd: string;
  /** The day's intervals (one, or several such as 09:00–12:00 and 13:30–18:00), and holidays. */
  windowIntervals: Array<{ start: string; end: string }>;
  windowDatesOff: string[];
  timeZone: string;
  product: {
    code: string | null;
    name: string | null;
    priceMinor: number | null;
    currency: string;
    billingPeriod: CampaignRow['productBillingPeriod'];
    freeTrialDays: number;
    afterTrial: CampaignRow['productAfterTrial'];
    cancelHow: string | null;
    /** The terms in the words the system's disclosure uses; null when incomplete. */
    termsText: string | null;
  };
}

/** A subscription created on the call (by the system's verification). */
export interface CallCardSubscription {
  id: number;
  productCode: string;
  productName: string;
  priceMinor: number;
  currency: string;
  confirmedAt: number;
}

/** The agent's last word on a call. */
export interface CallDisposition {
  /** The campaign's code, with its label and category at the time it was given. */
  disposition: string;
  label: string;
  category: string | null;
  note: string;
  at: number;
}

/** One call as the agent console shows it. */
export interface AgentCallCard {
  callId: string;
  /** The agent is on this call now (only then is `phone` the full number). */
  live: boolean;
  /** Outbound (dialled) or inbound (the customer called the campaign's number back). */
  direction: 'outbound' | 'inbound';
  /** E.164 while live; masked otherwise. */
  phone: string;
  phoneMasked: string;
  answeredAt: number | null;
  agentConnectedAt: number | null;
  endedAt: number | null;
  outcome: string | null;
  contact: { id: number; fields: Record<string, string> };
  campaign: CallCardCampaign;
  subscriptions: CallCardSubscription[];
  disposition: CallDisposition | null;
}

/** One of today's calls in the agent's list (number masked). */
export interface AgentCallSummary {
  callId: string;
  phoneMasked: string;
  campaignName: string;
  agentConnectedAt: number | null;
  endedAt: number | null;
  talkSec: number | null;
  outcome: string | null;
  sold: boolean;
  disposition: CallDisposition | null;
}

export interface AgentCallCardsOptions {
  db: Db;
  clock: Clock;
  pool: AgentPool;
  /** CENTRE_TIME_ZONE: "today" runs midnight to midnight here. */
  timeZone: string;
}

/** Builds call cards and the day's call list for one agent. */
export class AgentCallCards {
  constructor(private readonly o: AgentCallCardsOptions) {}

  /** The call the agent is offered or on now, or null. */
  current(agentId: number): AgentCallCard | null {
    const callId = this.o.pool.get(agentId)?.callId;
    return callId ? this.card(agentId, callId) : null;
  }

  /** One of the agent's calls (the one they are on, or one they took). @throws NotFound for any other call. */
  card(agentId: number, callId: string): AgentCallCard {
    const { db } = this.o;
    const call = db.select().from(calls).where(eq(calls.id, callId)).get();
    const live = this.o.pool.get(agentId)?.callId === callId;
    // Another agent's call is "not found", so its existence is not revealed either. An agent who
    // handed the call on (a transfer) still reads it: it is in the call's handoff list.
    const handled = () => db.select({ id: callHandlers.id }).from(callHandlers).where(and(eq(callHandlers.callId, callId), eq(callHandlers.agentId, agentId))).get() !== undefined;
    if (!call || (!live && call.agentId !== agentId && !handled())) throw new Errors.NotFound('call of this agent', callId);
    const campaign = db.select().from(campaigns).where(eq(campaigns.id, call.campaignId)).get();
    if (!campaign) throw new Errors.NotFound('campaign', call.campaignId);
    const contact = db.select({ id: contacts.id, fields: contacts.fields }).from(contacts).where(eq(contacts.id, call.contactId)).get();
    const subs = db
      .select({ id: subscriptions.id, productCode: subscriptions.productCode, productName: subscriptions.productName, priceMinor: subscriptions.priceMinor, currency: subscriptions.currency, confirmedAt: subscriptions.confirmedAt })
      .from(subscriptions)
      .where(eq(subscriptions.callId, callId))
      .orderBy(asc(subscriptions.id))
      .all();
    return {
      callId,
      live,
      direction: call.direction,
      phone: live ? call.phone : maskPhone(call.phone),
      phoneMasked: maskPhone(call.phone),
      answeredAt: call.answeredAt,
      agentConnectedAt: call.agentConnectedAt,
      endedAt: call.endedAt,
      outcome: call.outcome,
      contact: { id: call.contactId, fields: contact?.fields ?? {} },
      campaign: campaignOfCard(campaign, {
        company: campaign.companyName || null,
        // The number in the opening's words only while the agent is on the call (masked otherwise).
        number: live ? nationalDigits(call.phone) : maskPhone(call.phone),
        surname: surnameFromFields(contact?.fields ?? {}),
        staffNo: db.select({ staffNo: agents.staffNo }).from(agents).where(eq(agents.id, agentId)).get()?.staffNo ?? null,
      }),
      subscriptions: subs,
      disposition: this.dispositions([callId]).get(callId) ?? null,
    };
  }

  /** The calls the agent took today (centre day), newest first, numbers masked. */
  today(agentId: number): { day: string; calls: AgentCallSummary[] } {
    const { db, clock, timeZone } = this.o;
    const day = dayOf(clock.now(), timeZone);
    const rows = db
      .select({ call: calls, campaignName: campaigns.name })
      .from(calls)
      .innerJoin(campaigns, eq(campaigns.id, calls.campaignId))
      .where(and(eq(calls.agentId, agentId), gte(calls.originatedAt, dayStart(day, timeZone))))
      .orderBy(desc(calls.originatedAt))
      .limit(500)
      .all();
    const ids = rows.map((r) => r.call.id);
    const dispositions = this.dispositions(ids);
    const sold = new Set(ids.length ? db.select({ callId: subscriptions.callId }).from(subscriptions).where(inArray(subscriptions.callId, ids)).all().map((s) => s.callId) : []);
    return {
      day,
      calls: rows.map(({ call, campaignName }) => ({
        callId: call.id,
        phoneMasked: maskPhone(call.phone),
        campaignName,
        agentConnectedAt: call.agentConnectedAt,
        endedAt: call.endedAt,
        talkSec: call.agentConnectedAt !== null && call.endedAt !== null ? Math.round((call.endedAt - call.agentConnectedAt) / 1000) : null,
        outcome: call.outcome,
        sold: sold.has(call.id),
        disposition: dispositions.get(call.id) ?? null,
      })),
    };
  }

  /** The latest disposition of each call. */
  private dispositions(callIds: string[]): Map<string, CallDisposition> {
    const out = new Map<string, CallDisposition>();
    if (callIds.length === 0) return out;
    const rows = this.o.db
      .select({ callId: consentActions.callId, detail: consentActions.detail, at: consentActions.at })
      .from(consentActions)
      .where(and(inArray(consentActions.callId, callIds), eq(consentActions.kind, 'disposition')))
      .orderBy(asc(consentActions.id))
      .all();
    for (const r of rows) {
      out.set(r.callId, { disposition: String(r.detail.disposition ?? ''), label: String(r.detail.label ?? r.detail.disposition ?? ''), category: typeof r.detail.category === 'string' ? r.detail.category : null, note: String(r.detail.note ?? ''), at: r.at });
    }
    return out;
  }
}

/** The opening template with this call's values, as it was played; the template itself when it cannot be parsed. */
function openingWords(c: CampaignRow, v: OpeningValues): string {
  try {
    return openingText(parseOpening(c.openingText), v);
  } catch {
    return c.openingText;
  }
}

/** The script with the call's merge fields filled ({公司} {号码} {姓} {工号}); other text as written. */
export function scriptWords(script: string, v: OpeningValues): string {
  return script.replace(/\{(公司|company|号码|number|姓|surname|工号|staffNo)\}/gi, (whole, name: string) => {
    const key = { 公司: 'company', 号码: 'number', 姓: 'surname', 工号: 'staffNo' }[name] ?? (name.toLowerCase() === 'staffno' ? 'staffNo' : name.toLowerCase());
    return v[key as keyof OpeningValues] ?? whole;
  });
}

function campaignOfCard(c: CampaignRow, v: OpeningValues): CallCardCampaign {
  const t = termsOfCampaign(c);
  let termsText: string | null = null;
  if (t.ok) {
    try {
      termsText = disclosurePlaylist(t.terms, c.language).text;
    } catch {
      termsText = null;
    }
  }
  return {
    id: c.id,
    name: c.name,
    dialMode: c.dialMode,
    openingText: openingWords(c, v),
    scriptText: scriptWords(c.scriptText, v),
    language: c.language,
    refusalLimit: c.refusalLimit,
    windowDays: c.windowDays,
    windowStart: c.windowStart,
    windowEnd: c.windowEnd,
    windowIntervals: c.windowIntervals?.length ? c.windowIntervals : [{ start: c.windowStart, end: c.windowEnd }],
    windowDatesOff: c.windowDatesOff,
    timeZone: c.timeZone,
    product: {
      code: c.productCode,
      name: c.productName,
      priceMinor: c.productPriceMinor,
      currency: c.productCurrency,
      billingPeriod: c.productBillingPeriod,
      freeTrialDays: c.productFreeTrialDays,
      afterTrial: c.productAfterTrial,
      cancelHow: c.productCancelHow,
      termsText,
    },
  };
}
