/**
 * The QA sweeper: SQLite is the record of what was sampled, Redis only carries the queue.
 * Every pass compares the pending (unscored) items with the jobs in Redis and re-enqueues
 * the missing ones, so a Redis restart or flush, or a failed enqueue after a commit, loses
 * nothing. A call whose claim was lost with Redis but has not expired in SQLite comes back
 * delayed until that expiry: it stays reserved to its reviewer, who can still score it.
 */
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../clock.js';
import type { Db } from '../db/database.js';
import { qaClaims, qaPlanItems } from '../db/schema.js';
import { jobDataOf } from './planner.js';
import type { QaQueue } from './qa-queue.js';

export interface SweepResult {
  /** Pending items checked against Redis. */
  checked: number;
  /** Re-enqueued because Redis had no job for them. */
  restored: number;
  /** Of those, held back until their (lost) claim would have expired. */
  reserved: number;
}

export interface QaSweeperOptions {
  db: Db;
  queue: QaQueue;
  clock: Clock;
  logger: Logger;
  /** Time between passes. */
  everyMs: number;
}

const PAGE = 1000;

export class QaSweeper {
  private timer: TimerHandle | null = null;
  private stopped = true;
  private current: Promise<SweepResult> | null = null;
  private readonly log: Logger;

  constructor(private readonly opts: QaSweeperOptions) {
    this.log = opts.logger.child({ module: 'qa-sweeper' });
  }

  /** One pass; concurrent callers share a pass in progress. */
  sweep(): Promise<SweepResult> {
    this.current ??= this.pass().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  /** Sweeps now and then every `everyMs`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    await this.current?.catch(() => undefined);
  }

  private tick(): void {
    if (this.stopped) return;
    this.sweep()
      .catch((err: unknown) => this.log.warn({ err }, 'qa-sweeper: pass failed; retrying next time'))
      .finally(() => {
        if (!this.stopped) this.timer = this.opts.clock.setTimeout(() => this.tick(), this.opts.everyMs);
      });
  }

  private async pass(): Promise<SweepResult> {
    const { db, queue, clock } = this.opts;
    const result: SweepResult = { checked: 0, restored: 0, reserved: 0 };
    let after = '';
    for (;;) {
      const items = db
        .select()
        .from(qaPlanItems)
        .where(and(eq(qaPlanItems.status, 'pending'), gt(qaPlanItems.callId, after)))
        .orderBy(asc(qaPlanItems.callId))
        .limit(PAGE)
        .all();
      if (items.length === 0) break;
      after = items[items.length - 1]!.callId;
      result.checked += items.length;
      const missing = new Set(await queue.missing(items.map((i) => i.callId)));
      if (missing.size === 0) continue;
      const now = clock.now();
      const claims = new Map(
        db
          .select({ callId: qaClaims.callId, expiresAt: qaClaims.expiresAt })
          .from(qaClaims)
          .where(and(inArray(qaClaims.callId, [...missing]), isNull(qaClaims.endedAt), gt(qaClaims.expiresAt, now)))
          .all()
          .map((c) => [c.callId, c.expiresAt]),
      );
      const toAdd = items.filter((i) => missing.has(i.callId)).map(jobDataOf);
      await queue.enqueue(toAdd, (job) => {
        const expiresAt = claims.get(job.callId);
        return expiresAt === undefined ? undefined : expiresAt - now;
      });
      result.restored += toAdd.length;
      result.reserved += claims.size;
    }
    if (result.restored > 0) this.log.warn(result, 'qa-sweeper: re-enqueued sampled calls missing from Redis');
    return result;
  }
}
