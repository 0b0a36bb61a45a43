/**
 * Predictive pacing: how many calls to place now so that agents stay busy while the share of
 * live answers that find no agent stays under the campaign's abandon cap.
 *
 * The model, in one snapshot:
 *
 *  1. Supply S — agents free in time for a call placed now. Such a call, if live, is
 *     answered after A seconds (the campaign's answer-time law) and needs an agent by
 *     A + opening + grace; each agent's chance is averaged over that deadline's spread.
 *     Each agent is an independent yes/no event:
 *       ready → 1;  paused → 0;
 *       wrapping for w s → free at W − w (W = mean wrap-up);
 *       talking for e s → P(T ≤ e + deadline − W | T > e) for the lognormal talk time T: the
 *       call must end and the wrap-up finish before the deadline. Knowing e matters: a call
 *       already long is, for a lognormal, less and less likely to end in the next seconds.
 *  2. Demand D — live answers still to come from calls already placed: a queued call (already
 *     answered, waiting) counts 1; a call still ringing after a s is live with the Bayes
 *     posterior p·Sₗ(a) / (p·Sₗ(a) + (1−p)·Sₙ(a)), where p is the live-answer rate and Sₗ, Sₙ
 *     the survival curves of ringing time for live and non-live calls. A call past the live
 *     answer window counts ~0 even though it still holds a line.
 *  3. Both are Poisson-binomial sums, computed exactly. Z = D − S is the shortfall. Each new
 *     call adds one more Bernoulli(p) to D. The chance that one more live answer finds no
 *     free agent is P(Z ≥ 0) — the marginal abandon risk of the next call; E[Z⁺] is the
 *     expected number of abandons among everything in flight.
 *  4. Place calls one at a time while the marginal risk stays under a limit. By the model,
 *     every call is then abandoned (if live) with at most that probability, most with less.
 *
 * Feedback, because the snapshot is an approximation (calls already in flight are judged
 * against the same deadlines as a new one, agents and calls are treated as independent, the
 * order in which waiting answers are served is ignored):
 *  - measured rate = abandoned ÷ live answered over the stricter of lifetime and 30 days;
 *  - at or over the cap → fall back to progressive (at most one call per ready agent in
 *    flight), which by construction cannot abandon. A record shorter than
 *    `budgetFloorAnswers` is judged as if it had that many answers (as the budget below):
 *    one abandon among the first 20 answers is not a 5% campaign, and falling back for it
 *    cost a small floor a quarter of an hour of progressive dialing;
 *  - otherwise the risk limit is baseRisk × (g_P + g_I) (risk-limit.ts): g_P = (cap − r) ÷
 *    (cap − target), clamped to [0, maxRiskGain], where r is the measured rate shrunk towards
 *    the target by a prior of `priorAnswers` live answers — so with little history the
 *    controller starts neutral, loosens while well under target and tightens to nothing as
 *    the rate nears the cap; g_I grows with the abandons held in hand below the target once
 *    the campaign has enough answers and the surplus is beyond a dead band of one standard
 *    deviation of the abandon count (luck is not evidence), so the rate settles at the target,
 *    not below it, on a large floor, and a small one does not chase noise.
 *    The target is cap × targetFraction (2.4% for a 3% cap), lowered while the campaign is
 *    young so that it stays at least `headroomAbandons` abandons below the cap: with 300
 *    answers, three unlucky abandons in a row are a whole percentage point;
 *  - abandon budget: beyond the progressive calls, a call is placed only if, after it, the
 *    abandons expected among everything in flight still leave `budgetReserve` abandons in hand
 *    under the cap in every window, counting the answers already earned but at least
 *    `budgetFloorAnswers` (F) of them:
 *    A + q(Z⁺) + reserve ≤ cap × max(L, F), q the quantile Z⁺ exceeds with probability at
 *    most budgetTailProbability (the early-shift guard: a bound, where mean + k·sd is not, for
 *    a skewed count of a few abandons), over the same deadlines as the risk. The floor is
 *    there because the rate is judged over the campaign's record, and a record of a few
 *    dozen answers says nothing yet: with F = 67 at 3% a new campaign may risk one abandon
 *    from its first call (cap × F − reserve = 1.01) and then waits for its record to earn the
 *    next — the slow start that "too little history" calls for, without the near-progressive
 *    first half hour that a budget of earned answers alone (34 answers before a call beyond
 *    progressive, 67
 *    before an abandon may be risked) cost a small floor. A larger floor (100) let a 5-agent
 *    campaign at 15% risk two before it had earned them and pass the cap at 107 answers
 *    (bench stress, seed 1). The quantile is only as good as the answer-rate estimate, and at
 *    the first call that is its prior (50%): a new 100-agent campaign whose list answers 60%
 *    spent the floor's one abandon on a wave of ~60 extra calls and abandoned a tenth of its
 *    first hundred answers (bench static 100 agents × 60%, seed 4: 11.4%). So while the record
 *    is shorter than the floor, a decision places at most `youngExtraCalls` (2) calls beyond
 *    progressive: the lent budget is spent as the estimates learn the list (worst running
 *    rate after 100 answers in that cell: 2.52%), which a small floor does not notice.
 */
