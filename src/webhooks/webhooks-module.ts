/**
 * Webhooks wired from their parts: the store (endpoints and the outbox), the feeds (records →
 * events), call.ended from the call tracker, the BullMQ delivery, the confirmation-message
 * notifier for the consent follow-up. The routes (src/http/routes/webhook-routes.ts) are wired by service.ts.
 */
import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CallStore } from '../calls/call-store.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { ConfirmationMessage, Notifier } from '../consent/followup.js';
import type { Db } from '../db/database.js';
import { calls, notificationOutbox } from '../db/schema.js';
import { WebhookDelivery } from './webhook-delivery.js';
import { WebhookFeeds } from './webhook-feeds.js';
import { WebhookStore } from './webhook-store.js';

export interface WebhooksModuleOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Config;
  tracker: CallTracker;
  /** Calls closed as interrupted (restart, shutdown grace) end there, not in the tracker. */
  calls: CallStore;
  connection: Redis;
  /** Default `webhooks` (tests: their own). */
  queueName?: string;
}

export interface WebhooksModule {
  store: WebhookStore;
  delivery: WebhookDelivery;
  feeds: WebhookFeeds;
  /** The consent follow-up's confirmation message as a `subscription.confirmation-message` event. */
  confirmationNotifier: Notifier;
  start(): void;
  stop(): Promise<void>;
}

/** The call as `call.ended` carries it. */
function callEndedData(db: Db, callId: string): Record<string, unknown> | null {
  const c = db.select().from(calls).where(eq(calls.id, callId)).get();
  if (!c) return null;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    callId: c.id,
    campaignId: c.campaignId,
    contactId: c.contactId,
    agentId: c.agentId,
    phone: c.phone,
    outcome: c.outcome,
    hangupBy: c.hangupBy,
    originatedAt: iso(c.originatedAt),
    answeredAt: iso(c.answeredAt),
    agentConnectedAt: iso(c.agentConnectedAt),
    endedAt: iso(c.endedAt),
    talkMs: c.agentConnectedAt !== null && c.endedAt !== null ? c.endedAt - c.agentConnectedAt : 0,
    recordingState: c.recordingState,
  };
}

export function createWebhooksModule(o: WebhooksModuleOptions): WebhooksModule {
  const { db, clock, config } = o;
  const log = o.logger.child({ module: 'webhooks' });
  const store = new WebhookStore({ db, clock });
  const delivery = new WebhookDelivery({
    store,
    clock,
    logger: o.logger,
    connection: o.connection,
    prefix: config.REDIS_PREFIX,
    attempts: config.WEBHOOK_ATTEMPTS,
    backoffMs: config.WEBHOOK_BACKOFF_MS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    sweepMs: config.WEBHOOK_SWEEP_MS,
    queueName: o.queueName,
  });
  const feeds = new WebhookFeeds({ db, store });
  let timer: NodeJS.Timeout | null = null;
  let started = false;

  // call.ended goes out once per call, on the call's lane (ordered with its disposition and
  // do-not-call events), whichever way the call ended.
  const publishCallEnded = (callId: string): string[] => {
    try {
      if (!store.hasSubscribers('call.ended')) return [];
      const data = callEndedData(db, callId);
      return data ? store.publish('call.ended', `call-${callId}`, data) : [];
    } catch (err) {
      log.error({ err, callId }, 'webhooks: call.ended not published');
      return [];
    }
  };
  o.tracker.onCallEnded((end) => {
    if (started) delivery.enqueueSoon(publishCallEnded(end.callId));
  });
  // Closed by the reconciler at start (before delivery starts: the sweeper at start sends it) or
  // by the shutdown past its grace; published in the closing transaction, so it is durable.
  o.calls.onInterrupted((callId) => {
    const lanes = publishCallEnded(callId);
    if (started) delivery.enqueueSoon(lanes);
  });

  const confirmationNotifier: Notifier = {
    async send(msg: ConfirmationMessage): Promise<void> {
      // Handed to the webhook outbox (durable): from here its deliveries are the webhooks'.
      db.transaction((tx) => {
        tx.insert(notificationOutbox)
          .values({ subscriptionId: msg.subscriptionId, kind: 'confirmation', payload: { ...msg }, createdAt: clock.now() })
          .onConflictDoNothing()
          .run();
        const row = tx.select().from(notificationOutbox).where(eq(notificationOutbox.subscriptionId, msg.subscriptionId)).get();
        if (row?.status === 'sent') return;
        delivery.enqueueSoon(store.publish('subscription.confirmation-message', `subscription-${msg.subscriptionId}`, { ...msg }));
        tx.update(notificationOutbox).set({ status: 'sent', attempts: (row?.attempts ?? 0) + 1, sentAt: clock.now() }).where(eq(notificationOutbox.id, row!.id)).run();
      });
    },
  };

  return {
    store,
    delivery,
    feeds,
    confirmationNotifier,
    start() {
      if (started) return;
      started = true;
      feeds.initCursors();
      delivery.start();
      const pass = () => {
        try {
          delivery.enqueueSoon(feeds.pass());
        } catch (err) {
          log.error({ err }, 'webhooks: feed pass failed');
        }
      };
      timer = setInterval(pass, config.WEBHOOK_FEED_MS);
      timer.unref();
    },
    async stop() {
      started = false;
      if (timer) clearInterval(timer);
      timer = null;
      await delivery.stop();
    },
  };
}
