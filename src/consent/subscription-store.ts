/**
 * Subscriptions and their evidence. The one way a subscription comes to exist is
 * {@link SubscriptionStore.recordVerification} with a verification the system ran to the end:
 * identity "1" and consent "1" pressed on the customer's own channel, and every segment of
 * the campaign's current terms played. Nothing else inserts into `subscriptions` (the HTTP
 * API refuses every attempt with 403, logged). Rows are append-only (SQLite triggers); the
 * life of a subscription (confirmation sent, cancelled) is a series of events.
 */
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import {
  campaigns,
  commissionEntries,
  notificationOutbox,
  qaReversalRequests,
  recordings,
  subscriptionEvents,
  subscriptions,
  verifications,
  type RecordingOffset,
} from '../db/schema.js';
import { Errors } from '../errors.js';
import { SYSTEM_ACTOR, type ConsentActor, type ConsentAudit } from './consent-audit.js';
import { disclosurePlaylist, termsOfCampaign, type TermsSnapshot } from './disclosure.js';
import { commissionFor, recordingOffset } from './evidence.js';
import { cancelRefusal, summariseSubscription, type SubscriptionSummary } from './subscription-summary.js';
import { isCompleteConsent, type VerificationState } from './verification-machine.js';

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type SubscriptionStatus = 'active' | 'cancelled';

/** QA's request to reverse the sale of a call (a fraudulent order found in review), as a subscription shows it. */
export interface QaReversalView {
  status: (typeof qaReversalRequests.$inferSelect)['status'];
  kinds: string[];
  requestedAt: number;
  scoreId: number;
}

/** A subscription as listed for managers: its evidence, its state, and QA's reversal request if any. */
export type SubscriptionListRow = SubscriptionRow & { summary: SubscriptionSummary; qaReversal: QaReversalView | null };

/** Which subscriptions to list. `qaReversal`: only those whose call QA asked to reverse (an open request, or any). */
export interface SubscriptionFilter {
  callId?: string;
  agentId?: number;
  from?: number;
  to?: number;
  qaReversal?: 'open' | 'any';
  /** Only subscriptions with a smaller id (the next page after the last one shown). */
  beforeId?: number;
  /** Rows per answer, newest first; default and most {@link MAX_LIST_ROWS}. */
  limit?: number;
}

/** The most subscriptions one list answer gives. */
export const MAX_LIST_ROWS = 1000;

/** A verification the runner finished, with the call it belongs to. */
export interface FinishedVerification {
  callId: string;
  contactId: number;
  campaignId: number;
  agentId: number | null;
  customerChannelId: string;
  terms: TermsSnapshot;
  state: VerificationState;
}

export interface SubscriptionStoreOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: ConsentAudit;
  /** A subscription may be cancelled (reversing the commission) up to this long after confirmation. */
  coolingOffMs: number;
  /** Time zone of the commission month. */
  timeZone: string;
}

export class SubscriptionStore {
  private readonly createdListeners: Array<(s: SubscriptionRow) => void> = [];

  constructor(private readonly o: SubscriptionStoreOptions) {}

  /** Called after each subscription is created (the follow-up schedules its message). */
  onCreated(fn: (s: SubscriptionRow) => void): void {
    this.createdListeners.push(fn);
  }

