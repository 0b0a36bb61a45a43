/**
 * Change detection for the rolling estimates: each quantity is followed by a slow and a fast
 * exponentially weighted estimate. The slow one (long half-life) is precise while the floor
 * is steady and is what pacing uses; the fast one (short half-life) follows a change within
 * minutes. When the two disagree by more than `thresholdSe` standard errors of the fast one,
 * the floor has changed (a fresh list after a recycled one, the evening crowd, a new script):
 * both restart from the fast one's mean and spread worth only `restartWeight` observations,
 * so the new floor's own observations outweigh the old within a few dozen: pacing follows the
 * new floor at once instead of forgetting the old one over hours. (Restarting the slow one
 * from the whole fast one would keep most of the old floor in it: when the change is called,
 * the fast window still holds mostly observations from before.)
 *
 * Pure and deterministic: every function returns a new state.
 */

/** Decay per observation for a half-life in observations (no decay for 0 or ∞). */
export const decayFactor = (halfLife: number): number => (halfLife > 0 && Number.isFinite(halfLife) ? 2 ** (-1 / halfLife) : 1);

/** Exponentially weighted sums: Σw, Σw² (for the effective sample size), Σw·x, Σw·x². */
export interface WeightedMoments {
  readonly w: number;
  readonly w2: number;
  readonly sum: number;
  readonly sumSq: number;
}

export const EMPTY_MOMENTS: WeightedMoments = Object.freeze({ w: 0, w2: 0, sum: 0, sumSq: 0 });

/** Adds one observation x after decaying the old ones by 2^(−1/halfLife). */
export function addObservation(m: WeightedMoments, x: number, halfLife: number): WeightedMoments {
  const k = decayFactor(halfLife);
  return { w: m.w * k + 1, w2: m.w2 * k * k + 1, sum: m.sum * k + x, sumSq: m.sumSq * k + x * x };
}

/** Effective number of observations, (Σw)² ÷ Σw². */
export const effectiveCount = (m: WeightedMoments): number => (m.w2 > 0 ? (m.w * m.w) / m.w2 : 0);

/** Weighted mean, or undefined with no observations. */
export const momentsMean = (m: WeightedMoments): number | undefined => (m.w > 0 ? m.sum / m.w : undefined);

/** Weighted variance (population), 0 with fewer than two effective observations' worth. */
export function momentsVariance(m: WeightedMoments): number {
  if (m.w <= 0) return 0;
  const mu = m.sum / m.w;
  return Math.max(0, m.sumSq / m.w - mu * mu);
}

/** How a two-speed estimate forgets and when it calls a change. */
export interface ChangeDetection {
  readonly slowHalfLife: number;
  readonly fastHalfLife: number;
  /** A change is called when |fast − slow| exceeds this many standard errors of the fast mean. */
  readonly thresholdSe: number;
  /** …and only once the fast estimate rests on this many effective observations. */
  readonly minFastCount: number;
  /** After a change both estimates restart worth this many observations (below minFastCount). */
  readonly restartWeight: number;
}

/** A quantity followed at two speeds. `changes` counts the changes detected so far. */
export interface TwoSpeed {
  readonly slow: WeightedMoments;
  readonly fast: WeightedMoments;
  readonly changes: number;
}

export const EMPTY_TWO_SPEED: TwoSpeed = Object.freeze({ slow: EMPTY_MOMENTS, fast: EMPTY_MOMENTS, changes: 0 });

/** Standard error of the fast mean, the spread of one observation taken from the slow estimate. */
function fastStandardError(s: TwoSpeed, varianceOf: (m: WeightedMoments) => number): number {
  const n = effectiveCount(s.fast);
  return n > 0 ? Math.sqrt(varianceOf(s.slow) / n) : Infinity;
}

/** True when the fast and slow means disagree by more than the detection threshold. */
export function disagrees(s: TwoSpeed, d: ChangeDetection, varianceOf: (m: WeightedMoments) => number): boolean {
  if (effectiveCount(s.fast) < d.minFastCount) return false;
  const fast = momentsMean(s.fast);
  const slow = momentsMean(s.slow);
  if (fast === undefined || slow === undefined) return false;
  return Math.abs(fast - slow) > d.thresholdSe * fastStandardError(s, varianceOf);
}

/**
 * Records one observation at both speeds; on a detected change the slow estimate restarts
 * from the fast one. `varianceOf` gives the spread of one observation under the slow
 * estimate (p(1−p) for a rate, the variance for a mean), which scales the standard error.
 */
export function recordTwoSpeed(
  s: TwoSpeed,
  x: number,
  d: ChangeDetection,
  varianceOf: (m: WeightedMoments) => number,
): TwoSpeed {
  const next: TwoSpeed = {
    slow: addObservation(s.slow, x, d.slowHalfLife),
    fast: addObservation(s.fast, x, d.fastHalfLife),
    changes: s.changes,
  };
  if (!disagrees(next, d, varianceOf)) return next;
  const restart = weakCopy(next.fast, d.restartWeight);
  return { slow: restart, fast: restart, changes: next.changes + 1 };
}

/** The same mean and spread, worth `weight` equally weighted observations. */
function weakCopy(m: WeightedMoments, weight: number): WeightedMoments {
  const mu = momentsMean(m) ?? 0;
  const second = momentsVariance(m) + mu * mu;
  return { w: weight, w2: weight, sum: mu * weight, sumSq: second * weight };
}

/** Spread of a 0/1 observation under the slow estimate: p(1−p), never below that of p = 0.02. */
export function bernoulliVariance(m: WeightedMoments): number {
  const p = Math.min(0.98, Math.max(0.02, momentsMean(m) ?? 0.5));
  return p * (1 - p);
}