import {
  addBernoulli,
  difference,
  expectedPositivePart,
  lognormalSurvival,
  mean,
  poissonBinomial,
  positivePartQuantile,
  tailAtLeast,
  type IntDistribution,
} from './distributions.js';
import type {
  AbandonWindow,
  AgentSnapshot,
  CallInFlight,
  CallTiming,
  PacingDiagnostics,
  PacingInput,
  PacingReason,
  PacingStats,
  PredictiveTuning,
} from './types.js';
import { riskLimit } from './risk-limit.js';

/** Defaults of the predictive knobs, tuned on the `bench/pacing.ts` scenarios. */
export const DEFAULT_PREDICTIVE_TUNING: PredictiveTuning = Object.freeze({
  targetFraction: 0.8,
  headroomAbandons: 5,
  baseRisk: 0.05,
  maxRiskGain: 3,
  priorAnswers: 100,
  budgetReserve: 1,
  budgetTailProbability: 0.001,
  budgetFloorAnswers: 67,
  youngExtraCalls: 2,
  maxCallsPerAgent: 10,
  integralGain: 0.05,
  maxIntegralGain: 2,
  integralMinAnswers: 500,
  integralDeadBandSd: 1,
});

/** What pacing.ts has already worked out and hands to the model. */
export interface PredictiveContext {
  readonly readyAgents: number;
  readonly availableAgents: number;
  readonly progressiveCalls: number;
  readonly capacity: number;
}

/** The predictive part of a decision. */
export interface PredictiveResult {
  readonly calls: number;
  readonly reason: Extract<PacingReason, 'predictive' | 'predictive-at-cap'>;
  readonly diagnostics: Partial<PacingDiagnostics>;
}

/** Probability a live call is still unanswered at `ageSec`, from the curve or the fallback. */
function survivalAt(curve: readonly number[] | undefined, ageSec: number, fallback: (a: number) => number): number {
  if (!curve || curve.length === 0) return fallback(ageSec);
  if (ageSec <= 0) return curve[0] ?? 1;
  const i = Math.floor(ageSec);
  if (i >= curve.length - 1) return curve[curve.length - 1] ?? 0;
  const f = ageSec - i;
  return (curve[i] ?? 0) * (1 - f) + (curve[i + 1] ?? 0) * f;
}

/** P(call placed `ageSec` ago, unanswered so far, ends in a live answer). */
export function liveProbability(call: CallInFlight, stats: PacingStats, ringTimeoutSec: number): number {
  if (call.stage === 'queued') return 1;
  const p = stats.liveAnswerRate;
  const spanLive = 2 * stats.meanTimeToAnswerSec;
  const sLive = survivalAt(stats.liveAnswerSurvival, call.ageSec, (a) =>
    spanLive <= 0 ? 0 : Math.max(0, 1 - a / spanLive),
  );
  const sNon = survivalAt(stats.nonLiveSurvival, call.ageSec, (a) => (a < ringTimeoutSec ? 1 : 0));
  const live = p * sLive;
  const denominator = live + (1 - p) * sNon;
  return denominator > 0 ? live / denominator : 0;
}

/** Points at which the answer-time law is sampled. */
const DEADLINE_POINTS = 8;

/**
 * When a call placed now, if answered live, must have an agent at the latest: its answer time
 * plus opening plus grace. Returned as `DEADLINE_POINTS` equally likely values (quantile
 * midpoints of the answer-time law), so an agent's chance to be free in time is averaged over
 * when the answer may come rather than judged against one fixed horizon — an agent free in
 * 15 s serves a call answered after 12 s, not one answered after 3 s.
 */
