/**
 * The planner shell with a real SQLite file and a real Redis: the population it takes, the
 * plan it commits before enqueueing, the jobs (id = call id, call and reasons), daily top-ups
 * with no call sampled twice, reproducing a stored run, and enqueue failures that the
 * sweeper repairs.
 */
import { Redis } from 'ioredis';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { qaPlanItems, qaPlanRuns } from '../../src/db/schema.js';
import { AuditLog } from '../../src/qa/audit-log.js';
import { QaPlanner } from '../../src/qa/planner.js';
import { QaQueue } from '../../src/qa/qa-queue.js';
import { noSubscriptionsYet } from '../../src/qa/sale-facts.js';
import { sampleSize } from '../../src/qa/sampling/index.js';
import { body, makeQaEnv, shanghai, until, type QaEnv } from './support.js';

let env: QaEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A campaign with 3 agents: a busy one, a trainee and a quiet agent with few calls. */
function floor(e: QaEnv, calls: { busy: number; trainee: number; quiet: number }, from: number) {
  const campaignId = e.addCampaign();
  const busy = e.addAgent({ name: 'Busy' });
  const trainee = e.addAgent({ name: 'New', role: 'trainee' });
  const quiet = e.addAgent({ name: 'Quiet' });
  const ids: Record<'busy' | 'trainee' | 'quiet', string[]> = { busy: [], trainee: [], quiet: [] };
  let t = from;
  for (const [who, agentId] of [['busy', busy], ['trainee', trainee], ['quiet', quiet]] as const) {
    for (let i = 0; i < calls[who]; i++) ids[who].push(e.addCall({ campaignId, agentId, answeredAt: (t += 60_000), talkMs: 20_000 + ((i * 7919) % 300_000) }));
  }
  return { campaignId, agents: { busy, trainee, quiet }, ids };
}

