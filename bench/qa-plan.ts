/**
 * Benchmark: a QA sampling plan over 1,000,000 calls and 500 agents (synthetic, seeded).
 * Prints the time to generate the population (the baseline), the plan time as a ratio of it,
 * a daily top-up run, and memory (rss / heapUsed before and after, and the process's peak
 * RSS). Run: npx tsx bench/qa-plan.ts [calls] [agents]
 */
import { planSample } from '../src/qa/sampling/plan.js';
import { createRng } from '../src/qa/sampling/random.js';
import type { PlanAgent, PlanCall } from '../src/qa/sampling/plan-types.js';

const CALLS = Number(process.argv[2] ?? 1_000_000);
const AGENTS = Number(process.argv[3] ?? 500);
const RUNS = 3;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
function memory(label: string): void {
  const m = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`  memory ${label.padEnd(22)} rss ${mb(m.rss).padStart(7)}  heapUsed ${mb(m.heapUsed).padStart(7)}  peak rss ${mb(peak).padStart(7)}`);
}

/** Agents with uneven volumes (weight 1–5), 20% sales, a few risk flags, skewed durations. */
function generate(calls: number, agents: number, seed: string): { population: PlanCall[]; agentList: PlanAgent[] } {
  const rng = createRng(seed);
  const cumulative = new Float64Array(agents);
  let sum = 0;
  for (let k = 0; k < agents; k++) cumulative[k] = sum += 1 + (k % 5);
  const agentIds = Array.from({ length: agents }, (_, k) => `agent-${String(k).padStart(4, '0')}`);
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

console.log(`QA plan benchmark: ${CALLS.toLocaleString('en')} calls, ${AGENTS} agents, node ${process.version}`);
memory('start');

let t = performance.now();
const { population, agentList } = generate(CALLS, AGENTS, 'bench');
const generateMs = performance.now() - t;
console.log(`  baseline: generate population     ${generateMs.toFixed(0).padStart(6)} ms`);
memory('after generate');

const times: number[] = [];
const first = planSample({ seed: 'campaign-1/2026-11', population, agents: agentList });
let plan = first;
for (let r = 0; r < RUNS; r++) {
  t = performance.now();
  plan = planSample({ seed: 'campaign-1/2026-11', population, agents: agentList });
  times.push(performance.now() - t);
}
if (JSON.stringify(plan) !== JSON.stringify(first)) throw new Error('qa-plan bench: plans differ between runs');
const planMs = median(times);
console.log(
  `  plan (median of ${RUNS}, after warm-up)  ${planMs.toFixed(0).padStart(6)} ms   = ${(planMs / generateMs).toFixed(2)} × baseline` +
    `   runs: ${times.map((x) => x.toFixed(0)).join(', ')} ms`,
);
memory('after plans');
console.log(
  `  target ${plan.targetSize}, sampled ${plan.totalSampledCount} (${plan.aboveTargetBy} above target from floors), ` +
    `high-risk sampled ${plan.sampled.filter((s) => s.reasons.length > 1).length}; identical across runs`,
);

// A daily top-up: the first 90% of the calls were planned yesterday; today adds the rest.
const yesterday = planSample({ seed: 'campaign-1/2026-11', population: population.slice(0, Math.floor(CALLS * 0.9)), agents: agentList });
t = performance.now();
const today = planSample({
  seed: 'campaign-1/2026-11',
  population,
  agents: agentList,
  alreadySampled: yesterday.sampled.map((s) => s.callId),
});
const topUpMs = performance.now() - t;
console.log(
  `  top-up (90% → 100%, ${yesterday.sampled.length} already)  ${topUpMs.toFixed(0).padStart(6)} ms   = ${(topUpMs / generateMs).toFixed(2)} × baseline` +
    `   added ${today.newlySampledCount}`,
);
memory('end');
