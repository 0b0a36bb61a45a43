/**
 * Recording QA scores. A review needs the reviewer's open claim on the call; a re-review
 * (after a dispute) adds a new score row that supersedes the previous one — rows are never
 * edited, so the history stays. A fatal error (a fraudulent order) opens a reversal request
 * for the call's subscription; a re-review without one withdraws it.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AuthUser } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { qaPlanItems, qaReversalRequests, qaScores, QA_SCORE_KINDS } from '../db/schema.js';
import { Errors } from '../errors.js';
import type { AuditLog } from './audit-log.js';
import type { ClaimService } from './claims.js';
import { correctionCallback, type CorrectionCallback } from './correction-callback.js';
import { localDate } from './local-time.js';
import type { QaQueue } from './qa-queue.js';
import type { RubricRow, RubricStore } from './rubric-store.js';
import { computeScore, scoreProblems, type Bonus, type Deduction, type FatalFinding, type ScoreResult } from './scoring/score.js';

export type ScoreRow = typeof qaScores.$inferSelect;

/** What a reviewer submits. */
export interface ScoreSubmission {
  /** The rubric version scored with; default the current one. */
  rubricVersion?: number;
  deductions: Deduction[];
  fatal: FatalFinding[];
  /** Points for the rubric's bonus items. */
  bonuses?: Bonus[];
  comment?: string;
}

export interface ScoreServiceOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  queue: QaQueue;
  claims: ClaimService;
  rubrics: RubricStore;
  audit: AuditLog;
  timeZone: string;
}

export class ScoreService {
  private readonly log: Logger;

  constructor(private readonly opts: ScoreServiceOptions) {
    this.log = opts.logger.child({ module: 'qa-scores' });
  }

  /** The first review of a claimed call; completes its queue job. */
  async review(callId: string, user: AuthUser, body: ScoreSubmission): Promise<ScoreRow> {
    const { db, claims, queue } = this.opts;
    const item = this.item(callId);
    if (item.status === 'scored') throw new Errors.QaAlreadyScored(callId);
    const claim = claims.requireClaim(callId, user.id);
    const rubric = this.rubricFor(body.rubricVersion);
    const correction = correctionCallback(db, callId);
    const result = this.compute(rubric, body, correction);
    const row = db.transaction(
      () => {
        const fresh = this.item(callId);
        if (fresh.status === 'scored') throw new Errors.QaAlreadyScored(callId);
        // Taken over by another reviewer since the check above?
        if (claims.requireClaim(callId, user.id).id !== claim.id) throw new Errors.QaClaimExpired(callId, 'it was claimed again meanwhile');
        const score = this.write({ item, rubric, result, body, user, kind: 'review', supersedesId: null, disputeId: null, correction });
        db.update(qaPlanItems).set({ status: 'scored' }).where(eq(qaPlanItems.callId, callId)).run();
        claims.end(claim.id, 'scored');
        return score;
      },
      { behavior: 'immediate' },
    );
    this.opts.audit.record(user, 'score', callId, { scoreId: row.id, total: row.total, fatal: row.fatal, rubricVersion: rubric.version });
    // Committed; now the queue. A lock lost meanwhile leaves a waiting job: remove it.
    try {
      const done = await queue.complete(callId, claim.token, { scoreId: row.id, total: row.total });
      if (done === 'not-held') await queue.discard(callId);
    } catch (err) {
      this.log.warn({ err, callId }, 'qa-scores: could not complete the queue job (the next claim skips it)');
    }
    return row;
  }

  /** A re-review after a dispute (called by the dispute service inside its transaction). */
  reReview(callId: string, user: AuthUser, body: ScoreSubmission, disputeId: number): ScoreRow {
    const item = this.item(callId);
    const previous = this.current(callId);
    if (!previous) throw new Errors.Conflict(`call ${callId} has no score to re-review`);
    const rubric = this.rubricFor(body.rubricVersion);
    const correction = correctionCallback(this.opts.db, callId);
    const result = this.compute(rubric, body, correction);
    return this.write({ item, rubric, result, body, user, kind: 're-review', supersedesId: previous.id, disputeId, correction });
  }