  /**
   * Writes the finished verification (any outcome) and, only for a complete consent whose
   * played terms are the campaign's current product terms, the subscription with its
   * evidence, its 'created' event and the agent's commission — in one transaction.
   */
  recordVerification(v: FinishedVerification): { verificationId: number; subscription: SubscriptionRow | null; reason: string | null } {
    const { db, clock, audit, logger } = this.o;
    const s = v.state;
    const reason = this.whyNotASale(v);
    const result = db.transaction((tx) => {
      const ver = tx
        .insert(verifications)
        .values({
          callId: v.callId,
          agentId: v.agentId,
          outcome: s.outcome ?? 'aborted',
          terms: { ...v.terms },
          steps: s.steps.map((x) => ({ ...x })),
          startedAt: s.startedAt ?? clock.now(),
          endedAt: s.endedAt ?? clock.now(),
        })
        .returning({ id: verifications.id })
        .get();
      if (reason || v.agentId === null || !s.identityKey || !s.consentKey) return { verificationId: ver.id, subscription: null };
      const segs = tx.select().from(recordings).where(eq(recordings.callId, v.callId)).all();
      const off = (at: number): RecordingOffset => recordingOffset(at, segs);
      const campaign = tx.select({ timeZone: campaigns.timeZone }).from(campaigns).where(eq(campaigns.id, v.campaignId)).get();
      const sub = tx
        .insert(subscriptions)
        .values({
          verificationId: ver.id,
          callId: v.callId,
          contactId: v.contactId,
          campaignId: v.campaignId,
          agentId: v.agentId,
          productCode: v.terms.productCode,
          productName: v.terms.productName,
          priceMinor: v.terms.priceMinor,
          currency: v.terms.currency,
          terms: { ...v.terms },
          steps: s.steps.map((x) => ({ ...x })),
          identityKeyChannel: s.identityKey.channelId,
          consentKeyChannel: s.consentKey.channelId,
          offsets: {
            verificationStart: off(s.startedAt ?? s.identityKey.at),
            // When the customer began to hear each question: the keys come after these.
            identityQuestion: off(s.identityAskedAt ?? s.identityKey.at),
            identityKey: off(s.identityKey.at),
            disclosureStart: off(s.disclosureStartedAt ?? s.identityKey.at),
            disclosureEnd: off(s.disclosureEndedAt ?? s.consentKey.at),
            confirmQuestion: off(s.consentAskedAt ?? s.consentKey.at),
            consentKey: off(s.consentKey.at),
          },
          confirmedAt: s.consentKey.at,
        })
        .returning()
        .get();
      tx.insert(subscriptionEvents).values({ subscriptionId: sub.id, kind: 'created', detail: { verificationId: ver.id }, at: sub.confirmedAt }).run();
      const zone = campaign?.timeZone ?? this.o.timeZone;
      const monthStart = DateTime.fromMillis(sub.confirmedAt, { zone }).startOf('month').toMillis();
      const nth = tx
        .select({ n: sql<number>`count(*)` })
        .from(subscriptions)
        .where(and(eq(subscriptions.agentId, sub.agentId), gte(subscriptions.confirmedAt, monthStart), sql`${subscriptions.id} <= ${sub.id}`))
        .get()?.n ?? 1;
      const c = commissionFor(sub.priceMinor, nth);
      tx.insert(commissionEntries)
        .values({ subscriptionId: sub.id, agentId: sub.agentId, kind: 'earned', amountMinor: c.amountMinor, detail: { tier: c.tier, nthSaleThisMonth: nth }, at: sub.confirmedAt })
        .run();
      return { verificationId: ver.id, subscription: sub };
    });
    audit.record(SYSTEM_ACTOR, 'verification.record', { callId: v.callId, subscriptionId: result.subscription?.id ?? null }, { outcome: s.outcome, reason });
    if (result.subscription) {
      audit.record(SYSTEM_ACTOR, 'subscription.create', { callId: v.callId, subscriptionId: result.subscription.id }, { verificationId: result.verificationId });
      logger.info({ callId: v.callId, subscriptionId: result.subscription.id }, 'consent: subscription confirmed by the customer');
      for (const fn of this.createdListeners) fn(result.subscription);
    }
    return { ...result, reason };
  }

  /** Why a finished verification is not a sale (null when it is one). */
  private whyNotASale(v: FinishedVerification): string | null {
    if (!isCompleteConsent(v.state, { customerChannelId: v.customerChannelId, terms: v.terms })) return `verification ended: ${v.state.outcome ?? 'unfinished'}`;
    if (v.agentId === null) return 'no agent on the call';
    // The product activated must be the product offered: the terms played are re-derived from the campaign now.
    const row = this.o.db.select().from(campaigns).where(eq(campaigns.id, v.campaignId)).get();
    const t = row ? termsOfCampaign(row) : null;
    if (!t || !t.ok) return 'the campaign has no complete product definition';
    const now = disclosurePlaylist(t.terms);
    if (JSON.stringify(now.media) !== JSON.stringify(v.terms.media)) return 'the terms played differ from the campaign product';
    return null;
  }

  /** One subscription with its state, events and commission (a read of the evidence: audited). */
  read(id: number, actor: ConsentActor) {
    const sub = this.o.db.select().from(subscriptions).where(eq(subscriptions.id, id)).get();
    if (!sub) throw new Errors.NotFound('subscription', String(id));
    this.o.audit.record(actor, 'subscription.read', { subscriptionId: id, callId: sub.callId });
    const row = this.withState([sub])[0]!;
    return { ...row, status: row.summary.status, events: this.eventsOf(id), commission: this.commissionOf(id) };
  }

