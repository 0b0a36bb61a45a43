/**
 * The QA sampling plan of one campaign for one cycle (requirements §4): the sample size for
 * the calls so far, apportioned over agents in proportion to their volume, per-agent floors,
 * extra weight on high-risk calls, seeded and reproducible, topping up earlier runs.
 *
 * Within each agent the calls are drawn by weighted sampling without replacement
 * (Efraimidis & Spirakis 2006, https://doi.org/10.1016/j.ipl.2005.11.003): a call with weight
 * w and uniform draw u gets the key ln(u)/w and the highest keys are taken. u depends only on
 * the seed and the call id, so a call keeps its key all cycle, whichever run it appears in,
 * and the plan does not depend on the order of its input.
 */
import { apportion } from './apportion.js';
import { qaSamplingError } from './errors.js';
import { resolvePlanOptions, AGENT_ROLES } from './plan-options.js';
import { indexPopulation } from './population-index.js';
import { hashSeed, keyedUniform } from './random.js';
import { durationBounds, riskReasons, riskWeight } from './risk.js';
import { sampleSize, zForConfidence } from './sample-size.js';
import { selectInStratum, stratumNeeds, type StratumCounts } from './stratum.js';
import type { AgentPlan, AgentRole, PlanAgent, PlanCall, PlanInput, QaPlan, SampledCall } from './plan-types.js';

/** How many agent ids a note lists before "and N more". */
const NOTE_LIST_LIMIT = 10;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, NOTE_LIST_LIMIT).join(', ');
  return ids.length > NOTE_LIST_LIMIT ? `${shown} and ${ids.length - NOTE_LIST_LIMIT} more` : shown;
}

function rolesOf(agents: readonly PlanAgent[]): Map<string, AgentRole> {
  if (!Array.isArray(agents)) {
    throw qaSamplingError('DIALER_ERR_QA_INVALID_PLAN_INPUT', 'agents must be an array');
  }
  const roles = new Map<string, AgentRole>();
  for (const a of agents) {
    if (typeof a?.agentId !== 'string' || a.agentId.length === 0 || !AGENT_ROLES.includes(a.role)) {
      throw qaSamplingError(
        'DIALER_ERR_QA_INVALID_PLAN_INPUT',
        `agents: each needs a non-empty agentId and a role in ${AGENT_ROLES.join('|')}, got ${JSON.stringify(a)}`,
      );
    }
    if (roles.has(a.agentId)) {
      throw qaSamplingError('DIALER_ERR_QA_INVALID_PLAN_INPUT', `agents: ${a.agentId} is listed twice`);
    }
    roles.set(a.agentId, a.role);
  }
  return roles;
}

/**
 * Plan the QA sample of one campaign and cycle for the calls so far. Pure and deterministic:
 * the same input and seed give an identical plan, whatever the order of the population.
 * Runs in O(N log k) for N calls and k calls per agent to choose (O(N log N) at worst).
 * @throws QaSamplingError DIALER_ERR_QA_INVALID_PLAN_INPUT or DIALER_ERR_QA_INVALID_SAMPLE_PARAMS
 */