describe('QA planner', () => {
  it('samples the eligible calls of the cycle, commits the plan, then enqueues one job per call', async () => {
    env = await makeQaEnv({ startAt: shanghai(2025, 1, 10, 22) });
    await env.seedRoles();
    const { campaignId, agents, ids } = floor(env, { busy: 190, trainee: 5, quiet: 5 }, shanghai(2025, 1, 2, 9));
    // Not eligible: abandoned, recording missing, answered in the previous cycle (before 21 Dec).
    const abandoned = env.addCall({ campaignId, agentId: agents.busy, answeredAt: shanghai(2025, 1, 3), outcome: 'abandoned' });
    const missing = env.addCall({ campaignId, agentId: agents.busy, answeredAt: shanghai(2025, 1, 3), recordingState: 'missing' });
    const lastCycle = env.addCall({ campaignId, agentId: agents.busy, answeredAt: shanghai(2024, 12, 20, 23) });

    const res = await env.app.inject({ method: 'POST', url: '/api/qa/plans/run', headers: await env.auth('qa'), payload: { campaignId } });
    expect(res.statusCode).toBe(200);
    const [run] = body<{ runs: Array<Record<string, unknown>> }>(res).runs;
    expect(run).toMatchObject({ campaignId, cycle: '2025-01', populationSize: 200, targetSize: sampleSize({ population: 200 }), enqueueError: null });
    expect(run!.targetSize).toBe(132);
    expect(run!.newlySampled).toBe(run!.totalSampled);
    expect(run!.enqueued).toBe(run!.newlySampled);

    const items = env.db.db.select().from(qaPlanItems).all();
    expect(items).toHaveLength(run!.newlySampled as number);
    const sampled = new Set(items.map((i) => i.callId));
    for (const id of [abandoned, missing, lastCycle]) expect(sampled.has(id)).toBe(false);
    // Floors: the trainee's 3 sales + 2 non-sales are all non-sales (no sales exist yet): all 5;
    // the quiet agent's 3 + 1 → 4 of 5, above its proportional share of 3.3.
    expect(ids.trainee.every((id) => sampled.has(id))).toBe(true);
    expect(ids.quiet.filter((id) => sampled.has(id)).length).toBeGreaterThanOrEqual(4);
    const quietItem = items.find((i) => i.agentId === agents.quiet)!;
    expect(quietItem.reasons.some((r) => r.startsWith('floor') || r === 'sale-shortfall-from-non-sale')).toBe(true);

    // Each job: id = call id, carrying the call and why it was sampled.
    const counts = await env.qa.queue.counts();
    expect(counts.prioritized + counts.waiting).toBe(items.length);
    for (const item of items.slice(0, 20)) {
      const job = await env.qa.queue.bullQueue.getJob(item.callId);
      expect(job?.id).toBe(item.callId);
      expect(job?.data).toMatchObject({ callId: item.callId, campaignId, agentId: item.agentId, cycle: '2025-01', reasons: item.reasons, isSale: false });
    }
    // Enqueueing again is a no-op.
    await env.qa.queue.enqueue(items.map((i) => ({ ...i, cycle: i.cycleLabel, planRunId: i.runId })));
    const again = await env.qa.queue.counts();
    expect(again.prioritized + again.waiting).toBe(items.length);

    // The stored run: seed, algorithm, inputs summary, per-agent figures; and it reproduces.
    const stored = env.db.db.select().from(qaPlanRuns).where(eq(qaPlanRuns.id, run!.runId as number)).get()!;
    expect(stored).toMatchObject({ algorithm: 'qa-plan/1', trigger: 'manual', cutoffAt: env.clock.now(), options: { confidence: 0.95, p: 0.5, margin: 0.05, pSource: 'default' } });
    expect(stored.seed).toMatch(new RegExp(`^c${campaignId}/2025-01/[0-9a-f]{32}$`));
    const summary = stored.summary as { inputs: Record<string, unknown>; plan: { perAgent: unknown[] } };
    expect(summary.inputs).toMatchObject({ populationSize: 200, sales: 0, agents: 3, agentRoles: { [String(agents.trainee)]: 'trainee' } });
    expect(String(summary.inputs.saleFactsSource)).toMatch(/subscriptions do not exist yet/);
    expect(summary.plan.perAgent).toHaveLength(3);
    const verify = await env.app.inject({ method: 'POST', url: `/api/qa/plans/${stored.id}/verify`, headers: await env.auth('manager') });
    expect(body(verify)).toMatchObject({ reproduced: true, populationMatches: true, storedSampled: items.length, reproducedSampled: items.length });
  });

  it('runs daily on the calls so far: same seed, tops up, never samples a call twice', async () => {
    env = await makeQaEnv({ startAt: shanghai(2025, 1, 5, 22) });
    await env.seedRoles();
    const { campaignId, agents } = floor(env, { busy: 100, trainee: 3, quiet: 3 }, shanghai(2025, 1, 2, 9));
    const first = await env.qa.planner.runCampaign(campaignId, 'schedule');
    expect(first.populationSize).toBe(106);
    // Nothing new: nothing added.
    const same = await env.qa.planner.runCampaign(campaignId, 'schedule');
    expect(same).toMatchObject({ newlySampled: 0, populationSize: 106, totalSampled: first.totalSampled });

    env.manual!.advance(DAY);
    for (let i = 0; i < 150; i++) env.addCall({ campaignId, agentId: agents.busy, answeredAt: shanghai(2025, 1, 6, 9) + i * 60_000 });
    const next = await env.qa.planner.runCampaign(campaignId, 'schedule');
    expect(next.populationSize).toBe(256);
    expect(next.targetSize).toBe(sampleSize({ population: 256 }));
    expect(next.newlySampled).toBeGreaterThan(0);
    expect(next.totalSampled).toBe(first.totalSampled + next.newlySampled);
    const runs = env.db.db.select().from(qaPlanRuns).all();
    expect(new Set(runs.map((r) => r.seed)).size).toBe(1);
    const items = env.db.db.select().from(qaPlanItems).all();
    expect(items).toHaveLength(next.totalSampled);
    expect(new Set(items.map((i) => i.callId)).size).toBe(items.length);
    // Each run reproduces from what it stored, the later one on top of the earlier ones.
    for (const r of runs) {
      const v = await env.app.inject({ method: 'POST', url: `/api/qa/plans/${r.id}/verify`, headers: await env.auth('qa') });
      expect(body(v)).toMatchObject({ reproduced: true });
    }
    // A new cycle (after the 20th) gets a new seed.
    env.manual!.advance(17 * DAY);
    env.addCall({ campaignId, agentId: agents.busy, answeredAt: env.clock.now() - HOUR });
    const nextCycle = await env.qa.planner.runCampaign(campaignId, 'schedule');
    expect(nextCycle).toMatchObject({ cycle: '2025-02', populationSize: 1, newlySampled: 1 });
    expect(new Set(env.db.db.select().from(qaPlanRuns).all().map((r) => r.seed)).size).toBe(2);
  });

  it('the daily schedule runs the plan at the configured local time on the injected clock', async () => {
    env = await makeQaEnv({ startAt: shanghai(2025, 1, 10, 20), settings: { planTime: '21:30' } });
    const { campaignId } = floor(env, { busy: 10, trainee: 0, quiet: 0 }, shanghai(2025, 1, 10, 9));
    env.qa.start();
    expect(env.qa.scheduler?.nextRunAt).toBe(shanghai(2025, 1, 10, 21, 30));
    env.manual!.advance(HOUR);
    expect(env.db.db.select().from(qaPlanRuns).all()).toHaveLength(0);
    env.manual!.advance(30 * 60_000);
    const runs = await until('the scheduled run', () => {
      const rows = env!.db.db.select().from(qaPlanRuns).all();
      return rows.length ? rows : null;
    });
    expect(runs[0]).toMatchObject({ campaignId, trigger: 'schedule', populationSize: 10 });
    await until('the next run is scheduled', () => env!.qa.scheduler?.nextRunAt === shanghai(2025, 1, 11, 21, 30));
  });

  it('a plan committed while Redis is unreachable is kept, and the sweeper enqueues it later', async () => {
    env = await makeQaEnv({ startAt: shanghai(2025, 1, 10, 22) });
    const { campaignId } = floor(env, { busy: 30, trainee: 0, quiet: 0 }, shanghai(2025, 1, 10, 9));
    // A queue on a Redis that does not answer (nothing listens on port 1).
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => 1000 });
    dead.on('error', () => undefined);
    const logger = pino({ level: 'silent' });
    const queue = new QaQueue({ connection: dead, prefix: env.prefix, claimTtlMs: 60_000, logger, enqueueTimeoutMs: 300 });
    const planner = new QaPlanner({
      db: env.db.db,
      clock: env.clock,
      logger,
      queue,
      saleFacts: noSubscriptionsYet,
      saleFactsSource: 'none',
      calendar: env.qa.calendar,
      audit: new AuditLog(env.db.db, env.clock),
    });
    const run = await planner.runCampaign(campaignId, 'manual');
    expect(run.enqueueError).toEqual(expect.any(String));
    expect(run.enqueued).toBe(0);
    expect(env.db.db.select().from(qaPlanItems).all()).toHaveLength(run.newlySampled);
    await queue.close();
    dead.disconnect();

    const swept = await env.qa.sweeper.sweep();
    expect(swept).toEqual({ checked: run.newlySampled, restored: run.newlySampled, reserved: 0 });
    const counts = await env.qa.queue.counts();
    expect(counts.prioritized + counts.waiting).toBe(run.newlySampled);
    expect(await env.qa.sweeper.sweep()).toEqual({ checked: run.newlySampled, restored: 0, reserved: 0 });
  });
});
