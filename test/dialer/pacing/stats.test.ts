import { describe, expect, it } from 'vitest';
import { lognormalMean } from '../../../src/dialer/pacing/distributions.js';
import { createRng } from '../../../src/dialer/pacing/random.js';
import {
  DEFAULT_STATS_PRIORS,
  EMPTY_ANSWER_RATE,
  EMPTY_LOGNORMAL,
  EMPTY_MEAN,
  emptyCampaignStats,
  emptyHistogram,
  estimateAnswerRate,
  estimateLognormal,
  estimateMean,
  histogramMean,
  recordAttempt,
  recordDuration,
  recordLiveAnswer,
  recordNonLive,
  recordTalk,
  recordTalkTime,
  recordValue,
  recordWrapTime,
  survivalCurve,
  toPacingStats,
  withUniformPrior,
  type LognormalState,
} from '../../../src/dialer/pacing/stats.js';

describe('answer rate', () => {
  it('starts at the prior and moves to the data', () => {
    const prior = { rate: 0.5, weight: 50 };
    expect(estimateAnswerRate(EMPTY_ANSWER_RATE, prior)).toBe(0.5);
    let s = EMPTY_ANSWER_RATE;
    for (let i = 0; i < 1000; i++) s = recordAttempt(s, i % 5 === 0, { slowHalfLife: Infinity });
    expect(s.slow).toMatchObject({ sum: 200, w: 1000 });
    expect(s.changes).toBe(0);
    expect(estimateAnswerRate(s, prior)).toBeCloseTo((200 + 25) / 1050, 12);
  });

  it('forgets old observations at the given half-life', () => {
    let s = EMPTY_ANSWER_RATE;
    const slowOnly = { slowHalfLife: 100, thresholdSe: Infinity };
    for (let i = 0; i < 2000; i++) s = recordAttempt(s, true, slowOnly);
    for (let i = 0; i < 100; i++) s = recordAttempt(s, false, slowOnly);
    // after one half-life of misses, the old hits weigh about as much as the new misses
    expect(estimateAnswerRate(s, { rate: 0, weight: 0 })).toBeCloseTo(0.5, 1);
  });

  it('never mutates its input', () => {
    const moments = Object.freeze({ w: 2, w2: 2, sum: 1, sumSq: 1 });
    const s = Object.freeze({ slow: moments, fast: moments, changes: 0 });
    expect(() => recordAttempt(s, true)).not.toThrow();
    expect(s).toEqual({ slow: { w: 2, w2: 2, sum: 1, sumSq: 1 }, fast: { w: 2, w2: 2, sum: 1, sumSq: 1 }, changes: 0 });
  });
});

describe('duration histograms', () => {
  it('gives the survival curve and mean of what it saw', () => {
    let h = emptyHistogram(30);
    for (const sec of [3.2, 5.5, 5.9, 10, 29.9, 45]) h = recordDuration(h, sec, Infinity);
    const s = survivalCurve(h)!;
    expect(s[0]).toBe(1);
    expect(s[3]).toBe(1); // nothing ends before 3 s
    expect(s[4]).toBeCloseTo(5 / 6);
    expect(s[6]).toBeCloseTo(3 / 6);
    expect(s[31]).toBe(0); // 45 s folds into the last, open bin
    for (let i = 1; i < s.length; i++) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!);
    expect(histogramMean(h, 0)).toBeCloseTo((3.5 + 5.5 + 5.5 + 10.5 + 29.5 + 30.5) / 6);
    expect(survivalCurve(emptyHistogram(30))).toBeUndefined();
    expect(histogramMean(emptyHistogram(30), 12)).toBe(12);
  });

  it('a uniform prior keeps the curve sane before slow answers have had time to happen', () => {
    // A campaign's first seconds: only quick answers seen so far.
    let h = emptyHistogram(60);
    for (let i = 0; i < 20; i++) h = recordDuration(h, 3 + (i % 3));
    const raw = survivalCurve(h)!;
    const blended = survivalCurve(withUniformPrior(h, { meanSec: 12, weight: 100 }))!;
    expect(raw[8]).toBe(0);
    expect(blended[8]).toBeGreaterThan(0.5);
    expect(blended[24]).toBeCloseTo(0, 9);
    expect(withUniformPrior(h, { meanSec: 12, weight: 0 })).toBe(h);
  });
});

