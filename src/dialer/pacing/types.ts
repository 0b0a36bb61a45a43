/**
 * Plain-data shapes of the pacing core: what the dial loop tells it (PacingInput) and what it
 * answers (PacingDecision). No behaviour here.
 */
import type { Lognormal } from './distributions.js';

/** How a campaign paces its calls. */
export type DialMode = 'preview' | 'progressive' | 'predictive';

/**
 * An agent's state as pacing sees it. `reserved` is an agent being connected to a call
 * (busy from pacing's point of view); `paused` (示忙) never takes a call.
 */
export type AgentState = 'ready' | 'reserved' | 'onCall' | 'wrapUp' | 'paused';

/** One logged-in agent. */
export interface AgentSnapshot {
  readonly state: AgentState;
  /** Seconds since the agent entered this state (for `onCall`: since the call was connected). */
  readonly secondsInState: number;
}

/**
 * Stage of an outbound call that has not yet reached an agent:
 * `dialing`/`ringing` – not answered yet; `queued` – answered by a live person, hearing the
 * opening, waiting for a free agent (abandoned if none is free within the grace period).
 */
export type CallStage = 'dialing' | 'ringing' | 'queued';

/** One call placed by the dialer that has not reached an agent. */
export interface CallInFlight {
  readonly stage: CallStage;
  /** Seconds since the call was placed. */
  readonly ageSec: number;
}

/** Recent behaviour of the campaign's calls and agents, as estimated by `stats.ts`. */
export interface PacingStats {
  /** Estimated probability that a placed call is answered by a live person. */
  readonly liveAnswerRate: number;
  /** Effective number of attempts behind that estimate (its prior included). */
  readonly answerRateSamples: number;
  /** The fast (short half-life) answer-rate estimate, for display; liveAnswerRate is the one used. */
  readonly answerRateFast?: number;
  /** Changes of answer rate detected so far (the slow estimate restarted from the fast one). */
  readonly answerRateChanges?: number;
  /** Changes of talk time detected so far. */
  readonly talkChanges?: number;
  /** Mean seconds from placing a call to a live answer. */
  readonly meanTimeToAnswerSec: number;
  /**
   * Optional: entry k = P(a call that will be answered live is still unanswered k seconds
   * after it was placed). Without it, answers are taken as uniform on [0, 2·mean].
   */
  readonly liveAnswerSurvival?: readonly number[];
  /**
   * Optional: entry k = P(a call that will not be answered live is still up k seconds after
   * it was placed). Without it, such calls are taken to ring until the ring timeout.
   */
  readonly nonLiveSurvival?: readonly number[];
  /** Talk time (agent connected to customer), seconds, as a lognormal law. */
  readonly talk: Lognormal;
  /** Mean wrap-up seconds after a call. */
  readonly meanWrapSec: number;
}

/** Abandoned and live-answered counts over one window. Abandoned calls are live answers too. */
export interface AbandonWindow {
  readonly abandoned: number;
  readonly liveAnswered: number;
}

/** The campaign's abandon record and its cap (fraction of live answers, default 0.03). */
export interface AbandonCounts {
  readonly lifetime: AbandonWindow;
  readonly last30Days: AbandonWindow;
  readonly cap: number;
}

/** Hard limits on how many calls may be placed now. */
export interface PacingLimits {
  /** Trunk/campaign limit on simultaneous customer channels. */
  readonly maxLines: number;
  /**
   * Customer channels up now (dialing, ringing, queued, connected, safe-harbour playing).
   * Defaults to calls in flight plus agents `onCall`/`reserved`.
   */
  readonly linesInUse?: number;
  /** Numbers still dialable now (inside the calling window, attempts left). */
  readonly contactsLeft: number;
}

/** Timing of the call flow that decides when a call counts as abandoned. */
export interface CallTiming {
  /** Length of the recorded opening every answered call hears first. */
  readonly openingSec: number;
  /** A free agent must be connected within this many seconds of the opening's end (2). */
  readonly graceSec: number;
  /** A call not answered by then is hung up. */
  readonly ringTimeoutSec: number;
}

