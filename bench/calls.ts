/**
 * Call-path latency and event throughput through the ARI simulator (real HTTP + WebSocket,
 * the service's ARI client, real SQLite and the whole service). The simulator runs in a process
 * of its own (bench/_sim-process.ts), as Asterisk would: its work does not queue on the
 * dialer's event loop. Goals (issue 17): answer → opening p99 ≤ 25 ms, answer → agent p99 ≤ 50 ms.
 * The dialer's event-loop utilisation and delay over the run say how much of a latency is
 * the call path and how much is waiting behind other calls' work; its CPU time per call says
 * what a call costs whatever else the machine is doing.
 *
 * The figures cover BENCH_CALLS calls (600) after BENCH_WARMUP (200): a service runs for
 * hours, and the first calls of a fresh process pay for the JIT and for the campaign's start
 * (every agent ready at once: one burst of calls). The warm-up's own latencies are printed
 * apart, without a goal.
 *
 * Figures:
 * - answer → opening start: from StasisStart (customer answered) to PlaybackStarted of the
 *   opening on the recorded bridge: the customer's wait for the first word. The bridge was
 *   made while the call rang; after the answer come adding the customer, starting the
 *   recording and the play request, sent together on the event WebSocket (ARI REST over
 *   WebSocket), which Asterisk runs in that order.
 * - answer → agent connected: from StasisStart to the agent's channel being in the call's
 *   bridge (agents are parked and ready, so this is the dialer's own overhead).
 * - ARI events handled per second: (a) events delivered during the run ÷ its wall time — the
 *   load this run put on the dialer, paced by the agents; (b) events ÷ the time spent inside
 *   the dialer's event routing (the synchronous part: state machine, bookkeeping, queuing
 *   commands) — how many events one core could route.
 * Baselines, same process: the median round trip of one ARI request through the service's
 * own transport (GET /channels), of which the answer → opening path makes one before Asterisk
 * reports PlaybackStarted; and the full-pace run again with every request over HTTP
 * (ARI_REST_OVER_WEBSOCKET=false: add ∥ record, then play, two round trips), as ratios.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { agents } from '../src/db/schema.js';
import { DEMO_PRODUCT, demoClock } from '../src/demo/demo-campaign.js';
import { createDialerService } from '../src/service.js';
import { startSimProcess } from './_sim-client.js';
import { startPrivateRedis } from '../src/support/private-redis.js';

/**
 * Loads, as bot agents (no wrap-up, 400 ms calls): 20 agents is this bench's full pace (about
 * 39 calls/s, the calls of a floor of some 2,000 agents on one process), where the goals are
 * judged; 5 agents (about 10 calls/s) shows the same path at a lighter load, without a goal.
 */
const LOADS = (process.env.BENCH_AGENTS ?? '20,5').split(',').map(Number);
/** Calls measured, after WARMUP calls that are not (JIT, caches, the campaign's first burst: shown apart). */
const CALLS = Number(process.env.BENCH_CALLS ?? 600);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const TOTAL = WARMUP + CALLS;

/** Issue 17: the customer's wait for the first word, and for the agent, at this bench's load. */
const GOALS = { openingP99Ms: 25, agentP99Ms: 50 };

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

interface Latencies {
  openingP50: number;
  openingP99: number;
  agentP50: number;
  agentP99: number;
}

