/**
 * QA beyond the sample (issue 14 item 6): QA or a manager pulls any answered call for review
 * — a complaint, a spot check. The call becomes a QA item of origin `on-demand` (its own
 * one-call run, trigger `on-demand`), goes to the head of the queue, is scored with the same
 * rubric, and is counted apart from the sample: the sampling plan leaves it out of the
 * population and the reports count it on its own.
 */
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AuthUser } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { calls, qaPlanItems, qaPlanRuns, type QA_PULL_REASONS } from '../db/schema.js';
import { Errors } from '../errors.js';
import type { AuditLog } from './audit-log.js';
import { cycleAt, type QaCalendar } from './local-time.js';
import { jobDataOf } from './planner.js';
import type { QaQueue } from './qa-queue.js';
import type { SaleFacts } from './sale-facts.js';

export type PullReason = (typeof QA_PULL_REASONS)[number];

/** Weight of a pulled call: above every sampled one, so it is claimed first. */
const PULL_WEIGHT = 10;

export interface QaPullsOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  queue: QaQueue;
  audit: AuditLog;
  saleFacts: SaleFacts;
  calendar: QaCalendar;
}

export class QaPulls {
  private readonly log: Logger;

  constructor(private readonly opts: QaPullsOptions) {
    this.log = opts.logger.child({ module: 'qa-pulls' });
  }

  /** Pulls a call for review. @throws NotFound, Conflict (not reviewable, or already in QA). */
  async pull(callId: string, user: AuthUser, reason: PullReason, note: string): Promise<typeof qaPlanItems.$inferSelect> {
    const { db, clock } = this.opts;
    const call = db.select().from(calls).where(eq(calls.id, callId)).get();
    if (!call) throw new Errors.NotFound('call', callId);
    if (call.state !== 'ended' || call.outcome !== 'answered' || call.agentId === null || call.answeredAt === null) {
      throw new Errors.Conflict(`call ${callId} cannot be reviewed: only an ended call answered by a customer and taken by an agent has a conversation to score`);
    }
    const now = clock.now();
    const { agentId, answeredAt } = call;
    const fact = this.opts.saleFacts.factsFor([callId]).get(callId);
    const cycle = cycleAt(answeredAt, this.opts.calendar);
    const item = db.transaction(
      (tx) => {
        const existing = tx.select().from(qaPlanItems).where(eq(qaPlanItems.callId, callId)).get();
        if (existing) throw new Errors.Conflict(`call ${callId} is already in QA (${existing.origin === 'sample' ? 'sampled' : 'pulled for review'}, ${existing.status})`);
        const run = tx
          .insert(qaPlanRuns)
          .values({
            campaignId: call.campaignId,
            cycleLabel: cycle.label,
            seed: '',
            algorithm: 'on-demand',
            trigger: 'on-demand',
            ranBy: user.id,
            ranAt: now,
            cutoffAt: now,
            populationSize: 0,
            targetSize: 0,
            alreadySampled: 0,
            newlySampled: 1,
            totalSampled: 1,
            options: {},
            summary: { pulled: { callId, reason, note, by: user.username } },
          })
          .returning()
          .get();
        return tx
          .insert(qaPlanItems)
          .values({
            callId,
            runId: run.id,
            campaignId: call.campaignId,
            cycleLabel: cycle.label,
            agentId,
            reasons: [`on-demand:${reason}`],
            weight: PULL_WEIGHT,
            isSale: fact?.isSale ?? false,
            durationSec: Math.max(0, Math.round(((call.endedAt ?? answeredAt) - (call.agentConnectedAt ?? answeredAt)) / 1000)),
            answeredAt,
            sampledAt: now,
            origin: 'on-demand',
            pullReason: reason,
            pulledBy: user.id,
          })
          .returning()
          .get();
      },
      { behavior: 'immediate' },
    );
    this.opts.audit.record(user, 'pull', callId, { reason, note, runId: item.runId });
    const job = jobDataOf(item);
    try {
      await this.opts.queue.enqueue([job]);
    } catch (err) {
      // Committed: the sweeper enqueues it when Redis is back.
      this.log.warn({ err, callId }, 'qa-pulls: could not enqueue the pulled call yet');
    }
    return item;
  }
}
