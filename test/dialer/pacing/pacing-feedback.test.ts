/**
 * The feedback parts of predictive pacing added for a changing floor: the integral part of
 * the risk limit (with its dead band), the early-shift guard (tail quantile) and the budget
 * floor of a young campaign.
 */
import { describe, expect, it } from 'vitest';
import { callsToPlace } from '../../../src/dialer/pacing/pacing.js';
import { difference, poissonBinomial, positivePartQuantile } from '../../../src/dialer/pacing/distributions.js';
import { DEFAULT_PREDICTIVE_TUNING } from '../../../src/dialer/pacing/predictive.js';
import { STATS, agents, makeInput, ringing } from './input-builder.js';

const record = (abandoned: number, liveAnswered: number) => ({
  lifetime: { abandoned, liveAnswered },
  last30Days: { abandoned, liveAnswered },
  cap: 0.03,
});

describe('predictive pacing — integral feedback', () => {
  const floor = { agents: [...agents(3, 'ready'), ...agents(17, 'onCall', 70)], callsInFlight: ringing(5) };

  it('places more while the record sits below the target than proportional feedback alone would', () => {
    const withIntegral = callsToPlace(makeInput({ ...floor, abandon: record(340, 20_000) }));
    const proportionalOnly = callsToPlace(makeInput({ ...floor, abandon: record(340, 20_000), tuning: { integralGain: 0 } }));
    expect(withIntegral.diagnostics.integralGain).toBeGreaterThan(0);
    expect(withIntegral.diagnostics.riskLimit!).toBeGreaterThan(proportionalOnly.diagnostics.riskLimit!);
    expect(withIntegral.calls).toBeGreaterThan(proportionalOnly.calls);
  });

  it('adds nothing on target, nor to a young campaign', () => {
    expect(callsToPlace(makeInput({ ...floor, abandon: record(480, 20_000) })).diagnostics.integralGain).toBe(0);
    expect(callsToPlace(makeInput({ ...floor, abandon: record(0, 400) })).diagnostics.integralGain).toBe(0);
  });
});

describe('predictive pacing — early-shift guard', () => {
  const floor = { agents: [...agents(4, 'ready'), ...agents(16, 'onCall', 40)], callsInFlight: [] };

  it('a young campaign with few abandons in hand is stopped by the budget, not the risk limit', () => {
    const d = callsToPlace(makeInput({ ...floor, abandon: record(2, 130) }));
    expect(d.diagnostics.stoppedBy).toBe('budget');
    expect(d.calls).toBe(5); // the 4 progressive calls and one more
  });

  it('the same floor with a long record dials on, stopped by the risk limit', () => {
    const d = callsToPlace(makeInput({ ...floor, abandon: record(100, 5000) }));
    expect(d.diagnostics.stoppedBy).toBe('risk');
    expect(d.calls).toBeGreaterThan(6);
  });

  it('a stricter tail probability never places more', () => {
    for (const abandoned of [0, 1, 2]) {
      const input = { agents: [...agents(3, 'ready'), ...agents(5, 'onCall', 30)], callsInFlight: ringing(6, 3), abandon: record(abandoned, 200) };
      const loose = callsToPlace(makeInput({ ...input, tuning: { budgetTailProbability: 0.05 } }));
      const strict = callsToPlace(makeInput({ ...input, tuning: { budgetTailProbability: 0.0001 } }));
      expect(strict.calls).toBeLessThanOrEqual(loose.calls);
    }
  });
});

describe('predictive pacing — budget floor of a young campaign', () => {
  const { budgetReserve, budgetTailProbability } = DEFAULT_PREDICTIVE_TUNING;
  const CAP = 0.03;
  const READY = 5;
  // 5 ready agents, nothing in flight: after k calls the abandons in flight are (D − 5)⁺, D ~ Binomial(k, p).
  const worstAbandons = (k: number): number =>
    positivePartQuantile(
      difference(poissonBinomial(Array.from({ length: k }, () => STATS.liveAnswerRate)), poissonBinomial(Array.from({ length: READY }, () => 1))),
      budgetTailProbability,
    );

  it.each([
    // [floor answers, abandons so far, live answers so far, predictive calls beyond progressive?]
    [0, 0, 0, false], // no floor: a new campaign has no budget, it is progressive
    [20, 0, 0, false], // 3% of 20 answers does not cover the reserve
    [34, 0, 0, false], // 1.02 − reserve: only a call whose abandon is below the tail probability
    [67, 0, 0, true], // 2.01 − reserve: one abandon may be risked
    [100, 0, 0, true],
    [200, 0, 0, true],
    [67, 1, 20, false], // that abandon spent: nothing more until the record earns it
    [100, 1, 20, true],
    [67, 0, 80, true], // past the floor the record's own answers count
  ])('floor %s, %s abandoned of %s: places calls within the floor budget and none beyond it', (floorAnswers, abandoned, answered, beyond) => {
    const d = callsToPlace(
      makeInput({
        agents: agents(READY, 'ready'),
        callsInFlight: [],
        abandon: record(abandoned, answered),
        // a loose risk limit and no young-record cap, so that the budget is what stops the pass
        tuning: { budgetFloorAnswers: floorAnswers, baseRisk: 0.5, youngExtraCalls: 1000 },
      }),
    );
    const budget = CAP * Math.max(answered, floorAnswers) - abandoned - budgetReserve;
    expect(d.reason).toBe('predictive');
    expect(d.diagnostics.stoppedBy).toBe('budget');
    expect(d.calls).toBeGreaterThanOrEqual(READY); // the progressive calls are always placed
    if (d.calls > READY) expect(worstAbandons(d.calls)).toBeLessThanOrEqual(budget); // within the budget
    expect(worstAbandons(d.calls + 1)).toBeGreaterThan(budget); // and none beyond it
    expect(d.calls > READY).toBe(beyond);
  });

  it('judges the cap over the floor too: one abandon among the first 20 answers is not a 5% campaign', () => {
    expect(callsToPlace(makeInput({ abandon: record(1, 20), tuning: { budgetFloorAnswers: 0 } })).reason).toBe('predictive-at-cap');
    expect(callsToPlace(makeInput({ abandon: record(1, 20), tuning: { budgetFloorAnswers: 67 } })).reason).toBe('predictive');
    expect(callsToPlace(makeInput({ abandon: record(3, 20), tuning: { budgetFloorAnswers: 67 } })).reason).toBe('predictive-at-cap');
  });
});

describe('predictive pacing — a young record spends its lent budget a few calls at a time', () => {
  it.each([
    // [live answers so far, cap on calls beyond progressive]
    [0, 2],
    [66, 2],
    [67, null], // the record has reached the floor: only the risk limit and the budget bound it
    [500, null],
  ])('with %s live answers: at most %s calls beyond progressive', (answered, cap) => {
    const ready = 50;
    const d = callsToPlace(
      makeInput({
        agents: agents(ready, 'ready'),
        callsInFlight: [],
        abandon: record(0, answered),
        // a generous floor and risk limit: what stops the pass is the young-record cap, if any
        tuning: { budgetFloorAnswers: 67, baseRisk: 0.5, youngExtraCalls: 2 },
      }),
    );
    expect(d.calls).toBeGreaterThanOrEqual(ready);
    if (cap === null) expect(d.calls - ready).toBeGreaterThan(2);
    else {
      expect(d.calls - ready).toBe(cap);
      expect(d.diagnostics.stoppedBy).toBe('young-record');
    }
  });
});
