import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from '../../../src/dialer/pacing/random.js';

describe('createRng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRng(seed).next);
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(draw(1)).not.toEqual(draw(2));
    expect(deriveSeed(7, 1)).toBe(deriveSeed(7, 1));
    expect(deriveSeed(7, 1)).not.toBe(deriveSeed(7, 2));
  });

  it('draws uniform numbers in [0, 1) with the right moments', () => {
    const rng = createRng(3);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      sum += x;
      sumSq += x * x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
  });

  it('samples the lognormal talk time with the intended mean', () => {
    const rng = createRng(11);
    const sigma = 0.8;
    const mu = Math.log(90) - sigma ** 2 / 2;
    const n = 200_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += rng.lognormal(mu, sigma);
    expect(sum / n).toBeGreaterThan(89);
    expect(sum / n).toBeLessThan(91);
  });

  it('uniform and bernoulli respect their parameters', () => {
    const rng = createRng(5);
    let hits = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < 50_000; i++) {
      const u = rng.uniform(3, 20);
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      if (rng.bernoulli(0.35)) hits++;
    }
    expect(lo).toBeGreaterThanOrEqual(3);
    expect(lo).toBeLessThan(3.1);
    expect(hi).toBeLessThan(20);
    expect(hi).toBeGreaterThan(19.9);
    expect(hits / 50_000).toBeCloseTo(0.35, 2);
  });
});
