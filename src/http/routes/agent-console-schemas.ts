/** Response schemas of the agent console's reads: the call card, today's calls, the preview card (src/agents/agent-call-cards.ts, src/dialer/preview-service.ts). */
import { z } from 'zod';
import { campaigns } from '../../db/schema.js';
import { rowSchema } from '../response-schemas.js';
import { AgentRecordSchema, AgentSessionSchema } from './agent-schemas.js';

const campaignColumn = rowSchema(campaigns).shape;

const CallCardCampaignSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  dialMode: campaignColumn.dialMode,
  openingText: z.string().describe('the opening as played on this call (merge fields filled)'),
  scriptText: z.string().describe("the agent's script, merge fields filled"),
  language: campaignColumn.language,
  refusalLimit: z.number().int(),
  windowDays: z.array(z.number().int()).describe('ISO weekdays of the calling window'),
  windowStart: z.string(),
  windowEnd: z.string(),
  windowIntervals: z.array(z.object({ start: z.string(), end: z.string() })),
  windowDatesOff: z.array(z.string()),
  timeZone: z.string(),
  product: z.object({
    code: z.string().nullable(),
    name: z.string().nullable(),
    priceMinor: z.number().nullable(),
    currency: z.string(),
    billingPeriod: campaignColumn.productBillingPeriod,
    freeTrialDays: z.number().int(),
    afterTrial: campaignColumn.productAfterTrial,
    cancelHow: z.string().nullable(),
    termsText: z.string().nullable().describe("the terms in the disclosure's words; null when incomplete"),
  }),
});

const CallDispositionSchema = z.object({
  disposition: z.string().describe("the campaign's code"),
  label: z.string(),
  category: z.string().nullable(),
  note: z.string(),
  at: z.number(),
});

/** One call as the agent console shows it. */
export const AgentCallCardSchema = z.object({
  callId: z.string(),
  live: z.boolean().describe('the agent is on this call now (only then is phone the full number)'),
  direction: z.enum(['outbound', 'inbound']),
  phone: z.string().describe('E.164 while live; masked otherwise'),
  phoneMasked: z.string(),
  answeredAt: z.number().nullable(),
  agentConnectedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  outcome: z.string().nullable(),
  contact: z.object({ id: z.number().int(), fields: z.record(z.string(), z.string()) }),
  campaign: CallCardCampaignSchema,
  subscriptions: z.array(
    z.object({ id: z.number().int(), productCode: z.string(), productName: z.string(), priceMinor: z.number(), currency: z.string(), confirmedAt: z.number() }),
  ),
  disposition: CallDispositionSchema.nullable(),
});

/** Today's calls of an agent (numbers masked). */
export const AgentCallsTodaySchema = z.object({
  day: z.string(),
  calls: z.array(
    z.object({
      callId: z.string(),
      phoneMasked: z.string(),
      campaignName: z.string(),
      agentConnectedAt: z.number().nullable(),
      endedAt: z.number().nullable(),
      talkSec: z.number().nullable(),
      outcome: z.string().nullable(),
      sold: z.boolean(),
      disposition: CallDispositionSchema.nullable(),
    }),
  ),
});

/** The signed-in agent: their record, session and the running preview campaigns. */
export const MeAgentSchema = z.object({
  agent: AgentRecordSchema,
  session: AgentSessionSchema.nullable(),
  previewCampaigns: z.array(z.object({ id: z.number().int(), name: z.string() })),
});

/** What the agent sees before dialing (the number: to this agent only). */
export const PreviewCardSchema = z.object({
  contactId: z.number().int(),
  campaignId: z.number().int(),
  campaignName: z.string(),
  phone: z.string().describe('E.164'),
  fields: z.record(z.string(), z.string()).describe("the list's other columns"),
  attempts: z.number().int(),
  lastOutcome: z.string().nullable(),
  callback: z.object({ id: z.number().int(), dueAt: z.number(), note: z.string(), owned: z.boolean() }).nullable(),
  heldUntil: z.number().describe('the card is released if not dialed or skipped by then'),
});

export const PreviewAnswer = z.object({ card: PreviewCardSchema.nullable().describe('null: nothing to preview') });
