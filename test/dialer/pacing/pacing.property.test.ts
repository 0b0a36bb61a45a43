import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callsToPlace } from '../../../src/dialer/pacing/pacing.js';
import type { AgentSnapshot, CallInFlight, PacingInput } from '../../../src/dialer/pacing/types.js';

const agentArb: fc.Arbitrary<AgentSnapshot> = fc.record({
  state: fc.constantFrom('ready', 'reserved', 'onCall', 'wrapUp', 'paused'),
  secondsInState: fc.double({ min: 0, max: 3600, noNaN: true }),
});

const callArb: fc.Arbitrary<CallInFlight> = fc.record({
  stage: fc.constantFrom('dialing', 'ringing', 'queued'),
  ageSec: fc.double({ min: 0, max: 40, noNaN: true }),
});

/** A survival curve: non-increasing from 1 to 0. */
const survivalArb = fc
  .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 })
  .map((xs) => [1, ...xs.sort((a, b) => b - a), 0]);

const windowArb = fc
  .tuple(fc.nat({ max: 20_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([liveAnswered, share]) => ({ liveAnswered, abandoned: Math.floor(liveAnswered * share * 0.1) }));

const inputArb: fc.Arbitrary<PacingInput> = fc.record({
  mode: fc.constantFrom('preview', 'progressive', 'predictive'),
  agents: fc.array(agentArb, { maxLength: 40 }),
  callsInFlight: fc.array(callArb, { maxLength: 60 }),
  stats: fc.record(
    {
      liveAnswerRate: fc.double({ min: 0, max: 1, noNaN: true }),
      answerRateSamples: fc.nat({ max: 100_000 }),
      meanTimeToAnswerSec: fc.double({ min: 0.5, max: 40, noNaN: true }),
      liveAnswerSurvival: survivalArb,
      nonLiveSurvival: survivalArb,
      talk: fc.record({ mu: fc.double({ min: 1, max: 7, noNaN: true }), sigma: fc.double({ min: 0.05, max: 2, noNaN: true }) }),
      meanWrapSec: fc.double({ min: 0, max: 120, noNaN: true }),
    },
    { requiredKeys: ['liveAnswerRate', 'answerRateSamples', 'meanTimeToAnswerSec', 'talk', 'meanWrapSec'] },
  ),
  abandon: fc.record({ lifetime: windowArb, last30Days: windowArb, cap: fc.constantFrom(0, 0.01, 0.03, 0.05) }),
  limits: fc.record(
    {
      maxLines: fc.oneof(fc.nat({ max: 500 }), fc.constant(Infinity)),
      linesInUse: fc.nat({ max: 600 }),
      contactsLeft: fc.oneof(fc.nat({ max: 1000 }), fc.constant(Infinity)),
    },
    { requiredKeys: ['maxLines', 'contactsLeft'] },
  ),
  timing: fc.record({
    openingSec: fc.double({ min: 0, max: 10, noNaN: true }),
    graceSec: fc.constantFrom(0, 2, 5),
    ringTimeoutSec: fc.constantFrom(15, 25, 40),
  }),
});

const readyOf = (i: PacingInput): number => i.agents.filter((a) => a.state === 'ready').length;

describe('callsToPlace — properties', () => {
  it('returns a non-negative integer within free lines and contacts left', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const d = callsToPlace(input);
        expect(Number.isInteger(d.calls)).toBe(true);
        expect(d.calls).toBeGreaterThanOrEqual(0);
        expect(d.calls).toBeLessThanOrEqual(input.limits.contactsLeft);
        const connected = input.agents.filter((a) => a.state === 'onCall' || a.state === 'reserved').length;
        const inUse = input.limits.linesInUse ?? input.callsInFlight.length + connected;
        expect(d.calls).toBeLessThanOrEqual(Math.max(0, input.limits.maxLines - inUse));
      }),
      { numRuns: 400 },
    );
  });

  it('preview places nothing; progressive places ready − in flight, bounded by limits', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(callsToPlace({ ...input, mode: 'preview' }).calls).toBe(0);
        const d = callsToPlace({ ...input, mode: 'progressive' });
        expect(d.calls).toBe(Math.min(Math.max(0, readyOf(input) - input.callsInFlight.length), d.diagnostics.capacity));
      }),
      { numRuns: 300 },
    );
  });

  it('predictive places at least what progressive would', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const pred = callsToPlace({ ...input, mode: 'predictive' });
        const prog = callsToPlace({ ...input, mode: 'progressive' });
        expect(pred.calls).toBeGreaterThanOrEqual(prog.calls);
      }),
      { numRuns: 300 },
    );
  });

  it('at or over the cap, predictive keeps at most one call in flight per ready agent', () => {
    fc.assert(
      fc.property(inputArb, fc.nat({ max: 5000 }), (input, answered) => {
        const over = { abandoned: Math.ceil(answered * 0.04) + 1, liveAnswered: answered };
        const d = callsToPlace({
          ...input,
          mode: 'predictive',
          abandon: { lifetime: input.abandon.lifetime, last30Days: over, cap: 0.03 },
        });
        expect(d.calls).toBeLessThanOrEqual(Math.max(0, readyOf(input) - input.callsInFlight.length));
      }),
      { numRuns: 300 },
    );
  });

  it('more ready agents never mean fewer calls, all else equal', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 5 }), (input, extra) => {
        for (const mode of ['progressive', 'predictive'] as const) {
          const base = callsToPlace({ ...input, mode });
          const more = callsToPlace({
            ...input,
            mode,
            agents: [...input.agents, ...Array.from({ length: extra }, () => ({ state: 'ready' as const, secondsInState: 0 }))],
          });
          expect(more.calls).toBeGreaterThanOrEqual(base.calls);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is a pure function of its input', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const frozen = JSON.stringify(input);
        const a = callsToPlace(input);
        expect(JSON.stringify(input)).toBe(frozen);
        expect(callsToPlace(input)).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });
});
