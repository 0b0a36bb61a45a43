/**
 * The feedback parts of predictive pacing added for a changing floor: the integral part of
 * the risk limit and the early-shift guard (tail quantile, earliest deadline).
 */
import { describe, expect, it } from 'vitest';
import { callsToPlace } from '../../../src/dialer/pacing/pacing.js';
import { agents, makeInput, ringing } from './input-builder.js';

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
    expect(d.calls).toBe(4);
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
