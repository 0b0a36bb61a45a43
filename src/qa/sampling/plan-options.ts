/**
 * Defaults and validation of a plan's options, merged in one place.
 */
import { qaSamplingError, type QaSamplingError } from './errors.js';
import type { AgentRole, Floor, PlanOptions, RiskWeights } from './plan-types.js';

/** Floors from the manuals: 3 sales + 1 non-sale per agent and cycle; a trainee 3 + 2. */
export const DEFAULT_FLOORS: Readonly<Record<AgentRole, Readonly<Floor>>> = Object.freeze({
  agent: Object.freeze({ sale: 3, nonSale: 1 }),
  trainee: Object.freeze({ sale: 3, nonSale: 2 }),
  'team-lead': Object.freeze({ sale: 3, nonSale: 1 }),
});

/**
 * Sampling weights of high-risk calls. A call with several flags gets the product.
 * Compliance risks (possible fraudulent orders, §3) weigh more than unusual durations.
 */
export const DEFAULT_RISK_WEIGHTS: Readonly<RiskWeights> = Object.freeze({
  saleAfterRefusal: 4,
  cancelledAfterConfirmation: 4,
  durationOutlier: 2,
});

export const AGENT_ROLES: readonly AgentRole[] = ['agent', 'trainee', 'team-lead'];

/** Options with every default applied. */
export interface ResolvedPlanOptions {
  confidence: number;
  p: number;
  margin: number;
  floors: Record<AgentRole, Floor>;
  riskWeights: RiskWeights;
  durationOutlierPercentiles: readonly [number, number];
  minCallsForDurationOutliers: number;
}

function invalid(message: string): QaSamplingError {
  return qaSamplingError('DIALER_ERR_QA_INVALID_PLAN_INPUT', message);
}

function floorCount(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(`${what} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Merge the options over the defaults and validate them (confidence, p and margin are
 * validated by the sample-size calculator).
 * @throws QaSamplingError DIALER_ERR_QA_INVALID_PLAN_INPUT
 */
export function resolvePlanOptions(options: PlanOptions = {}): ResolvedPlanOptions {
  const floors = {} as Record<AgentRole, Floor>;
  for (const role of AGENT_ROLES) {
    const given = options.floors?.[role];
    const def = DEFAULT_FLOORS[role];
    floors[role] = {
      sale: floorCount(given?.sale ?? def.sale, `floors.${role}.sale`),
      nonSale: floorCount(given?.nonSale ?? def.nonSale, `floors.${role}.nonSale`),
    };
  }
  const riskWeights = { ...DEFAULT_RISK_WEIGHTS, ...options.riskWeights };
  for (const [name, w] of Object.entries(riskWeights)) {
    if (typeof w !== 'number' || !(w > 0) || !Number.isFinite(w)) {
      throw invalid(`riskWeights.${name} must be a finite number > 0, got ${String(w)}`);
    }
  }
  const pct = options.durationOutlierPercentiles ?? [0.05, 0.95];
  const [lo, hi] = pct;
  if (pct.length !== 2 || !(lo >= 0 && lo < hi && hi <= 1)) {
    throw invalid(`durationOutlierPercentiles must be [low, high] with 0 ≤ low < high ≤ 1, got ${String(pct)}`);
  }
  const minCalls = options.minCallsForDurationOutliers ?? 20;
  if (!Number.isSafeInteger(minCalls) || minCalls < 0) {
    throw invalid(`minCallsForDurationOutliers must be a non-negative integer, got ${String(minCalls)}`);
  }
  return {
    confidence: options.confidence ?? 0.95,
    p: options.p ?? 0.5,
    margin: options.margin ?? 0.05,
    floors,
    riskWeights,
    durationOutlierPercentiles: [lo, hi],
    minCallsForDurationOutliers: minCalls,
  };
}
