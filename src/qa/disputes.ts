/**
 * Score disputes (requirements §4): an agent may dispute a score on the day the daily report
 * that contains it is published (local day, QA time zone); QA re-reviews; a dispute on
 * another day is refused with 409. Disputes and every score stay in the history.
 */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { AuthUser } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { agents, qaDailyReports, qaDisputes, QA_DISPUTE_STATUSES } from '../db/schema.js';
import { Errors } from '../errors.js';
import type { AuditLog } from './audit-log.js';
import { localDate } from './local-time.js';
import type { ScoreRow, ScoreService, ScoreSubmission } from './score-service.js';

export type DisputeRow = typeof qaDisputes.$inferSelect;
/** A dispute as listed: with the name of the agent who raised it, for the reviewer's list. */
export type DisputeListRow = DisputeRow & { agentName: string | null };
export type DisputeStatus = (typeof QA_DISPUTE_STATUSES)[number];

/** Whether a score of the daily report of `reportDate` may be disputed now. Pure. */
export type DisputeWindow =
  | { open: true; reportDate: string; publishedOn: string }
  | { open: false; reason: 'not-published'; reportDate: string }
  | { open: false; reason: 'late'; reportDate: string; publishedOn: string; today: string };

export function disputeWindow(reportDate: string, publishedAt: number | null, now: number, timeZone: string): DisputeWindow {
  if (publishedAt === null) return { open: false, reason: 'not-published', reportDate };
  const publishedOn = localDate(publishedAt, timeZone);
  const today = localDate(now, timeZone);
  if (today === publishedOn) return { open: true, reportDate, publishedOn };
  return { open: false, reason: 'late', reportDate, publishedOn, today };
}

/** Why a closed window refuses a dispute, in the words the API's 409 and the agent console use. */
export function closedWindowText(window: Exclude<DisputeWindow, { open: true }>): string {
  if (window.reason === 'not-published') return `the daily report of ${window.reportDate} is not published yet`;
  return `the daily report of ${window.reportDate} was published on ${window.publishedOn}; disputes are taken that day only (today is ${window.today})`;
}

/** Why a score cannot be disputed now (see {@link DisputeChance.disputeRefusalCode}). */
export type DisputeRefusalCode = 'replaced' | 're-review-final' | 'disputed' | 'not-published' | 'late';

/** Whether the API would take a dispute of one score now, and if not why; what the agent console shows. */
export interface DisputeChance {
  disputable: boolean;
  /** Why a dispute would be refused now, in words; null when disputable. */
  disputeRefusal: string | null;
  /** The same reason as a code, for the consoles to word in the agent's language (with the score's report date and `disputeClosesOn`). */
  disputeRefusalCode: DisputeRefusalCode | null;
  /** The last local day a dispute of the score is (or was) taken; null until the report is published. */
  disputeClosesOn: string | null;
}

/**
 * The same checks as {@link DisputeService.raise} for one score row (pure): only the call's
 * current score, once, on the day its daily report is published, and not QA's re-review of
 * a dispute (requirements §4: the agent disputes, QA re-reviews the same day; that is final).
 */
export function disputeChance(score: { current: boolean; kind: string }, existingDisputeId: number | null, window: DisputeWindow): DisputeChance {
  const closesOn = 'publishedOn' in window ? window.publishedOn : null;
  const refused = (disputeRefusalCode: DisputeRefusalCode, disputeRefusal: string): DisputeChance => ({ disputable: false, disputeRefusal, disputeRefusalCode, disputeClosesOn: closesOn });
  if (!score.current) return refused('replaced', 'a re-review replaced this score');
  if (score.kind === 're-review') return refused('re-review-final', RE_REVIEW_IS_FINAL);
  if (existingDisputeId !== null) return refused('disputed', `this score is disputed already (dispute ${existingDisputeId})`);
  if (!window.open) return refused(window.reason, closedWindowText(window));
  return { disputable: true, disputeRefusal: null, disputeRefusalCode: null, disputeClosesOn: closesOn };
}

const RE_REVIEW_IS_FINAL = 'this is QA’s re-review of your dispute, which is final';

export interface DisputeServiceOptions {
  db: Db;
  clock: Clock;
  scores: ScoreService;
  audit: AuditLog;
  timeZone: string;
}

/** QA's decision on a dispute. */
export type DisputeDecision = { decision: 'upheld'; comment: string } | { decision: 'amended'; comment: string; score: ScoreSubmission };

