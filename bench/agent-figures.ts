/**
 * Benchmark: the agent report of a month (synthetic, seeded): by default 100 agents × 22
 * working days × ~120 calls a day, every call with its reserved / on-call / wrap-up states and
 * a few pauses a day — about 264,000 calls and 1.1 million state-log rows, what the report
 * service loads for a month of a mid-size floor.
 *
 * Prints the baseline (one plain pass over the same rows summing durations per agent, the
 * least any report must do), the full report (per agent-day figures split at local midnight,
 * period, team and campaign roll-ups) as a ratio of that baseline, the CSV export, and memory.
 * Run: npx tsx bench/agent-figures.ts [agents] [callsPerDay]
 */
import { DateTime } from 'luxon';
import { buildAgentReport, type ReportAgent } from '../src/agents/figures-report.js';
import type { CallFact, StateLogEntry } from '../src/agents/figures.js';
import { reportCsv } from '../src/agents/figures-csv.js';
import { createRng } from '../src/qa/sampling/random.js';

const AGENTS = Number(process.argv[2] ?? 100);
const CALLS_PER_DAY = Number(process.argv[3] ?? 120);
const TZ = 'Asia/Shanghai';
const RUNS = 3;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
function memory(label: string): void {
  const m = process.memoryUsage();
  console.log(`  memory ${label.padEnd(18)} rss ${mb(m.rss).padStart(7)}  heapUsed ${mb(m.heapUsed).padStart(7)}`);
}
function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}
function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** A month of March 2025 working days (Mon–Fri), 09:00–18:00 local. */
function generate() {
  const rng = createRng('agent-figures-bench');
  const states: StateLogEntry[] = [];
  const calls: CallFact[] = [];
  let sessionId = 0;
  let callNo = 0;
  for (let day = DateTime.fromISO('2025-03-01', { zone: TZ }); day.month === 3; day = day.plus({ days: 1 })) {
    if (day.weekday > 5) continue;
    for (let agentId = 1; agentId <= AGENTS; agentId++) {
      sessionId += 1;
      let t = day.set({ hour: 9 }).toMillis() + Math.floor(rng.nextFloat() * 600_000);
      const end = day.set({ hour: 18 }).toMillis();
      const log = (state: StateLogEntry['state'], reason: string | null = null, callId: string | null = null): void => {
        states.push({ sessionId, agentId, state, reason, callId, at: t });
      };
      log('connecting');
      t += 5_000;
      log('ready');
      const gap = (end - t) / CALLS_PER_DAY;
      for (let c = 0; c < CALLS_PER_DAY && t < end; c++) {
        const id = `call-${(callNo++).toString(36)}`;
        t += Math.floor(gap * 0.3 * rng.nextFloat());
        log('reserved', null, id);
        const connectedAt = t + 2_000;
        t = connectedAt;
        log('on-call', null, id);
        t += Math.floor(gap * 0.5 * rng.nextFloat());
        calls.push({ id, agentId, campaignId: 1 + (agentId % 4), dialedByAgentId: agentId % 4 === 0 ? agentId : null, dispositionCategory: 'refusal', originatedAt: connectedAt - 8_000, agentConnectedAt: connectedAt, endedAt: t });
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
  const agents: ReportAgent[] = Array.from({ length: AGENTS }, (_, k) => ({ id: k + 1, name: `agent ${k + 1}`, team: `team ${k % 8}`, role: 'agent', targetSec: 10_800 }));
  return { states, calls, agents };
}

console.log(`Agent figures benchmark: ${AGENTS} agents, ~${CALLS_PER_DAY} calls/agent/day, March 2025, node ${process.version}`);
memory('start');
let input!: ReturnType<typeof generate>;
const genMs = time(() => (input = generate()));
console.log(`  generated ${input.calls.length.toLocaleString('en')} calls, ${input.states.length.toLocaleString('en')} state rows in ${genMs.toFixed(0)} ms`);
memory('after generating');

const opts = { timeZone: TZ, from: '2025-03-01', to: '2025-03-31', now: DateTime.fromISO('2025-04-01', { zone: TZ }).toMillis(), longPauseMs: 300_000 };
const baseline: number[] = [];
const full: number[] = [];
const csv: number[] = [];
let report!: ReturnType<typeof buildAgentReport>;
for (let run = 0; run < RUNS; run++) {
  baseline.push(
    time(() => {
      // The least work: each row's duration summed per agent, no days, no states, no roll-ups.
      const sums = new Float64Array(AGENTS + 1);
      for (let i = 0; i + 1 < input.states.length; i++) {
        const a = input.states[i]!;
        const b = input.states[i + 1]!;
        if (a.sessionId === b.sessionId) sums[a.agentId]! += b.at - a.at;
      }
      for (const c of input.calls) if (c.agentId !== null && c.endedAt !== null && c.agentConnectedAt !== null) sums[c.agentId]! += c.endedAt - c.agentConnectedAt;
      return sums;
    }),
  );
  full.push(time(() => (report = buildAgentReport({ ...input, sales: [], refusals: [] }, opts))));
  csv.push(time(() => reportCsv(report, 'days')));
}
const b = median(baseline);
const f = median(full);
console.log(`  baseline pass          ${b.toFixed(1).padStart(8)} ms`);
console.log(`  full month report      ${f.toFixed(1).padStart(8)} ms   ×${(f / b).toFixed(1)} the baseline   (${report.days.length} agent-days, ${report.teams.length} teams, ${report.campaigns.length} campaigns)`);
console.log(`  CSV of the agent-days  ${median(csv).toFixed(1).padStart(8)} ms`);
memory('end');
