/**
 * The `qa-sampling` BullMQ queue: one job per sampled call (job id = call id, so adding a
 * call twice is a no-op), carrying the call and why it was sampled.
 *
 * Reviewers pull jobs by hand rather than through a processor: `Worker.getNextJob(token)`
 * moves the next job to active under a lock that expires after the claim TTL (the Worker's
 * `lockDuration`; no automatic renewal — `extend` renews it on the reviewer's behalf). The
 * Worker's stalled-job checker puts a job whose lock has expired back in the queue, so an
 * abandoned claim goes back by itself within TTL + the check interval. Several service
 * instances can share the queue: the moves are atomic in Redis and one stalled check runs
 * per interval.
 *
 * High-risk calls (weight > 1) are prioritised, so compliance risks are reviewed first.
 */
import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Errors } from '../errors.js';
import { bullJobKey, bullJobLockKey, QUEUE_NAMES, queueName } from '../support/redis-keys.js';

/** What a QA job carries: the call and why it was sampled. */
export interface QaJobData {
  callId: string;
  campaignId: number;
  agentId: number;
  /** Cycle label, 'YYYY-MM'. */
  cycle: string;
  planRunId: number;
  /** The sampling core's reasons, the first one how it was chosen. */
  reasons: string[];
  weight: number;
  isSale: boolean;
  durationSec: number;
  answeredAt: number;
}

export interface QaQueueOptions {
  /** An ioredis connection with `maxRetriesPerRequest: null` (BullMQ's requirement for workers). */
  connection: Redis;
  /** The deployment's REDIS_PREFIX. */
  prefix: string;
  /** Default `qa-sampling`; tests use their own. */
  name?: string;
  /** How long a claim holds a job before the stalled checker returns it. */
  claimTtlMs: number;
  /** How often the stalled checker runs. Default min(30 s, TTL / 2). */
  stalledIntervalMs?: number;
  /** A queue operation answering an HTTP request fails (503) after this long. Default 5 s. */
  opTimeoutMs?: number;
  /** Adding a batch of jobs fails (the sweeper retries) after this long without Redis. Default 10 s. */
  enqueueTimeoutMs?: number;
  logger: Logger;
}

const COUNTED_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'] as const;

/** Jobs by state ('waiting' and 'prioritized' are both waiting for a reviewer; 'delayed' are reserved). */
export type QaQueueCounts = Record<(typeof COUNTED_STATES)[number], number>;

/** Completed jobs are kept this long (seconds), so a late duplicate add stays a no-op. */
const KEEP_COMPLETED_S = 45 * 24 * 3600;
/** BullMQ fails a job that stalls more often than this; a claim may be abandoned any number of times. */
const MAX_STALLS = 1_000_000;
const BULK = 1000;
/** BullMQ's ErrorCode values for a job or lock that is not there or not ours. */
const NOT_HELD_CODES = new Set([-1, -2, -3, -6]);

export class QaQueue {
  readonly name: string;
  readonly prefix: string;
  readonly claimTtlMs: number;
  private readonly queue: Queue<QaJobData>;
  private readonly worker: Worker<QaJobData>;
  private readonly connection: Redis;
  private readonly opTimeoutMs: number;
  private readonly enqueueTimeoutMs: number;
  private readonly log: Logger;

  constructor(opts: QaQueueOptions) {
    this.name = queueName(opts.name ?? QUEUE_NAMES.qaSampling);
    this.prefix = opts.prefix;
    this.claimTtlMs = opts.claimTtlMs;
    this.connection = opts.connection;
    this.opTimeoutMs = opts.opTimeoutMs ?? 5000;
    this.enqueueTimeoutMs = opts.enqueueTimeoutMs ?? 10_000;
    this.log = opts.logger.child({ module: 'qa-queue', queue: this.name });
    this.queue = new Queue<QaJobData>(this.name, { connection: opts.connection, prefix: opts.prefix });
    this.worker = new Worker<QaJobData>(this.name, null, {
      connection: opts.connection,
      prefix: opts.prefix,
      autorun: false,
      lockDuration: opts.claimTtlMs,
      skipLockRenewal: true,
      stalledInterval: opts.stalledIntervalMs ?? Math.min(30_000, Math.floor(opts.claimTtlMs / 2)),
      maxStalledCount: MAX_STALLS,
    });
    this.queue.on('error', (err) => this.log.warn({ err }, 'qa-queue: queue error'));
    this.worker.on('error', (err) => this.log.warn({ err }, 'qa-queue: worker error'));
  }

  /** Job options of a sampled call: id = call id, high-risk first. */
  static jobOptions(data: QaJobData, delayMs?: number): JobsOptions {
    return {
      jobId: data.callId,
      priority: data.weight > 1 ? 1 : 2,
      attempts: 1,
      removeOnComplete: { age: KEEP_COMPLETED_S },
      removeOnFail: false,
      ...(delayMs !== undefined && delayMs > 0 ? { delay: delayMs } : {}),
    };
  }

  /** Starts returning expired claims to the queue (the Worker's stalled-job checker). */
  startStalledChecker(): void {
    this.worker.startStalledCheckTimer().catch((err: unknown) => this.log.error({ err }, 'qa-queue: stalled checker failed to start'));
  }

