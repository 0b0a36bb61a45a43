import { describe, expect, it } from 'vitest';
import {
  addObservation,
  bernoulliVariance,
  EMPTY_MOMENTS,
  EMPTY_TWO_SPEED,
  effectiveCount,
  momentsMean,
  recordTwoSpeed,
  type ChangeDetection,
  type TwoSpeed,
} from '../../../src/dialer/pacing/change-detection.js';
import { createRng } from '../../../src/dialer/pacing/random.js';
import { ANSWER_RATE_DETECTION, EMPTY_ANSWER_RATE, estimateAnswerRate, recordAttempt } from '../../../src/dialer/pacing/stats.js';

const DETECT: ChangeDetection = ANSWER_RATE_DETECTION;

/** Feeds `n` 0/1 draws at rate p; returns the state and the index of the first detected change. */
function feed(s: TwoSpeed, p: number, n: number, seed: number): { s: TwoSpeed; firstChangeAt: number | null } {
  const rng = createRng(seed);
  let firstChangeAt: number | null = null;
  for (let i = 0; i < n; i++) {
    const before = s.changes;
    s = recordTwoSpeed(s, rng.bernoulli(p) ? 1 : 0, DETECT, bernoulliVariance);
    if (s.changes > before && firstChangeAt === null) firstChangeAt = i;
  }
  return { s, firstChangeAt };
}

describe('weighted moments', () => {
  it('count every observation fully without decay, and their effective number', () => {
    let m = EMPTY_MOMENTS;
    for (const x of [1, 2, 3, 4]) m = addObservation(m, x, Infinity);
    expect(momentsMean(m)).toBe(2.5);
    expect(effectiveCount(m)).toBe(4);
  });

  it('with decay, the effective number levels off near 2.885 half-lives', () => {
    let m = EMPTY_MOMENTS;
    for (let i = 0; i < 5000; i++) m = addObservation(m, 1, 100);
    expect(effectiveCount(m)).toBeCloseTo((1 + 2 ** -0.01) / (1 - 2 ** -0.01), 6);
    expect(effectiveCount(m)).toBeGreaterThan(285);
    expect(effectiveCount(m)).toBeLessThan(290);
  });
});

describe('two-speed change detection', () => {
  it.each([
    // [rate before, rate after, most attempts after the switch before it is noticed]
    [0.15, 0.6, 60],
    [0.6, 0.15, 80],
    [0.35, 0.7, 100],
  ])('a switch from %s to %s is detected within %s attempts, and the slow estimate follows', (before, after, within) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const steady = feed(EMPTY_TWO_SPEED, before, 6000, seed);
      const switched = feed(steady.s, after, 400, seed + 100);
      expect(switched.firstChangeAt).not.toBeNull();
      expect(switched.firstChangeAt!).toBeLessThan(within);
      // the estimate pacing uses is near the new rate, not hours behind it
      expect(Math.abs(momentsMean(switched.s.slow)! - after)).toBeLessThan(0.08);
    }
  });

  it.each([0.15, 0.35, 0.6])('a steady rate of %s calls almost no changes over a long shift', (p) => {
    for (const seed of [1, 2, 3]) {
      const { s } = feed(EMPTY_TWO_SPEED, p, 20_000, seed);
      expect(s.changes).toBeLessThanOrEqual(1);
      expect(Math.abs(momentsMean(s.slow)! - p)).toBeLessThan(0.03);
    }
  });

  it('without detection the slow estimate is still far behind 2,000 attempts after the switch', () => {
    const off = { thresholdSe: Infinity };
    let s = EMPTY_ANSWER_RATE;
    const rng = createRng(9);
    for (let i = 0; i < 6000; i++) s = recordAttempt(s, rng.bernoulli(0.15), off);
    for (let i = 0; i < 400; i++) s = recordAttempt(s, rng.bernoulli(0.6), off);
    expect(estimateAnswerRate(s, { rate: 0.5, weight: 50 })).toBeLessThan(0.3);
  });

  it('drops the prior once a change has been detected', () => {
    let s = EMPTY_ANSWER_RATE;
    const rng = createRng(4);
    for (let i = 0; i < 3000; i++) s = recordAttempt(s, rng.bernoulli(0.1));
    for (let i = 0; i < 300; i++) s = recordAttempt(s, rng.bernoulli(0.7));
    expect(s.changes).toBeGreaterThan(0);
    const heavyPrior = { rate: 0.1, weight: 10_000 };
    expect(estimateAnswerRate(s, heavyPrior)).toBeGreaterThan(0.55);
    expect(ANSWER_RATE_DETECTION.fastHalfLife).toBeLessThan(ANSWER_RATE_DETECTION.slowHalfLife);
  });
});

describe('talk-time change detection', () => {
  it('follows a new script that triples talk time within a few dozen calls', async () => {
    const { EMPTY_LOGNORMAL, estimateLognormal, recordTalk } = await import('../../../src/dialer/pacing/stats.js');
    const { lognormalMean } = await import('../../../src/dialer/pacing/distributions.js');
    const rng = createRng(11);
    const prior = { meanSec: 90, sigma: 0.8, weight: 100 };
    let s = EMPTY_LOGNORMAL;
    for (let i = 0; i < 3000; i++) s = recordTalk(s, rng.lognormal(Math.log(60) - 0.32, 0.8));
    const before = s.changes;
    for (let i = 0; i < 80; i++) s = recordTalk(s, rng.lognormal(Math.log(180) - 0.32, 0.8));
    expect(s.changes).toBeGreaterThan(before);
    expect(lognormalMean(estimateLognormal(s, prior))).toBeGreaterThan(130);
    let off = EMPTY_LOGNORMAL;
    const rng2 = createRng(11);
    for (let i = 0; i < 3000; i++) off = recordTalk(off, rng2.lognormal(Math.log(60) - 0.32, 0.8), { thresholdSe: Infinity });
    for (let i = 0; i < 80; i++) off = recordTalk(off, rng2.lognormal(Math.log(180) - 0.32, 0.8), { thresholdSe: Infinity });
    expect(lognormalMean(estimateLognormal(off, prior))).toBeLessThan(80);
  });
});