export function planSample(input: PlanInput): QaPlan {
  const opts = resolvePlanOptions(input.options);
  const seedWords = hashSeed(input.seed);
  const { population } = input;
  if (!Array.isArray(population)) {
    throw qaSamplingError('DIALER_ERR_QA_INVALID_PLAN_INPUT', 'population must be an array');
  }
  const roles = rolesOf(input.agents);
  const n = population.length;
  const targetSize = sampleSize({ population: n, confidence: opts.confidence, p: opts.p, margin: opts.margin });
  const z = zForConfidence(opts.confidence);
  const notes: string[] = [];

  const index = indexPopulation(population, seedWords, roles.keys());
  const strata = index.agentIds.length;

  // Already sampled: mark them; their key becomes −∞ so they are never drawn again.
  const alreadyList = input.alreadySampled ?? [];
  if (!Array.isArray(alreadyList) || !alreadyList.every((id) => typeof id === 'string')) {
    throw qaSamplingError('DIALER_ERR_QA_INVALID_PLAN_INPUT', 'alreadySampled must be an array of call ids');
  }
  const already = new Set(alreadyList);
  const isAlready = new Uint8Array(n);
  let alreadyFound = 0;
  if (already.size > 0) {
    for (let i = 0; i < n; i++) {
      if (already.has((population[i] as PlanCall).callId)) {
        isAlready[i] = 1;
        alreadyFound++;
      }
    }
  }

  const bounds = durationBounds(population, opts.durationOutlierPercentiles, opts.minCallsForDurationOutliers);
  // The draws become Efraimidis–Spirakis keys in place: ln(u)/w, larger is better.
  const keys = index.uniform;
  const counts: StratumCounts[] = Array.from({ length: strata }, () => ({
    calls: 0,
    sales: 0,
    alreadySampled: 0,
    alreadySampledSales: 0,
  }));
  const isSale = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const call = population[i] as PlanCall;
    const c = counts[index.stratumOf[i] as number] as StratumCounts;
    c.calls++;
    if (call.isSale) {
      c.sales++;
      isSale[i] = 1;
    }
    if (isAlready[i] === 1) {
      c.alreadySampled++;
      if (call.isSale) c.alreadySampledSales++;
      keys[i] = Number.NEGATIVE_INFINITY;
    } else {
      keys[i] = Math.log(keys[i] as number) / riskWeight(call, bounds, opts.riskWeights);
    }
  }

  const allocation = apportion(
    targetSize,
    counts.map((c, s) => ({
      size: c.calls,
      lowerBound: c.alreadySampled,
      tieKey: keyedUniform(seedWords, `agent:${index.agentIds[s] as string}`),
    })),
  );

  const sampled: SampledCall[] = [];
  const perAgent: AgentPlan[] = [];
  const unmetFloors: string[] = [];
  for (let s = 0; s < strata; s++) {
    const agentId = index.agentIds[s] as string;
    const role = roles.get(agentId) ?? 'agent';
    const floor = opts.floors[role];
    const c = counts[s] as StratumCounts;
    const alloc = allocation[s] as number;
    const needs = stratumNeeds(c, floor, alloc);
    const members = index.order.subarray(index.offsets[s] as number, index.offsets[s + 1] as number);
    const picks = selectInStratum(members, population, isSale, keys, needs);
    for (const { index: i, reason } of picks) {
      const call = population[i] as PlanCall;
      sampled.push({
        callId: call.callId,
        agentId,
        reasons: [reason, ...riskReasons(call, bounds)],
        weight: riskWeight(call, bounds, opts.riskWeights),
      });
    }
    if (needs.floorReachable.sale + needs.floorReachable.nonSale < floor.sale + floor.nonSale) {
      unmetFloors.push(`${agentId} (${c.calls} calls, ${c.sales} sales)`);
    }
    perAgent.push({
      agentId,
      role,
      calls: c.calls,
      sales: c.sales,
      alreadySampled: c.alreadySampled,
      alreadySampledSales: c.alreadySampledSales,
      allocation: alloc,
      floor: { ...floor },
      floorReachable: needs.floorReachable,
      newFloorSale: needs.newFloorSale,
      newFloorNonSale: needs.newFloorNonSale,
      newShortfallFromNonSale: needs.newShortfallFromNonSale,
      newProportional: needs.newProportional,
      totalSampled: c.alreadySampled + picks.length,
    });
  }

  const totalSampledCount = alreadyFound + sampled.length;
  const aboveTargetBy = Math.max(0, totalSampledCount - targetSize);
  const pct = (x: number): string => `${+(x * 100).toFixed(4)}%`;

  if (n === 0) {
    notes.push('The population is empty: nothing to sample.');
  } else {
    notes.push(
      `Target ${targetSize} of ${n} calls (${pct(opts.confidence)} confidence, ±${pct(opts.margin)}, p = ${opts.p}, z = ${z}).`,
    );
  }
  if (already.size > 0) {
    notes.push(`${plural(alreadyFound, 'call')} already sampled this cycle; ${sampled.length} added now.`);
  }
  if (alreadyFound < already.size) {
    notes.push(`${plural(already.size - alreadyFound, 'already-sampled call id')} not in the population, ignored.`);
  }
  if (aboveTargetBy > 0) {
    let fromFloors = 0;
    for (const a of perAgent) fromFloors += Math.max(0, a.totalSampled - a.allocation);
    const fromEarlier = aboveTargetBy - fromFloors;
    const parts = [
      fromFloors > 0 ? `${fromFloors} from per-agent floors` : '',
      fromEarlier > 0 ? `${fromEarlier} from calls sampled earlier this cycle` : '',
    ].filter((x) => x !== '');
    notes.push(`The sample is ${aboveTargetBy} above the target (${totalSampledCount} for ${targetSize}): ${parts.join(', ')}.`);
  }
  if (unmetFloors.length > 0) {
    notes.push(`Floors could not be met (too few calls) for ${plural(unmetFloors.length, 'agent')}: ${listIds(unmetFloors)}.`);
  }
  const unlisted = index.agentIds.filter((id) => !roles.has(id));
  if (unlisted.length > 0) {
    notes.push(`${plural(unlisted.length, 'agent')} not in the agent list, treated as role 'agent': ${listIds(unlisted)}.`);
  }
  if (bounds !== null) {
    const [lo, hi] = opts.durationOutlierPercentiles;
    notes.push(
      `Duration outliers (weight ${opts.riskWeights.durationOutlier}): below ${bounds.lowSec} s or above ${bounds.highSec} s ` +
        `(${pct(lo)}–${pct(hi)} percentiles of ${plural(n, 'call')}).`,
    );
  } else if (n > 0) {
    notes.push(`Fewer than ${opts.minCallsForDurationOutliers} calls: no call was weighted as a duration outlier.`);
  }
  if (n > 0 && targetSize === 0) notes.push(`p = ${opts.p} gives a target of 0: only the floors are sampled.`);

  return {
    algorithm: 'qa-plan/1',
    seed: String(input.seed),
    populationSize: n,
    targetSize,
    sampleSize: { confidence: opts.confidence, z, p: opts.p, margin: opts.margin },
    alreadySampledCount: alreadyFound,
    newlySampledCount: sampled.length,
    totalSampledCount,
    aboveTargetBy,
    durationBounds: bounds,
    weights: { ...opts.riskWeights },
    sampled,
    perAgent,
    notes,
  };
}
