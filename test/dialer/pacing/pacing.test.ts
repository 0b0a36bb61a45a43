import { describe, expect, it } from 'vitest';
import { callsToPlace } from '../../../src/dialer/pacing/pacing.js';
import type { AbandonCounts, DialMode } from '../../../src/dialer/pacing/types.js';
import { agents, makeInput, ringing } from './input-builder.js';

describe('callsToPlace — preview and progressive', () => {
  it.each<[string, number, number, number]>([
    // name, ready agents, calls in flight, expected
    ['one call per ready agent', 5, 0, 5],
    ['minus calls already in flight', 5, 3, 2],
    ['none when in flight equals ready', 4, 4, 0],
    ['never negative', 2, 7, 0],
    ['no ready agents', 0, 0, 0],
  ])('progressive: %s', (_name, ready, inFlight, expected) => {
    const d = callsToPlace(
      makeInput({
        mode: 'progressive',
        agents: [...agents(ready, 'ready'), ...agents(3, 'onCall', 10), ...agents(1, 'wrapUp', 2)],
        callsInFlight: ringing(inFlight),
      }),
    );
    expect(d.calls).toBe(expected);
    expect(d.reason).toBe(ready + 4 > 0 ? 'progressive' : 'no-agents');
  });

  it('progressive ignores the abandon record and the statistics', () => {
    const d = callsToPlace(
      makeInput({
        mode: 'progressive',
        agents: agents(3, 'ready'),
        callsInFlight: [],
        abandon: { lifetime: { abandoned: 50, liveAnswered: 100 }, last30Days: { abandoned: 50, liveAnswered: 100 }, cap: 0.03 },
      }),
    );
    expect(d.calls).toBe(3);
  });

  it.each<[string, Partial<Parameters<typeof makeInput>[0]>]>([
    ['a normal floor', {}],
    ['many ready agents', { agents: agents(50, 'ready') }],
    ['no agents', { agents: [] }],
  ])('preview never places calls: %s', (_name, overrides) => {
    const d = callsToPlace(makeInput({ ...overrides, mode: 'preview' }));
    expect(d).toMatchObject({ calls: 0, reason: 'preview' });
  });

  it.each<[string, number, number, number, number]>([
    // name, maxLines, linesInUse, contactsLeft, expected
    ['bounded by free lines', 10, 8, 100, 2],
    ['no free line', 10, 10, 100, 0],
    ['more lines in use than allowed', 10, 12, 100, 0],
    ['bounded by contacts left', 100, 0, 3, 3],
    ['no contacts left', 100, 0, 0, 0],
  ])('progressive limits: %s', (_name, maxLines, linesInUse, contactsLeft, expected) => {
    const d = callsToPlace(
      makeInput({ mode: 'progressive', agents: agents(8, 'ready'), callsInFlight: [], limits: { maxLines, linesInUse, contactsLeft } }),
    );
    expect(d.calls).toBe(expected);
  });

  it('lines in use default to calls in flight plus connected agents', () => {
    const d = callsToPlace(
      makeInput({
        mode: 'progressive',
        agents: [...agents(6, 'ready'), ...agents(3, 'onCall', 5), ...agents(1, 'reserved', 1)],
        callsInFlight: ringing(1),
        limits: { maxLines: 7, contactsLeft: 100 },
      }),
    );
    // 7 lines − (1 ringing + 4 connected) = 2, although 5 agents wait
    expect(d.calls).toBe(2);
    expect(d.reason).toBe('progressive');
  });
});

