/**
 * The defect rate of a QA sample with its confidence interval — "95% confidence made visible"
 * in the QA report. Wilson score interval (Wilson 1927, https://doi.org/10.2307/2276774),
 * with the finite-population correction when the sample is a large part of the population.
 */
import { qaSamplingError, type QaSamplingError } from './errors.js';
import { zForConfidence } from './sample-size.js';

/** Input of {@link wilsonInterval}. */
export interface WilsonInput {
  /** Sampled calls found defective, 0 ≤ defects ≤ sampleSize. */
  defects: number;
  /** Calls reviewed. */
  sampleSize: number;
  /** Calls the sample was drawn from (≥ sampleSize). Enables the finite-population correction. */
  population?: number;
  /** Default 0.95. */
  confidence?: number;
  /**
   * Apply the finite-population correction when sampleSize / population exceeds this.
   * Default 0.05 (the usual rule of thumb); 0 applies it whenever a population is given.
   */
  fpcThreshold?: number;
}

/** A defect-rate estimate with its interval, all as proportions in [0, 1]. */
export interface WilsonInterval {
  /** defects / sampleSize; null when nothing was reviewed. */
  estimate: number | null;
  lower: number;
  upper: number;
  confidence: number;
  z: number;
  defects: number;
  sampleSize: number;
  population: number | null;
  /** Whether the finite-population correction (N − n)/(N − 1) was applied. */
  fpcApplied: boolean;
}

function invalid(message: string, cause?: unknown): QaSamplingError {
  return qaSamplingError('DIALER_ERR_QA_INVALID_INTERVAL_PARAMS', message, cause === undefined ? undefined : { cause });
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/**
 * Wilson score interval for a proportion: the p with (p̂ − p)² ≤ z²·f·p(1 − p)/n, where f is
 * the finite-population correction (N − n)/(N − 1) when applied and 1 otherwise. A census
 * (n = N) gives the exact rate. No reviews give [0, 1].
 *
 * Assumes every population call had the same chance of review. A plan's risk weights and
 * floors over-represent high-risk calls and small agents, so the plain rate of such a sample
 * leans towards the riskier calls (conservative for a defect rate).
 * @throws QaSamplingError DIALER_ERR_QA_INVALID_INTERVAL_PARAMS
 */
export function wilsonInterval(input: WilsonInput): WilsonInterval {
  const { defects, sampleSize: n, population, confidence = 0.95, fpcThreshold = 0.05 } = input;
  if (!isCount(n)) throw invalid(`sampleSize must be a non-negative integer, got ${String(n)}`);
  if (!isCount(defects) || defects > n) throw invalid(`defects must be an integer in [0, sampleSize], got ${String(defects)}`);
  if (population !== undefined && (!isCount(population) || population < n)) {
    throw invalid(`population must be an integer ≥ sampleSize, got ${String(population)}`);
  }
  if (typeof fpcThreshold !== 'number' || !(fpcThreshold >= 0 && fpcThreshold <= 1)) {
    throw invalid(`fpcThreshold must be in [0, 1], got ${String(fpcThreshold)}`);
  }
  let z: number;
  try {
    z = zForConfidence(confidence);
  } catch (err) {
    throw invalid(`confidence must be strictly between 0 and 1, got ${String(confidence)}`, err);
  }
  const base = { confidence, z, defects, sampleSize: n, population: population ?? null };
  if (n === 0) return { ...base, estimate: null, lower: 0, upper: 1, fpcApplied: false };

  const phat = defects / n;
  const fpcApplied = population !== undefined && population > 1 && n / population > fpcThreshold;
  const f = fpcApplied ? (population - n) / (population - 1) : 1;
  const z2 = z * z * f;
  const denom = 1 + z2 / n;
  const centre = (phat + z2 / (2 * n)) / denom;
  const half = Math.sqrt(z2 * (phat * (1 - phat) / n + z2 / (4 * n * n))) / denom;
  // At p̂ = 0 or 1 the Wilson bound is exactly 0 or 1; avoid rounding noise there.
  const lower = defects === 0 ? 0 : Math.max(0, centre - half);
  const upper = defects === n ? 1 : Math.min(1, centre + half);
  return { ...base, estimate: phat, lower, upper, fpcApplied };
}
