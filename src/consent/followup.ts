/**
 * The follow-up of a subscription (requirements §3): a confirmation message the next day
 * (CONSENT_CONFIRMATION_DELAY_MS), as a BullMQ delayed job (queue `consent-followup`, job
 * id = subscription, so scheduling twice is a no-op), delivered through a pluggable
 * {@link Notifier}. The built-in notifier writes the message to the outbox table and, when
 * a webhook is configured, POSTs it there; a failed POST fails the job, which BullMQ retries
 * with exponential backoff. A subscription cancelled before its message is not messaged.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { contacts, notificationOutbox, subscriptions } from '../db/schema.js';
import { QUEUE_NAMES, queueName } from '../support/redis-keys.js';
import { SYSTEM_ACTOR, type ConsentAudit } from './consent-audit.js';
import type { TermsSnapshot } from './disclosure.js';
import type { SubscriptionRow, SubscriptionStore } from './subscription-store.js';

/** The confirmation message of one subscription. */
export interface ConfirmationMessage {
  subscriptionId: number;
  phone: string;
  productCode: string;
  productName: string;
  priceMinor: number;
  currency: string;
  billingPeriod: string;
  freeTrialDays: number;
  cancelHow: string;
  confirmedAt: number;
  text: string;
}

/** Delivers messages; throws to have the delivery retried. */
export interface Notifier {
  send(msg: ConfirmationMessage): Promise<void>;
}

/** Built in: the outbox table (always) and a webhook POST (when a URL is set). */
export class OutboxWebhookNotifier implements Notifier {
  constructor(
    private readonly o: { db: Db; clock: Clock; webhookUrl?: string; timeoutMs?: number },
  ) {}

  async send(msg: ConfirmationMessage): Promise<void> {
    const { db, clock } = this.o;
    db.insert(notificationOutbox)
      .values({ subscriptionId: msg.subscriptionId, kind: 'confirmation', payload: { ...msg }, createdAt: clock.now() })
      .onConflictDoNothing()
      .run();
    const where = and(eq(notificationOutbox.subscriptionId, msg.subscriptionId), eq(notificationOutbox.kind, 'confirmation'));
    const row = db.select().from(notificationOutbox).where(where).get();
    if (row?.status === 'sent') return;
    const attempts = (row?.attempts ?? 0) + 1;
    if (!this.o.webhookUrl) {
      db.update(notificationOutbox).set({ status: 'sent', attempts, sentAt: clock.now() }).where(where).run();
      return;
    }
    try {
      const res = await fetch(this.o.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `subscription-${msg.subscriptionId}-confirmation` },
        body: JSON.stringify(msg),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
      db.update(notificationOutbox).set({ status: 'sent', attempts, sentAt: clock.now(), lastError: null }).where(where).run();
    } catch (err) {
      db.update(notificationOutbox).set({ status: 'failed', attempts, lastError: (err as Error).message.slice(0, 500) }).where(where).run();
      throw err;
    }
  }
}

export interface FollowUpOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  store: SubscriptionStore;
  audit: ConsentAudit;
  notifier: Notifier;
  connection: Redis;
  prefix: string;
  delayMs: number;
  attempts: number;
  backoffMs: number;
  /** Default `consent-followup`. */
  queueName?: string;
}

export class ConsentFollowUp {
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private readonly name: string;
  private readonly log: Logger;

  constructor(private readonly o: FollowUpOptions) {
    this.name = queueName(o.queueName ?? QUEUE_NAMES.consentFollowUp);
    this.queue = new Queue(this.name, { connection: o.connection, prefix: o.prefix });
    this.log = o.logger.child({ module: 'consent-followup' });
  }

  /** Schedules the confirmation message of a new subscription. */
  async schedule(sub: SubscriptionRow): Promise<void> {
    const delay = Math.max(0, sub.confirmedAt + this.o.delayMs - this.o.clock.now());
    await this.queue.add(
      'confirmation',
      { subscriptionId: sub.id },
      {
        jobId: `subscription-${sub.id}`,
        delay,
        attempts: this.o.attempts,
        backoff: { type: 'exponential', delay: this.o.backoffMs },
        removeOnComplete: { age: 7 * 86_400 },
        removeOnFail: { age: 30 * 86_400 },
      },
    );
    this.o.store.addEvent(sub.id, 'confirmation-scheduled', { dueAt: sub.confirmedAt + this.o.delayMs });
  }

  start(): void {
    if (this.worker) return;
    this.worker = new Worker(this.name, (job: Job<{ subscriptionId: number }>) => this.process(job.data.subscriptionId), {
      connection: this.o.connection,
      prefix: this.o.prefix,
      concurrency: 4,
    });
    this.worker.on('failed', (job, err) => this.log.warn({ err, subscriptionId: job?.data.subscriptionId, attempt: job?.attemptsMade }, 'follow-up: delivery failed'));
    this.worker.on('error', (err) => this.log.debug({ err }, 'follow-up: worker error'));
  }

  /** Jobs by state (waiting, prioritized, delayed, active, failed): the queue depth that /metrics shows. */
  async depth(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
    await this.queue.close();
  }

  private async process(subscriptionId: number): Promise<void> {
    const { db, store, audit } = this.o;
    const sub = db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId)).get();
    if (!sub) return;
    if (store.statusOf(sub.id) === 'cancelled') {
      this.log.info({ subscriptionId }, 'follow-up: cancelled before its confirmation; not messaged');
      return;
    }
    if (store.eventsOf(sub.id).some((e) => e.kind === 'confirmation-sent')) return;
    const contact = db.select({ phone: contacts.phone }).from(contacts).where(eq(contacts.id, sub.contactId)).get();
    const t = sub.terms as unknown as TermsSnapshot;
    await this.o.notifier.send({
      subscriptionId: sub.id,
      phone: contact?.phone ?? '',
      productCode: sub.productCode,
      productName: sub.productName,
      priceMinor: sub.priceMinor,
      currency: sub.currency,
      billingPeriod: t.billingPeriod,
      freeTrialDays: t.freeTrialDays,
      cancelHow: t.cancelHow,
      confirmedAt: sub.confirmedAt,
      text: `You subscribed to ${sub.productName} on the phone. ${t.text}`,
    });
    store.addEvent(sub.id, 'confirmation-sent', {});
    audit.record(SYSTEM_ACTOR, 'subscription.confirmation-sent', { subscriptionId: sub.id, callId: sub.callId });
  }
}