export function answerDeadlines(stats: PacingStats, timing: CallTiming): number[] {
  const curve = stats.liveAnswerSurvival;
  const extra = timing.openingSec + timing.graceSec;
  return Array.from({ length: DEADLINE_POINTS }, (_, k) => {
    const q = (k + 0.5) / DEADLINE_POINTS; // P(answered by t) = q
    if (!curve || curve.length < 2) return 2 * stats.meanTimeToAnswerSec * q + extra;
    // first second where the (non-increasing) survival curve drops to 1 − q, interpolated
    for (let i = 1; i < curve.length; i++) {
      const a = curve[i - 1] ?? 1;
      const b = curve[i] ?? 0;
      if (b <= 1 - q) return i - 1 + (a > b ? (a - (1 - q)) / (a - b) : 0) + extra;
    }
    return curve.length - 1 + extra;
  });
}

/** P(agent is free to take a call by each deadline), averaged over the deadlines. */
export function freeInTime(agent: AgentSnapshot, stats: PacingStats, deadlines: readonly number[]): number {
  if (agent.state === 'ready') return 1;
  if (agent.state === 'paused' || deadlines.length === 0) return 0;
  const wrap = stats.meanWrapSec;
  let sum = 0;
  if (agent.state === 'wrapUp') {
    // wrap-up taken as its mean length; an agent past it is taken as about to be free
    for (const d of deadlines) if (wrap - agent.secondsInState <= d) sum += 1;
    return sum / deadlines.length;
  }
  // onCall, or reserved: about to start a call, the whole talk and wrap-up lie ahead.
  // P(T ≤ elapsed + d − W | T > elapsed): the call must end and the wrap-up finish by d.
  const elapsed = agent.state === 'onCall' ? agent.secondsInState : 0;
  const alive = lognormalSurvival(stats.talk, elapsed);
  if (alive <= 0) return 1;
  for (const d of deadlines) {
    if (d - wrap <= 0) continue;
    sum += Math.min(1, Math.max(0, 1 - lognormalSurvival(stats.talk, elapsed + d - wrap) / alive));
  }
  return sum / deadlines.length;
}

interface WindowView {
  readonly name: 'lifetime' | 'last30Days';
  readonly w: AbandonWindow;
}

/** abandoned ÷ live answered; abandons with no answers recorded (inconsistent data) count as over any cap. */
const rate = (w: AbandonWindow): number =>
  w.liveAnswered > 0 ? w.abandoned / w.liveAnswered : w.abandoned > 0 ? Infinity : 0;

/** The rate as the cap judges a young record: over at least `floorAnswers` answers. */
const judgedRate = (w: AbandonWindow, floorAnswers: number): number =>
  w.liveAnswered > 0 ? w.abandoned / Math.max(w.liveAnswered, floorAnswers) : rate(w);

