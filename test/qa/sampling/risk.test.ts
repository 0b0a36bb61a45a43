import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { durationBounds, quantileInPlace, riskReasons, riskWeight } from '../../../src/qa/sampling/risk.js';
import { DEFAULT_RISK_WEIGHTS } from '../../../src/qa/sampling/plan-options.js';

/** Type-7 quantile by sorting, the reference. */
function reference(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? 0) - s[lo]!);
}

describe('quantileInPlace', () => {
  it('matches the sorted reference (type 7), duplicates, sorted and reversed inputs included', () => {
    const values = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 300 }),
      fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
      fc.integer({ min: 1, max: 2000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
      fc.integer({ min: 1, max: 2000 }).map((n) => Array.from({ length: n }, (_, i) => n - i)),
    );
    fc.assert(
      fc.property(values, fc.double({ min: 0, max: 1, noNaN: true }), (xs, q) => {
        expect(quantileInPlace(Float64Array.from(xs), q)).toBeCloseTo(reference(xs, q), 6);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with NumPy’s default percentile', () => {
    // numpy.percentile([1..10], [5, 95]) → [1.45, 9.55]
    const xs = Float64Array.from({ length: 10 }, (_, i) => 10 - i);
    expect(quantileInPlace(Float64Array.from(xs), 0.05)).toBeCloseTo(1.45, 12);
    expect(quantileInPlace(Float64Array.from(xs), 0.95)).toBeCloseTo(9.55, 12);
    expect(quantileInPlace(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe('risk weights and reasons', () => {
  const call = (durationSec: number, flags: { saleAfterRefusal?: boolean; cancelledAfterConfirmation?: boolean } = {}) => ({
    callId: 'c',
    agentId: 'a',
    isSale: true,
    durationSec,
    riskFlags: flags,
  });
  const bounds = { lowSec: 10, highSec: 100 };

  it('multiplies the weights of the flags a call carries', () => {
    expect(riskWeight(call(50), bounds, DEFAULT_RISK_WEIGHTS)).toBe(1);
    expect(riskWeight(call(50, { saleAfterRefusal: true }), bounds, DEFAULT_RISK_WEIGHTS)).toBe(4);
    expect(riskWeight(call(101, { saleAfterRefusal: true, cancelledAfterConfirmation: true }), bounds, DEFAULT_RISK_WEIGHTS)).toBe(32);
    expect(riskWeight(call(9), null, DEFAULT_RISK_WEIGHTS)).toBe(1);
    expect(riskReasons(call(9, { cancelledAfterConfirmation: true }), bounds)).toEqual([
      'high-risk:cancelled-after-confirmation',
      'high-risk:duration-outlier',
    ]);
    // The bounds themselves are usual durations.
    expect(riskReasons(call(10), bounds)).toEqual([]);
    expect(riskReasons(call(100), bounds)).toEqual([]);
  });

  it('computes duration bounds only from enough calls', () => {
    const population = Array.from({ length: 21 }, (_, i) => call(i * 10));
    expect(durationBounds(population, [0.05, 0.95], 20)).toEqual({ lowSec: 10, highSec: 190 });
    expect(durationBounds(population.slice(0, 19), [0.05, 0.95], 20)).toBeNull();
    expect(durationBounds([], [0.05, 0.95], 0)).toBeNull();
  });
});
