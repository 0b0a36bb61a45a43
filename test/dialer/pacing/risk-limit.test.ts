import { describe, expect, it } from 'vitest';
import { DEFAULT_PREDICTIVE_TUNING } from '../../../src/dialer/pacing/predictive.js';
import { abandonTarget, riskLimit } from '../../../src/dialer/pacing/risk-limit.js';
import type { PredictiveTuning } from '../../../src/dialer/pacing/types.js';

const T: PredictiveTuning = DEFAULT_PREDICTIVE_TUNING;
const CAP = 0.03;
const both = (abandoned: number, liveAnswered: number) => [
  { abandoned, liveAnswered },
  { abandoned, liveAnswered },
];

describe('abandonTarget', () => {
  it.each([
    // [answers, target]: cap × 0.8, but never within 5 abandons of the cap
    [100, 0],
    [300, 0.03 - 5 / 300],
    [1000, 0.024],
    [100_000, 0.024],
  ])('with %s answers aims at %s', (answers, target) => {
    expect(abandonTarget(CAP, answers, T)).toBeCloseTo(target, 12);
  });
});

describe('riskLimit', () => {
  it.each([
    // [abandoned, answered, integral gain]: the integral part needs 500 answers and a surplus
    // beyond its dead band of one standard deviation, √(target × answered) abandons
    [0, 400, 0], // young: a clean record is luck, not evidence
    [10, 1000, 0.05 * (14 - Math.sqrt(24))], // 14 abandons in hand below 2.4%, 4.9 of them luck
    [19, 1000, 0.05 * (5 - Math.sqrt(24))], // 5 in hand: just past the dead band
    [20, 1000, 0], // 4 in hand: within the dead band
    [24, 1000, 0], // on target: nothing to add
    [28, 1000, 0], // over target: the integral never lowers the limit, the proportional part does
    [200, 20_000, 2], // 280 in hand: capped at maxIntegralGain
  ])('%s abandoned of %s answers → integral gain %s', (abandoned, answered, integral) => {
    const r = riskLimit(both(abandoned, answered), CAP, T);
    expect(r.integralGain).toBeCloseTo(integral, 12);
    expect(r.limit).toBeCloseTo(T.baseRisk * (r.proportionalGain + r.integralGain), 12);
  });

  it('settles at the target, not below it: the limit keeps rising while the record is under target', () => {
    const under = riskLimit(both(340, 20_000), CAP, T); // 1.7%, where proportional-only settles
    const onTarget = riskLimit(both(480, 20_000), CAP, T); // 2.4%
    expect(under.limit).toBeGreaterThan(onTarget.limit);
    expect(under.integralGain).toBeGreaterThan(0);
    expect(onTarget.integralGain).toBe(0);
    // proportional-only would have allowed this much less at 1.7%:
    expect(under.limit - T.baseRisk * under.proportionalGain).toBeCloseTo(T.baseRisk * 2, 12);
  });

  it('counts the surplus in the stricter window', () => {
    const r = riskLimit(
      [
        { abandoned: 100, liveAnswered: 10_000 }, // lifetime 1%: 140 in hand
        { abandoned: 14, liveAnswered: 1000 }, // last 30 days 1.4%: 10 in hand, 4.9 of them luck
      ],
      CAP,
      T,
    );
    expect(r.surplusAbandons).toBeCloseTo(10, 9);
    expect(r.integralGain).toBeCloseTo(0.05 * (10 - Math.sqrt(24)), 9);
  });

  it('all but closes at the cap (predictive.ts then falls back to progressive)', () => {
    const r = riskLimit(both(30, 1000), CAP, T);
    expect(r.integralGain).toBe(0);
    expect(r.limit).toBeLessThan(T.baseRisk * 0.1);
  });
});
