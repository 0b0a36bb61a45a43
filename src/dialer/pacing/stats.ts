/**
 * Rolling estimators the dial loop feeds as calls resolve, and their summary for pacing.
 * Pure and deterministic: each `record…` returns a new state; nothing reads a clock.
 *
 * "Rolling" is by exponential forgetting per observation: every new observation multiplies
 * the weight of the old ones by 2^(−1/halfLife), so an estimate follows a campaign whose
 * list or time of day changes, while a prior keeps it sane before the first calls resolve.
 * The answer rate and talk time are also watched for abrupt changes (change-detection.ts).
 */
import {
  bernoulliVariance,
  decayFactor,
  EMPTY_TWO_SPEED,
  momentsMean,
  momentsVariance,
  recordTwoSpeed,
  type ChangeDetection,
  type TwoSpeed,
  type WeightedMoments,
} from './change-detection.js';
import { erfc, lognormalFromMean, type Lognormal } from './distributions.js';
import type { PacingStats } from './types.js';


// ---------------------------------------------------------------------------------------
// Live-answer rate

/**
 * Placed calls that resolved, as 0/1 (live answer or not), followed at two speeds: see
 * change-detection.ts. The slow half-life is 2,000 attempts; the fast one 150, so a list that
 * answers four times as often is noticed within a few dozen attempts.
 */
export type AnswerRateState = TwoSpeed;

/** A prior belief, worth `weight` attempts. */
export interface RatePrior {
  readonly rate: number;
  readonly weight: number;
}

export const ANSWER_RATE_DETECTION: ChangeDetection = Object.freeze({
  slowHalfLife: 2000,
  fastHalfLife: 150,
  thresholdSe: 3.5,
  minFastCount: 40,
  restartWeight: 10,
});

export const EMPTY_ANSWER_RATE: AnswerRateState = EMPTY_TWO_SPEED;

/** Records one resolved attempt (live answer, or anything else: no answer, busy, failed, machine). */
export function recordAttempt(s: AnswerRateState, live: boolean, detection: Partial<ChangeDetection> = {}): AnswerRateState {
  return recordTwoSpeed(s, live ? 1 : 0, { ...ANSWER_RATE_DETECTION, ...detection }, bernoulliVariance);
}

/**
 * Posterior-mean live-answer rate of the slow estimate: (live + prior·weight) ÷ (attempts +
 * weight). Once a change has been detected the prior (a guess made before any call) no
 * longer speaks for the new floor and is dropped.
 */
export function estimateAnswerRate(s: AnswerRateState, prior: RatePrior): number {
  return blendedMean(s.slow, s.changes > 0 ? 0 : prior.weight, prior.rate);
}

/** The fast estimate alone (no prior once it has data), for the manager's view. */
export function fastAnswerRate(s: AnswerRateState, prior: RatePrior): number {
  return momentsMean(s.fast) ?? prior.rate;
}

/** (Σw·x + prior·weight) ÷ (Σw + weight). */
function blendedMean(m: WeightedMoments, weight: number, prior: number): number {
  const w = Math.max(0, weight);
  const n = m.w + w;
  return n > 0 ? (m.sum + prior * w) / n : prior;
}

// ---------------------------------------------------------------------------------------
// Durations with a bounded range (time to answer, ringing time of non-live calls)

/** Decayed histogram of durations in whole-second bins 0…counts.length−1 (last bin open). */
export interface DurationHistogram {
  readonly counts: readonly number[];
  readonly total: number;
}

/** An empty histogram covering 0…maxSec seconds. */
export function emptyHistogram(maxSec: number): DurationHistogram {
  return { counts: new Array<number>(Math.max(1, Math.ceil(maxSec) + 1)).fill(0), total: 0 };
}

/** Records one duration (seconds). */
export function recordDuration(h: DurationHistogram, sec: number, halfLife = 2000): DurationHistogram {
  const k = decayFactor(halfLife);
  const bin = Math.min(h.counts.length - 1, Math.max(0, Math.floor(sec)));
  const counts = h.counts.map((c, i) => c * k + (i === bin ? 1 : 0));
  return { counts, total: h.total * k + 1 };
}

/** Mean duration, taking each bin at its midpoint; `fallback` when empty. */
export function histogramMean(h: DurationHistogram, fallback: number): number {
  if (h.total <= 0) return fallback;
  let s = 0;
  h.counts.forEach((c, i) => {
    s += c * (i + 0.5);
  });
  return s / h.total;
}

/**
 * Survival curve: entry k = P(duration > k s), linear inside a bin. Undefined when empty, so
 * pacing falls back to its default assumption.
 */
export function survivalCurve(h: DurationHistogram): number[] | undefined {
  if (h.total <= 0) return undefined;
  const out: number[] = [1];
  let remaining = h.total;
  for (const c of h.counts) {
    remaining -= c;
    out.push(Math.max(0, remaining / h.total));
  }
  return out;
}

