/**
 * Delivers the outbox through BullMQ. A job is a *lane* (one endpoint, one call or
 * subscription): it sends that lane's pending deliveries oldest first and stops at the first
 * failure, so events of a call reach a receiver in order. A failed attempt fails the job,
 * which BullMQ retries with exponential backoff; after the last attempt the head delivery is
 * marked failed (visible and re-sendable from the console) and the lane moves on. The outbox
 * is in SQLite, so a sweeper re-enqueues lanes with pending work (after a Redis outage, a
 * restart, or a delivery published while its lane's job was finishing).
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { QUEUE_NAMES, queueName } from '../support/redis-keys.js';
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signWebhook } from './signature.js';
import type { WebhookStore } from './webhook-store.js';

export interface WebhookDeliveryOptions {
  store: WebhookStore;
  clock: Clock;
  logger: Logger;
  connection: Redis;
  prefix: string;
  /** Attempts per delivery, the first retry's delay (doubling), and each POST's timeout. */
  attempts: number;
  backoffMs: number;
  timeoutMs: number;
  /** How often lanes with pending deliveries are re-enqueued. */
  sweepMs: number;
  /** Default `webhooks`. */
  queueName?: string;
}

interface LaneJob {
  lane: string;
}

/** A receiver's answer that is not a success, or no answer at all. */
class DeliveryFailed extends Error {}

export class WebhookDelivery {
  private readonly queue: Queue<LaneJob>;
  private worker: Worker<LaneJob> | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly name: string;
  private readonly log: Logger;

  constructor(private readonly o: WebhookDeliveryOptions) {
    this.name = queueName(o.queueName ?? QUEUE_NAMES.webhooks);
    this.queue = new Queue<LaneJob>(this.name, { connection: o.connection, prefix: o.prefix });
    this.queue.on('error', (err) => this.log.warn({ err }, 'webhooks: queue error'));
    this.log = o.logger.child({ module: 'webhooks' });
  }

  /** Queues a lane's delivery; a lane already queued is not queued twice (job id = lane). */
  async enqueue(lanes: string[]): Promise<void> {
    for (const lane of new Set(lanes)) {
      await this.queue.add(
        'lane',
        { lane },
        {
          jobId: `lane-${lane.replace(/:/g, '-')}`,
          attempts: this.o.attempts,
          backoff: { type: 'exponential', delay: this.o.backoffMs },
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
    }
  }

  /** Enqueues, without failing the caller when Redis is away (the sweeper catches up). */
  enqueueSoon(lanes: string[]): void {
    if (lanes.length === 0) return;
    this.enqueue(lanes).catch((err: unknown) => this.log.warn({ err }, 'webhooks: enqueue failed; the sweeper will retry'));
  }

  start(): void {
    if (this.worker) return;
    this.worker = new Worker<LaneJob>(this.name, (job) => this.process(job), { connection: this.o.connection, prefix: this.o.prefix, concurrency: 4 });
    this.worker.on('error', (err) => this.log.debug({ err }, 'webhooks: worker error'));
    // After the last attempt the head is marked failed and the lane moves on: queue the rest.
    this.worker.on('failed', (job) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) this.enqueueSoon([job.data.lane]);
    });
    const sweep = () => this.enqueueSoon(this.o.store.pendingLanes());
    sweep();
    this.sweeper = setInterval(sweep, this.o.sweepMs);
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.worker?.close();
    this.worker = null;
    await this.queue.close();
  }

  /** Jobs by state, for /metrics. */
  async depth(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
  }

  private async process(job: Job<LaneJob>): Promise<void> {
    const { store } = this.o;
    for (let next = store.nextInLane(job.data.lane); next; next = store.nextInLane(job.data.lane)) {
      const { delivery, endpoint, envelope } = next;
      const body = JSON.stringify(envelope);
      const started = this.o.clock.now();
      const timestampSec = Math.floor(started / 1000);
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        const res = await fetch(endpoint.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'outbound-dialer-webhooks/1',
            [SIGNATURE_HEADER]: signWebhook(endpoint.secret, timestampSec, body),
            [EVENT_ID_HEADER]: envelope.id,
            [EVENT_TYPE_HEADER]: envelope.type,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.o.timeoutMs),
        });
        statusCode = res.status;
        await res.body?.cancel();
        if (!res.ok) error = `the receiver answered ${res.status}`;
      } catch (err) {
        error = (err as Error).name === 'TimeoutError' ? `no answer within ${this.o.timeoutMs} ms` : `could not reach the receiver: ${(err as Error).message}`;
      }
      const durationMs = Math.max(0, this.o.clock.now() - started);
      if (error === null) {
        store.recordAttempt(delivery.id, { statusCode, error: null, durationMs, outcome: 'delivered' });
        continue;
      }
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      store.recordAttempt(delivery.id, { statusCode, error, durationMs, outcome: last ? 'failed' : 'pending' });
      this.log.warn({ deliveryId: delivery.id, endpointId: endpoint.id, type: envelope.type, statusCode, attempt: job.attemptsMade + 1, last }, 'webhooks: delivery failed');
      throw new DeliveryFailed(error);
    }
  }
}
