/**
 * Small probability helpers for the predictive model: the lognormal tail and the
 * distribution of a sum of independent yes/no events (Poisson-binomial). Pure, no I/O.
 */

/** A lognormal law for a duration in seconds: ln(T) ~ N(mu, sigma²). */
export interface Lognormal {
  readonly mu: number;
  readonly sigma: number;
}

/** The lognormal whose mean is `meanSec` with the given log-scale sigma. */
export function lognormalFromMean(meanSec: number, sigma: number): Lognormal {
  return { mu: Math.log(meanSec) - (sigma * sigma) / 2, sigma };
}

/** Mean of a lognormal: exp(mu + sigma²/2). */
export function lognormalMean(d: Lognormal): number {
  return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
}

/**
 * Complementary error function with fractional error below 1.2e-7 everywhere
 * (Numerical Recipes `erfcc`, a Chebyshev fit). Relative accuracy in the far tail matters
 * here: the chance a long call ends soon is a ratio of two small tail probabilities.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(T > t) for a lognormal T. */
export function lognormalSurvival(d: Lognormal, t: number): number {
  if (t <= 0) return 1;
  if (d.sigma <= 0) return t < Math.exp(d.mu) ? 1 : 0;
  return 0.5 * erfc((Math.log(t) - d.mu) / (d.sigma * Math.SQRT2));
}

/**
 * P(T ≤ elapsed + window | T > elapsed): the chance something that has already lasted
 * `elapsed` seconds ends within the next `window` seconds.
 */
export function lognormalEndsWithin(d: Lognormal, elapsed: number, window: number): number {
  if (window <= 0) return 0;
  const alive = lognormalSurvival(d, elapsed);
  if (alive <= 0) return 1;
  const p = 1 - lognormalSurvival(d, elapsed + window) / alive;
  return Math.min(1, Math.max(0, p));
}

/** Probabilities below this are dropped from the tails of a distribution. */
const NEGLIGIBLE = 1e-13;

/**
 * A discrete distribution on the integers offset, offset+1, …, offset+pmf.length-1.
 * Tails below 1e-13 are trimmed, so the total may fall short of 1 by a hair.
 */
export interface IntDistribution {
  readonly offset: number;
  readonly pmf: Float64Array;
}

function trim(offset: number, pmf: Float64Array, lo: number, hi: number): IntDistribution {
  let a = lo;
  let b = hi;
  while (a < b && (pmf[a] ?? 0) < NEGLIGIBLE) a++;
  while (b > a && (pmf[b] ?? 0) < NEGLIGIBLE) b--;
  return { offset: offset + a, pmf: pmf.slice(a, b + 1) };
}

/**
 * Distribution of the number of successes among independent events with the given
 * probabilities (Poisson-binomial), by the exact O(n·width) recurrence with trimmed tails.
 */
export function poissonBinomial(probs: readonly number[]): IntDistribution {
  const pmf = new Float64Array(probs.length + 1);
  pmf[0] = 1;
  let lo = 0;
  let hi = 0;
  for (const raw of probs) {
    const p = Math.min(1, Math.max(0, raw));
    if (p === 0) continue;
    if (p === 1) {
      // a certain event shifts the whole distribution by one
      for (let k = hi + 1; k > lo; k--) pmf[k] = pmf[k - 1] ?? 0;
      pmf[lo] = 0;
      lo++;
      hi++;
      continue;
    }
    const q = 1 - p;
    pmf[hi + 1] = 0;
    for (let k = hi + 1; k > lo; k--) pmf[k] = (pmf[k] ?? 0) * q + (pmf[k - 1] ?? 0) * p;
    pmf[lo] = (pmf[lo] ?? 0) * q;
    hi++;
    while (lo < hi && (pmf[lo] ?? 0) < NEGLIGIBLE) {
      pmf[lo] = 0;
      lo++;
    }
    while (hi > lo && (pmf[hi] ?? 0) < NEGLIGIBLE) {
      pmf[hi] = 0;
      hi--;
    }
  }
  return trim(0, pmf, lo, hi);
}

/** Distribution of X − Y for independent X and Y. */
export function difference(x: IntDistribution, y: IntDistribution): IntDistribution {
  const nx = x.pmf.length;
  const ny = y.pmf.length;
  const out = new Float64Array(nx + ny - 1);
  // X − Y ranges from x.offset − (y.offset + ny − 1) upwards.
  const offset = x.offset - (y.offset + ny - 1);
  for (let i = 0; i < nx; i++) {
    const px = x.pmf[i] ?? 0;
    if (px === 0) continue;
    for (let j = 0; j < ny; j++) {
      // value = x.offset + i − (y.offset + j) → index i + (ny − 1 − j)
      out[i + ny - 1 - j] = (out[i + ny - 1 - j] ?? 0) + px * (y.pmf[j] ?? 0);
    }
  }
  return trim(offset, out, 0, out.length - 1);
}

/** Adds one independent event of probability p to a distribution (shift by 1 with chance p). */
export function addBernoulli(d: IntDistribution, p: number): IntDistribution {
  const n = d.pmf.length;
  const out = new Float64Array(n + 1);
  const q = 1 - p;
  for (let i = 0; i <= n; i++) out[i] = (d.pmf[i] ?? 0) * q + (i > 0 ? (d.pmf[i - 1] ?? 0) * p : 0);
  return trim(d.offset, out, 0, n);
}

/** P(X ≥ k). */
export function tailAtLeast(d: IntDistribution, k: number): number {
  let s = 0;
  for (let i = Math.max(0, k - d.offset); i < d.pmf.length; i++) s += d.pmf[i] ?? 0;
  return Math.min(1, s);
}

/** E[max(X, 0)]. */
export function expectedPositivePart(d: IntDistribution): number {
  let s = 0;
  for (let i = Math.max(0, 1 - d.offset); i < d.pmf.length; i++) s += (d.offset + i) * (d.pmf[i] ?? 0);
  return s;
}

/** Standard deviation of max(X, 0). */
export function positivePartSd(d: IntDistribution): number {
  let m1 = 0;
  let m2 = 0;
  for (let i = Math.max(0, 1 - d.offset); i < d.pmf.length; i++) {
    const x = d.offset + i;
    const p = d.pmf[i] ?? 0;
    m1 += x * p;
    m2 += x * x * p;
  }
  return Math.sqrt(Math.max(0, m2 - m1 * m1));
}

/** E[X]. */
export function mean(d: IntDistribution): number {
  let s = 0;
  for (let i = 0; i < d.pmf.length; i++) s += (d.offset + i) * (d.pmf[i] ?? 0);
  return s;
}

/**
 * Upper tail quantile of max(X, 0): the smallest k ≥ 0 with P(X > k) ≤ tail. With tail 0.01,
 * X⁺ exceeds it in at most 1% of outcomes — a bound, where mean + 2 sd of a skewed count is not.
 */
export function positivePartQuantile(d: IntDistribution, tail: number): number {
  let above = 0; // P(X > value of index i), accumulated from the top
  for (let i = d.pmf.length - 1; i >= 0; i--) {
    const value = d.offset + i;
    if (value <= 0) return 0;
    above += d.pmf[i] ?? 0;
    if (above > tail) return value;
  }
  return 0;
}
