import { describe, expect, it } from 'vitest';
import { answerDeadlines, freeInTime, liveProbability } from '../../../src/dialer/pacing/predictive.js';
import type { PacingStats } from '../../../src/dialer/pacing/types.js';
import { STATS } from './input-builder.js';

const timing = { openingSec: 5, graceSec: 2, ringTimeoutSec: 25 };

describe('answerDeadlines', () => {
  it('spreads the deadline over the answer-time law, plus opening and grace', () => {
    // fallback law: uniform on [0, 2 × 11.5]
    const d = answerDeadlines(STATS, timing);
    expect(d).toHaveLength(8);
    expect(d[0]).toBeCloseTo(23 / 16 + 7, 9);
    expect(d[7]).toBeCloseTo((23 * 15) / 16 + 7, 9);
    expect(d.reduce((a, b) => a + b, 0) / d.length).toBeCloseTo(11.5 + 7, 9);
  });

  it('reads quantiles off a survival curve', () => {
    // every live answer comes between 10 and 12 s
    const curve = [...Array<number>(11).fill(1), 0.5, 0];
    const d = answerDeadlines({ ...STATS, liveAnswerSurvival: curve }, timing);
    for (const x of d) {
      expect(x).toBeGreaterThanOrEqual(17);
      expect(x).toBeLessThanOrEqual(19);
    }
    for (let i = 1; i < d.length; i++) expect(d[i]!).toBeGreaterThan(d[i - 1]!);
  });
});

describe('freeInTime', () => {
  const deadlines = answerDeadlines(STATS, timing);

  it('ready agents are free, paused ones are not', () => {
    expect(freeInTime({ state: 'ready', secondsInState: 3 }, STATS, deadlines)).toBe(1);
    expect(freeInTime({ state: 'paused', secondsInState: 3 }, STATS, deadlines)).toBe(0);
  });

  it('an agent nearly done wrapping is more likely in time than one just starting', () => {
    const stats: PacingStats = { ...STATS, meanWrapSec: 20 };
    const late = freeInTime({ state: 'wrapUp', secondsInState: 18 }, stats, deadlines);
    const early = freeInTime({ state: 'wrapUp', secondsInState: 0 }, stats, deadlines);
    expect(late).toBe(1);
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(late);
  });

  it('judges talking agents by how long they have talked', () => {
    const p = (e: number) => freeInTime({ state: 'onCall', secondsInState: e }, STATS, deadlines);
    expect(p(60)).toBeGreaterThan(p(600));
    expect(p(600)).toBeGreaterThan(p(3000));
    for (const e of [0, 30, 90, 600, 1e6]) {
      expect(p(e)).toBeGreaterThanOrEqual(0);
      expect(p(e)).toBeLessThanOrEqual(1);
    }
    expect(freeInTime({ state: 'reserved', secondsInState: 50 }, STATS, deadlines)).toBeCloseTo(p(0), 12);
  });
});

describe('liveProbability', () => {
  it('is the answer rate for a fresh call, 1 for a queued one, ~0 past the answer window', () => {
    const curve = [1, 1, 1, ...Array.from({ length: 18 }, (_, i) => 1 - (i + 1) / 18)]; // answers 3–20 s
    const stats: PacingStats = { ...STATS, liveAnswerRate: 0.35, liveAnswerSurvival: curve };
    expect(liveProbability({ stage: 'dialing', ageSec: 0 }, stats, 25)).toBeCloseTo(0.35, 12);
    expect(liveProbability({ stage: 'queued', ageSec: 15 }, stats, 25)).toBe(1);
    const mid = liveProbability({ stage: 'ringing', ageSec: 12 }, stats, 25);
    expect(mid).toBeGreaterThan(0.1);
    expect(mid).toBeLessThan(0.35);
    expect(liveProbability({ stage: 'ringing', ageSec: 22 }, stats, 25)).toBe(0);
  });

  it('is 0 for a call past the ring timeout with no curves', () => {
    expect(liveProbability({ stage: 'ringing', ageSec: 30 }, STATS, 25)).toBe(0);
  });
});
