/**
 * High-risk calls: which flags a call carries and the sampling weight they give it.
 */
import type { PlanCall, RiskWeights, SampleReason } from './plan-types.js';

/** Durations outside [lowSec, highSec] are outliers. */
export interface DurationBounds {
  lowSec: number;
  highSec: number;
}

/**
 * The q-quantile of sorted values by linear interpolation between closest ranks
 * (Hyndman & Fan type 7, the default of R and NumPy).
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

/**
 * Bounds of the usual durations among the population: its [low, high] percentiles, or null
 * when there are fewer than `minCalls` calls (percentiles of a handful of calls mean nothing).
 */
export function durationBounds(
  population: readonly PlanCall[],
  percentiles: readonly [number, number],
  minCalls: number,
): DurationBounds | null {
  if (population.length === 0 || population.length < minCalls) return null;
  const d = new Float64Array(population.length);
  for (let i = 0; i < population.length; i++) d[i] = (population[i] as PlanCall).durationSec;
  d.sort();
  return { lowSec: quantileSorted(d, percentiles[0]), highSec: quantileSorted(d, percentiles[1]) };
}

/** True when the call's duration lies strictly outside the bounds. */
export function isDurationOutlier(call: PlanCall, bounds: DurationBounds | null): boolean {
  return bounds !== null && (call.durationSec < bounds.lowSec || call.durationSec > bounds.highSec);
}

/** The sampling weight of a call: the product of the weights of its risk flags. */
export function riskWeight(call: PlanCall, bounds: DurationBounds | null, weights: RiskWeights): number {
  let w = 1;
  if (call.riskFlags?.saleAfterRefusal === true) w *= weights.saleAfterRefusal;
  if (call.riskFlags?.cancelledAfterConfirmation === true) w *= weights.cancelledAfterConfirmation;
  if (isDurationOutlier(call, bounds)) w *= weights.durationOutlier;
  return w;
}

/** The high-risk reasons a sampled call carries, in a fixed order. */
export function riskReasons(call: PlanCall, bounds: DurationBounds | null): SampleReason[] {
  const reasons: SampleReason[] = [];
  if (call.riskFlags?.saleAfterRefusal === true) reasons.push('high-risk:sale-after-refusal');
  if (call.riskFlags?.cancelledAfterConfirmation === true) reasons.push('high-risk:cancelled-after-confirmation');
  if (isDurationOutlier(call, bounds)) reasons.push('high-risk:duration-outlier');
  return reasons;
}
