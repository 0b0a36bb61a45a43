import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inverseNormalCdf } from '../../../src/qa/sampling/normal.js';
import { sampleSize, zForConfidence } from '../../../src/qa/sampling/sample-size.js';
import { Errors } from '../../../src/errors.js';
import { isQaSamplingError, type QaSamplingError } from '../../../src/qa/sampling/errors.js';

/** The formula written out independently, for comparison. */
function reference(N: number, z: number, e = 0.05, p = 0.5): number {
  const n0 = (z * z * p * (1 - p)) / (e * e);
  return Math.ceil(n0 / (1 + (n0 - 1) / N) - 1e-9);
}

describe('sampleSize', () => {
  it.each([
    // population, options, expected — the first three are the requirement's reference values
    [1000, {}, 278],
    [3000, {}, 341],
    [200, { margin: 0.1 }, 66],
    [0, {}, 0],
    [1, {}, 1],
    [2, {}, 2],
    [100, {}, 80],
    [10_000, {}, 370],
    [1_000_000, {}, 385],
    [1000, { confidence: 0.9 }, 214],
    [1000, { confidence: 0.99 }, 400],
    [1000, { p: 0.1 }, 122],
    [1000, { p: 0 }, 0],
    [1000, { p: 1 }, 0],
    [1000, { margin: 0.03 }, 517],
  ])('N = %i %o → %i', (population, options, expected) => {
    expect(sampleSize({ population, ...options })).toBe(expected);
  });

  it('uses z = 1.96 at 95%: both 1.96 and the exact quantile give the reference values, but not the same n everywhere', () => {
    const exact = 1.959963984540054;
    for (const [N, e] of [[1000, 0.05], [3000, 0.05], [200, 0.1]] as const) {
      expect(reference(N, 1.96, e)).toBe(reference(N, exact, e));
    }
    // They part at e.g. N = 395; the product follows the manuals' COPC value 1.96.
    expect(reference(395, 1.96)).toBe(196);
    expect(reference(395, exact)).toBe(195);
    expect(sampleSize({ population: 395 })).toBe(196);
  });

  it('agrees with the formula written out for every N up to 20,000', () => {
    for (let N = 1; N <= 20_000; N++) expect(sampleSize({ population: N })).toBe(reference(N, 1.96));
  });

  it('never exceeds N, is monotone in N and bounded by ceil(n0)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99, 0.999),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        (N, confidence, p, margin) => {
          const n = sampleSize({ population: N, confidence, p, margin });
          const next = sampleSize({ population: N + 1, confidence, p, margin });
          const z = zForConfidence(confidence);
          expect(Number.isInteger(n)).toBe(true);
          expect(n).toBeGreaterThanOrEqual(0);
          expect(n).toBeLessThanOrEqual(N);
          expect(next).toBeGreaterThanOrEqual(n);
          expect(n).toBeLessThanOrEqual(Math.ceil((z * z * p * (1 - p)) / (margin * margin)));
          if (N > 0 && p > 0 && p < 1) expect(n).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    [{ population: -1 }],
    [{ population: 1.5 }],
    [{ population: Number.NaN }],
    [{ population: 10, p: -0.1 }],
    [{ population: 10, p: 1.1 }],
    [{ population: 10, margin: 0 }],
    [{ population: 10, margin: 1 }],
    [{ population: 10, confidence: 1 }],
    [{ population: 10, confidence: 0 }],
    [{ population: 10, confidence: Number.NaN }],
  ])('rejects %o', (options) => {
    expect(() => sampleSize(options)).toThrow(Errors.QaInvalidSampleParams);
    try {
      sampleSize(options);
    } catch (err) {
      expect(isQaSamplingError(err)).toBe(true);
      expect((err as QaSamplingError).code).toBe('DIALER_ERR_QA_INVALID_SAMPLE_PARAMS');
      expect((err as QaSamplingError).statusCode).toBe(400);
    }
  });
});

describe('zForConfidence', () => {
  it('gives the supported levels (90% and 99% exact to 1e-15, checked with mpmath)', () => {
    expect(zForConfidence(0.95)).toBe(1.96);
    expect(zForConfidence(0.9)).toBeCloseTo(1.6448536269514727, 15);
    expect(zForConfidence(0.99)).toBeCloseTo(2.5758293035489008, 15);
  });

  it('computes any other level from the inverse normal (references from mpmath)', () => {
    expect(zForConfidence(0.8)).toBeCloseTo(1.2815515655446004, 13);
    expect(zForConfidence(0.5)).toBeCloseTo(0.6744897501960817, 13);
    expect(zForConfidence(0.98)).toBeCloseTo(2.3263478740408408, 13);
    expect(zForConfidence(0.999)).toBeCloseTo(3.2905267314918945, 12);
  });
});

describe('inverseNormalCdf', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.8413447460685429, 1],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
    [1e-300, -37.0470962993612], // mpmath.findroot(ncdf(z) − 1e-300)
  ])('Φ⁻¹(%d) = %d', (p, z) => {
    expect(inverseNormalCdf(p)).toBeCloseTo(z, 9);
  });

  it('is antisymmetric and increasing', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 0.5, noNaN: true }), fc.double({ min: 1e-300, max: 0.5, noNaN: true }), (a, b) => {
        // 1 − a is rounded in binary64; keep a where that rounding is negligible.
        if (a > 1e-6) expect(inverseNormalCdf(a) + inverseNormalCdf(1 - a)).toBeCloseTo(0, 8);
        if (a < b) expect(inverseNormalCdf(a)).toBeLessThanOrEqual(inverseNormalCdf(b));
      }),
    );
  });

  it('is NaN outside (0, 1)', () => {
    for (const p of [0, 1, -1, 2, Number.NaN]) expect(inverseNormalCdf(p)).toBeNaN();
  });
});
