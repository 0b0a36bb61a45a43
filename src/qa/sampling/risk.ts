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
 * Put the k-th smallest value at index k, smaller-or-equal values before it and
 * greater-or-equal after it, and return it: Hoare's selection with a median-of-three pivot,
 * O(n) expected; after 64 rounds (adversarial input) the remaining range is sorted instead,
 * so O(n log n) at worst.
 */
function selectInPlace(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  for (let round = 0; right > left; round++) {
    if (round === 64) {
      a.subarray(left, right + 1).sort();
      break;
    }
    const x = a[left] as number;
    const y = a[(left + right) >>> 1] as number;
    const z = a[right] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break; // a[j + 1 .. i − 1] all equal the pivot
  }
  return a[k] as number;
}

/**
 * The q-quantile by linear interpolation between closest ranks (Hyndman & Fan type 7, the
 * default of R and NumPy). Reorders `values`.
 */
export function quantileInPlace(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = selectInPlace(values, lo);
  if (h === lo || lo + 1 >= n) return a;
  // Everything after index lo is ≥ a; the next order statistic is their minimum.
  let b = Number.POSITIVE_INFINITY;
  for (let i = lo + 1; i < n; i++) if ((values[i] as number) < b) b = values[i] as number;
  return a + (h - lo) * (b - a);
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
  return { lowSec: quantileInPlace(d, percentiles[0]), highSec: quantileInPlace(d, percentiles[1]) };
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