describe('talk time', () => {
  const sample = (n: number, mu: number, sigma: number, seed = 1): LognormalState => {
    const rng = createRng(seed);
    let s = EMPTY_LOGNORMAL;
    for (let i = 0; i < n; i++) s = recordTalk(s, rng.lognormal(mu, sigma), { slowHalfLife: Infinity, thresholdSe: Infinity });
    return s;
  };

  it('recovers the lognormal from data, the prior from nothing', () => {
    const prior = { meanSec: 90, sigma: 0.8, weight: 10 };
    expect(lognormalMean(estimateLognormal(EMPTY_LOGNORMAL, prior))).toBeCloseTo(90, 9);
    const fit = estimateLognormal(sample(20_000, Math.log(200), 0.5), prior);
    expect(fit.mu).toBeCloseTo(Math.log(200), 1);
    expect(fit.sigma).toBeCloseTo(0.5, 1);
  });

  it('uses calls still in progress to undo the early bias towards short calls', () => {
    // Shift start: 100 calls began at t = 0; at t = 60 only those shorter than 60 s are done.
    const rng = createRng(9);
    const sigma = 0.8;
    const mu = Math.log(90) - sigma ** 2 / 2;
    let done = EMPTY_LOGNORMAL;
    const ongoing: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = rng.lognormal(mu, sigma);
      if (t < 60) done = recordTalk(done, t);
      else ongoing.push(60);
    }
    const weakPrior = { meanSec: 90, sigma: 0.8, weight: 5 };
    const naive = lognormalMean(estimateLognormal(done, weakPrior));
    const corrected = lognormalMean(estimateLognormal(done, weakPrior, ongoing));
    expect(naive).toBeLessThan(50);
    expect(corrected).toBeGreaterThan(70);
    expect(Math.abs(corrected - 90)).toBeLessThan(Math.abs(naive - 90));
  });
});

describe('wrap time and the campaign summary', () => {
  it('averages wrap times with a prior', () => {
    let s = EMPTY_MEAN;
    for (let i = 0; i < 95; i++) s = recordValue(s, 10, Infinity);
    expect(estimateMean(s, { mean: 110, weight: 5 })).toBeCloseTo(15, 9);
  });

  it('summarises everything pacing needs, priors first', () => {
    const empty = toPacingStats(emptyCampaignStats(60));
    expect(empty.liveAnswerRate).toBe(DEFAULT_STATS_PRIORS.answerRate.rate);
    expect(empty.meanTimeToAnswerSec).toBeCloseTo(DEFAULT_STATS_PRIORS.timeToAnswer.meanSec, 9);
    expect(empty.nonLiveSurvival).toBeUndefined();
    expect(lognormalMean(empty.talk)).toBeCloseTo(90, 6);

    let s = emptyCampaignStats(60);
    for (let i = 0; i < 3000; i++) {
      s = i % 4 === 0 ? recordLiveAnswer(s, 3 + (i % 17)) : recordNonLive(s, 25);
      if (i % 4 === 0) s = recordWrapTime(recordTalkTime(s, 60 + (i % 61)), 8);
    }
    const st = toPacingStats(s);
    expect(st.liveAnswerRate).toBeGreaterThan(0.24);
    expect(st.liveAnswerRate).toBeLessThan(0.27);
    expect(st.meanTimeToAnswerSec).toBeGreaterThan(10);
    expect(st.meanTimeToAnswerSec).toBeLessThan(13);
    expect(st.nonLiveSurvival?.[24]).toBe(1);
    expect(st.nonLiveSurvival?.[26]).toBe(0);
    expect(st.meanWrapSec).toBeCloseTo(8, 0);
    expect(lognormalMean(st.talk)).toBeGreaterThan(80);
    expect(lognormalMean(st.talk)).toBeLessThan(95);
  });
});