  /**
   * Adds jobs (idempotent per call id). `delayMsOf` may hold a job back, e.g. a call whose
   * claim was lost with Redis stays reserved to its reviewer until the claim would expire.
   * Resolves with the number of jobs added; fails with QaQueueUnavailable after `timeoutMs`
   * without Redis — the adds still go through when Redis returns, and the
   * sweeper restores whatever did not.
   */
  async enqueue(items: readonly QaJobData[], delayMsOf?: (item: QaJobData) => number | undefined, timeoutMs = this.enqueueTimeoutMs): Promise<number> {
    for (let i = 0; i < items.length; i += BULK) {
      const chunk = items.slice(i, i + BULK);
      const jobs = chunk.map((data) => ({ name: 'review', data, opts: QaQueue.jobOptions(data, delayMsOf?.(data)) }));
      await this.timed('enqueue', this.queue.addBulk(jobs), timeoutMs);
    }
    return items.length;
  }

  /** The call ids (of those given) that have no job in Redis. */
  async missing(callIds: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < callIds.length; i += BULK) {
      const chunk = callIds.slice(i, i + BULK);
      const pipe = this.connection.pipeline();
      for (const id of chunk) pipe.exists(bullJobKey(this.prefix, this.name, id));
      const results = (await this.timed('check jobs', pipe.exec(), this.enqueueTimeoutMs)) ?? [];
      chunk.forEach((id, k) => {
        const [err, exists] = results[k] ?? [new Error('no reply'), 0];
        if (err) throw err;
        if (exists === 0) out.push(id);
      });
    }
    return out;
  }

  /** Moves the next job to active, locked with `token` for the claim TTL; undefined when none waits. */
  async claim(token: string): Promise<Job<QaJobData> | undefined> {
    return this.timed('claim', this.worker.getNextJob(token, { block: false }));
  }

  /** The token holding a job's lock, or null. */
  async lockHolder(callId: string): Promise<string | null> {
    return this.timed('read lock', this.connection.get(bullJobLockKey(this.prefix, this.name, callId)));
  }

  /** The job's state in Redis ('active', 'waiting', 'prioritized', 'delayed', 'completed', …) or null when missing. */
  async state(callId: string): Promise<string | null> {
    const job = await this.timed('get job', this.queue.getJob(callId));
    if (!job) return null;
    return this.timed('job state', job.getState());
  }

  /** Renews a held lock for another TTL; false when `token` no longer holds it. */
  async extend(callId: string, token: string): Promise<boolean> {
    const job = await this.timed('get job', this.queue.getJob(callId));
    if (!job) return false;
    return (await this.timed('extend lock', job.extendLock(token, this.claimTtlMs))) === 1;
  }

  /** Pushes back a job held back by a delay (a reserved claim) for another TTL; false when not delayed. */
  async extendReservation(callId: string): Promise<boolean> {
    const job = await this.timed('get job', this.queue.getJob(callId));
    if (!job || (await this.timed('job state', job.getState())) !== 'delayed') return false;
    await this.timed('change delay', job.changeDelay(this.claimTtlMs));
    return true;
  }

  /** Marks a held job done. 'not-held' when `token` does not hold it (expired, taken over, lost). */
  async complete(callId: string, token: string, result: Record<string, unknown>): Promise<'completed' | 'not-held'> {
    const job = await this.timed('get job', this.queue.getJob(callId));
    if (!job) return 'not-held';
    try {
      await this.timed('complete', job.moveToCompleted(result, token, false));
      return 'completed';
    } catch (err) {
      if (NOT_HELD_CODES.has((err as { code?: unknown }).code as number)) return 'not-held';
      throw err;
    }
  }

  /** Puts a held job back at the head of its priority; false when `token` does not hold it. */
  async release(callId: string, token: string): Promise<boolean> {
    const job = await this.timed('get job', this.queue.getJob(callId));
    if (!job) return false;
    try {
      return (await this.timed('release', job.moveToWait(token))) >= 0;
    } catch (err) {
      if (NOT_HELD_CODES.has((err as { code?: unknown }).code as number)) return false;
      throw err;
    }
  }

  /** Makes a held-back (delayed) job available now; false when it is not delayed. */
  async promote(callId: string): Promise<boolean> {
    const job = await this.timed('get job', this.queue.getJob(callId));
    if (!job || (await this.timed('job state', job.getState())) !== 'delayed') return false;
    await this.timed('promote', job.promote());
    return true;
  }

  /** Removes a job nobody holds (its call was scored another way). False when it is locked. */
  async discard(callId: string): Promise<boolean> {
    const job = await this.timed('get job', this.queue.getJob(callId));
    if (!job) return true;
    try {
      await this.timed('remove', job.remove());
      return true;
    } catch {
      return false;
    }
  }

  /** Job counts by state. */
  async counts(): Promise<QaQueueCounts> {
    const c = await this.timed('counts', this.queue.getJobCounts(...COUNTED_STATES));
    return Object.fromEntries(COUNTED_STATES.map((s) => [s, c[s] ?? 0])) as QaQueueCounts;
  }

  /** The underlying BullMQ queue (tests, benchmarks). */
  get bullQueue(): Queue<QaJobData> {
    return this.queue;
  }

  /** Jobs by state (waiting, prioritized, delayed, active, failed): the queue depth that /metrics shows. */
  async depth(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
  }

  async close(): Promise<void> {
    await this.worker.close(true);
    await this.queue.close();
  }

  private async timed<T>(what: string, op: Promise<T>, ms = this.opTimeoutMs): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The operation itself is not cancelled: it completes when Redis answers (adds are
    // idempotent, a late claim's lock simply expires).
    op.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Errors.QaQueueUnavailable(`${what} took longer than ${ms} ms`)), ms);
      timer.unref();
    });
    try {
      return await Promise.race([op, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
