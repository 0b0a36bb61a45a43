/**
 * QA sample size for a population of N calls (requirements §4): the COPC-calculator formula
 * n0 = z²·p(1−p)/e², corrected for the finite population, n = n0 / (1 + (n0 − 1)/N),
 * rounded up.
 */
import { qaSamplingError } from './errors.js';
import { inverseNormalCdf } from './normal.js';

/**
 * z for the confidence levels the product offers. 95% uses 1.96, the value the manuals'
 * COPC calculator and requirements §4 state; the exact quantile 1.959963984540054 gives the
 * same reference values (N = 1,000 → 278, 3,000 → 341, 200 at ±10% → 66) but one call fewer
 * for some N (e.g. N = 395). 90% and 99% use the exact two-sided quantiles.
 */
const Z_TABLE: ReadonlyMap<number, number> = new Map([
  [0.9, 1.6448536269514722],
  [0.95, 1.96],
  [0.99, 2.5758293035489004],
]);

/** The confidence levels offered in the product's settings. Any 0 < c < 1 is accepted. */
export const SUPPORTED_CONFIDENCE_LEVELS: readonly number[] = [...Z_TABLE.keys()];

/** Options of {@link sampleSize}. */
export interface SampleSizeOptions {
  /** Calls in the population, a non-negative integer. */
  population: number;
  /** Two-sided confidence level, 0 < c < 1. Default 0.95. */
  confidence?: number;
  /**
   * Expected proportion (e.g. the campaign's last observed defect rate), 0 ≤ p ≤ 1.
   * Default 0.5, the most conservative value. p = 0 or 1 gives n = 0.
   */
  p?: number;
  /** Margin of error (half-width), 0 < e < 1. Default 0.05 (±5%). */
  margin?: number;
}

/** Values within this distance below an integer are taken as that integer before rounding
 * up, so floating-point noise (e.g. 278.0000000000001) never adds a call. */
const CEIL_TOLERANCE = 1e-9;

/**
 * The two-sided critical value z for a confidence level: 1.96 for 0.95, the exact normal
 * quantile Φ⁻¹(1 − (1 − c)/2) otherwise.
 * @throws QaSamplingError DIALER_ERR_QA_INVALID_SAMPLE_PARAMS unless 0 < c < 1.
 */
export function zForConfidence(confidence: number): number {
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw qaSamplingError(
      'DIALER_ERR_QA_INVALID_SAMPLE_PARAMS',
      `confidence must be a number strictly between 0 and 1, got ${String(confidence)}`,
    );
  }
  return Z_TABLE.get(confidence) ?? inverseNormalCdf(1 - (1 - confidence) / 2);
}

/**
 * The number of calls to sample from a population of N so that a proportion is estimated
 * within ±margin at the given confidence. Never exceeds N; N = 0 gives 0.
 * @throws QaSamplingError DIALER_ERR_QA_INVALID_SAMPLE_PARAMS on an invalid option.
 */
export function sampleSize(options: SampleSizeOptions): number {
  const { population, confidence = 0.95, p = 0.5, margin = 0.05 } = options;
  if (!Number.isSafeInteger(population) || population < 0) {
    throw qaSamplingError(
      'DIALER_ERR_QA_INVALID_SAMPLE_PARAMS',
      `population must be a non-negative integer, got ${String(population)}`,
    );
  }
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw qaSamplingError('DIALER_ERR_QA_INVALID_SAMPLE_PARAMS', `p must be in [0, 1], got ${String(p)}`);
  }
  if (typeof margin !== 'number' || !(margin > 0 && margin < 1)) {
    throw qaSamplingError(
      'DIALER_ERR_QA_INVALID_SAMPLE_PARAMS',
      `margin must be strictly between 0 and 1, got ${String(margin)}`,
    );
  }
  const z = zForConfidence(confidence);
  if (population === 0) return 0;
  const n0 = (z * z * p * (1 - p)) / (margin * margin);
  if (n0 === 0) return 0;
  // n0 / (1 + (n0 − 1)/N), rearranged to one division.
  const n = (n0 * population) / (population + n0 - 1);
  // Any positive n rounds up to at least one call.
  return Math.min(population, Math.max(1, Math.ceil(n - CEIL_TOLERANCE)));
}
