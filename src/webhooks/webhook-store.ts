/**
 * The webhooks' system of record: endpoints, the outbox of events (one row per event, one
 * delivery per subscribed endpoint, written in one transaction), attempts, and the lanes
 * deliveries go out in (per endpoint and ordering key, in id order).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { once } from '../db/prepared.js';
import {
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
  type WebhookDeliveryState,
  type WebhookEventType,
} from '../db/schema.js';
import { Errors } from '../errors.js';
import { newWebhookSecret } from './signature.js';

/** Payload version: bumped when a field changes meaning or goes away (new fields do not bump it). */
export const WEBHOOK_PAYLOAD_VERSION = 1;

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;

/** A delivery with what a manager needs to see: its event and last attempts. */
export interface DeliveryView extends WebhookDelivery {
  eventType: WebhookEventType;
  webhookEventId: string;
  orderingKey: string;
  attemptsLog: WebhookAttempt[];
}

/** The versioned envelope every event is sent in. */
export interface WebhookEnvelope {
  version: number;
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface EndpointInput {
  url: string;
  events: WebhookEventType[];
  description?: string;
  active?: boolean;
}

export class WebhookStore {
  constructor(private readonly o: { db: Db; clock: Clock }) {}

  listEndpoints(): WebhookEndpoint[] {
    return this.allEndpoints().all();
  }

  /** True when an active endpoint takes events of this type (every call's end asks). */
  hasSubscribers(type: WebhookEventType): boolean {
    return this.listEndpoints().some((e) => e.active && e.events.includes(type));
  }

