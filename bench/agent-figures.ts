/**
 * Benchmark: the agents' month report through the report service (the rows in a real SQLite
 * file, loaded and tallied as GET /api/reports/agents does). A month (synthetic, seeded):
 * by default 100 agents × 22 working days × ~120 calls a day, every call with its reserved /
 * on-call / wrap-up states and a few pauses a day — about 264,000 calls and 1.1 million
 * state-log rows.
 *
 * Two ways, each in its own process (so one's memory does not colour the other's):
 *   all at once — every row of every agent loaded, then tallied (the service before issue 17);
 *   in groups  — REPORT_AGENTS_PER_GROUP agents loaded and tallied at a time (the service now).
 * Both run the service as shipped: compiled by `npm run build:server` (which the bench runs)
 * and started by plain node, as the image does. The measuring (agent-figures-measure.mjs) is
 * plain JavaScript so the same code also runs under tsx, the development loader, whose own
 * ~65 MB before any report is printed beside, without a goal.
 * Figures: the report's time (median of 3), the process's peak RSS; goals: peak RSS ≤ 300 MB
 * and no slower than all at once. The reports must be equal.
 * Run: npx tsx bench/agent-figures.ts [agents] [callsPerDay]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { REPORT_AGENTS_PER_GROUP } from '../src/agents/agent-report-service.js';
import { CampaignStore } from '../src/campaigns/campaign-store.js';
import { systemClock, type Clock } from '../src/clock.js';
import { openDatabase } from '../src/db/database.js';
import { createRng } from '../src/qa/sampling/random.js';

const AGENTS = Number(process.argv[2] ?? 100);
const CALLS_PER_DAY = Number(process.argv[3] ?? 120);
const TZ = 'Asia/Shanghai';
const RSS_GOAL_MB = 300;
const NOW = DateTime.fromISO('2025-04-01', { zone: TZ }).toMillis();
/** The report is asked for on 1 April: the whole month is over. */
const fixedClock = (at: number): Clock => ({ ...systemClock, now: () => at });
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/** A month of March 2025 working days (Mon–Fri), 09:00–18:00 local, written into `path`. */
function generate(path: string): { calls: number; states: number } {
  const database = openDatabase(path);
  const { sqlite } = database;
  const rng = createRng('agent-figures-bench');
  const campaigns = new CampaignStore(database.db, fixedClock(NOW));
  for (let c = 1; c <= 4; c++) campaigns.create({ name: `bench ${c}`, openingMedia: 'sound:x' });
  const contact = sqlite.prepare("insert into contacts (campaign_id, phone, created_at) values (?, ?, 0)");
  for (let c = 1; c <= 4; c++) contact.run(c, `+8613800000${c}`);
  const agent = sqlite.prepare("insert into agents (name, extension, team, created_at) values (?, ?, ?, 0)");
  for (let a = 1; a <= AGENTS; a++) agent.run(`agent ${a}`, `9${String(a).padStart(4, '0')}`, `team ${a % 8}`);
  const session = sqlite.prepare("insert into agent_sessions (agent_id, via, channel_id, started_at) values (?, 'api', ?, ?)");
  const state = sqlite.prepare('insert into agent_state_log (session_id, agent_id, state, reason, call_id, at) values (?, ?, ?, ?, ?, ?)');
  const call = sqlite.prepare(
    "insert into calls (id, campaign_id, contact_id, agent_id, dialed_by_agent_id, phone, endpoint, channel_id, state, outcome, disposition_category, originated_at, agent_connected_at, ended_at) values (?, ?, ?, ?, ?, 'x', 'x', 'x', 'ended', 'answered', 'refusal', ?, ?, ?)",
  );
  let calls = 0;
  let states = 0;
  sqlite.transaction(() => {
    for (let day = DateTime.fromISO('2025-03-01', { zone: TZ }); day.month === 3; day = day.plus({ days: 1 })) {
      if (day.weekday > 5) continue;
      for (let agentId = 1; agentId <= AGENTS; agentId++) {
        let t = day.set({ hour: 9 }).toMillis() + Math.floor(rng.nextFloat() * 600_000);
        const sessionId = Number(session.run(agentId, `soft-${agentId}`, t).lastInsertRowid);
        const end = day.set({ hour: 18 }).toMillis();
        const log = (s: string, reason: string | null = null, callId: string | null = null): void => {
          state.run(sessionId, agentId, s, reason, callId, t);
          states += 1;
        };
        log('connecting');
        t += 5_000;
        log('ready');
        const gap = (end - t) / CALLS_PER_DAY;
        for (let c = 0; c < CALLS_PER_DAY && t < end; c++) {
          const id = `call-${(calls++).toString(36)}`;
          t += Math.floor(gap * 0.3 * rng.nextFloat());
          log('reserved', null, id);
          const connectedAt = t + 2_000;
          t = connectedAt;
          log('on-call', null, id);
          t += Math.floor(gap * 0.5 * rng.nextFloat());
          const campaignId = 1 + (agentId % 4);
          call.run(id, campaignId, campaignId, agentId, agentId % 4 === 0 ? agentId : null, connectedAt - 8_000, connectedAt, t);
          log('wrap-up', null, id);
          t += 15_000;
          if (c % 40 === 39) {
            log('paused', ['BREAK', 'MEAL', 'TECH'][c % 3] ?? 'BREAK');
            t += Math.floor(600_000 * rng.nextFloat());
          }
          log('ready');
        }
        t = Math.max(t, end);
        log('logged-out', 'logout');
      }
    }
  })();
  database.close();
  return { calls, states };
}