describe('callsToPlace — predictive', () => {
  it('places nothing with no agents logged in', () => {
    expect(callsToPlace(makeInput({ agents: [] }))).toMatchObject({ calls: 0, reason: 'no-agents' });
  });

  it('places nothing when every agent is paused', () => {
    expect(callsToPlace(makeInput({ agents: agents(10, 'paused', 30) }))).toMatchObject({ calls: 0, reason: 'no-agents' });
  });

  it('places nothing with no contacts left', () => {
    const d = callsToPlace(makeInput({ agents: agents(20, 'ready'), limits: { maxLines: 100, contactsLeft: 0 } }));
    expect(d).toMatchObject({ calls: 0, reason: 'no-contacts' });
  });

  it('places nothing with no free line', () => {
    const d = callsToPlace(makeInput({ limits: { maxLines: 30, linesInUse: 30, contactsLeft: 100 } }));
    expect(d).toMatchObject({ calls: 0, reason: 'no-lines' });
  });

  it('dials beyond one call per ready agent on a healthy floor', () => {
    const d = callsToPlace(makeInput({ agents: agents(20, 'ready'), callsInFlight: [] }));
    expect(d.reason).toBe('predictive');
    expect(d.calls).toBeGreaterThan(20);
    expect(d.diagnostics.dialLevel).toBeGreaterThan(1);
    expect(d.diagnostics.marginalRisk).toBeLessThanOrEqual((d.diagnostics.riskLimit ?? 0) + 0.5);
  });

  it('respects maxLines', () => {
    const free = callsToPlace(makeInput({ agents: agents(20, 'ready'), callsInFlight: [] }));
    expect(free.calls).toBeGreaterThan(10);
    const d = callsToPlace(
      makeInput({ agents: agents(20, 'ready'), callsInFlight: [], limits: { maxLines: 10, linesInUse: 0, contactsLeft: 1000 } }),
    );
    expect(d.calls).toBe(10);
  });

  it('respects contacts left', () => {
    const d = callsToPlace(makeInput({ agents: agents(20, 'ready'), callsInFlight: [], limits: { maxLines: 1000, contactsLeft: 4 } }));
    expect(d.calls).toBe(4);
  });

  const atCap = (a: number, l: number): AbandonCounts['lifetime'] => ({ abandoned: a, liveAnswered: l });
  it.each<[string, AbandonCounts]>([
    ['lifetime exactly at the cap', { lifetime: atCap(30, 1000), last30Days: atCap(30, 1000), cap: 0.03 }],
    ['lifetime over the cap', { lifetime: atCap(80, 1000), last30Days: atCap(80, 1000), cap: 0.03 }],
    ['30 days over, lifetime fine', { lifetime: atCap(100, 10_000), last30Days: atCap(20, 500), cap: 0.03 }],
    ['lifetime over, 30 days fine', { lifetime: atCap(400, 10_000), last30Days: atCap(5, 500), cap: 0.03 }],
    ['a zero cap', { lifetime: atCap(0, 1000), last30Days: atCap(0, 1000), cap: 0 }],
  ])('at or over the cap → no more than one call per ready agent: %s', (_name, abandon) => {
    for (const inFlight of [0, 3, 8, 20]) {
      const input = makeInput({ agents: [...agents(8, 'ready'), ...agents(12, 'onCall', 200)], callsInFlight: ringing(inFlight), abandon });
      const d = callsToPlace(input);
      expect(d.reason).toBe('predictive-at-cap');
      expect(d.calls).toBe(Math.max(0, 8 - inFlight));
      expect(d.calls).toBeLessThanOrEqual(8);
    }
  });

  it('uses the stricter of the lifetime and 30-day windows', () => {
    const floor = { agents: agents(20, 'ready'), callsInFlight: [] };
    const lenient = callsToPlace(
      makeInput({ ...floor, abandon: { lifetime: { abandoned: 5, liveAnswered: 2000 }, last30Days: { abandoned: 5, liveAnswered: 2000 }, cap: 0.03 } }),
    );
    const strict30 = callsToPlace(
      makeInput({ ...floor, abandon: { lifetime: { abandoned: 5, liveAnswered: 2000 }, last30Days: { abandoned: 5, liveAnswered: 200 }, cap: 0.03 } }),
    );
    expect(strict30.diagnostics.stricterWindow).toBe('last30Days');
    expect(strict30.diagnostics.measuredAbandonRate).toBeCloseTo(0.025);
    expect(strict30.calls).toBeLessThan(lenient.calls);
  });

  it('backs off as the measured rate approaches the cap', () => {
    const at = (abandoned: number) =>
      callsToPlace(
        makeInput({
          agents: [...agents(5, 'ready'), ...agents(15, 'onCall', 80)],
          callsInFlight: ringing(4),
          abandon: { lifetime: { abandoned, liveAnswered: 5000 }, last30Days: { abandoned, liveAnswered: 5000 }, cap: 0.03 },
        }),
      );
    const counts = [0, 50, 100, 125, 140, 149].map((a) => at(a));
    for (let i = 1; i < counts.length; i++) expect(counts[i]!.calls).toBeLessThanOrEqual(counts[i - 1]!.calls);
    expect(counts[0]!.calls).toBeGreaterThan(counts[counts.length - 1]!.calls);
    expect(counts.map((d) => d.diagnostics.riskLimit)).toEqual([...counts.map((d) => d.diagnostics.riskLimit)].sort((a, b) => b! - a!));
  });

  it('is progressive on a new campaign that has not yet earned an abandon budget (no budget floor)', () => {
    const d = callsToPlace(
      makeInput({
        agents: agents(20, 'ready'),
        callsInFlight: [],
        abandon: { lifetime: { abandoned: 0, liveAnswered: 10 }, last30Days: { abandoned: 0, liveAnswered: 10 }, cap: 0.03 },
        tuning: { budgetFloorAnswers: 0 },
      }),
    );
    expect(d.reason).toBe('predictive');
    expect(d.calls).toBe(20);
  });

  it('counts agents about to finish, and not agents deep in a long call', () => {
    const wrapping = callsToPlace(makeInput({ agents: agents(20, 'wrapUp', 8), callsInFlight: [] }));
    const paused = callsToPlace(makeInput({ agents: [...agents(1, 'ready'), ...agents(19, 'paused', 100)], callsInFlight: [] }));
    expect(wrapping.calls).toBeGreaterThan(10);
    expect(wrapping.diagnostics.expectedFreeAgents).toBe(20);
    expect(paused.diagnostics.expectedFreeAgents).toBe(1);
    expect(paused.calls).toBeLessThanOrEqual(2);
  });

  it('treats calls past the live-answer window as unlikely to be answered', () => {
    const floor = { agents: [...agents(6, 'ready'), ...agents(14, 'onCall', 30)] };
    const young = callsToPlace(makeInput({ ...floor, callsInFlight: ringing(10, 2) }));
    const old = callsToPlace(makeInput({ ...floor, callsInFlight: ringing(10, 23) }));
    expect(old.calls).toBeGreaterThan(young.calls);
  });

  it('counts queued answers as certain demand', () => {
    const floor = { agents: [...agents(2, 'ready'), ...agents(18, 'onCall', 30)] };
    const d = callsToPlace(makeInput({ ...floor, callsInFlight: Array.from({ length: 4 }, () => ({ stage: 'queued' as const, ageSec: 12 })) }));
    expect(d.diagnostics.expectedLiveAnswers).toBeGreaterThanOrEqual(4);
  });

  it('never lets calls in flight exceed maxCallsPerAgent per available agent', () => {
    const d = callsToPlace(
      makeInput({
        agents: agents(3, 'ready'),
        callsInFlight: [],
        stats: { ...makeInput().stats, liveAnswerRate: 0.0001 },
        tuning: { maxCallsPerAgent: 4 },
      }),
    );
    expect(d.calls).toBe(12);
  });

  it.each<DialMode>(['preview', 'progressive', 'predictive'])('%s is deterministic', (mode) => {
    const input = makeInput({ mode });
    expect(callsToPlace(input)).toEqual(callsToPlace(input));
  });
});
