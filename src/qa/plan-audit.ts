/**
 * Reproducing a stored plan run for an audit: rebuild its population (the cycle's eligible
 * calls ended by the run's cutoff), take the calls sampled by earlier runs of the cycle, the
 * agent roles and options stored with it, re-run the core with its seed, and compare.
 *
 * A run reproduces exactly unless the inputs changed since: a call deleted or re-judged, or
 * (once subscriptions exist) sale facts that changed, e.g. a later cancellation. The
 * population hash says which.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { qaCycles, qaPlanItems, qaPlanRuns } from '../db/schema.js';
import { Errors } from '../errors.js';
import { buildPlanInput, type PlanInputsSummary, type StoredPlanOptions } from './plan-input.js';
import type { SaleFacts } from './sale-facts.js';
import { planSample } from './sampling/index.js';

export interface PlanVerification {
  runId: number;
  algorithm: string;
  /** The core's current version; a run of another version is not re-run. */
  currentAlgorithm: string;
  /** Same population (hash) and same sampled calls. */
  reproduced: boolean;
  populationMatches: boolean;
  storedPopulationSha256: string;
  populationSha256: string;
  storedSampled: number;
  reproducedSampled: number;
  /** Sampled by the run but not by the re-run, and the other way round (first 100 each). */
  onlyStored: string[];
  onlyReproduced: string[];
}

/** Re-runs a stored plan run and compares. @throws Errors.NotFound */
export function verifyPlanRun(db: Db, saleFacts: SaleFacts, saleFactsSource: string, runId: number): PlanVerification {
  const run = db.select().from(qaPlanRuns).where(eq(qaPlanRuns.id, runId)).get();
  if (!run) throw new Errors.NotFound('QA plan run', String(runId));
  const cycle = db
    .select()
    .from(qaCycles)
    .where(and(eq(qaCycles.campaignId, run.campaignId), eq(qaCycles.label, run.cycleLabel)))
    .get();
  if (!cycle) throw new Errors.NotFound('QA cycle', `${run.campaignId}/${run.cycleLabel}`);
  const stored = (run.summary as { inputs: PlanInputsSummary }).inputs;
  const options = run.options as unknown as StoredPlanOptions;
  const itemsOf = (cond: ReturnType<typeof eq>) =>
    db
      .select({ callId: qaPlanItems.callId })
      .from(qaPlanItems)
      .where(and(eq(qaPlanItems.campaignId, run.campaignId), eq(qaPlanItems.cycleLabel, run.cycleLabel), cond))
      .all()
      .map((r) => r.callId);
  const earlier = itemsOf(lt(qaPlanItems.runId, run.id));
  const mine = new Set(itemsOf(eq(qaPlanItems.runId, run.id)));

  const input = buildPlanInput(db, {
    window: { campaignId: run.campaignId, from: cycle.startAt, to: cycle.endAt, cutoff: run.cutoffAt },
    cycleLabel: run.cycleLabel,
    saleFacts,
    saleFactsSource,
    agentRoles: stored.agentRoles,
    alreadySampled: earlier,
  });
  const plan = planSample({
    seed: run.seed,
    population: input.population,
    agents: input.agents,
    alreadySampled: earlier,
    options: { confidence: options.confidence, p: options.p, margin: options.margin, ...(options.floors ? { floors: options.floors } : {}) },
  });
  const again = new Set(plan.sampled.map((s) => s.callId));
  const onlyStored = [...mine].filter((id) => !again.has(id));
  const onlyReproduced = [...again].filter((id) => !mine.has(id));
  const populationMatches = input.summary.populationSha256 === stored.populationSha256;
  return {
    runId,
    algorithm: run.algorithm,
    currentAlgorithm: plan.algorithm,
    reproduced: run.algorithm === plan.algorithm && populationMatches && onlyStored.length === 0 && onlyReproduced.length === 0,
    populationMatches,
    storedPopulationSha256: stored.populationSha256,
    populationSha256: input.summary.populationSha256,
    storedSampled: mine.size,
    reproducedSampled: again.size,
    onlyStored: onlyStored.slice(0, 100),
    onlyReproduced: onlyReproduced.slice(0, 100),
  };
}
