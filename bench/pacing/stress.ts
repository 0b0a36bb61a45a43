/**
 * The stress section of `bench/pacing.ts`: floors that change under pacing's feet, run for
 * seeds 1–5, each as a brand-new campaign and as one with a campaign history (a previous
 * 8-hour shift of the same campaign at the scenario's starting conditions, whose estimators
 * and abandon record carry over — the steady state of a campaign that has run before).
 *
 * Per scenario: the worst running abandon rate after the campaign's first 100 live answers
 * (the cap counts the campaign's record, history included), the final abandon rate and the
 * occupancy (both means over the seeds), and how many runs breached the cap.
 */
import { simulateFloor, type FloorChange, type FloorMetrics, type FloorOptions } from '../../src/dialer/pacing/des.js';

export interface StressScenario {
  readonly name: string;
  readonly agents: number;
  readonly liveAnswerRate: number;
  readonly talkMeanSec?: number;
  readonly changes?: readonly FloorChange[];
}

const HOUR = 3600;

export const STRESS_SCENARIOS: readonly StressScenario[] = [
  { name: 'answer 15%→60% at 4 h, 5 agents', agents: 5, liveAnswerRate: 0.15, changes: [{ atSec: 4 * HOUR, liveAnswerRate: 0.6 }] },
  { name: 'answer 15%→60% at 4 h, 20 agents', agents: 20, liveAnswerRate: 0.15, changes: [{ atSec: 4 * HOUR, liveAnswerRate: 0.6 }] },
  { name: 'answer 60%→15% at 4 h, 5 agents', agents: 5, liveAnswerRate: 0.6, changes: [{ atSec: 4 * HOUR, liveAnswerRate: 0.15 }] },
  { name: 'answer 60%→15% at 4 h, 20 agents', agents: 20, liveAnswerRate: 0.6, changes: [{ atSec: 4 * HOUR, liveAnswerRate: 0.15 }] },
  {
    name: 'agents 20→10 at 3 h→30 at 5 h, 35%',
    agents: 20,
    liveAnswerRate: 0.35,
    changes: [
      { atSec: 3 * HOUR, agents: 10 },
      { atSec: 5 * HOUR, agents: 30 },
    ],
  },
  { name: '2 agents, 35%', agents: 2, liveAnswerRate: 0.35 },
  { name: '3 agents, 35%', agents: 3, liveAnswerRate: 0.35 },
  { name: 'talk mean 30 s, 20 agents, 35%', agents: 20, liveAnswerRate: 0.35, talkMeanSec: 30 },
  { name: 'talk mean 300 s, 20 agents, 35%', agents: 20, liveAnswerRate: 0.35, talkMeanSec: 300 },
];

export const STRESS_SEEDS = [1, 2, 3, 4, 5] as const;

/** Figures of one scenario over the seeds. */
export interface StressFigures {
  readonly worstRunningAbandon: number;
  readonly finalAbandon: number;
  readonly occupancy: number;
  readonly breaches: number;
}

/** One scenario for one seed, optionally after a history shift at its starting conditions. */
export function runStress(s: StressScenario, seed: number, withHistory: boolean, cap: number, hours = 8): FloorMetrics {
  const floor: FloorOptions = {
    seed,
    mode: 'predictive',
    agents: s.agents,
    liveAnswerRate: s.liveAnswerRate,
    durationSec: hours * HOUR,
    abandonCap: cap,
    ...(s.talkMeanSec !== undefined ? { talkMeanSec: s.talkMeanSec } : {}),
  };
  if (!withHistory) return simulateFloor({ ...floor, ...(s.changes ? { changes: s.changes } : {}) });
  const previous = simulateFloor({ ...floor, seed: seed + 1000 });
  return simulateFloor({
    ...floor,
    ...(s.changes ? { changes: s.changes } : {}),
    history: { stats: previous.endStats, liveAnswered: previous.liveAnswered, abandoned: previous.abandoned },
  });
}

/** Runs a scenario over every seed and sums it up. */
export function stressFigures(s: StressScenario, withHistory: boolean, cap: number, hours = 8): StressFigures {
  const runs = STRESS_SEEDS.map((seed) => runStress(s, seed, withHistory, cap, hours));
  const meanOf = (f: (m: FloorMetrics) => number) => runs.reduce((a, m) => a + f(m), 0) / runs.length;
  return {
    worstRunningAbandon: Math.max(...runs.map((m) => m.maxRunningAbandonRate)),
    finalAbandon: meanOf((m) => m.campaignAbandonRate),
    occupancy: meanOf((m) => m.occupancy),
    breaches: runs.filter((m) => m.maxRunningAbandonRate > cap).length,
  };
}