async function runAt(AGENTS: number, judged: boolean, overWebSocket = true): Promise<Latencies> {
  const dir = mkdtempSync(join(tmpdir(), 'dialer-bench-'));
  const redis = process.env.REDIS_URL ? null : await startPrivateRedis();
  const numbers = Array.from({ length: TOTAL }, (_, i) => `+86139${String(10_000_000 + i).padStart(8, '0')}`);
  // The simulator runs in a process of its own, as Asterisk does: its work must not queue
  // on the dialer's event loop and colour the dialer's latency.
  const sim = await startSimProcess({
    username: 'dialer',
    password: 'bench',
    recordingsDir: join(dir, 'ast'),
    // Customers answer after 50 ms and talk 400 ms; softphones (unscripted) stay up.
    scripts: Object.fromEntries(numbers.map((n) => [n.slice(1), { kind: 'answer' as const, ringMs: 50, hangupAfterMs: 400 }])),
    defaultScript: { kind: 'answer', ringMs: 0 },
    soundDurationsMs: { 'sound:dialer/opening': 100 },
    secondMs: 20,
  });
  const { url } = sim;
  const config = loadConfig({
    ARI_URL: url,
    ARI_PASSWORD: 'bench',
    REDIS_URL: process.env.REDIS_URL ?? redis?.url,
    DATABASE_PATH: join(dir, 'bench.db'),
    RECORDINGS_DIR: join(dir, 'rec'),
    LOG_LEVEL: 'silent',
    RECORDING_SETTLE_MS: '2000',
    ARI_REST_OVER_WEBSOCKET: String(overWebSocket),
  });
  const service = await createDialerService({ config, clock: demoClock(), logger: pino({ level: 'silent' }), reconcileEveryMs: 0 });
  await service.start({ listen: false });
  await service.telephony.waitConnected(5000);

  // Baseline: one ARI request through the same transport the call path uses.
  const rtts: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await service.telephony.listChannels();
    rtts.push(performance.now() - t0);
  }
  const rtt = pct(rtts, 50);

  const { db } = service.database;
  for (let i = 0; i < AGENTS; i++) {
    const { id } = db.insert(agents).values({ name: `bench ${i}`, extension: `9${String(i).padStart(3, '0')}`, createdAt: Date.now() }).returning().get();
    await service.agents.login(id);
  }
  while (service.agents.list().some((a) => a.state !== 'ready')) await new Promise((r) => setTimeout(r, 10));

  let events = 0;
  let routingMs = 0;
  const route = service.tracker.handle.bind(service.tracker);
  service.tracker.handle = (ev) => {
    const t = performance.now();
    route(ev);
    routingMs += performance.now() - t;
    events += 1;
  };
  // The bench's agents are bots: no wrap-up and no disposition to wait for (the service's
  // defaults would pause each after its first call until someone gives one).
  const campaign = service.campaigns.create({ name: 'bench', openingMedia: 'sound:dialer/opening', ringTimeoutSec: 15, wrapUpSec: 0, dispositionRequired: false, ...DEMO_PRODUCT });
  service.campaigns.addContacts(campaign.id, numbers.map((phone) => ({ phone })));
  // BENCH_PROFILE=file.cpuprofile: a CPU profile of the calls at full pace (open in Chrome DevTools).
  const profiler = process.env.BENCH_PROFILE && judged ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  service.campaigns.setStatus(campaign.id, 'running');
  service.dialLoop.kick();
  const ended = () => (service.database.sqlite.prepare("select count(*) as n from calls where state = 'ended'").get() as { n: number }).n;
  while (ended() < WARMUP) await new Promise((r) => setTimeout(r, 20));
  // The measured part starts here: loop, CPU and event figures cover it alone.
  const t0 = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const events0 = events;
  const routing0 = routingMs;
  while (ended() < TOTAL || service.tracker.size > 0) await new Promise((r) => setTimeout(r, 20));
  const wallMs = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0);
  const cpu = process.cpuUsage(cpu0);
  lag.disable();
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
    profiler.disconnect();
  }
  const all = service.database.sqlite
    .prepare('select answered_at, opening_started_at, agent_connected_at from calls where answered_at is not null order by answered_at, id')
    .all() as Array<{ answered_at: number; opening_started_at: number | null; agent_connected_at: number | null }>;
  const openingOf = (rows: typeof all) => rows.filter((r) => r.opening_started_at !== null).map((r) => r.opening_started_at! - r.answered_at);
  const agentOf = (rows: typeof all) => rows.filter((r) => r.agent_connected_at !== null).map((r) => r.agent_connected_at! - r.answered_at);
  const opening = openingOf(all.slice(WARMUP));
  const agent = agentOf(all.slice(WARMUP));
  const cold = all.slice(0, WARMUP);

  const outcomes = service.database.sqlite.prepare('select outcome, count(*) as n from calls group by outcome').all() as Array<{ outcome: string | null; n: number }>;
  const line = (name: string, v: number[]) =>
    `${name.padEnd(28)} p50 ${pct(v, 50).toFixed(1).padStart(6)} ms (${(pct(v, 50) / rtt).toFixed(1)}× rtt)   p99 ${pct(v, 99).toFixed(1).padStart(6)} ms (${(pct(v, 99) / rtt).toFixed(1)}× rtt)   n=${v.length}`;
  const how = overWebSocket ? '' : ' — baseline: every request over HTTP (ARI_REST_OVER_WEBSOCKET=false), no goal';
  console.log(`${CALLS} calls measured after ${WARMUP} of warm-up, ${AGENTS} agents, simulator on loopback; times from the service's clock (1 ms resolution)${how}`);
  console.log(`outcomes: ${outcomes.map((o) => `${o.outcome ?? 'none'} ${o.n}`).join(', ')}`);
  console.log(`baseline: one ARI request (GET /channels) p50 ${rtt.toFixed(2)} ms`);
  const ws = service.telephony.restOverWebSocket;
  console.log(`after the answer: add, record and play ${ws.available ? `in one round trip over the event WebSocket (${ws.answered} requests answered there)` : 'over HTTP'}`);
  const goal = (p99: number, ms: number) => (!overWebSocket ? '' : judged ? `   goal p99 ≤ ${ms} ms ${p99 <= ms ? 'ok' : 'FAIL'}` : `   (goal p99 ≤ ${ms} ms judged at full pace)`);
  console.log(`${line('answer → opening start', opening)}${goal(pct(opening, 99), GOALS.openingP99Ms)}`);
  console.log(`${line('answer → agent connected', agent)}${goal(pct(agent, 99), GOALS.agentP99Ms)}`);
  console.log(`warm-up (${WARMUP} calls from the campaign's start, all agents ready at once; no goal): answer → opening p50 ${pct(openingOf(cold), 50)} ms, p99 ${pct(openingOf(cold), 99)} ms; answer → agent p50 ${pct(agentOf(cold), 50)} ms, p99 ${pct(agentOf(cold), 99)} ms`);
  console.log(`ARI events handled: ${events - events0} in ${(wallMs / 1000).toFixed(2)} s = ${Math.round((events - events0) / (wallMs / 1000))} events/s (the load, paced by ${AGENTS} agents)`);
  console.log(`dialer's event loop busy ${(elu.utilization * 100).toFixed(0)}% of the run (the rest idle, waiting for Asterisk); event-loop delay p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms`);
  // CPU time, not wall time: what the dialer spends on a call whatever else the machine runs.
  console.log(`dialer CPU per call ${((cpu.user + cpu.system) / 1000 / CALLS).toFixed(1)} ms (user ${(cpu.user / 1000 / CALLS).toFixed(1)}, system ${(cpu.system / 1000 / CALLS).toFixed(1)}); at ${(CALLS / (wallMs / 1000)).toFixed(1)} calls/s`);
  console.log(`event routing: ${(routingMs - routing0).toFixed(0)} ms for ${events - events0} events = ${Math.round((events - events0) / ((routingMs - routing0) / 1000))} events/s per core`);

  await service.agents.logoutAll();
  await service.stop();
  sim.stop();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
  return { openingP50: pct(opening, 50), openingP99: pct(opening, 99), agentP50: pct(agent, 50), agentP99: pct(agent, 99) };
}

async function main(): Promise<void> {
  for (const [i, agents] of LOADS.entries()) {
    if (i > 0) console.log('');
    const measured = await runAt(agents, i === 0);
    if (i > 0 || process.env.BENCH_HTTP_BASELINE === '0') continue;
    console.log('');
    const http = await runAt(agents, false, false);
    const ratio = (a: number, b: number) => `×${(a / b).toFixed(2)}`;
    console.log(
      `event WebSocket ÷ HTTP at ${agents} agents (lower is better): answer → opening p50 ${ratio(measured.openingP50, http.openingP50)}, p99 ${ratio(measured.openingP99, http.openingP99)}; ` +
        `answer → agent p50 ${ratio(measured.agentP50, http.agentP50)}, p99 ${ratio(measured.agentP99, http.agentP99)}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
