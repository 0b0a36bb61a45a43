/**
 * QA reviewers' claims. A claim is a BullMQ lock (see QaQueue) plus a row in `qa_claims`:
 * Redis decides who holds a job right now and returns abandoned ones; SQLite keeps who
 * claimed what and when, holds the lock token server-side, and decides who may score: the
 * reviewer of the call's open claim. A claim taken over by another reviewer (after its lock
 * expired) is closed as expired, and its reviewer gets 409.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AuthUser } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { qaClaims, qaPlanItems, QA_CLAIM_END_REASONS } from '../db/schema.js';
import { Errors } from '../errors.js';
import type { AuditLog } from './audit-log.js';
import { qaCallDetails, type QaCallDetails } from './call-details.js';
import type { QaQueue } from './qa-queue.js';
import type { SaleFacts } from './sale-facts.js';

export type ClaimRow = typeof qaClaims.$inferSelect;
type EndReason = (typeof QA_CLAIM_END_REASONS)[number];

/** A claim as the reviewer sees it. */
export interface ClaimView extends QaCallDetails {
  claim: { callId: string; claimedAt: number; expiresAt: number; resumed: boolean };
}

export interface ClaimServiceOptions {
  db: Db;
  clock: Clock;
  queue: QaQueue;
  audit: AuditLog;
  saleFacts: SaleFacts;
  logger: Logger;
}

/** Jobs skipped in one claim request (scored meanwhile, or unknown) before giving up. */
const MAX_SKIPS = 50;

export class ClaimService {
  private readonly log: Logger;
  /** A reviewer's claim requests run one after another (a double click must not take two calls). */
  private readonly inFlight = new Map<number, Promise<unknown>>();

  constructor(private readonly opts: ClaimServiceOptions) {
    this.log = opts.logger.child({ module: 'qa-claims' });
  }

  /**
   * The reviewer's next call: their claim still held if they have one (resumed), else the
   * next job of the queue, locked to them. Null when the queue is empty.
   */
  async claimNext(user: AuthUser): Promise<ClaimView | null> {
    const previous = this.inFlight.get(user.id) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.claimNow(user));
    this.inFlight.set(user.id, mine);
    try {
      return await mine;
    } finally {
      if (this.inFlight.get(user.id) === mine) this.inFlight.delete(user.id);
    }
  }

  private async claimNow(user: AuthUser): Promise<ClaimView | null> {
    const held = await this.stillHeld(user);
    if (held) return this.view(held, true);
    const { db, queue, clock } = this.opts;
    const token = `qa-${user.id}-${randomUUID()}`;
    for (let skipped = 0; skipped < MAX_SKIPS; skipped++) {
      const job = await queue.claim(token);
      if (!job?.id) return null;
      const callId = job.id;
      const item = db.select({ status: qaPlanItems.status }).from(qaPlanItems).where(eq(qaPlanItems.callId, callId)).get();
      if (!item || item.status !== 'pending') {
        // Scored meanwhile (e.g. restored by the sweeper in a race), or not ours: done with it.
        await queue.complete(callId, token, { skipped: item ? 'already scored' : 'not a sampled call' });
        this.log.info({ callId, reason: item ? 'scored' : 'unknown' }, 'qa-claims: skipped a job');
        continue;
      }
      const now = clock.now();
      const claim = db.transaction(() => {
        db.update(qaClaims).set({ endedAt: now, endReason: 'expired' }).where(and(eq(qaClaims.callId, callId), isNull(qaClaims.endedAt))).run();
        return db
          .insert(qaClaims)
          .values({ callId, reviewerId: user.id, token, claimedAt: now, expiresAt: now + queue.claimTtlMs })
          .returning()
          .get();
      });
      this.opts.audit.record(user, 'claim', callId, { expiresAt: claim.expiresAt });
      return this.view(claim, false);
    }
    return null;
  }

  /** The reviewer's open claims (normally one). */
  openClaims(userId: number): ClaimRow[] {
    return this.opts.db
      .select()
      .from(qaClaims)
      .where(and(eq(qaClaims.reviewerId, userId), isNull(qaClaims.endedAt)))
      .orderBy(desc(qaClaims.id))
      .all();
  }

  /**
   * The reviewer's open claim on a call.
   * @throws Errors.QaClaimExpired when their last claim on it was taken over,
   *   Errors.QaNoClaim when they never claimed it.
   */
  requireClaim(callId: string, userId: number): ClaimRow {
    const last = this.opts.db
      .select()
      .from(qaClaims)
      .where(and(eq(qaClaims.callId, callId), eq(qaClaims.reviewerId, userId)))
      .orderBy(desc(qaClaims.id))
      .get();
    if (!last) throw new Errors.QaNoClaim(callId, 'claim it first (POST /api/qa/claims)');
    if (last.endedAt !== null) {
      if (last.endReason === 'expired') throw new Errors.QaClaimExpired(callId, 'it went back to the queue and was claimed again');
      throw new Errors.QaNoClaim(callId, `the claim ended (${last.endReason})`);
    }
    return last;
  }

  /** Renews the reviewer's claim for another TTL. @throws 409 when the lock is gone. */
  async extend(callId: string, user: AuthUser): Promise<{ callId: string; expiresAt: number }> {
    const claim = this.requireClaim(callId, user.id);
    const { queue, clock, db } = this.opts;
    const ok = (await queue.extend(callId, claim.token)) || (await queue.extendReservation(callId));
    if (!ok) throw new Errors.QaClaimExpired(callId, 'its lock expired; the call is back in the queue');
    const expiresAt = clock.now() + queue.claimTtlMs;
    db.update(qaClaims).set({ expiresAt }).where(eq(qaClaims.id, claim.id)).run();
    this.opts.audit.record(user, 'claim.extend', callId, { expiresAt });
    return { callId, expiresAt };
  }

  /** Gives the call back to the queue. */
  async release(callId: string, user: AuthUser): Promise<void> {
    const claim = this.requireClaim(callId, user.id);
    const { queue } = this.opts;
    if (!(await queue.release(callId, claim.token))) await queue.promote(callId);
    this.end(claim.id, 'released');
    this.opts.audit.record(user, 'claim.release', callId);
  }

  /** Closes a claim. */
  end(claimId: number, reason: EndReason): void {
    this.opts.db.update(qaClaims).set({ endedAt: this.opts.clock.now(), endReason: reason }).where(eq(qaClaims.id, claimId)).run();
  }

  /** The reviewer's open claim that the queue still reserves to them, closing any that it no longer does. */
  private async stillHeld(user: AuthUser): Promise<ClaimRow | null> {
    const { queue } = this.opts;
    for (const claim of this.openClaims(user.id)) {
      const holder = await queue.lockHolder(claim.callId);
      if (holder === claim.token) return claim;
      // Restored by the sweeper after a Redis loss, held back for this reviewer.
      if (holder === null && claim.expiresAt > this.opts.clock.now() && (await queue.state(claim.callId)) === 'delayed') return claim;
      this.end(claim.id, 'expired');
    }
    return null;
  }

  private view(claim: ClaimRow, resumed: boolean): ClaimView {
    const details = qaCallDetails(this.opts.db, this.opts.saleFacts, claim.callId);
    return { ...details, claim: { callId: claim.callId, claimedAt: claim.claimedAt, expiresAt: claim.expiresAt, resumed } };
  }
}
