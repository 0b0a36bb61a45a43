/**
 * The QA planner (imperative shell around the sampling core): for a campaign's current
 * cycle it reads the calls so far, plans the sample with the cycle's seed, commits the run
 * and its items to SQLite in one transaction, and only then enqueues the new items. If
 * enqueueing fails the sweeper restores them; nothing committed is lost.
 *
 * The transaction is IMMEDIATE, so two runs (two instances, or the schedule and a manual
 * run) serialise: the second sees the first's items as already sampled. A call is an item's
 * primary key, so no call is ever sampled twice.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { calls, qaCampaignSettings, qaCycles, qaPlanItems, qaPlanRuns, QA_PLAN_TRIGGERS } from '../db/schema.js';
import { Errors } from '../errors.js';
import type { AuditLog } from './audit-log.js';
import { observedDefectRate } from './defect-rates.js';
import { cycleAt, type QaCalendar } from './local-time.js';
import { buildPlanInput, pickCalls, type PlanInputsSummary, type StoredPlanOptions } from './plan-input.js';
import type { QaJobData, QaQueue } from './qa-queue.js';
import type { SaleFacts } from './sale-facts.js';
import { planSample, type Cycle, type QaPlan } from './sampling/index.js';

export type PlanTrigger = (typeof QA_PLAN_TRIGGERS)[number];
export type PlanRunRow = typeof qaPlanRuns.$inferSelect;
export type PlanItemRow = typeof qaPlanItems.$inferSelect;

export interface QaPlannerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  queue: QaQueue;
  saleFacts: SaleFacts;
  /** Named in each run's summary, e.g. 'none until subscriptions exist (issue 4)'. */
  saleFactsSource: string;
  calendar: QaCalendar;
  audit: AuditLog;
  /** The seed of a new cycle; default 16 random bytes in hex, prefixed with campaign and cycle. */
  newSeed?: (campaignId: number, cycleLabel: string) => string;
}

/** What one run did. */
export interface PlanRunResult {
  runId: number;
  campaignId: number;
  cycle: string;
  populationSize: number;
  targetSize: number;
  newlySampled: number;
  totalSampled: number;
  /** Jobs handed to the queue after the commit; enqueueError says why not all. */
  enqueued: number;
  enqueueError: string | null;
  notes: string[];
}

export interface Actor {
  id: number | null;
  username: string;
}

const SYSTEM: Actor = { id: null, username: 'system' };
const ITEM_INSERT_CHUNK = 500;

export class QaPlanner {
  private readonly log: Logger;

  constructor(private readonly opts: QaPlannerOptions) {
    this.log = opts.logger.child({ module: 'qa-planner' });
  }

  /** Plans the current cycle of one campaign and enqueues the new items. */
  async runCampaign(campaignId: number, trigger: PlanTrigger, actor: Actor = SYSTEM): Promise<PlanRunResult> {
    const { db, clock, calendar } = this.opts;
    const now = clock.now();
    const cycle = cycleAt(now, calendar);
    const committed = db.transaction(() => this.planAndCommit(campaignId, cycle, now, trigger, actor), { behavior: 'immediate' });
    const { run, items, plan } = committed;
    this.opts.audit.record(actor, 'plan.run', null, { runId: run.id, campaignId, cycle: cycle.label, trigger, newlySampled: items.length });
    let enqueued = 0;
    let enqueueError: string | null = null;
    try {
      enqueued = await this.opts.queue.enqueue(items.map(jobDataOf));
    } catch (err) {
      enqueueError = (err as Error).message;
      this.log.warn({ err, runId: run.id, campaignId }, 'qa-planner: enqueue failed after commit; the sweeper will restore the jobs');
    }
    this.log.info(
      { runId: run.id, campaignId, cycle: cycle.label, population: run.populationSize, target: run.targetSize, added: items.length, enqueued },
      'qa-planner: plan run committed',
    );
    return {
      runId: run.id,
      campaignId,
      cycle: cycle.label,
      populationSize: run.populationSize,
      targetSize: run.targetSize,
      newlySampled: run.newlySampled,
      totalSampled: run.totalSampled,
      enqueued,
      enqueueError,
      notes: plan.notes,
    };
  }

  /** Plans every campaign with eligible calls in the current cycle (the daily run). One failure does not stop the others. */
  async runAll(trigger: PlanTrigger, actor: Actor = SYSTEM): Promise<PlanRunResult[]> {
    const cycle = cycleAt(this.opts.clock.now(), this.opts.calendar);
    const ids = this.opts.db
      .selectDistinct({ id: calls.campaignId })
      .from(calls)
      .where(and(eq(calls.outcome, 'answered'), gte(calls.answeredAt, cycle.start.getTime()), lte(calls.answeredAt, cycle.end.getTime())))
      .orderBy(asc(calls.campaignId))
      .all()
      .map((r) => r.id);
    const results: PlanRunResult[] = [];
    for (const id of ids) {
      try {
        results.push(await this.runCampaign(id, trigger, actor));
      } catch (err) {
        this.log.error({ err, campaignId: id }, 'qa-planner: plan run failed');
      }
    }
    return results;
  }

  /** The plan options a campaign's run uses now. */
  planOptions(campaignId: number, cycleLabel: string): StoredPlanOptions {
    const s = this.opts.db.select().from(qaCampaignSettings).where(eq(qaCampaignSettings.campaignId, campaignId)).get();
    const base = { confidence: s?.confidence ?? 0.95, margin: s?.margin ?? 0.05, ...(s?.floors ? { floors: s.floors } : {}) };
    if (s?.pSource !== 'observed') return { ...base, p: 0.5, pSource: 'default', observed: null };
    const rate = observedDefectRate(this.opts.db, campaignId, cycleLabel);
    if (!rate) return { ...base, p: 0.5, pSource: 'observed', observed: null };
    return { ...base, p: rate.p, pSource: 'observed', observed: { cycle: rate.cycle, scored: rate.scored, defects: rate.defects } };
  }

