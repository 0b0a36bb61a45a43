/**
 * Benchmark of QA sampling (requirements §4), three parts:
 *
 * 1. The plan (pure core) over 1,000,000 calls and 500 agents, synthetic and seeded. Baseline:
 *    generating the population; then the plan (median of 3 after a warm-up) as a ratio of it,
 *    a daily top-up (90% → 100%), and memory (rss / heapUsed, and the process's peak RSS).
 * 2. The planner shell on the same volume: the calls as rows of a SQLite file, one run of
 *    QaPlanner (population query, plan, commit of the run and its items, enqueue into BullMQ).
 *    Baseline: the population query alone.
 * 3. Enqueue throughput into BullMQ (jobs/s): addBulk in batches of 1,000 (what the planner
 *    and sweeper use), add one job at a time, and add with 1,000 in flight, against raw Redis
 *    SET throughput of the same payloads in the same process (pipelined, and one at a time).
 *
 * Uses REDIS_URL, or starts its own private redis-server when it is unset.
 * Run: npx tsx bench/qa.ts [calls=1000000] [agents=500] [jobs=20000] [--no-sqlite]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { Clock } from '../src/clock.js';
import { openDatabase } from '../src/db/database.js';
import { AuditLog } from '../src/qa/audit-log.js';
import { eligibleCalls } from '../src/qa/population.js';
import { QaPlanner } from '../src/qa/planner.js';
import { QaQueue, type QaJobData } from '../src/qa/qa-queue.js';
import { noSubscriptionsYet } from '../src/qa/sale-facts.js';
import { cycleFor } from '../src/qa/sampling/cycle.js';
import { planSample } from '../src/qa/sampling/plan.js';
import { createRng } from '../src/qa/sampling/random.js';
import type { PlanAgent, PlanCall } from '../src/qa/sampling/plan-types.js';
import { startPrivateRedis, type PrivateRedis } from '../src/support/private-redis.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const CALLS = Number(args[0] ?? 1_000_000);
const AGENTS = Number(args[1] ?? 500);
const JOBS = Number(args[2] ?? 20_000);
const SQLITE = !process.argv.includes('--no-sqlite');
const RUNS = 3;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
function memory(label: string): void {
  const m = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`  memory ${label.padEnd(24)} rss ${mb(m.rss).padStart(7)}  heapUsed ${mb(m.heapUsed).padStart(7)}  peak rss ${mb(peak).padStart(7)}`);
}
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
const rate = (n: number, t: number) => `${Math.round((n / t) * 1000).toLocaleString('en').padStart(9)} /s`;

/** Agents with uneven volumes (weight 1–5), 20% sales, a few risk flags, skewed durations. */
function generate(calls: number, agents: number, seed: string): { population: PlanCall[]; agentList: PlanAgent[] } {
  const rng = createRng(seed);
  const cumulative = new Float64Array(agents);
  let sum = 0;
  for (let k = 0; k < agents; k++) cumulative[k] = sum += 1 + (k % 5);
  const agentIds = Array.from({ length: agents }, (_, k) => String(k + 1));
  const population: PlanCall[] = new Array(calls);
  for (let i = 0; i < calls; i++) {
    const x = rng.nextFloat() * sum;
    let lo = 0;
    let hi = agents - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    const isSale = rng.nextFloat() < 0.2;
    population[i] = {
      callId: `call-${i.toString(36).padStart(6, '0')}`,
      agentId: agentIds[lo] as string,
      isSale,
      durationSec: Math.round(20 + 400 * rng.nextFloat() ** 3),
      riskFlags: {
        saleAfterRefusal: isSale && rng.nextFloat() < 0.03,
        cancelledAfterConfirmation: isSale && rng.nextFloat() < 0.02,
      },
    };
  }
  const agentList = agentIds.map((agentId, k): PlanAgent => ({ agentId, role: k % 10 === 0 ? 'trainee' : 'agent' }));
  return { population, agentList };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function corePlan(population: PlanCall[], agentList: PlanAgent[], generateMs: number): void {
  console.log('\n1. the plan (pure core)');
  const times: number[] = [];
  const first = planSample({ seed: 'campaign-1/2026-11', population, agents: agentList });
  let plan = first;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    plan = planSample({ seed: 'campaign-1/2026-11', population, agents: agentList });
    times.push(performance.now() - t);
  }
  if (JSON.stringify(plan) !== JSON.stringify(first)) throw new Error('bench/qa: plans differ between runs');
  const planMs = median(times);
  console.log(`  plan (median of ${RUNS}, after warm-up)   ${ms(planMs)}   = ${(planMs / generateMs).toFixed(2)} × baseline   runs: ${times.map((x) => x.toFixed(0)).join(', ')} ms`);
  console.log(
    `  target ${plan.targetSize}, sampled ${plan.totalSampledCount} (${plan.aboveTargetBy} above target from floors), ` +
      `high-risk sampled ${plan.sampled.filter((s) => s.reasons.length > 1).length}; identical across runs`,
  );
  const yesterday = planSample({ seed: 'campaign-1/2026-11', population: population.slice(0, Math.floor(CALLS * 0.9)), agents: agentList });
  const t = performance.now();
  const today = planSample({ seed: 'campaign-1/2026-11', population, agents: agentList, alreadySampled: yesterday.sampled.map((s) => s.callId) });
  const topUpMs = performance.now() - t;
  console.log(`  top-up (90% → 100%, ${yesterday.sampled.length} already)   ${ms(topUpMs)}   = ${(topUpMs / generateMs).toFixed(2)} × baseline   added ${today.newlySampledCount}`);
  memory('after the core plans');
}

