import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apportion, type ApportionStratum } from '../../../src/qa/sampling/apportion.js';

const strata = (sizes: number[], lowerBounds: number[] = []): ApportionStratum[] =>
  sizes.map((size, i) => ({ size, lowerBound: lowerBounds[i] ?? 0, tieKey: 0 }));

describe('apportion', () => {
  it('is Hamilton apportionment without lower bounds', () => {
    // quotas 7.2, 2.52, 0.28 → floors 7, 2, 0 → the last seat goes to the largest remainder (.52)
    expect(apportion(10, strata([720, 252, 28]))).toEqual([7, 3, 0]);
    // quotas 4.5, 4.5, 1 → one seat for the tie, given to the larger tie key
    expect(apportion(10, [
      { size: 45, lowerBound: 0, tieKey: 0.1 },
      { size: 45, lowerBound: 0, tieKey: 0.9 },
      { size: 10, lowerBound: 0, tieKey: 0.5 },
    ])).toEqual([4, 5, 1]);
    expect(apportion(0, strata([5, 5]))).toEqual([0, 0]);
    expect(apportion(3, strata([]))).toEqual([]);
    expect(apportion(4, strata([0, 4]))).toEqual([0, 4]);
  });

  it('fixes strata at their lower bound and re-apportions the rest', () => {
    // Shares of 10 over 50/50 would be 5/5; the first already has 8.
    expect(apportion(10, strata([50, 50], [8, 0]))).toEqual([8, 2]);
    // Lower bounds above the total: everybody keeps what they have.
    expect(apportion(5, strata([50, 50, 10], [4, 3, 0]))).toEqual([4, 3, 0]);
  });

  it('sums to max(min(total, Σ size), Σ lower) and respects both bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ size: fc.nat(500), lb: fc.nat(500), tieKey: fc.double({ noNaN: true }) }), { maxLength: 40 }),
        fc.nat(20_000),
        (raw, total) => {
          const s = raw.map((r) => ({ size: r.size, lowerBound: Math.min(r.lb, r.size), tieKey: r.tieKey }));
          const sumSize = s.reduce((a, b) => a + b.size, 0);
          const sumLb = s.reduce((a, b) => a + b.lowerBound, 0);
          const alloc = apportion(total, s);
          expect(alloc.reduce((a, b) => a + b, 0)).toBe(Math.max(Math.min(total, sumSize), sumLb));
          alloc.forEach((x, i) => {
            expect(Number.isInteger(x)).toBe(true);
            expect(x).toBeGreaterThanOrEqual(s[i]!.lowerBound);
            expect(x).toBeLessThanOrEqual(s[i]!.size);
          });
          // Without lower bounds every stratum is within one of its exact quota (quota rule).
          if (sumLb === 0 && sumSize > 0) {
            const t = Math.min(total, sumSize);
            alloc.forEach((x, i) => {
              const quota = (t * s[i]!.size) / sumSize;
              expect(x).toBeGreaterThanOrEqual(Math.floor(quota));
              expect(x).toBeLessThanOrEqual(Math.ceil(quota));
            });
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