export class DisputeService {
  constructor(private readonly opts: DisputeServiceOptions) {}

  /** The agent record of a user (agents.user_id), or undefined. */
  agentOf(userId: number): { id: number } | undefined {
    return this.opts.db.select({ id: agents.id }).from(agents).where(eq(agents.userId, userId)).get();
  }

  /**
   * An agent disputes the current score of one of their calls.
   * @throws 403 not their call, 404 not scored, 409 not published / late / already disputed.
   */
  raise(callId: string, user: AuthUser, reason: string): DisputeRow {
    const { db, clock, scores, timeZone } = this.opts;
    const score = scores.current(callId);
    if (!score) throw new Errors.NotFound('score of call', callId);
    if (user.role === 'agent' && this.agentOf(user.id)?.id !== score.agentId) {
      throw new Errors.AuthForbidden(user.role, `dispute call ${callId} (not your call)`);
    }
    if (score.kind === 're-review') throw new Errors.QaDisputeFinal(score.id);
    const now = clock.now();
    const report = db.select().from(qaDailyReports).where(eq(qaDailyReports.date, score.reviewDate)).get();
    const window = disputeWindow(score.reviewDate, report?.publishedAt ?? null, now, timeZone);
    if (!window.open) {
      if (window.reason === 'not-published') throw new Errors.QaDisputeNotOpen(closedWindowText(window));
      throw new Errors.QaDisputeLate(closedWindowText(window));
    }
    return db.transaction(
      () => {
        const existing = db.select().from(qaDisputes).where(eq(qaDisputes.scoreId, score.id)).get();
        if (existing) throw new Errors.QaDisputeExists(score.id, existing.id);
        const row = db
          .insert(qaDisputes)
          .values({ scoreId: score.id, callId, agentId: score.agentId, raisedBy: user.id, raisedAt: now, reason, status: 'open' })
          .returning()
          .get();
        this.opts.audit.record(user, 'dispute.raise', callId, { disputeId: row.id, scoreId: score.id });
        return row;
      },
      { behavior: 'immediate' },
    );
  }

  /** QA re-reviews: upholds the score, or amends it with a new score row. */
  resolve(disputeId: number, user: AuthUser, decision: DisputeDecision): { dispute: DisputeRow; score: ScoreRow | null } {
    const { db, clock, scores } = this.opts;
    return db.transaction(
      () => {
        const dispute = this.get(disputeId);
        if (dispute.status !== 'open') throw new Errors.QaDisputeResolved(disputeId);
        const score = decision.decision === 'amended' ? scores.reReview(dispute.callId, user, decision.score, disputeId) : null;
        const updated = db
          .update(qaDisputes)
          .set({ status: decision.decision, resolvedAt: clock.now(), resolvedBy: user.id, resolution: decision.comment, newScoreId: score?.id ?? null })
          .where(eq(qaDisputes.id, disputeId))
          .returning()
          .get();
        this.opts.audit.record(user, 'dispute.resolve', dispute.callId, { disputeId, decision: decision.decision, newScoreId: score?.id ?? null });
        return { dispute: updated, score };
      },
      { behavior: 'immediate' },
    );
  }

  /** @throws Errors.NotFound */
  get(disputeId: number): DisputeRow {
    const row = this.opts.db.select().from(qaDisputes).where(eq(qaDisputes.id, disputeId)).get();
    if (!row) throw new Errors.NotFound('dispute', String(disputeId));
    return row;
  }

  /** Disputes, newest first. */
  list(filter: { agentId?: number; status?: DisputeStatus; callId?: string } = {}): DisputeListRow[] {
    const conds: SQL[] = [];
    if (filter.agentId !== undefined) conds.push(eq(qaDisputes.agentId, filter.agentId));
    if (filter.status) conds.push(eq(qaDisputes.status, filter.status));
    if (filter.callId) conds.push(eq(qaDisputes.callId, filter.callId));
    return this.opts.db
      .select({ dispute: qaDisputes, agentName: agents.name })
      .from(qaDisputes)
      .leftJoin(agents, eq(agents.id, qaDisputes.agentId))
      .where(and(...conds))
      .orderBy(desc(qaDisputes.id))
      .limit(1000)
      .all()
      .map((r) => ({ ...r.dispute, agentName: r.agentName }));
  }
}