const MEASURE = fileURLToPath(new URL('./agent-figures-measure.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));

/** How the report runs: as shipped (compiled, plain node) or under the development loader (tsx). */
type Form = 'shipped' | 'tsx';

/** One way, in a child process of its own (one's memory does not colour the other's). */
function run(form: Form, path: string, perGroup: number): { ms: number; maxRss: number; digest: string; days: number } {
  const args = form === 'shipped' ? [MEASURE, join(REPO, 'dist/server'), path, String(perGroup)] : ['--import', 'tsx', MEASURE, join(REPO, 'src'), path, String(perGroup)];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: REPO });
  if (r.status !== 0) throw new Error(`measuring failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; maxRss: number; digest: string; days: number };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-agent-figures-'));
try {
  const path = join(dir, 'month.db');
  console.log(`Agent month report benchmark: ${AGENTS} agents, ~${CALLS_PER_DAY} calls/agent/day, March 2025, SQLite, node ${process.version}`);
  // The service as the image runs it: compiled by tsc (npm run build:server), started by plain node.
  const built = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: REPO, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build:server failed: ${built.stderr}${built.stdout}`);
  const t0 = performance.now();
  const n = generate(path);
  console.log(`  generated ${n.calls.toLocaleString('en')} calls, ${n.states.toLocaleString('en')} state rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const before = run('shipped', path, Number.MAX_SAFE_INTEGER);
  const now = run('shipped', path, REPORT_AGENTS_PER_GROUP);
  const dev = run('tsx', path, REPORT_AGENTS_PER_GROUP);
  console.log(`  all at once (before)     ${before.ms.toFixed(0).padStart(7)} ms   peak RSS ${mb(before.maxRss).padStart(8)}   (${before.days} agent-days)`);
  console.log(`  in groups of ${String(REPORT_AGENTS_PER_GROUP).padEnd(3)}         ${now.ms.toFixed(0).padStart(7)} ms   peak RSS ${mb(now.maxRss).padStart(8)}   ×${(now.ms / before.ms).toFixed(2)} the time, ×${(now.maxRss / before.maxRss).toFixed(2)} the memory`);
  console.log(`  the same under tsx (the development loader, about 65 MB more before any report; no goal): ${dev.ms.toFixed(0)} ms, peak RSS ${mb(dev.maxRss)}`);
  const rssOk = now.maxRss <= RSS_GOAL_MB * 1048576;
  const speedOk = now.ms <= before.ms * 1.05;
  const same = now.digest === before.digest && dev.digest === now.digest;
  console.log(`  goals (as shipped: compiled, plain node): peak RSS ≤ ${RSS_GOAL_MB} MB ${rssOk ? 'ok' : 'FAIL'}; no slower than before (5% noise) ${speedOk ? 'ok' : 'FAIL'}; same report ${same ? 'ok' : 'FAIL'}`);
  if (!rssOk || !same) process.exitCode = 1;
} finally {
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`  kept ${dir}`);
}
