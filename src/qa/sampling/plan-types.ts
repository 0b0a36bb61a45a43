/**
 * Plain-data shapes of a QA sampling plan: what goes in, what comes out. Everything is
 * JSON-serialisable so a plan can be stored with its input and re-run for audit.
 */
import type { Seed } from './random.js';

/** An agent's role; trainees have higher floors. */
export type AgentRole = 'agent' | 'trainee' | 'team-lead';

/** One call of the sampling population. */
export interface PlanCall {
  /** Unique within the population. Also the key of the call's random draw. */
  callId: string;
  agentId: string;
  /** A successful call (a confirmed subscription). */
  isSale: boolean;
  /** Talk time in seconds, finite and ≥ 0. */
  durationSec: number;
  riskFlags?: {
    /** The customer refused, then the call ended in a sale (requirements §3, item 4). */
    saleAfterRefusal?: boolean;
    /** The subscription was cancelled right after the next-day confirmation message. */
    cancelledAfterConfirmation?: boolean;
  };
}

/** An agent known to the campaign. */
export interface PlanAgent {
  agentId: string;
  role: AgentRole;
}

/** Minimum sampled calls per agent and cycle. */
export interface Floor {
  /** Sampled sales; a shortfall (too few sales) is taken from non-sales. */
  sale: number;
  /** Sampled non-sales. */
  nonSale: number;
}

/** Multiplicative sampling weights for high-risk calls (1 = no extra weight). */
export interface RiskWeights {
  saleAfterRefusal: number;
  cancelledAfterConfirmation: number;
  durationOutlier: number;
}

/** Options of a plan; every field has a default from the manuals. */
export interface PlanOptions {
  /** Confidence level of the sample size, 0 < c < 1. Default 0.95. */
  confidence?: number;
  /** Expected defect rate, 0 ≤ p ≤ 1. Default 0.5 (unknown). */
  p?: number;
  /** Margin of error, 0 < e < 1. Default 0.05. */
  margin?: number;
  /**
   * Per-role floors. Defaults: agent and team-lead 3 sales + 1 non-sale, trainee 3 + 2.
   * A partial value is merged over the role's default.
   */
  floors?: Partial<Record<AgentRole, Partial<Floor>>>;
  /** Defaults: sale after refusal 4, cancelled after confirmation 4, duration outlier 2. */
  riskWeights?: Partial<RiskWeights>;
  /** Durations strictly outside these percentiles (0–1, linear interpolation) are outliers.
   * Default [0.05, 0.95]. */
  durationOutlierPercentiles?: readonly [number, number];
  /** Below this many calls no call is flagged as a duration outlier. Default 20. */
  minCallsForDurationOutliers?: number;
}

/** Input of {@link planSample}. */
export interface PlanInput {
  /** Recorded with the plan; the same input and seed always give the same plan. */
  seed: Seed;
  /**
   * The eligible calls of one campaign in one cycle so far: completed, answered calls
   * with a verified recording. The caller filters; the plan samples what it is given.
   */
  population: readonly PlanCall[];
  /** Roles of the campaign's agents. Agents of the population missing here count as 'agent'. */
  agents: readonly PlanAgent[];
  /** Call ids already sampled earlier in this cycle; never sampled again, counted towards
   * the target and the floors. */
  alreadySampled?: readonly string[];
  options?: PlanOptions;
}

/** Why a call was sampled. The first reason is how it was chosen; high-risk reasons follow. */
export type SampleReason =
  | 'proportional'
  | 'floor-sale'
  | 'floor-non-sale'
  | 'sale-shortfall-from-non-sale'
  | 'high-risk:sale-after-refusal'
  | 'high-risk:cancelled-after-confirmation'
  | 'high-risk:duration-outlier';

/** A call newly sampled by this plan. */
export interface SampledCall {
  callId: string;
  agentId: string;
  reasons: SampleReason[];
  /** The call's sampling weight (product of its risk weights; 1 for an ordinary call). */
  weight: number;
}

/** What the plan did for one agent (one stratum). */
export interface AgentPlan {
  agentId: string;
  role: AgentRole;
  /** Calls of the agent in the population, and how many of them are sales. */
  calls: number;
  sales: number;
  /** Of the agent's calls, already sampled before this run (and how many are sales). */
  alreadySampled: number;
  alreadySampledSales: number;
  /** The agent's proportional share of the target (largest remainder). */
  allocation: number;
  /** The floors this agent had, and the floors actually reachable with its calls. */
  floor: Floor;
  floorReachable: Floor;
  /** Newly sampled now, by how they were chosen. */
  newFloorSale: number;
  newFloorNonSale: number;
  newShortfallFromNonSale: number;
  newProportional: number;
  /** alreadySampled + everything new: the agent's sample for the cycle so far. */
  totalSampled: number;
}

/** The sample-size parameters the target was computed with. */
export interface PlanSampleSize {
  confidence: number;
  z: number;
  p: number;
  margin: number;
}

/** A sampling plan: reproducible from its input and seed. */
export interface QaPlan {
  /** Version of the algorithm; a stored plan is reproduced only with the same version. */
  algorithm: 'qa-plan/1';
  seed: string;
  populationSize: number;
  /** n from the sample-size calculator for the population so far. */
  targetSize: number;
  sampleSize: PlanSampleSize;
  /** Already-sampled calls found in the population. */
  alreadySampledCount: number;
  newlySampledCount: number;
  /** alreadySampledCount + newlySampledCount. */
  totalSampledCount: number;
  /** totalSampledCount − targetSize when floors or earlier runs pushed the sample above n. */
  aboveTargetBy: number;
  /** Durations outside [lowSec, highSec] were weighted as outliers; null when not computed. */
  durationBounds: { lowSec: number; highSec: number } | null;
  weights: RiskWeights;
  /** Newly sampled calls, by agent id, then floors before proportional, best key first. */
  sampled: SampledCall[];
  /** One entry per agent (population or agent list), sorted by agent id. */
  perAgent: AgentPlan[];
  /** Plain-language notes for the QA report: target, floors above target, unmet floors … */
  notes: string[];
}