  /** Subscriptions of a call, or all in a time range (audited), each with its state; newest first, a page at a time. */
  list(filter: SubscriptionFilter, actor: ConsentActor): SubscriptionListRow[] {
    const reversalCalls = this.o.db
      .select({ callId: qaReversalRequests.callId })
      .from(qaReversalRequests)
      .where(filter.qaReversal === 'open' ? eq(qaReversalRequests.status, 'open') : undefined);
    const rows = this.o.db
      .select()
      .from(subscriptions)
      .where(
        and(
          filter.callId ? eq(subscriptions.callId, filter.callId) : undefined,
          filter.agentId ? eq(subscriptions.agentId, filter.agentId) : undefined,
          filter.from !== undefined ? gte(subscriptions.confirmedAt, filter.from) : undefined,
          filter.to !== undefined ? lt(subscriptions.confirmedAt, filter.to) : undefined,
          filter.qaReversal ? inArray(subscriptions.callId, reversalCalls) : undefined,
          filter.beforeId !== undefined ? lt(subscriptions.id, filter.beforeId) : undefined,
        ),
      )
      .orderBy(desc(subscriptions.id))
      .limit(Math.min(filter.limit ?? MAX_LIST_ROWS, MAX_LIST_ROWS))
      .all();
    this.o.audit.record(actor, 'subscription.list', { callId: filter.callId ?? null }, { filter, count: rows.length });
    return this.withState(rows);
  }

  /** Rows with their summaries and QA reversal requests, read in a few batch queries. */
  private withState(rows: SubscriptionRow[]): SubscriptionListRow[] {
    if (!rows.length) return [];
    const { db } = this.o;
    const ids = rows.map((r) => r.id);
    const events = groupBy(db.select().from(subscriptionEvents).where(inArray(subscriptionEvents.subscriptionId, ids)).orderBy(asc(subscriptionEvents.id)).all());
    const commission = groupBy(db.select().from(commissionEntries).where(inArray(commissionEntries.subscriptionId, ids)).all());
    const messages = this.messagesOf(ids);
    const reversals = this.qaReversalsOf(rows.map((r) => r.callId));
    const at = { coolingOffMs: this.o.coolingOffMs, now: this.o.clock.now() };
    return rows.map((r) => ({
      ...r,
      summary: summariseSubscription({ ...at, confirmedAt: r.confirmedAt, events: events.get(r.id) ?? [], commission: commission.get(r.id) ?? [], message: messages.get(r.id) ?? null }),
      qaReversal: reversals.get(r.callId) ?? null,
    }));
  }

  /** The confirmation message's outbox row per subscription. */
  private messagesOf(ids: number[]) {
    const where = and(inArray(notificationOutbox.subscriptionId, ids), eq(notificationOutbox.kind, 'confirmation'));
    return new Map(this.o.db.select().from(notificationOutbox).where(where).all().map((m) => [m.subscriptionId, m]));
  }

  /** QA's reversal request per call. */
  private qaReversalsOf(callIds: string[]): Map<string, QaReversalView> {
    const rows = this.o.db.select().from(qaReversalRequests).where(inArray(qaReversalRequests.callId, callIds)).all();
    return new Map(rows.map((q) => [q.callId, { status: q.status, kinds: q.kinds, requestedAt: q.requestedAt, scoreId: q.scoreId }]));
  }

  /** Subscriptions of these calls, without audit (internal: QA sale facts, which audit their own reads). */
  byCalls(callIds: readonly string[]): SubscriptionRow[] {
    if (!callIds.length) return [];
    return this.o.db.select().from(subscriptions).where(inArray(subscriptions.callId, [...callIds])).all();
  }

  eventsOf(id: number) {
    return this.o.db.select().from(subscriptionEvents).where(eq(subscriptionEvents.subscriptionId, id)).orderBy(asc(subscriptionEvents.id)).all();
  }

  commissionOf(id: number) {
    return this.o.db.select().from(commissionEntries).where(eq(commissionEntries.subscriptionId, id)).orderBy(asc(commissionEntries.id)).all();
  }

  statusOf(id: number): SubscriptionStatus {
    return this.eventsOf(id).some((e) => e.kind === 'cancelled') ? 'cancelled' : 'active';
  }

  /** Appends an event (the follow-up's 'confirmation-sent', …). */
  addEvent(id: number, kind: 'confirmation-scheduled' | 'confirmation-sent', detail: Record<string, unknown>): void {
    this.o.db.insert(subscriptionEvents).values({ subscriptionId: id, kind, detail, at: this.o.clock.now() }).run();
  }