  private readonly allEndpoints = once(() => this.o.db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.id)).prepare());

  getEndpoint(id: number): WebhookEndpoint {
    const row = this.o.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
    if (!row) throw new Errors.NotFound('webhook', id);
    return row;
  }

  createEndpoint(input: EndpointInput, createdBy: number | null, secret = newWebhookSecret()): WebhookEndpoint {
    const now = this.o.clock.now();
    return this.o.db
      .insert(webhookEndpoints)
      .values({ url: input.url, events: input.events, description: input.description ?? '', active: input.active ?? true, secret, createdBy, createdAt: now, updatedAt: now })
      .returning()
      .get();
  }

  updateEndpoint(id: number, patch: Partial<EndpointInput> & { rotateSecret?: boolean }): WebhookEndpoint {
    this.getEndpoint(id);
    const { rotateSecret, ...fields } = patch;
    return this.o.db
      .update(webhookEndpoints)
      .set({ ...fields, ...(rotateSecret ? { secret: newWebhookSecret() } : {}), updatedAt: this.o.clock.now() })
      .where(eq(webhookEndpoints.id, id))
      .returning()
      .get()!;
  }

  deleteEndpoint(id: number): void {
    this.getEndpoint(id);
    this.o.db.transaction((tx) => {
      const ids = tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id)).all().map((r) => r.id);
      if (ids.length > 0) tx.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, ids)).run();
      tx.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id)).run();
      tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).run();
    });
  }

  /**
   * Records an event and a pending delivery for every active endpoint subscribed to its type,
   * in one transaction. Returns the lanes that now have work.
   */
  publish(type: WebhookEventType, orderingKey: string, data: Record<string, unknown>): string[] {
    const now = this.o.clock.now();
    const endpoints = this.listEndpoints().filter((e) => e.active && e.events.includes(type));
    if (endpoints.length === 0) return [];
    const envelope: WebhookEnvelope = { version: WEBHOOK_PAYLOAD_VERSION, id: `evt_${randomUUID()}`, type, occurredAt: new Date(now).toISOString(), data };
    return this.o.db.transaction((tx) => {
      const event = tx
        .insert(webhookEvents)
        .values({ eventId: envelope.id, type, orderingKey, payload: envelope as unknown as Record<string, unknown>, createdAt: now })
        .returning({ id: webhookEvents.id })
        .get();
      return endpoints.map((e) => {
        const lane = `${e.id}:${orderingKey}`;
        tx.insert(webhookDeliveries).values({ eventId: event.id, endpointId: e.id, lane, createdAt: now }).run();
        return lane;
      });
    });
  }

  /** The oldest pending delivery of a lane with its endpoint and body, or null. */
  nextInLane(lane: string): { delivery: WebhookDelivery; endpoint: WebhookEndpoint; envelope: WebhookEnvelope } | null {
    const row = this.o.db
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, payload: webhookEvents.payload })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(and(eq(webhookDeliveries.lane, lane), eq(webhookDeliveries.status, 'pending')))
      .orderBy(asc(webhookDeliveries.id))
      .limit(1)
      .get();
    return row ? { delivery: row.delivery, endpoint: row.endpoint, envelope: row.payload as unknown as WebhookEnvelope } : null;
  }

  /** Lanes that have pending deliveries (the sweeper re-enqueues them), at most `limit`. */
  pendingLanes(limit = 1000): string[] {
    return this.o.db
      .selectDistinct({ lane: webhookDeliveries.lane })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, 'pending'))
      .limit(limit)
      .all()
      .map((r) => r.lane);
  }

  /** Records one attempt and its result on the delivery. */
  recordAttempt(deliveryId: number, result: { statusCode: number | null; error: string | null; durationMs: number; outcome: WebhookDeliveryState }): void {
    const now = this.o.clock.now();
    this.o.db.transaction((tx) => {
      tx.insert(webhookAttempts).values({ deliveryId, at: now, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs }).run();
      const d = tx.select({ attempts: webhookDeliveries.attempts }).from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get();
      tx.update(webhookDeliveries)
        .set({
          attempts: (d?.attempts ?? 0) + 1,
          lastAttemptAt: now,
          lastStatusCode: result.statusCode,
          lastError: result.error,
          status: result.outcome,
          ...(result.outcome === 'delivered' ? { deliveredAt: now } : {}),
        })
        .where(eq(webhookDeliveries.id, deliveryId))
        .run();
    });
  }

  /** An endpoint's deliveries, newest first, each with its last attempts (`beforeId` pages). */
  deliveries(endpointId: number, opts: { status?: WebhookDeliveryState; limit: number; beforeId?: number }): DeliveryView[] {
    this.getEndpoint(endpointId);
    const rows = this.o.db
      .select({ delivery: webhookDeliveries, type: webhookEvents.type, eventId: webhookEvents.eventId, orderingKey: webhookEvents.orderingKey })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(
        and(
          eq(webhookDeliveries.endpointId, endpointId),
          opts.status ? eq(webhookDeliveries.status, opts.status) : undefined,
          opts.beforeId ? lt(webhookDeliveries.id, opts.beforeId) : undefined,
        ),
      )
      .orderBy(desc(webhookDeliveries.id))
      .limit(opts.limit)
      .all();
    return rows.map((r) => this.view(r.delivery, r.type, r.eventId, r.orderingKey));
  }

  getDelivery(id: number): DeliveryView {
    const r = this.o.db
      .select({ delivery: webhookDeliveries, type: webhookEvents.type, eventId: webhookEvents.eventId, orderingKey: webhookEvents.orderingKey })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(eq(webhookDeliveries.id, id))
      .get();
    if (!r) throw new Errors.NotFound('webhook delivery', id);
    return this.view(r.delivery, r.type, r.eventId, r.orderingKey);
  }

  /** Puts a delivered or failed delivery back in its lane (same event id: receivers de-duplicate). */
  resend(id: number): DeliveryView {
    const d = this.getDelivery(id);
    if (d.status === 'pending') throw new Errors.Conflict(`webhook delivery ${id} is still pending`);
    this.o.db.update(webhookDeliveries).set({ status: 'pending' }).where(eq(webhookDeliveries.id, id)).run();
    return this.getDelivery(id);
  }

  private view(delivery: WebhookDelivery, type: WebhookEventType, eventId: string, orderingKey: string): DeliveryView {
    const attemptsLog = this.o.db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, delivery.id))
      .orderBy(desc(webhookAttempts.id))
      .limit(5)
      .all();
    return { ...delivery, eventType: type, webhookEventId: eventId, orderingKey, attemptsLog };
  }
}
