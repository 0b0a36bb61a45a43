import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilsonInterval } from '../../../src/qa/sampling/confidence.js';

describe('wilsonInterval', () => {
  // Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (Wilson score).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i / %i → [%d, %d] (Newcombe 1998)', (defects, sampleSize, lower, upper) => {
    const r = wilsonInterval({ defects, sampleSize });
    expect(r.lower).toBeCloseTo(lower, 4);
    expect(r.upper).toBeCloseTo(upper, 4);
    expect(r.fpcApplied).toBe(false);
  });

  it('gives the textbook bounds for 5/10 and 0/10', () => {
    expect(wilsonInterval({ defects: 5, sampleSize: 10 })).toMatchObject({ estimate: 0.5, z: 1.96, confidence: 0.95 });
    expect(wilsonInterval({ defects: 5, sampleSize: 10 }).lower).toBeCloseTo(0.236590, 6);
    expect(wilsonInterval({ defects: 0, sampleSize: 10 })).toMatchObject({ lower: 0, estimate: 0 });
    expect(wilsonInterval({ defects: 0, sampleSize: 10 }).upper).toBeCloseTo(1.96 ** 2 / (10 + 1.96 ** 2), 12);
    expect(wilsonInterval({ defects: 10, sampleSize: 10 })).toMatchObject({ upper: 1, estimate: 1 });
  });

  it('narrows with the finite-population correction when the sample is a large part of N', () => {
    const plain = wilsonInterval({ defects: 5, sampleSize: 278 });
    const fpc = wilsonInterval({ defects: 5, sampleSize: 278, population: 1000 });
    expect(fpc.fpcApplied).toBe(true);
    expect(fpc.lower).toBeCloseTo(0.0087032, 6);
    expect(fpc.upper).toBeCloseTo(0.0368007, 6);
    expect(fpc.upper - fpc.lower).toBeLessThan(plain.upper - plain.lower);
    // Below the 5% threshold the correction is left out, unless asked for.
    expect(wilsonInterval({ defects: 5, sampleSize: 278, population: 1_000_000 }).fpcApplied).toBe(false);
    expect(wilsonInterval({ defects: 5, sampleSize: 278, population: 1_000_000, fpcThreshold: 0 }).fpcApplied).toBe(true);
  });

  it('is exact for a census and [0, 1] for no reviews', () => {
    expect(wilsonInterval({ defects: 3, sampleSize: 40, population: 40 })).toMatchObject({ lower: 0.075, upper: 0.075, estimate: 0.075 });
    expect(wilsonInterval({ defects: 0, sampleSize: 0 })).toMatchObject({ estimate: null, lower: 0, upper: 1 });
  });

  it('contains the estimate, stays in [0, 1] and widens with confidence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: n, max: 100_000 }))),
        ([n, x, N]) => {
          for (const population of [undefined, N]) {
            const r = wilsonInterval({ defects: x, sampleSize: n, population });
            expect(r.lower).toBeGreaterThanOrEqual(0);
            expect(r.upper).toBeLessThanOrEqual(1);
            expect(r.lower).toBeLessThanOrEqual(r.estimate! + 1e-12);
            expect(r.upper).toBeGreaterThanOrEqual(r.estimate! - 1e-12);
            const wide = wilsonInterval({ defects: x, sampleSize: n, population, confidence: 0.99 });
            expect(wide.lower).toBeLessThanOrEqual(r.lower + 1e-12);
            expect(wide.upper).toBeGreaterThanOrEqual(r.upper - 1e-12);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    [{ defects: 1, sampleSize: -1 }],
    [{ defects: 11, sampleSize: 10 }],
    [{ defects: 1.5, sampleSize: 10 }],
    [{ defects: 1, sampleSize: 10, population: 9 }],
    [{ defects: 1, sampleSize: 10, confidence: 1 }],
    [{ defects: 1, sampleSize: 10, fpcThreshold: 2 }],
  ])('rejects %o', (input) => {
    expect(() => wilsonInterval(input)).toThrow(expect.objectContaining({ code: 'DIALER_ERR_QA_INVALID_INTERVAL_PARAMS' }));
  });
});