  /**
   * Cancels inside the cooling-off window: a 'cancelled' event and a reversing commission
   * entry, in one transaction. Outside the window, or twice, → 409.
   */
  cancel(id: number, actor: ConsentActor, reason: string) {
    const { db, clock, audit } = this.o;
    const now = clock.now();
    const out = db.transaction((tx) => {
      const sub = tx.select().from(subscriptions).where(eq(subscriptions.id, id)).get();
      if (!sub) throw new Errors.NotFound('subscription', String(id));
      const events = tx.select().from(subscriptionEvents).where(eq(subscriptionEvents.subscriptionId, id)).all();
      const refusal = cancelRefusal({ confirmedAt: sub.confirmedAt, events, coolingOffMs: this.o.coolingOffMs, now });
      if (refusal) throw new Errors.SubscriptionNotCancellable(String(id), refusal);
      const afterConfirmation = events.some((e) => e.kind === 'confirmation-sent');
      tx.insert(subscriptionEvents).values({ subscriptionId: id, kind: 'cancelled', userId: actor.id, detail: { reason, afterConfirmation }, at: now }).run();
      const earned = tx.select().from(commissionEntries).where(and(eq(commissionEntries.subscriptionId, id), eq(commissionEntries.kind, 'earned'))).get();
      if (earned) {
        tx.insert(commissionEntries)
          .values({ subscriptionId: id, agentId: earned.agentId, kind: 'reversed', amountMinor: -earned.amountMinor, detail: { reason, afterConfirmation }, at: now })
          .run();
      }
      return { sub, afterConfirmation };
    });
    audit.record(actor, 'subscription.cancel', { subscriptionId: id, callId: out.sub.callId }, { reason, afterConfirmation: out.afterConfirmation });
    return { subscriptionId: id, status: 'cancelled' as const, afterConfirmation: out.afterConfirmation, commission: this.commissionOf(id) };
  }

  /**
   * Per agent: sales, cancellations (and how many after the confirmation message), commission
   * earned and reversed, and commission withheld for sales QA found fraudulent (open
   * `qa_reversal_requests`; released again if QA withdraws the request), and the net.
   */
  cancellationsReport(from: number, to: number, actor: ConsentActor) {
    const rows = this.o.db.all<{
      agentId: number;
      sales: number;
      cancelled: number;
      cancelledAfterConfirmation: number;
      earnedMinor: number;
      reversedMinor: number;
      qaReversalsOpen: number;
      withheldMinor: number;
    }>(sql`
      select s.agent_id as agentId,
             count(*) as sales,
             sum(exists(select 1 from subscription_events e where e.subscription_id = s.id and e.kind = 'cancelled')) as cancelled,
             sum(exists(select 1 from subscription_events e where e.subscription_id = s.id and e.kind = 'cancelled'
                        and json_extract(e.detail, '$.afterConfirmation') = 1)) as cancelledAfterConfirmation,
             coalesce(sum((select sum(c.amount_minor) from commission_entries c where c.subscription_id = s.id and c.kind = 'earned')), 0) as earnedMinor,
             coalesce(sum((select sum(c.amount_minor) from commission_entries c where c.subscription_id = s.id and c.kind = 'reversed')), 0) as reversedMinor,
             sum(exists(select 1 from qa_reversal_requests q where q.call_id = s.call_id and q.status = 'open')) as qaReversalsOpen,
             coalesce(sum(case when exists(select 1 from qa_reversal_requests q where q.call_id = s.call_id and q.status = 'open')
                                and not exists(select 1 from commission_entries c where c.subscription_id = s.id and c.kind = 'reversed')
                           then (select sum(c.amount_minor) from commission_entries c where c.subscription_id = s.id and c.kind = 'earned') end), 0) as withheldMinor
      from subscriptions s
      where s.confirmed_at >= ${from} and s.confirmed_at < ${to}
      group by s.agent_id order by s.agent_id`);
    this.o.audit.record(actor, 'report.cancellations', {}, { from, to });
    return rows.map((r) => ({ ...r, netMinor: r.earnedMinor + r.reversedMinor - r.withheldMinor, cancellationRate: r.sales ? r.cancelled / r.sales : 0 }));
  }
}

/** Rows grouped by their subscription id. */
function groupBy<T extends { subscriptionId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) out.set(r.subscriptionId, [...(out.get(r.subscriptionId) ?? []), r]);
  return out;
}
