/**
 * The follow-up of a subscription (requirements §3): a confirmation message the next day
 * (CONSENT_CONFIRMATION_DELAY_MS). The database is the truth: the message's outbox row is
 * written with the subscription, in its transaction (subscription-store.ts). Redis only
 * carries the timer, as a BullMQ delayed job (queue `consent-followup`, job id = the
 * subscription), and a sweeper puts back every unsent message whose job Redis lost (a flush,
 * an outage at the moment of the sale, a restart). Delivery is idempotent: a delivery first
 * claims the outbox row, so a message enqueued twice is sent once. Messages go out through a
 * pluggable {@link Notifier}; a failed delivery fails the job, which BullMQ retries with
 * exponential backoff. A subscription cancelled before its message is not messaged.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { and, asc, eq, gt, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../clock.js';
import type { Db } from '../db/database.js';
import { contacts, notificationOutbox, subscriptionEvents, subscriptions } from '../db/schema.js';
import { bullJobKey, QUEUE_NAMES, queueName } from '../support/redis-keys.js';
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

/**
 * Built in: a webhook POST (an SMS gateway) when a URL is set, with an idempotency key per
 * message so a gateway can drop a repeat after a crash between its answer and our record;
 * without a URL the outbox table itself is the delivery (another system reads it).
 */
export class WebhookNotifier implements Notifier {
  constructor(private readonly o: { webhookUrl?: string; timeoutMs?: number }) {}

  async send(msg: ConfirmationMessage): Promise<void> {
    if (!this.o.webhookUrl) return;
    const res = await fetch(this.o.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `subscription-${msg.subscriptionId}-confirmation` },
      body: JSON.stringify(msg),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
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
  attempts: number;
  backoffMs: number;
  /** Time between sweeps (also run once at start). */
  sweepEveryMs: number;
  /** A delivery holds its message this long; after it, another may take over (a crashed one). Default 60 s. */
  claimMs?: number;
  /** Redis calls of a sweep give up after this long (an outage fails the pass, not the service). Default 5 s. */
  redisTimeoutMs?: number;
  /** Default `consent-followup`. */
  queueName?: string;
}

/** What one delivery did. */
export type DeliveryResult = 'sent' | 'already-sent' | 'cancelled' | 'in-flight-elsewhere' | 'no-subscription';

/** What one sweep did. */
export interface FollowUpSweep {
  /** Unsent messages checked against Redis. */
  checked: number;
  /** Put back because Redis had no job for them. */
  restored: number;
}

const OUTBOX_PAGE = 500;
const KIND = 'confirmation';

export class ConsentFollowUp {
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private readonly name: string;
  private readonly log: Logger;
  private timer: TimerHandle | null = null;
  private sweeping: Promise<FollowUpSweep> | null = null;
  private stopped = true;

  constructor(private readonly o: FollowUpOptions) {
    this.name = queueName(o.queueName ?? QUEUE_NAMES.consentFollowUp);
    this.queue = new Queue(this.name, { connection: o.connection, prefix: o.prefix });
    this.log = o.logger.child({ module: 'consent-followup' });
  }

  /** Puts the message of a new subscription on the timer (its outbox row is already committed). */
  async schedule(sub: SubscriptionRow): Promise<void> {
    await this.enqueue(sub.id, sub.confirmedAt + this.o.store.confirmationDelayMs);
  }

  start(): void {
    if (this.worker) return;
    this.stopped = false;
    this.worker = new Worker(this.name, (job: Job<{ subscriptionId: number }>) => this.process(job.data.subscriptionId), {
      connection: this.o.connection,
      prefix: this.o.prefix,
      concurrency: 4,
    });
    this.worker.on('failed', (job, err) => this.log.warn({ err, subscriptionId: job?.data.subscriptionId, attempt: job?.attemptsMade }, 'follow-up: delivery failed'));
    this.worker.on('error', (err) => this.log.debug({ err }, 'follow-up: worker error'));
    this.tick();
  }

  /** Jobs by state (waiting, prioritized, delayed, active, failed): the queue depth that /metrics shows. */
  async depth(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    await this.sweeping?.catch(() => undefined);
    await this.worker?.close();
    this.worker = null;
    await this.queue.close();
  }

