/**
 * Inbound calls (issue 13): every call from the carrier that reached the service, with who
 * called, the number they dialled, what the routing rules decided and the call row it became
 * (null for unknown callers turned away). Re-exported by schema.ts.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** What the routing rules decided for an inbound call (src/inbound/routing.ts). */
export const INBOUND_ROUTES = ['last-agent', 'campaign-agent', 'callback', 'unknown-message', 'unknown-agent'] as const;
export type InboundRoute = (typeof INBOUND_ROUTES)[number];

/** Calls are outbound (the dialer placed them) or inbound (a customer called the campaign's number). */
export const CALL_DIRECTIONS = ['outbound', 'inbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const inboundCalls = sqliteTable(
  'inbound_calls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The Asterisk channel that entered Stasis. */
    channelId: text('channel_id').notNull(),
    /** The caller's number as the carrier sent it, and as E.164 when it could be read. */
    callerRaw: text('caller_raw').notNull(),
    caller: text('caller'),
    /** The number the customer dialled (a campaign's caller ID, if known). */
    dialled: text('dialled').notNull(),
    campaignId: integer('campaign_id'),
    contactId: integer('contact_id'),
    route: text('route', { enum: INBOUND_ROUTES }).notNull(),
    /** The agent the call was routed to, or the agent the callback is for. */
    agentId: integer('agent_id'),
    /** The call row (recorded like an outbound call); null when the caller was turned away unrecorded. */
    callId: text('call_id'),
    callbackId: integer('callback_id'),
    arrivedAt: integer('arrived_at').notNull(),
  },
  (t) => [index('inbound_calls_arrived_idx').on(t.arrivedAt), index('inbound_calls_call_idx').on(t.callId)],
);
