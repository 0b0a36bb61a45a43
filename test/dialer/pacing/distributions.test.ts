import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBernoulli,
  difference,
  erfc,
  expectedPositivePart,
  lognormalEndsWithin,
  lognormalFromMean,
  lognormalMean,
  lognormalSurvival,
  mean,
  poissonBinomial,
  positivePartQuantile,
  positivePartSd,
  tailAtLeast,
  type IntDistribution,
} from '../../../src/dialer/pacing/distributions.js';

/** Brute-force pmf of a sum of independent Bernoullis, as a map value → probability. */
function bruteForce(probs: number[]): Map<number, number> {
  let dist = new Map<number, number>([[0, 1]]);
  for (const p of probs) {
    const next = new Map<number, number>();
    for (const [k, q] of dist) {
      next.set(k, (next.get(k) ?? 0) + q * (1 - p));
      next.set(k + 1, (next.get(k + 1) ?? 0) + q * p);
    }
    dist = next;
  }
  return dist;
}

const probOf = (d: IntDistribution, k: number): number => d.pmf[k - d.offset] ?? 0;

describe('erfc and the lognormal', () => {
  it.each([
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [-1, 1.8427007929497148],
    [5, 1.5374597944280349e-12],
  ])('erfc(%f)', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(2e-7);
  });

  it('lognormalFromMean has the requested mean and median exp(mu)', () => {
    const d = lognormalFromMean(90, 0.8);
    expect(lognormalMean(d)).toBeCloseTo(90, 9);
    expect(lognormalSurvival(d, Math.exp(d.mu))).toBeCloseTo(0.5, 7);
  });

  it('a call already long is less likely to end in the next seconds than a fresh one past its peak', () => {
    const d = lognormalFromMean(90, 0.8);
    const soon = (elapsed: number) => lognormalEndsWithin(d, elapsed, 10);
    expect(soon(60)).toBeGreaterThan(soon(300));
    expect(soon(300)).toBeGreaterThan(soon(1200));
    expect(soon(1e6)).toBeGreaterThanOrEqual(0);
    expect(lognormalEndsWithin(d, 30, 0)).toBe(0);
    expect(lognormalEndsWithin(d, 30, -5)).toBe(0);
  });
});

describe('Poisson-binomial and friends', () => {
  it('matches brute force', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }), (probs) => {
        const d = poissonBinomial(probs);
        for (const [k, q] of bruteForce(probs)) expect(probOf(d, k)).toBeCloseTo(q, 10);
        expect(mean(d)).toBeCloseTo(probs.reduce((a, b) => a + b, 0), 8);
      }),
    );
  });

  it('handles certain and impossible events exactly', () => {
    const d = poissonBinomial([1, 1, 0, 1, 0]);
    expect(d.offset).toBe(3);
    expect([...d.pmf]).toEqual([1]);
    expect(poissonBinomial([])).toEqual({ offset: 0, pmf: new Float64Array([1]) });
  });

  it('difference, addBernoulli, tails and the positive part agree with brute force', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, ys, extra) => {
          const z = addBernoulli(difference(poissonBinomial(xs), poissonBinomial(ys)), extra);
          const bx = bruteForce([...xs, extra]);
          const by = bruteForce(ys);
          let tail = 0;
          let pos = 0;
          let pos2 = 0;
          for (const [a, pa] of bx)
            for (const [b, pb] of by) {
              const v = a - b;
              if (v >= 0) tail += pa * pb;
              if (v > 0) {
                pos += v * pa * pb;
                pos2 += v * v * pa * pb;
              }
            }
          expect(tailAtLeast(z, 0)).toBeCloseTo(tail, 9);
          expect(expectedPositivePart(z)).toBeCloseTo(pos, 9);
          expect(positivePartSd(z)).toBeCloseTo(Math.sqrt(Math.max(0, pos2 - pos * pos)), 6);
        },
      ),
    );
  });

  it('stays fast and normalised for hundreds of events', () => {
    const probs = Array.from({ length: 400 }, (_, i) => (i % 7) / 10);
    const d = poissonBinomial(probs);
    const total = d.pmf.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(1 - 1e-9);
    expect(total).toBeLessThan(1 + 1e-9);
    expect(d.pmf.length).toBeLessThan(150); // negligible tails trimmed
  });
});

describe('positivePartQuantile', () => {
  const dist = (offset: number, pmf: number[]) => ({ offset, pmf: Float64Array.from(pmf) });
  it.each<[string, ReturnType<typeof dist>, number, number]>([
    // P(X = -1, 0, 1, 2, 3) = .5, .3, .15, .04, .01
    ['most mass at or below 0', dist(-1, [0.5, 0.3, 0.15, 0.04, 0.01]), 0.25, 0],
    ['P(X > 1) = .05 is above .02', dist(-1, [0.5, 0.3, 0.15, 0.04, 0.01]), 0.02, 2],
    ['P(X > 2) = .01 is within .01', dist(-1, [0.5, 0.3, 0.15, 0.04, 0.01]), 0.01, 2],
    ['the top value when the tail asked for is smaller than its mass', dist(-1, [0.5, 0.3, 0.15, 0.04, 0.01]), 0.001, 3],
    ['all negative', dist(-4, [0.5, 0.5]), 0.001, 0],
    ['a skewed count where mean + 2 sd falls short of the 1% tail', dist(0, [0.97, 0, 0, 0, 0.03]), 0.01, 4],
  ])('%s', (_, d, tail, q) => {
    expect(positivePartQuantile(d, tail)).toBe(q);
  });

  it('bounds what mean + 2 sd does not, for a rare burst', () => {
    const d = { offset: 0, pmf: Float64Array.from([0.97, 0, 0, 0, 0.03]) };
    expect(expectedPositivePart(d) + 2 * positivePartSd(d)).toBeLessThan(2);
    expect(positivePartQuantile(d, 0.01)).toBe(4);
  });
});