/** The predictive decision; pacing.ts has already handled preview, empty floors and limits. */
export function predictiveCalls(input: PacingInput, ctx: PredictiveContext): PredictiveResult {
  const tuning: PredictiveTuning = { ...DEFAULT_PREDICTIVE_TUNING, ...input.tuning };
  const { cap } = input.abandon;
  const windows: WindowView[] = [
    { name: 'lifetime', w: input.abandon.lifetime },
    { name: 'last30Days', w: input.abandon.last30Days },
  ];
  const stricter = rate(windows[1]!.w) > rate(windows[0]!.w) ? windows[1]! : windows[0]!;
  const measured = rate(stricter.w);
  const common = { measuredAbandonRate: measured, stricterWindow: stricter.name } as const;

  // At or over the cap: progressive, which cannot abandon (one call in flight per ready agent).
  // A young record is judged as if it had `budgetFloorAnswers` answers (as the budget below):
  // one abandon among the first 20 answers is not a 5% campaign.
  const atCap = windows.some(({ w }) => judgedRate(w, tuning.budgetFloorAnswers) >= cap);
  if (!(cap > 0) || atCap) {
    return { calls: Math.min(ctx.progressiveCalls, ctx.capacity), reason: 'predictive-at-cap', diagnostics: common };
  }

  // Feedback (risk-limit.ts): the risk we accept for the next call, proportional + integral.
  const feedback = riskLimit(
    windows.map(({ w }) => w),
    cap,
    tuning,
  );

  const { stats, timing } = input;
  const p = Math.min(1, Math.max(0.001, stats.liveAnswerRate));
  const deadlines = answerDeadlines(stats, timing);
  const horizonSec = deadlines.reduce((a, b) => a + b, 0) / deadlines.length;

  const supply = poissonBinomial(input.agents.map((a) => freeInTime(a, stats, deadlines)));
  const demand = poissonBinomial(input.callsInFlight.map((c) => liveProbability(c, stats, timing.ringTimeoutSec)));
  let shortfall: IntDistribution = difference(demand, supply);
  // The guard (the abandon budget below) judges the same shortfall as the risk, over the whole
  // answer-time law: the tail quantile already bounds the bad luck, and judging every agent
  // against the earliest deadline as well kept a small floor near progressive after every
  // burst (about 0.15 point of occupancy on 5 agents at 35%, bench) with no stress run needing it.
  let expectedLive = mean(demand);
  let expectedAbandons = expectedPositivePart(shortfall);
  const abandonsBefore = expectedAbandons;

  const inFlight = input.callsInFlight.length;
  const maxInFlight = Math.floor(tuning.maxCallsPerAgent * ctx.availableAgents);
  // Only answers already earned count towards the budget, but at least `budgetFloorAnswers`
  // of them: the rate is judged over the campaign's record, and a record of a few dozen answers
  // says nothing yet. A new campaign may so risk ⌊cap × floor − reserve⌋ abandons (one, for
  // 67 answers at 3%) before it has earned more. The abandons in flight are counted at their
  // upper tail quantile (the early-shift guard).
  const budgetHolds = (d: IntDistribution): boolean => {
    const worst = positivePartQuantile(d, tuning.budgetTailProbability) + tuning.budgetReserve;
    return windows.every(({ w }) => w.abandoned + worst <= cap * Math.max(w.liveAnswered, tuning.budgetFloorAnswers));
  };

  const young = windows.some(({ w }) => w.liveAnswered < tuning.budgetFloorAnswers);
  let calls = 0;
  let risk = tailAtLeast(shortfall, 0);
  let stoppedBy: PacingDiagnostics['stoppedBy'];
  for (;;) {
    if (calls >= ctx.capacity) {
      stoppedBy = 'capacity';
      break;
    }
    if (inFlight + calls >= maxInFlight) {
      stoppedBy = 'per-agent';
      break;
    }
    const next = addBernoulli(shortfall, p);
    const nextAbandons = expectedPositivePart(next);
    if (calls >= ctx.progressiveCalls) {
      // While the record is younger than the floor, its budget is lent a few calls per decision:
      // the answer-rate estimate is still mostly its prior, and a large floor spending the lent
      // abandon on one wave of calls abandoned a tenth of its first hundred answers.
      if (young && calls - ctx.progressiveCalls >= tuning.youngExtraCalls) {
        stoppedBy = 'young-record';
        break;
      }
      if (risk > feedback.limit) {
        stoppedBy = 'risk';
        break;
      }
      if (!budgetHolds(next)) {
        stoppedBy = 'budget';
        break;
      }
    }
    shortfall = next;
    expectedAbandons = nextAbandons;
    expectedLive += p;
    calls++;
    risk = tailAtLeast(shortfall, 0);
  }

  const expectedFree = mean(supply);
  return {
    calls,
    reason: 'predictive',
    diagnostics: {
      ...common,
      expectedFreeAgents: expectedFree,
      expectedLiveAnswers: expectedLive,
      ...(expectedFree > 0 ? { dialLevel: (inFlight + calls) / expectedFree } : {}),
      horizonSec,
      marginalRisk: risk,
      riskLimit: feedback.limit,
      targetAbandonRate: feedback.target,
      proportionalGain: feedback.proportionalGain,
      integralGain: feedback.integralGain,
      surplusAbandons: feedback.surplusAbandons,
      stoppedBy,
      answerRateSlow: stats.liveAnswerRate,
      ...(stats.answerRateFast !== undefined ? { answerRateFast: stats.answerRateFast } : {}),
      ...(stats.answerRateChanges !== undefined ? { answerRateChanges: stats.answerRateChanges } : {}),
      expectedAbandons,
      addedExpectedAbandons: expectedAbandons - abandonsBefore,
    },
  };
}
