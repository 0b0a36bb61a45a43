/**
 * Feedback of the predictive model: how much risk the next call may carry, from the
 * campaign's abandon record. Pure.
 *
 * Proportional part: g_P = (cap − r) ÷ (cap − target), clamped to [0, maxRiskGain], where r
 * is the measured rate shrunk towards the target by a prior of `priorAnswers` live answers
 * (the stricter of the windows). On its own it settles where the model's own caution puts it,
 * which is below the target (1.5–2% for a 2.4% target on large floors): occupancy left unused.
 *
 * Integral part: the abandons the campaign holds in hand below its target, target × L − A,
 * are the integral of the error (target − rate) over its L answers. Only the part beyond a
 * dead band of `integralDeadBandSd` standard deviations of the abandon count, √(target × L),
 * is evidence that the pacing sits below target rather than luck: g_I = integralGain ×
 * (surplus − band), clamped to [0, maxIntegralGain], counted in the stricter window. It only
 * ever raises the limit, only once the campaign has `integralMinAnswers` answers (a young
 * campaign's surplus is luck, not evidence), and it vanishes as the record nears the target:
 * unlike a stored integral it cannot wind up past it. The band matters on a small floor:
 * 5 agents answer ~1,200 calls a shift, whose surplus of a few abandons is within one
 * standard deviation (≈5), and raising the limit on it cost the 5-agent 35% floor 0.15 point
 * of occupancy (bench); 100 agents (~29,000 answers) settling at 1.8% hold ~170 in hand
 * against a band of ~26.
 *
 * Risk limit = baseRisk × (g_P + g_I).
 */
import type { AbandonWindow, PredictiveTuning } from './types.js';

/** The parts of the risk limit, for diagnostics. */
export interface RiskLimit {
  /** Largest P(the next live answer finds no agent) allowed now. */
  readonly limit: number;
  /** The abandon rate aimed at (cap × targetFraction, lower while the campaign is young). */
  readonly target: number;
  readonly proportionalGain: number;
  readonly integralGain: number;
  /** Abandons in hand below the target in the stricter window (negative: over the target). */
  readonly surplusAbandons: number;
}

/** The abandon rate aimed at: cap × targetFraction, never closer than `headroomAbandons` to the cap. */
export function abandonTarget(cap: number, answered: number, tuning: PredictiveTuning): number {
  return Math.max(0, Math.min(cap * tuning.targetFraction, cap - tuning.headroomAbandons / Math.max(1, answered)));
}

/** The risk limit for the next call, from the abandon windows (lifetime and 30 days). */
export function riskLimit(windows: readonly AbandonWindow[], cap: number, tuning: PredictiveTuning): RiskLimit {
  const answered = Math.min(...windows.map((w) => w.liveAnswered));
  const target = abandonTarget(cap, answered, tuning);
  const smoothed = Math.max(...windows.map((w) => (w.abandoned + target * tuning.priorAnswers) / (w.liveAnswered + tuning.priorAnswers)));
  const proportionalGain = Math.min(tuning.maxRiskGain, Math.max(0, (cap - smoothed) / Math.max(1e-9, cap - target)));
  const surplusAbandons = Math.min(...windows.map((w) => target * w.liveAnswered - w.abandoned));
  // Only the surplus beyond a dead band is evidence: the abandons of L answers are a count with
  // a standard deviation of about √(target × L), and a surplus within it is as likely luck as
  // pacing (on a 5-agent floor it is most of the surplus there is; on 100 agents a small part).
  const evidence = Math.min(
    ...windows.map((w) => target * w.liveAnswered - w.abandoned - tuning.integralDeadBandSd * Math.sqrt(target * w.liveAnswered)),
  );
  const integralGain =
    answered >= tuning.integralMinAnswers ? Math.min(tuning.maxIntegralGain, Math.max(0, tuning.integralGain * evidence)) : 0;
  return { limit: tuning.baseRisk * (proportionalGain + integralGain), target, proportionalGain, integralGain, surplusAbandons };
}