/**
 * The histogram plus `weight` pseudo-observations spread evenly over [0, 2·meanSec) — a
 * prior. It matters most at a campaign's start, when the only answers seen so far are the
 * quick ones (the slow ones have not happened yet) and the raw curve would say that a call
 * ringing for a few seconds will never be answered.
 */
export function withUniformPrior(h: DurationHistogram, prior: DurationPrior): DurationHistogram {
  const span = Math.max(1, 2 * prior.meanSec);
  const w = Math.max(0, prior.weight);
  if (w === 0) return h;
  const counts = h.counts.map((c, i) => {
    const overlap = Math.max(0, Math.min(i + 1, span) - i);
    return c + (w * overlap) / span;
  });
  // mass beyond the last bin folds into it (open-ended)
  const covered = counts.length;
  if (span > covered) counts[covered - 1] = (counts[covered - 1] ?? 0) + (w * (span - covered)) / span;
  return { counts, total: h.total + w };
}

/** Prior belief about a duration: its mean, worth `weight` observations. */
export interface DurationPrior {
  readonly meanSec: number;
  readonly weight: number;
}

// ---------------------------------------------------------------------------------------
// Talk time (lognormal) and wrap time (mean)

/**
 * ln(talk seconds), followed at two speeds (change-detection.ts): slow half-life 1,000 calls,
 * fast 60, so a new script or product that doubles talk time is noticed within a few dozen calls.
 */
export type LognormalState = TwoSpeed;

/** Prior talk-time law: its mean seconds and log-scale sigma, worth `weight` calls. */
export interface LognormalPrior {
  readonly meanSec: number;
  readonly sigma: number;
  readonly weight: number;
}

export const TALK_DETECTION: ChangeDetection = Object.freeze({
  slowHalfLife: 1000,
  fastHalfLife: 60,
  thresholdSe: 3.5,
  minFastCount: 20,
  restartWeight: 8,
});

export const EMPTY_LOGNORMAL: LognormalState = EMPTY_TWO_SPEED;

/** Spread of ln(talk) under the slow estimate, never below 0.2² (a few identical calls say little). */
const logTalkVariance = (m: WeightedMoments): number => Math.max(0.04, momentsVariance(m));

/** Records one talk time (seconds; under one second counts as one second). */
export function recordTalk(s: LognormalState, sec: number, detection: Partial<ChangeDetection> = {}): LognormalState {
  return recordTwoSpeed(s, Math.log(Math.max(1, sec)), { ...TALK_DETECTION, ...detection }, logTalkVariance);
}

/** EM steps for censored talk times: a fixed count keeps the result deterministic and cheap. */
const EM_ITERATIONS = 4;

/**
 * Lognormal fitted by moments of ln x, blended with the prior (normal–inverse-gamma style).
 *
 * `ongoingSec` are the elapsed times of conversations still in progress: right-censored
 * observations (we know only T > elapsed). Without them, a shift's first estimates are
 * biased short — the first calls to finish are the short ones — and pacing would expect
 * agents back far too soon. Each contributes E[ln T | T > elapsed] and its second moment
 * under the current fit, iterated a few times (EM), which removes most of that bias.
 */
export function estimateLognormal(s: LognormalState, prior: LognormalPrior, ongoingSec: readonly number[] = []): Lognormal {
  const p = lognormalFromMean(prior.meanSec, prior.sigma);
  // once a change has been detected the prior no longer speaks for the new floor
  const w = s.changes > 0 ? 0 : Math.max(0, prior.weight);
  const n0 = s.slow.w + w;
  if (n0 <= 0) return p;
  const sum1 = s.slow.sum + p.mu * w;
  // second moment of ln x under the prior is sigma² + mu²
  const sum2 = s.slow.sumSq + (p.sigma * p.sigma + p.mu * p.mu) * w;
  const fit = (n: number, m1: number, m2: number): Lognormal => {
    const mu = m1 / n;
    return { mu, sigma: Math.sqrt(Math.max(1e-6, m2 / n - mu * mu)) };
  };
  let current = fit(n0, sum1, sum2);
  if (ongoingSec.length === 0) return current;
  const logs = ongoingSec.map((e) => Math.log(Math.max(1, e)));
  for (let iteration = 0; iteration < EM_ITERATIONS; iteration++) {
    const { mu, sigma } = current;
    let m1 = sum1;
    let m2 = sum2;
    for (const c of logs) {
      const alpha = (c - mu) / sigma;
      const tail = 0.5 * erfc(alpha / Math.SQRT2);
      // inverse Mills ratio φ(α)/(1−Φ(α)); its asymptote where the tail underflows
      const lambda = tail > 1e-300 ? Math.exp(-0.5 * alpha * alpha) / Math.sqrt(2 * Math.PI) / tail : alpha + 1 / alpha;
      const m = mu + sigma * lambda;
      const v = sigma * sigma * Math.max(0, 1 + alpha * lambda - lambda * lambda);
      m1 += m;
      m2 += v + m * m;
    }
    current = fit(n0 + logs.length, m1, m2);
  }
  return current;
}

/** Decayed count and sum, for a mean. */
export interface MeanState {
  readonly n: number;
  readonly sum: number;
}

