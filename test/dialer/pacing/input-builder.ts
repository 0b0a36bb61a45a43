/** Builds PacingInput values for the pacing tests: sensible defaults, overridable parts. */
import { lognormalFromMean } from '../../../src/dialer/pacing/distributions.js';
import type {
  AgentSnapshot,
  AgentState,
  CallInFlight,
  PacingInput,
  PacingStats,
} from '../../../src/dialer/pacing/types.js';

export const STATS: PacingStats = {
  liveAnswerRate: 0.35,
  answerRateSamples: 5000,
  meanTimeToAnswerSec: 11.5,
  talk: lognormalFromMean(90, 0.8),
  meanWrapSec: 10,
};

/** `n` agents in `state`, each `secondsInState` into it. */
export const agents = (n: number, state: AgentState, secondsInState = 0): AgentSnapshot[] =>
  Array.from({ length: n }, () => ({ state, secondsInState }));

/** `n` calls ringing, each `ageSec` old. */
export const ringing = (n: number, ageSec = 5): CallInFlight[] =>
  Array.from({ length: n }, () => ({ stage: 'ringing', ageSec }));

/** A healthy predictive floor: 1,000 answers, 1.5% abandoned, plenty of lines and contacts. */
export function makeInput(overrides: Partial<PacingInput> = {}): PacingInput {
  return {
    mode: 'predictive',
    agents: [...agents(4, 'ready'), ...agents(12, 'onCall', 60), ...agents(4, 'wrapUp', 3)],
    callsInFlight: ringing(6),
    stats: STATS,
    abandon: {
      lifetime: { abandoned: 15, liveAnswered: 1000 },
      last30Days: { abandoned: 15, liveAnswered: 1000 },
      cap: 0.03,
    },
    limits: { maxLines: 1000, contactsLeft: 100_000 },
    timing: { openingSec: 5, graceSec: 2, ringTimeoutSec: 25 },
    ...overrides,
  };
}
