/**
 * Plain-data options and results of the floor simulation (des.ts).
 */
import type { CampaignStatsState, StatsPriors } from './stats.js';
import type { DialMode, PacingDecision, PacingInput, PredictiveTuning } from './types.js';

/**
 * A change to the floor during a shift, from `atSec` on: a new live-answer rate (a fresh list
 * after a recycled one, evening vs morning) and/or a new number of logged-in agents. Agents
 * who log out finish their call and wrap-up first; pacing is not told in advance.
 */
export interface FloorChange {
  readonly atSec: number;
  readonly liveAnswerRate?: number;
  readonly agents?: number;
}

/** What the campaign carries into this shift from earlier ones. */
export interface FloorHistory {
  /** The rolling estimators as the last shift left them. */
  readonly stats: CampaignStatsState;
  /** Abandon record so far (both the lifetime and the 30-day window, as one campaign-month). */
  readonly liveAnswered: number;
  readonly abandoned: number;
}

/** What to simulate. Only seed, mode, agents and liveAnswerRate are required. */
export interface FloorOptions {
  readonly seed: number;
  readonly mode: DialMode;
  readonly agents: number;
  /** Probability a placed call is answered by a live person. */
  readonly liveAnswerRate: number;
  /** Simulated shift length; default 8 h. */
  readonly durationSec?: number;
  readonly answerDelaySec?: { readonly min: number; readonly max: number };
  readonly ringTimeoutSec?: number;
  readonly openingSec?: number;
  readonly graceSec?: number;
  readonly talkMeanSec?: number;
  readonly talkSigma?: number;
  readonly wrapSec?: number;
  /** Pacing is consulted every tick; default 1 s. */
  readonly tickSec?: number;
  readonly abandonCap?: number;
  readonly maxLines?: number;
  readonly contacts?: number;
  readonly tuning?: Partial<PredictiveTuning>;
  readonly priors?: StatsPriors;
  /** The running abandon rate is watched only after this many live answers; default 100. */
  readonly warmupAnswers?: number;
  /** Changes to the floor during the shift, in time order. */
  readonly changes?: readonly FloorChange[];
  /** A campaign that has run before: its estimators and abandon record carry over. */
  readonly history?: FloorHistory;
  /** Called after every pacing decision, for traces and diagnostics. */
  readonly onDecision?: (t: number, input: PacingInput, decision: PacingDecision, floor: FloorCounters) => void;
}

/** Running totals of a simulation, as seen by `onDecision`. */
export interface FloorCounters {
  readonly placed: number;
  readonly liveAnswered: number;
  readonly abandoned: number;
}

/** Results of one simulated shift. */
export interface FloorMetrics {
  readonly mode: DialMode;
  readonly seed: number;
  readonly agents: number;
  readonly liveAnswerRate: number;
  readonly durationSec: number;
  readonly placed: number;
  /** Calls answered by a live person (abandoned ones included). */
  readonly liveAnswered: number;
  /** Live answers that reached an agent. */
  readonly connected: number;
  readonly abandoned: number;
  /** Agent-seconds connected to customers. */
  readonly talkSec: number;
  /** Agent-seconds logged in (agents × durationSec on a floor that does not change). */
  readonly loggedInSec: number;
  /** talkSec ÷ loggedInSec. */
  readonly occupancy: number;
  /** abandoned ÷ liveAnswered (0 with no answers). */
  readonly abandonRate: number;
  /**
   * The highest running abandon rate of the campaign (history included, as the cap counts it)
   * seen at any moment after its first `warmupAnswers` live answers.
   */
  readonly maxRunningAbandonRate: number;
  /** The campaign's abandon rate at the end of the shift, history included. */
  readonly campaignAbandonRate: number;
  /** Connected calls per logged-in agent-hour. */
  readonly connectedPerAgentHour: number;
  /** Live answers per logged-in agent-hour. */
  readonly liveAnsweredPerAgentHour: number;
  /** Upper bound on occupancy with agents never idle: talk ÷ (talk + wrap). */
  readonly occupancyBound: number;
  /** Most calls in flight (dialing, ringing or queued) at once. */
  readonly peakCallsInFlight: number;
  /** The estimators at the end of the shift, to carry into the next one as history. */
  readonly endStats: CampaignStatsState;
}

