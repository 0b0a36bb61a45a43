/**
 * Builders and invariant checks shared by the QA sampling tests.
 */
import { expect } from 'vitest';
import { createRng } from '../../../src/qa/sampling/random.js';
import type { PlanCall, PlanInput, QaPlan, SampleReason } from '../../../src/qa/sampling/plan-types.js';

export interface SyntheticOptions {
  calls: number;
  agents: number;
  seed?: string | number;
  saleRate?: number;
  saleAfterRefusalRate?: number;
  cancelledRate?: number;
}

/** A synthetic population: agents with uneven volumes, lognormal-ish durations, rare risk flags. */
export function syntheticPopulation(opts: SyntheticOptions): PlanCall[] {
  const rng = createRng(opts.seed ?? 'population');
  const { saleRate = 0.2, saleAfterRefusalRate = 0.02, cancelledRate = 0.01 } = opts;
  // Uneven volumes: agent k gets weight 1 + (k mod 5).
  const weights = Array.from({ length: opts.agents }, (_, k) => 1 + (k % 5));
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  const out: PlanCall[] = new Array(opts.calls);
  for (let i = 0; i < opts.calls; i++) {
    const x = rng.nextFloat() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    const isSale = rng.nextFloat() < saleRate;
    out[i] = {
      callId: `call-${i}`,
      agentId: `agent-${String(lo).padStart(4, '0')}`,
      isSale,
      durationSec: Math.round(Math.exp(4.5 + 0.6 * (rng.nextFloat() + rng.nextFloat() + rng.nextFloat() - 1.5) * 2)),
      riskFlags: {
        saleAfterRefusal: isSale && rng.nextFloat() < saleAfterRefusalRate,
        cancelledAfterConfirmation: isSale && rng.nextFloat() < cancelledRate,
      },
    };
  }
  return out;
}

const SELECTION: ReadonlySet<SampleReason> = new Set([
  'proportional',
  'floor-sale',
  'floor-non-sale',
  'sale-shortfall-from-non-sale',
]);

/** Every invariant a plan must satisfy for its input. */
export function checkPlanInvariants(input: PlanInput, plan: QaPlan): void {
  const byId = new Map(input.population.map((c) => [c.callId, c]));
  const already = new Set((input.alreadySampled ?? []).filter((id) => byId.has(id)));
  const seen = new Set<string>();
  for (const s of plan.sampled) {
    const call = byId.get(s.callId);
    expect(call, `sampled ${s.callId} is in the population`).toBeDefined();
    expect(s.agentId).toBe(call!.agentId);
    expect(seen.has(s.callId), `${s.callId} sampled once`).toBe(false);
    expect(already.has(s.callId), `${s.callId} was already sampled`).toBe(false);
    seen.add(s.callId);
    const [how, ...risks] = s.reasons;
    expect(SELECTION.has(how!)).toBe(true);
    if (how === 'floor-sale') expect(call!.isSale).toBe(true);
    if (how === 'floor-non-sale' || how === 'sale-shortfall-from-non-sale') expect(call!.isSale).toBe(false);
    expect(risks.includes('high-risk:sale-after-refusal')).toBe(call!.riskFlags?.saleAfterRefusal === true);
    expect(risks.includes('high-risk:cancelled-after-confirmation')).toBe(
      call!.riskFlags?.cancelledAfterConfirmation === true,
    );
    const b = plan.durationBounds;
    const outlier = b !== null && (call!.durationSec < b.lowSec || call!.durationSec > b.highSec);
    expect(risks.includes('high-risk:duration-outlier')).toBe(outlier);
    expect(risks.every((r) => r.startsWith('high-risk:'))).toBe(true);
  }

  expect(plan.alreadySampledCount).toBe(already.size);
  expect(plan.newlySampledCount).toBe(plan.sampled.length);
  expect(plan.totalSampledCount).toBe(already.size + plan.sampled.length);
  expect(plan.targetSize).toBeLessThanOrEqual(plan.populationSize);
  // Proportional strata sum exactly to the target (or to what earlier runs already took).
  const sumAlloc = plan.perAgent.reduce((a, p) => a + p.allocation, 0);
  expect(sumAlloc).toBe(Math.max(plan.targetSize, already.size));
  expect(plan.totalSampledCount).toBeGreaterThanOrEqual(plan.targetSize);
  expect(plan.aboveTargetBy).toBe(Math.max(0, plan.totalSampledCount - plan.targetSize));

  let floorExcess = 0;
  for (const a of plan.perAgent) {
    const calls = input.population.filter((c) => c.agentId === a.agentId);
    const sampledIds = new Set([
      ...calls.filter((c) => already.has(c.callId)).map((c) => c.callId),
      ...plan.sampled.filter((s) => s.agentId === a.agentId).map((s) => s.callId),
    ]);
    const sampled = calls.filter((c) => sampledIds.has(c.callId));
    const sales = calls.filter((c) => c.isSale).length;
    const nonSales = calls.length - sales;
    const sampledSales = sampled.filter((c) => c.isSale).length;
    expect(a.calls).toBe(calls.length);
    expect(a.sales).toBe(sales);
    expect(a.totalSampled).toBe(sampled.length);
    expect(a.newFloorSale + a.newFloorNonSale + a.newShortfallFromNonSale + a.newProportional).toBe(
      a.totalSampled - a.alreadySampled,
    );
    expect(a.allocation).toBeLessThanOrEqual(a.calls);
    expect(a.allocation).toBeGreaterThanOrEqual(a.alreadySampled);
    // Floors, capped by what the agent has; a shortfall of sales comes from non-sales.
    const saleFloor = Math.min(a.floor.sale, sales);
    const nonSaleFloor = Math.min(a.floor.nonSale + (a.floor.sale - saleFloor), nonSales);
    expect(sampledSales).toBeGreaterThanOrEqual(saleFloor);
    expect(sampled.length - sampledSales).toBeGreaterThanOrEqual(nonSaleFloor);
    if (sales >= a.floor.sale && nonSales >= a.floor.nonSale) {
      expect(sampledSales).toBeGreaterThanOrEqual(a.floor.sale);
      expect(sampled.length - sampledSales).toBeGreaterThanOrEqual(a.floor.nonSale);
    }
    // Nothing beyond the agent's share except what the floors force.
    expect(a.totalSampled).toBe(
      Math.max(a.allocation, a.alreadySampled + a.newFloorSale + a.newFloorNonSale + a.newShortfallFromNonSale),
    );
    floorExcess += Math.max(0, a.totalSampled - a.allocation);
  }
  expect(plan.totalSampledCount).toBe(sumAlloc + floorExcess);
}
