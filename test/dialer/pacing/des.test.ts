import { describe, expect, it } from 'vitest';
import { simulateFloor, type FloorMetrics } from '../../../src/dialer/pacing/des.js';

const HOUR = 3600;

describe('simulateFloor — a long fake-clock shift, 20 agents, 35% live answers', () => {
  const shift = (mode: 'progressive' | 'predictive', seed: number): FloorMetrics =>
    simulateFloor({ seed, mode, agents: 20, liveAnswerRate: 0.35, durationSec: 8 * HOUR });
  const progressive = shift('progressive', 1);

  it('progressive never abandons', () => {
    expect(progressive.abandoned).toBe(0);
    expect(progressive.connected).toBe(progressive.liveAnswered);
    expect(progressive.occupancy).toBeGreaterThan(0.5);
  });

  it.each([1, 2, 3])('predictive stays under the cap and reaches 1.3× progressive occupancy (seed %i)', (seed) => {
    const m = shift('predictive', seed);
    expect(m.liveAnswered).toBeGreaterThan(4000);
    expect(m.abandonRate).toBeLessThanOrEqual(0.03);
    // never over the cap at any moment once the campaign has 100 live answers behind it
    expect(m.maxRunningAbandonRate).toBeLessThanOrEqual(0.03);
    expect(m.occupancy).toBeGreaterThanOrEqual(1.3 * progressive.occupancy);
    expect(m.occupancy).toBeLessThanOrEqual(m.occupancyBound + 0.01);
  });
});

describe('simulateFloor — bookkeeping', () => {
  const short = { agents: 10, liveAnswerRate: 0.3, durationSec: HOUR } as const;

  it('is deterministic per seed', () => {
    const a = simulateFloor({ ...short, seed: 42, mode: 'predictive' });
    const b = simulateFloor({ ...short, seed: 42, mode: 'predictive' });
    const c = simulateFloor({ ...short, seed: 43, mode: 'predictive' });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('keeps its counts consistent', () => {
    for (const mode of ['progressive', 'predictive'] as const) {
      const m = simulateFloor({ ...short, seed: 7, mode });
      expect(m.connected + m.abandoned).toBeLessThanOrEqual(m.liveAnswered);
      expect(m.liveAnswered).toBeLessThanOrEqual(m.placed);
      expect(m.occupancy).toBeGreaterThan(0);
      expect(m.occupancy).toBeLessThanOrEqual(1);
      expect(m.talkSec).toBeCloseTo(m.occupancy * 10 * HOUR, 6);
      expect(m.connectedPerAgentHour).toBeCloseTo(m.connected / 10, 9);
    }
  });

  it('places no calls in preview mode (agent-initiated) or without contacts', () => {
    expect(simulateFloor({ ...short, seed: 1, mode: 'preview' }).placed).toBe(0);
    expect(simulateFloor({ ...short, seed: 1, mode: 'predictive', contacts: 0 }).placed).toBe(0);
    expect(simulateFloor({ ...short, seed: 1, mode: 'predictive', contacts: 25 }).placed).toBe(25);
  });

  it('never uses more lines than allowed', () => {
    const m = simulateFloor({ ...short, seed: 3, mode: 'predictive', maxLines: 12 });
    expect(m.peakCallsInFlight).toBeLessThanOrEqual(12);
  });

  it('abandons an answer that finds no agent within the opening plus the grace period', () => {
    // One agent, every call answered, and a pacing told to ignore abandons: over-dialled
    // answers must be dropped after opening + grace — and only because of that deadline.
    const overDial = {
      seed: 5,
      mode: 'predictive',
      agents: 1,
      liveAnswerRate: 1,
      durationSec: HOUR,
      abandonCap: 1,
      tuning: { baseRisk: 1, maxRiskGain: 1, budgetReserve: -1e9, budgetTailProbability: 1, headroomAbandons: 0 },
    } as const;
    const strict = simulateFloor(overDial);
    expect(strict.abandoned).toBeGreaterThan(0);
    const patient = simulateFloor({ ...overDial, graceSec: 1e9 });
    expect(patient.abandoned).toBe(0);
  });
});

describe('simulateFloor — a floor that changes, a campaign with a past', () => {
  const short = { agents: 10, liveAnswerRate: 0.3, durationSec: HOUR } as const;

  it('logs agents out and in mid-shift: logged-in time follows, leavers finish their call first', () => {
    const m = simulateFloor({
      ...short,
      seed: 5,
      mode: 'progressive',
      changes: [
        { atSec: HOUR / 3, agents: 4 },
        { atSec: (2 * HOUR) / 3, agents: 12 },
      ],
    });
    // 10 agents for 20 min, 4 (plus those finishing a call) for 20 min, 12 for 20 min
    const nominal = (10 + 4 + 12) * (HOUR / 3);
    expect(m.loggedInSec).toBeGreaterThan(nominal);
    expect(m.loggedInSec).toBeLessThan(nominal + 6 * 600);
    expect(m.occupancy).toBeCloseTo(m.talkSec / m.loggedInSec, 12);
  });

  it('changes the live-answer rate from the given moment', () => {
    const steady = simulateFloor({ ...short, seed: 6, mode: 'progressive', liveAnswerRate: 0.15 });
    const switched = simulateFloor({ ...short, seed: 6, mode: 'progressive', liveAnswerRate: 0.15, changes: [{ atSec: HOUR / 2, liveAnswerRate: 0.6 }] });
    expect(switched.liveAnswered / switched.placed).toBeGreaterThan(steady.liveAnswered / steady.placed + 0.1);
  });

  it('carries a history: the abandon record counts it, the estimators start from it', () => {
    const past = simulateFloor({ ...short, seed: 8, mode: 'predictive' });
    const history = { stats: past.endStats, liveAnswered: 1000, abandoned: 29 };
    const next = simulateFloor({ ...short, seed: 9, mode: 'predictive', history });
    expect(next.campaignAbandonRate).toBeCloseTo((29 + next.abandoned) / (1000 + next.liveAnswered), 12);
    // at 2.9% of 1,000 answers the campaign is one abandon from the cap: pacing holds back
    const fresh = simulateFloor({ ...short, seed: 9, mode: 'predictive', history: { ...history, abandoned: 0 } });
    expect(next.placed).toBeLessThan(fresh.placed);
  });
});
