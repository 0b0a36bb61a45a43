/**
 * Webhooks (issue 16): endpoints managers register, the durable outbox of events and their
 * deliveries (one per endpoint), each delivery's attempts, and the feed cursors that turn
 * append-only tables into events. Re-exported by schema.ts.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Event types a webhook endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'call.ended',
  'disposition.saved',
  'subscription.confirmed',
  'subscription.cancelled',
  'subscription.reversed',
  'subscription.confirmation-message',
  'do-not-call.added',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/** A receiver registered by a manager, with the event types it wants and its signing secret. */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  events: text('events', { mode: 'json' }).$type<WebhookEventType[]>().notNull(),
  /** HMAC-SHA256 key; the receiver holds the same. Shown to managers, never logged. */
  secret: text('secret').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** One event, as it will be sent (payload = the versioned envelope). */
export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The envelope's id (`evt_…`): receivers de-duplicate on it. */
    eventId: text('event_id').notNull().unique(),
    type: text('type', { enum: WEBHOOK_EVENT_TYPES }).notNull(),
    /** Deliveries with the same key (per endpoint) go out in order: the call, or the subscription. */
    orderingKey: text('ordering_key').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('webhook_events_key_idx').on(t.orderingKey, t.id)],
);

/** An event on its way to one endpoint. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => webhookEvents.id),
    endpointId: integer('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** `<endpoint>:<ordering key>`: the lane delivered in id order. */
    lane: text('lane').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: integer('last_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('webhook_deliveries_lane_idx').on(t.lane, t.status, t.id),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
    index('webhook_deliveries_status_idx').on(t.status),
  ],
);

/** Every attempt of a delivery: when, the receiver's status code or the error, how long. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

/** How far each event feed has read its source table (by row id). */
export const webhookFeedCursors = sqliteTable('webhook_feed_cursors', {
  source: text('source').primaryKey(),
  lastId: integer('last_id').notNull(),
});