  /** Runs of a campaign, newest first, optionally of one cycle. */
  runs(campaignId: number, cycleLabel?: string): PlanRunRow[] {
    return this.opts.db
      .select()
      .from(qaPlanRuns)
      .where(and(eq(qaPlanRuns.campaignId, campaignId), cycleLabel ? eq(qaPlanRuns.cycleLabel, cycleLabel) : undefined))
      .orderBy(desc(qaPlanRuns.id))
      .all();
  }

  /** One run and the calls it sampled. @throws Errors.NotFound */
  run(runId: number): { run: PlanRunRow; items: PlanItemRow[] } {
    const run = this.opts.db.select().from(qaPlanRuns).where(eq(qaPlanRuns.id, runId)).get();
    if (!run) throw new Errors.NotFound('QA plan run', String(runId));
    const items = this.opts.db.select().from(qaPlanItems).where(eq(qaPlanItems.runId, runId)).orderBy(asc(qaPlanItems.callId)).all();
    return { run, items };
  }

  private planAndCommit(campaignId: number, cycle: Cycle, now: number, trigger: PlanTrigger, actor: Actor) {
    const { db } = this.opts;
    const seed = this.cycleSeed(campaignId, cycle, now);
    const options = this.planOptions(campaignId, cycle.label);
    const input = buildPlanInput(db, {
      window: { campaignId, from: cycle.start.getTime(), to: cycle.end.getTime(), cutoff: now },
      cycleLabel: cycle.label,
      saleFacts: this.opts.saleFacts,
      saleFactsSource: this.opts.saleFactsSource,
    });
    const plan = planSample({
      seed,
      population: input.population,
      agents: input.agents,
      alreadySampled: input.alreadySampled,
      options: { confidence: options.confidence, p: options.p, margin: options.margin, ...(options.floors ? { floors: options.floors } : {}) },
    });
    const run = db
      .insert(qaPlanRuns)
      .values({
        campaignId,
        cycleLabel: cycle.label,
        seed,
        algorithm: plan.algorithm,
        trigger,
        ranBy: actor.id,
        ranAt: now,
        cutoffAt: now,
        populationSize: plan.populationSize,
        targetSize: plan.targetSize,
        alreadySampled: plan.alreadySampledCount,
        newlySampled: plan.newlySampledCount,
        totalSampled: plan.totalSampledCount,
        options: { ...options },
        summary: { inputs: input.summary satisfies PlanInputsSummary, plan: planSummary(plan), cycle: cycleJson(cycle) },
      })
      .returning()
      .get();
    const picked = pickCalls(input, new Set(plan.sampled.map((s) => s.callId)));
    const items: PlanItemRow[] = plan.sampled.map((s) => {
      const p = picked.get(s.callId);
      return {
        callId: s.callId,
        runId: run.id,
        campaignId,
        cycleLabel: cycle.label,
        agentId: Number(s.agentId),
        reasons: s.reasons,
        weight: s.weight,
        isSale: p?.call.isSale ?? false,
        durationSec: p?.call.durationSec ?? 0,
        answeredAt: p?.answeredAt ?? 0,
        sampledAt: now,
        status: 'pending',
        origin: 'sample',
        pullReason: null,
        pulledBy: null,
      };
    });
    for (let i = 0; i < items.length; i += ITEM_INSERT_CHUNK) db.insert(qaPlanItems).values(items.slice(i, i + ITEM_INSERT_CHUNK)).run();
    return { run, items, plan };
  }

  /** The cycle's seed, created on its first run and reused by every later one. */
  private cycleSeed(campaignId: number, cycle: Cycle, now: number): string {
    const { db } = this.opts;
    const existing = db
      .select({ seed: qaCycles.seed })
      .from(qaCycles)
      .where(and(eq(qaCycles.campaignId, campaignId), eq(qaCycles.label, cycle.label)))
      .get();
    if (existing) return existing.seed;
    const seed = this.opts.newSeed?.(campaignId, cycle.label) ?? `c${campaignId}/${cycle.label}/${randomBytes(16).toString('hex')}`;
    db.insert(qaCycles).values({ campaignId, label: cycle.label, startAt: cycle.start.getTime(), endAt: cycle.end.getTime(), seed, createdAt: now }).run();
    return seed;
  }
}

/** The queue job of a committed item. */
export function jobDataOf(item: PlanItemRow): QaJobData {
  return {
    callId: item.callId,
    campaignId: item.campaignId,
    agentId: item.agentId,
    cycle: item.cycleLabel,
    planRunId: item.runId,
    reasons: item.reasons,
    weight: item.weight,
    isSale: item.isSale,
    durationSec: item.durationSec,
    answeredAt: item.answeredAt,
  };
}

function planSummary(plan: QaPlan): Record<string, unknown> {
  return {
    sampleSize: plan.sampleSize,
    aboveTargetBy: plan.aboveTargetBy,
    durationBounds: plan.durationBounds,
    weights: plan.weights,
    perAgent: plan.perAgent,
    notes: plan.notes,
  };
}

function cycleJson(cycle: Cycle) {
  return { label: cycle.label, start: cycle.start.getTime(), end: cycle.end.getTime() };
}