export const EMPTY_MEAN: MeanState = Object.freeze({ n: 0, sum: 0 });

/** Records one value. */
export function recordValue(s: MeanState, value: number, halfLife = 1000): MeanState {
  const k = decayFactor(halfLife);
  return { n: s.n * k + 1, sum: s.sum * k + value };
}

/** Mean blended with a prior worth `weight` observations. */
export function estimateMean(s: MeanState, prior: { readonly mean: number; readonly weight: number }): number {
  const n = s.n + Math.max(0, prior.weight);
  return n > 0 ? (s.sum + prior.mean * prior.weight) / n : prior.mean;
}

// ---------------------------------------------------------------------------------------
// Everything pacing needs, together

/** All estimators of one campaign. */
export interface CampaignStatsState {
  readonly answerRate: AnswerRateState;
  readonly timeToLiveAnswer: DurationHistogram;
  readonly nonLiveDuration: DurationHistogram;
  readonly talk: LognormalState;
  readonly wrap: MeanState;
}

/** Priors used until the campaign's own calls speak. */
export interface StatsPriors {
  readonly answerRate: RatePrior;
  /** Time from placing a call to a live answer: uniform on [0, 2·meanSec) a priori. */
  readonly timeToAnswer: DurationPrior;
  readonly talk: LognormalPrior;
  readonly wrap: { readonly mean: number; readonly weight: number };
}

/**
 * Conservative defaults: a high live-answer rate (until the campaign shows otherwise, pacing
 * expects many answers per call and places few calls — idle agents rather than abandons),
 * typical talk and wrap.
 */
export const DEFAULT_STATS_PRIORS: StatsPriors = Object.freeze({
  answerRate: { rate: 0.5, weight: 50 },
  timeToAnswer: { meanSec: 12, weight: 100 },
  talk: { meanSec: 90, sigma: 0.8, weight: 100 },
  wrap: { mean: 15, weight: 5 },
});

/** Empty estimators; `maxRingSec` bounds the ringing-time histograms (ring timeout or more). */
export function emptyCampaignStats(maxRingSec = 60): CampaignStatsState {
  return {
    answerRate: EMPTY_ANSWER_RATE,
    timeToLiveAnswer: emptyHistogram(maxRingSec),
    nonLiveDuration: emptyHistogram(maxRingSec),
    talk: EMPTY_LOGNORMAL,
    wrap: EMPTY_MEAN,
  };
}

/** A call answered by a live person `afterSec` seconds after it was placed. */
export function recordLiveAnswer(s: CampaignStatsState, afterSec: number): CampaignStatsState {
  return {
    ...s,
    answerRate: recordAttempt(s.answerRate, true),
    timeToLiveAnswer: recordDuration(s.timeToLiveAnswer, afterSec),
  };
}

/** A call that ended without a live answer `afterSec` seconds after it was placed. */
export function recordNonLive(s: CampaignStatsState, afterSec: number): CampaignStatsState {
  return {
    ...s,
    answerRate: recordAttempt(s.answerRate, false),
    nonLiveDuration: recordDuration(s.nonLiveDuration, afterSec),
  };
}

/** A finished conversation of `talkSec` seconds (agent connected to customer). */
export function recordTalkTime(s: CampaignStatsState, talkSec: number): CampaignStatsState {
  return { ...s, talk: recordTalk(s.talk, talkSec) };
}

/** A finished wrap-up of `wrapSec` seconds. */
export function recordWrapTime(s: CampaignStatsState, wrapSec: number): CampaignStatsState {
  return { ...s, wrap: recordValue(s.wrap, wrapSec) };
}

/**
 * The summary pacing reads. `ongoingTalkSec`: elapsed seconds of the conversations in
 * progress now (see estimateLognormal for why they matter).
 */
export function toPacingStats(
  s: CampaignStatsState,
  priors: StatsPriors = DEFAULT_STATS_PRIORS,
  ongoingTalkSec: readonly number[] = [],
): PacingStats {
  const timeToAnswer = withUniformPrior(s.timeToLiveAnswer, priors.timeToAnswer);
  const liveSurvival = survivalCurve(timeToAnswer);
  const nonLiveSurvival = survivalCurve(s.nonLiveDuration);
  return {
    liveAnswerRate: estimateAnswerRate(s.answerRate, priors.answerRate),
    answerRateSamples: s.answerRate.slow.w + (s.answerRate.changes > 0 ? 0 : priors.answerRate.weight),
    answerRateFast: fastAnswerRate(s.answerRate, priors.answerRate),
    answerRateChanges: s.answerRate.changes,
    talkChanges: s.talk.changes,
    meanTimeToAnswerSec: histogramMean(timeToAnswer, priors.timeToAnswer.meanSec),
    ...(liveSurvival ? { liveAnswerSurvival: liveSurvival } : {}),
    ...(nonLiveSurvival ? { nonLiveSurvival } : {}),
    talk: estimateLognormal(s.talk, priors.talk, ongoingTalkSec),
    meanWrapSec: estimateMean(s.wrap, priors.wrap),
  };
}