  /** The call's current score, or undefined. */
  current(callId: string): ScoreRow | undefined {
    return this.opts.db.select().from(qaScores).where(and(eq(qaScores.callId, callId), eq(qaScores.current, true))).get();
  }

  /** Every score of the call, oldest first. */
  history(callId: string): ScoreRow[] {
    return this.opts.db.select().from(qaScores).where(eq(qaScores.callId, callId)).orderBy(asc(qaScores.id)).all();
  }

  /** Validates a submission against a rubric version (400 naming every problem). */
  validate(body: ScoreSubmission): { rubric: RubricRow; result: ScoreResult } {
    const rubric = this.rubricFor(body.rubricVersion);
    return { rubric, result: this.compute(rubric, body, null) };
  }

  private item(callId: string) {
    const item = this.opts.db.select().from(qaPlanItems).where(eq(qaPlanItems.callId, callId)).get();
    if (!item) throw new Errors.QaNotSampled(callId);
    return item;
  }

  private rubricFor(version: number | undefined): RubricRow {
    return version === undefined ? this.opts.rubrics.current() : this.opts.rubrics.byVersion(version);
  }

  private compute(rubric: RubricRow, body: ScoreSubmission, correction: CorrectionCallback | null): ScoreResult {
    const problems = scoreProblems(rubric.definition, body);
    if (problems.length) throw new Errors.QaInvalidScore(problems.join('; '));
    return computeScore(rubric.definition, { ...body, correctedAfterMs: correction?.afterMs ?? null });
  }

  private write(a: {
    item: typeof qaPlanItems.$inferSelect;
    rubric: RubricRow;
    result: ScoreResult;
    body: ScoreSubmission;
    user: AuthUser;
    kind: (typeof QA_SCORE_KINDS)[number];
    supersedesId: number | null;
    disputeId: number | null;
    correction: CorrectionCallback | null;
  }): ScoreRow {
    const { db, clock, timeZone } = this.opts;
    const now = clock.now();
    const callId = a.item.callId;
    db.update(qaScores).set({ current: false }).where(and(eq(qaScores.callId, callId), eq(qaScores.current, true))).run();
    const row = db
      .insert(qaScores)
      .values({
        callId,
        agentId: a.item.agentId,
        campaignId: a.item.campaignId,
        rubricId: a.rubric.id,
        reviewerId: a.user.id,
        kind: a.kind,
        reviewedAt: now,
        reviewDate: localDate(now, timeZone),
        total: a.result.total,
        passed: a.result.passed,
        fatal: a.result.fatal,
        defect: a.result.defect,
        detail: {
          rubricVersion: a.rubric.version,
          deductions: a.body.deductions,
          fatal: a.body.fatal,
          bonuses: a.body.bonuses ?? [],
          bonus: a.result.bonus,
          pointsBeforeFatal: a.result.pointsBeforeFatal,
          passScore: a.result.passScore,
          categories: a.result.categories,
          // Manual 000: deductions halved by a call back within 30 minutes; the call back either way.
          halved: a.result.halved,
          correction: a.correction,
        },
        comment: a.body.comment ?? '',
        current: true,
        supersedesId: a.supersedesId,
        disputeId: a.disputeId,
      })
      .returning()
      .get();
    if (a.result.fatal) {
      const values = { scoreId: row.id, kinds: a.result.fatalKinds, status: 'open' as const, requestedAt: now, requestedBy: a.user.id, withdrawnAt: null };
      db.insert(qaReversalRequests)
        .values({ callId, ...values })
        .onConflictDoUpdate({ target: qaReversalRequests.callId, set: values })
        .run();
      this.log.warn({ callId, scoreId: row.id, kinds: a.result.fatalKinds }, 'qa-scores: fraudulent order; subscription reversal requested');
    } else {
      db.update(qaReversalRequests)
        .set({ status: 'withdrawn', withdrawnAt: now })
        .where(and(eq(qaReversalRequests.callId, callId), eq(qaReversalRequests.status, 'open')))
        .run();
    }
    return row;
  }
}