/** Part 2: the calls as SQLite rows, one QaPlanner run. */
async function shellPlan(population: PlanCall[], agentList: PlanAgent[], redisUrl: string): Promise<void> {
  console.log(`\n2. the planner shell: ${population.length.toLocaleString('en')} calls in SQLite, one run`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-qa-'));
  const database = openDatabase(join(dir, 'bench.db'));
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const queue = new QaQueue({ connection, prefix, claimTtlMs: 60_000, logger: pino({ level: 'silent' }), enqueueTimeoutMs: 60_000 });
  try {
    const tz = 'Asia/Shanghai';
    const now = Date.UTC(2025, 0, 20, 14); // 20 Jan 22:00 in Shanghai, the last day of cycle 2025-01
    const cycle = cycleFor(now, { startDay: 21, timeZone: tz });
    const span = now - 3_600_000 - cycle.start.getTime();
    const { sqlite } = database;
    let t = performance.now();
    sqlite.prepare(`insert into campaigns (id, name, opening_media, created_at, updated_at) values (1, 'bench', 'sound:x', 0, 0)`).run();
    const agent = sqlite.prepare(`insert into agents (id, name, extension, role, created_at) values (?, ?, ?, ?, 0)`);
    const contact = sqlite.prepare(`insert into contacts (id, campaign_id, phone, created_at) values (?, 1, ?, 0)`);
    const call = sqlite.prepare(
      `insert into calls (id, campaign_id, contact_id, agent_id, phone, endpoint, channel_id, state, originated_at, answered_at, agent_connected_at, ended_at, outcome, recording_state)
       values (?, 1, ?, ?, ?, 'PJSIP/x', 'c', 'ended', ?, ?, ?, ?, 'answered', 'verified')`,
    );
    sqlite.transaction(() => {
      for (const a of agentList) agent.run(Number(a.agentId), `Agent ${a.agentId}`, `x${a.agentId}`, a.role);
      population.forEach((c, i) => {
        const phone = `+86138${String(i).padStart(8, '0')}`;
        const answered = cycle.start.getTime() + Math.floor((i / population.length) * span);
        contact.run(i + 1, phone);
        call.run(c.callId, i + 1, Number(c.agentId), phone, answered - 5000, answered, answered + 1000, answered + 1000 + c.durationSec * 1000);
      });
    })();
    console.log(`  (set-up: ${population.length.toLocaleString('en')} contacts and calls inserted in ${(performance.now() - t).toFixed(0)} ms)`);
    memory('after the SQLite set-up');

    t = performance.now();
    const rows = eligibleCalls(database.db, { campaignId: 1, from: cycle.start.getTime(), to: cycle.end.getTime(), cutoff: now });
    const queryMs = performance.now() - t;
    console.log(`  baseline: the population query          ${ms(queryMs)}   (${rows.length.toLocaleString('en')} rows)`);

    const clock: Clock = { now: () => now, setTimeout: () => ({ cancel: () => undefined }) };
    const planner = new QaPlanner({
      db: database.db,
      clock,
      logger: pino({ level: 'silent' }),
      queue,
      saleFacts: noSubscriptionsYet,
      saleFactsSource: 'none',
      calendar: { timeZone: tz, cycleStartDay: 21 },
      audit: new AuditLog(database.db, clock),
    });
    t = performance.now();
    const run = await planner.runCampaign(1, 'manual');
    const runMs = performance.now() - t;
    console.log(`  one planner run (query, plan, commit, enqueue) ${ms(runMs)}   = ${(runMs / queryMs).toFixed(2)} × baseline   sampled ${run.newlySampled}, enqueued ${run.enqueued}`);
    t = performance.now();
    const again = await planner.runCampaign(1, 'manual');
    console.log(`  a second run the same day (nothing new)  ${ms(performance.now() - t)}   sampled ${again.newlySampled}`);
    memory('after the planner runs');
  } finally {
    await queue.bullQueue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Part 3: jobs/s into BullMQ against raw SETs. */
async function enqueueThroughput(redisUrl: string): Promise<void> {
  console.log(`\n3. enqueue throughput, ${JOBS.toLocaleString('en')} jobs each (payload = a QA job, ~300 bytes of JSON)`);
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const jobs: QaJobData[] = Array.from({ length: JOBS }, (_, i) => ({
    callId: randomUUID(),
    campaignId: 1,
    agentId: (i % 500) + 1,
    cycle: '2025-01',
    planRunId: 1,
    reasons: i % 10 === 0 ? ['floor-sale', 'high-risk:duration-outlier'] : ['proportional'],
    weight: i % 10 === 0 ? 2 : 1,
    isSale: i % 5 === 0,
    durationSec: 30 + (i % 400),
    answeredAt: 1_736_000_000_000 + i * 1000,
  }));
  const queues: Queue[] = [];
  const fresh = (name: string) => {
    const q = new Queue(name, { connection, prefix });
    queues.push(q);
    return q;
  };
  try {
    const results: Array<[string, number]> = [];
    const time = async (label: string, f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      const took = performance.now() - t;
      results.push([label, took]);
      return took;
    };
    const setPipelined = await time('raw SET, pipelined by 1,000 (baseline)', async () => {
      for (let i = 0; i < JOBS; i += 1000) {
        const pipe = connection.pipeline();
        for (const j of jobs.slice(i, i + 1000)) pipe.set(`${prefix}:raw:${j.callId}`, JSON.stringify(j));
        await pipe.exec();
      }
    });
    const setOne = await time('raw SET, one at a time (baseline)', async () => {
      for (const j of jobs) await connection.set(`${prefix}:raw1:${j.callId}`, JSON.stringify(j));
    });
    const bulkQueue = new QaQueue({ connection, prefix, name: 'bench-bulk', claimTtlMs: 60_000, logger: pino({ level: 'silent' }), enqueueTimeoutMs: 600_000 });
    const bulk = await time('BullMQ addBulk by 1,000 (QaQueue.enqueue)', () => bulkQueue.enqueue(jobs));
    const dup = await time('  the same again (duplicates: no-ops)', () => bulkQueue.enqueue(jobs));
    const one = fresh('bench-one');
    const single = await time('BullMQ add, one at a time', async () => {
      for (const j of jobs) await one.add('review', j, QaQueue.jobOptions(j));
    });
    const conc = fresh('bench-concurrent');
    const concurrent = await time('BullMQ add, 1,000 in flight', async () => {
      for (let i = 0; i < JOBS; i += 1000) await Promise.all(jobs.slice(i, i + 1000).map((j) => conc.add('review', j, QaQueue.jobOptions(j))));
    });
    for (const [label, took] of results) console.log(`  ${label.padEnd(44)} ${ms(took)}  ${rate(JOBS, took)}`);
    console.log(
      `  ratios: addBulk = ${(setPipelined / bulk).toFixed(2)} × pipelined SET, add one at a time = ${(setOne / single).toFixed(2)} × one-at-a-time SET; ` +
        `addBulk is ${(single / bulk).toFixed(1)} × add one at a time, ${(concurrent / bulk).toFixed(1)} × add with 1,000 in flight; duplicates ${(dup / bulk).toFixed(2)} × a first add`,
    );
    await bulkQueue.bullQueue.obliterate({ force: true });
    await bulkQueue.close();
    memory('after the enqueue runs');
  } finally {
    for (const q of queues) {
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    let cursor = '0';
    do {
      const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
      cursor = next;
      if (keys.length) await connection.del(...keys);
    } while (cursor !== '0');
    connection.disconnect();
  }
}

console.log(`QA benchmark: ${CALLS.toLocaleString('en')} calls, ${AGENTS} agents, ${JOBS.toLocaleString('en')} jobs, node ${process.version}`);
memory('start');
let privateRedis: PrivateRedis | undefined;
const redisUrl = process.env.REDIS_URL ?? (privateRedis = await startPrivateRedis()).url;
console.log(`  redis: ${process.env.REDIS_URL ? 'REDIS_URL' : 'a private redis-server started for this run'}`);
try {
  const t = performance.now();
  const { population, agentList } = generate(CALLS, AGENTS, 'bench');
  const generateMs = performance.now() - t;
  console.log(`  baseline: generate the population      ${ms(generateMs)}`);
  memory('after generate');
  corePlan(population, agentList, generateMs);
  if (SQLITE) await shellPlan(population, agentList, redisUrl);
  await enqueueThroughput(redisUrl);
} finally {
  await privateRedis?.stop();
}