  /**
   * One sweep: every unsent message (pending, claimed, or failed with attempts left) whose
   * job Redis does not have is enqueued again, due when it was due. Concurrent callers share
   * a sweep in progress.
   */
  sweep(): Promise<FollowUpSweep> {
    this.sweeping ??= this.sweepPass().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  /**
   * Sends the message of a subscription unless it was sent, cancelled, or another delivery
   * holds it: the outbox row is claimed first (one UPDATE), so two deliveries never both send.
   */
  async deliver(subscriptionId: number): Promise<DeliveryResult> {
    const { db, clock, store, audit } = this.o;
    const sub = db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId)).get();
    if (!sub) return 'no-subscription';
    const where = and(eq(notificationOutbox.subscriptionId, sub.id), eq(notificationOutbox.kind, KIND));
    // Subscriptions from before the outbox was written with the sale get their row now.
    db.insert(notificationOutbox)
      .values({ subscriptionId: sub.id, kind: KIND, payload: {}, status: 'pending', dueAt: sub.confirmedAt + store.confirmationDelayMs, createdAt: clock.now() })
      .onConflictDoNothing()
      .run();
    if (store.statusOf(sub.id) === 'cancelled') {
      db.update(notificationOutbox).set({ status: 'cancelled', claimedUntil: null }).where(and(where, sql`${notificationOutbox.status} <> 'sent'`)).run();
      this.log.info({ subscriptionId }, 'follow-up: cancelled before its confirmation; not messaged');
      return 'cancelled';
    }
    const now = clock.now();
    const claimed = db
      .update(notificationOutbox)
      .set({ status: 'sending', claimedUntil: now + (this.o.claimMs ?? 60_000), attempts: sql`${notificationOutbox.attempts} + 1` })
      .where(
        and(
          where,
          or(
            inArray(notificationOutbox.status, ['pending', 'failed']),
            and(eq(notificationOutbox.status, 'sending'), lt(notificationOutbox.claimedUntil, now)),
          ),
        ),
      )
      .returning({ attempts: notificationOutbox.attempts })
      .get();
    if (!claimed) {
      const row = db.select({ status: notificationOutbox.status }).from(notificationOutbox).where(where).get();
      if (row?.status === 'sent') return 'already-sent';
      if (row?.status === 'cancelled') return 'cancelled';
      return 'in-flight-elsewhere';
    }
    const msg = this.messageOf(sub);
    try {
      await this.o.notifier.send(msg);
    } catch (err) {
      db.update(notificationOutbox).set({ status: 'failed', claimedUntil: null, lastError: (err as Error).message.slice(0, 500) }).where(where).run();
      throw err;
    }
    db.transaction((tx) => {
      tx.update(notificationOutbox).set({ status: 'sent', sentAt: clock.now(), claimedUntil: null, lastError: null, payload: { ...msg } }).where(where).run();
      tx.insert(subscriptionEvents).values({ subscriptionId: sub.id, kind: 'confirmation-sent', detail: {}, at: clock.now() }).run();
    });
    audit.record(SYSTEM_ACTOR, 'subscription.confirmation-sent', { subscriptionId: sub.id, callId: sub.callId });
    return 'sent';
  }

  private async process(subscriptionId: number): Promise<void> {
    const result = await this.deliver(subscriptionId);
    // Another delivery holds the message: try again later, in case that one dies before it sends.
    if (result === 'in-flight-elsewhere') throw new Error('the message is being delivered by another worker');
  }

  private messageOf(sub: SubscriptionRow): ConfirmationMessage {
    const contact = this.o.db.select({ phone: contacts.phone }).from(contacts).where(eq(contacts.id, sub.contactId)).get();
    const t = sub.terms as unknown as TermsSnapshot;
    return {
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
    };
  }

  private async enqueue(subscriptionId: number, dueAt: number): Promise<void> {
    await this.queue.add(
      KIND,
      { subscriptionId },
      {
        jobId: `subscription-${subscriptionId}`,
        delay: Math.max(0, dueAt - this.o.clock.now()),
        attempts: this.o.attempts,
        backoff: { type: 'exponential', delay: this.o.backoffMs },
        removeOnComplete: { age: 7 * 86_400 },
        removeOnFail: { age: 30 * 86_400 },
      },
    );
  }

  private tick(): void {
    if (this.stopped) return;
    this.sweep()
      .catch((err: unknown) => this.log.warn({ err }, 'follow-up: sweep failed; retrying next time'))
      .finally(() => {
        if (!this.stopped) this.timer = this.o.clock.setTimeout(() => this.tick(), this.o.sweepEveryMs);
      });
  }

  private async sweepPass(): Promise<FollowUpSweep> {
    const { db } = this.o;
    const result: FollowUpSweep = { checked: 0, restored: 0 };
    let after = 0;
    for (;;) {
      const rows = db
        .select({ subscriptionId: notificationOutbox.subscriptionId, dueAt: notificationOutbox.dueAt })
        .from(notificationOutbox)
        .where(
          and(
            eq(notificationOutbox.kind, KIND),
            gt(notificationOutbox.subscriptionId, after),
            isNotNull(notificationOutbox.dueAt),
            // A message whose attempts ran out stays failed for a person to look at.
            or(inArray(notificationOutbox.status, ['pending', 'sending']), and(eq(notificationOutbox.status, 'failed'), lt(notificationOutbox.attempts, this.o.attempts))),
          ),
        )
        .orderBy(asc(notificationOutbox.subscriptionId))
        .limit(OUTBOX_PAGE)
        .all();
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.subscriptionId;
      result.checked += rows.length;
      const pipe = this.o.connection.pipeline();
      for (const r of rows) pipe.exists(bullJobKey(this.o.prefix, this.name, `subscription-${r.subscriptionId}`));
      const exists = (await this.timed(pipe.exec())) ?? [];
      for (const [k, r] of rows.entries()) {
        const [err, n] = exists[k] ?? [new Error('no reply'), 0];
        if (err) throw err;
        if (n !== 0) continue;
        await this.timed(this.enqueue(r.subscriptionId, r.dueAt!));
        result.restored += 1;
      }
    }
    if (result.restored > 0) this.log.warn(result, 'follow-up: re-enqueued confirmation messages missing from Redis');
    return result;
  }

  /** A Redis call that gives up after redisTimeoutMs (BullMQ's connection would wait for Redis forever). */
  private timed<T>(p: Promise<T>): Promise<T> {
    const ms = this.o.redisTimeoutMs ?? 5_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
    });
    p.catch(() => undefined);
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }
}