/** Knobs of the predictive model; every field has a default (see DEFAULT_PREDICTIVE_TUNING). */
export interface PredictiveTuning {
  /** The controller aims at cap × targetFraction, keeping headroom below the cap. */
  readonly targetFraction: number;
  /** …and never closer to the cap than this many abandons (matters while a campaign is young). */
  readonly headroomAbandons: number;
  /**
   * Largest chance that one more live answer finds no agent, when the measured abandon rate
   * is on target. The feedback term scales it between 0 and maxRiskGain × baseRisk.
   */
  readonly baseRisk: number;
  /** Upper bound on the feedback gain applied to baseRisk. */
  readonly maxRiskGain: number;
  /** Weight, in live answers, of the prior "we are on target" folded into the measured rate. */
  readonly priorAnswers: number;
  /**
   * Abandons kept in reserve: predictive calls are placed only while the abandons expected
   * from everything in flight still leave this many in hand under the cap.
   */
  readonly budgetReserve: number;
  /**
   * The budget test counts the in-flight abandons at the quantile they exceed with at most
   * this probability, so that a run of bad luck among the calls in flight still fits under
   * the cap (the early-shift guard).
   */
  readonly budgetTailProbability: number;
  /**
   * The budget of a young campaign is that of this many live answers, and its rate is judged
   * over at least this many for the at-cap fallback: the abandon rate is judged over the
   * campaign's record (30 days), and a record this short says nothing yet.
   */
  readonly budgetFloorAnswers: number;
  /**
   * While the record is shorter than `budgetFloorAnswers`, a decision places at most this many
   * calls beyond progressive: the lent budget is spent a few calls at a time, as the estimates
   * learn the list, not on one wave sized by the prior.
   */
  readonly youngExtraCalls: number;
  /** Integral feedback: risk gain per abandon held in hand below the target. */
  readonly integralGain: number;
  /** Upper bound on the integral gain. */
  readonly maxIntegralGain: number;
  /** The integral part acts only once the campaign has this many live answers. */
  readonly integralMinAnswers: number;
  /**
   * Dead band of the integral part, in standard deviations of the abandon count
   * (√(target × live answered)): only the surplus beyond it raises the risk limit.
   */
  readonly integralDeadBandSd: number;
  /** Calls in flight per non-paused agent never exceed this (guards a bad answer-rate estimate). */
  readonly maxCallsPerAgent: number;
}

/** Everything the pacing decision needs, as plain data. */
export interface PacingInput {
  readonly mode: DialMode;
  readonly agents: readonly AgentSnapshot[];
  readonly callsInFlight: readonly CallInFlight[];
  readonly stats: PacingStats;
  readonly abandon: AbandonCounts;
  readonly limits: PacingLimits;
  readonly timing: CallTiming;
  readonly tuning?: Partial<PredictiveTuning>;
}

/** Why the decision came out as it did. */
export type PacingReason =
  | 'preview'
  | 'progressive'
  | 'predictive'
  | 'predictive-at-cap'
  | 'no-agents'
  | 'no-contacts'
  | 'no-lines';

/** Figures behind a decision, for logs and the manager's live view. */
export interface PacingDiagnostics {
  readonly readyAgents: number;
  readonly callsInFlight: number;
  /** Free line/contact capacity this decision was bounded by. */
  readonly capacity: number;
  /** Calls that progressive pacing would place (ready agents − calls in flight, ≥ 0). */
  readonly progressiveCalls: number;
  /** Predictive only: expected agents free in time for a call placed now. */
  readonly expectedFreeAgents?: number;
  /** Predictive only: expected live answers among calls in flight plus the new ones. */
  readonly expectedLiveAnswers?: number;
  /** Predictive only: (calls in flight + new calls) ÷ expected free agents. */
  readonly dialLevel?: number;
  /** Predictive only: mean seconds until a call placed now, if live, needs an agent. */
  readonly horizonSec?: number;
  /** Predictive only: P(one more live answer finds no agent) after the new calls. */
  readonly marginalRisk?: number;
  /** Predictive only: the largest marginal risk allowed now (after feedback). */
  readonly riskLimit?: number;
  /** Predictive only: the abandon rate the feedback aims at. */
  readonly targetAbandonRate?: number;
  /** Predictive only: the proportional and integral parts of the feedback gain. */
  readonly proportionalGain?: number;
  readonly integralGain?: number;
  /** Predictive only: abandons in hand below the target (negative: over it). */
  readonly surplusAbandons?: number;
  /**
   * Predictive only: what stopped the pass from placing more —
   * `risk` (the next call's abandon risk would pass the limit), `budget` (the abandons in
   * flight, at their tail quantile, would not fit under the cap), `per-agent` (calls in flight
   * per agent at their ceiling), `capacity` (lines or contacts), or none (progressive calls).
   */
  readonly stoppedBy?: 'risk' | 'budget' | 'young-record' | 'per-agent' | 'capacity';
  /** Predictive only: the answer-rate estimates, fast and in use (slow), and changes detected. */
  readonly answerRateFast?: number;
  readonly answerRateSlow?: number;
  readonly answerRateChanges?: number;
  /** Predictive only: expected abandons among everything in flight after the new calls. */
  readonly expectedAbandons?: number;
  /** Predictive only: how much the new calls add to expectedAbandons (model calibration). */
  readonly addedExpectedAbandons?: number;
  /** Predictive only: the stricter measured abandon rate (lifetime vs 30 days). */
  readonly measuredAbandonRate?: number;
  /** Predictive only: which window was stricter. */
  readonly stricterWindow?: 'lifetime' | 'last30Days';
}

/** The pacing answer: how many new calls to place now, and why. */
export interface PacingDecision {
  /** Non-negative integer. */
  readonly calls: number;
  readonly reason: PacingReason;
  readonly diagnostics: PacingDiagnostics;
}
