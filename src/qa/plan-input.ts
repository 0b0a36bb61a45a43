/**
 * Builds the sampling core's input for one campaign and cycle from SQLite and the sale
 * facts, with a summary that lets a stored plan be audited: the population's size, sales,
 * risk flags, agent roles and a sha256 over every call's sampling-relevant fields.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { agents, qaPlanItems, type AGENT_ROLES } from '../db/schema.js';
import { forEachEligibleCall, type PopulationWindow } from './population.js';
import type { SaleFacts } from './sale-facts.js';
import type { PlanAgent, PlanCall, PlanOptions } from './sampling/index.js';

type AgentRole = (typeof AGENT_ROLES)[number];

/** What the plan was computed from, stored with the run. */
export interface PlanInputsSummary {
  cutoffAt: number;
  populationSize: number;
  populationSha256: string;
  sales: number;
  saleAfterRefusal: number;
  cancelledAfterConfirmation: number;
  agents: number;
  agentRoles: Record<string, AgentRole>;
  alreadySampled: number;
  saleFactsSource: string;
}

export interface BuiltPlanInput {
  population: PlanCall[];
  /** answeredAt of population[i], for the queue jobs. */
  answeredAt: Float64Array;
  agents: PlanAgent[];
  alreadySampled: string[];
  summary: PlanInputsSummary;
}

export interface BuildPlanInputArgs {
  window: PopulationWindow;
  cycleLabel: string;
  saleFacts: SaleFacts;
  saleFactsSource: string;
  /** Use these roles (an audit re-run) instead of the agents table's current ones. */
  agentRoles?: Record<string, AgentRole>;
  /** Already sampled calls; default: every item of the campaign's cycle. */
  alreadySampled?: string[];
}

/** Shared by every call without risk flags (most of them), so a million calls are a million objects, not two. */
const NO_FLAGS: NonNullable<PlanCall['riskFlags']> = Object.freeze({ saleAfterRefusal: false, cancelledAfterConfirmation: false });
const HASH_BATCH = 4096;

/** Reads the population (streamed) and everything else the plan needs. */
export function buildPlanInput(db: Db, args: BuildPlanInputArgs): BuiltPlanInput {
  const { window } = args;
  const population: PlanCall[] = [];
  const answered: number[] = [];
  const agentIds = new Set<string>();
  forEachEligibleCall(db, window, (callId, agent, answeredAt, durationSec) => {
    const agentId = String(agent);
    agentIds.add(agentId);
    population.push({ callId, agentId, isSale: false, durationSec, riskFlags: NO_FLAGS });
    answered.push(answeredAt);
  });

  const facts = args.saleFacts.factsFor(population.map((c) => c.callId));
  let sales = 0;
  let saleAfterRefusal = 0;
  let cancelledAfterConfirmation = 0;
  const hash = createHash('sha256');
  let batch: string[] = [];
  for (const c of population) {
    const f = facts.size ? facts.get(c.callId) : undefined;
    if (f) {
      c.isSale = f.isSale;
      c.riskFlags = { saleAfterRefusal: f.saleAfterRefusal, cancelledAfterConfirmation: f.cancelledAfterConfirmation };
      if (f.isSale) sales += 1;
      if (f.saleAfterRefusal) saleAfterRefusal += 1;
      if (f.cancelledAfterConfirmation) cancelledAfterConfirmation += 1;
    }
    const flags = c.riskFlags ?? NO_FLAGS;
    batch.push(`${c.callId}|${c.agentId}|${+c.isSale}|${c.durationSec}|${+!!flags.saleAfterRefusal}${+!!flags.cancelledAfterConfirmation}\n`);
    if (batch.length === HASH_BATCH) {
      hash.update(batch.join(''));
      batch = [];
    }
  }
  hash.update(batch.join(''));

  let roles = args.agentRoles;
  if (!roles) {
    roles = {};
    for (const a of db.select({ id: agents.id, role: agents.role }).from(agents).all()) {
      if (agentIds.has(String(a.id))) roles[String(a.id)] = a.role;
    }
  }
  const planAgents: PlanAgent[] = [...agentIds].sort().map((agentId) => ({ agentId, role: roles[agentId] ?? 'agent' }));

  const alreadySampled =
    args.alreadySampled ??
    db
      .select({ callId: qaPlanItems.callId })
      .from(qaPlanItems)
      .where(and(eq(qaPlanItems.campaignId, window.campaignId), eq(qaPlanItems.cycleLabel, args.cycleLabel), eq(qaPlanItems.origin, 'sample')))
      .all()
      .map((r) => r.callId);

  return {
    population,
    answeredAt: Float64Array.from(answered),
    agents: planAgents,
    alreadySampled,
    summary: {
      cutoffAt: window.cutoff,
      populationSize: population.length,
      populationSha256: hash.digest('hex'),
      sales,
      saleAfterRefusal,
      cancelledAfterConfirmation,
      agents: planAgents.length,
      agentRoles: Object.fromEntries(planAgents.map((a) => [a.agentId, a.role])),
      alreadySampled: alreadySampled.length,
      saleFactsSource: args.saleFactsSource,
    },
  };
}

/** The population calls (with their answer time) among `ids`, in one pass. */
export function pickCalls(input: BuiltPlanInput, ids: ReadonlySet<string>): Map<string, { call: PlanCall; answeredAt: number }> {
  const out = new Map<string, { call: PlanCall; answeredAt: number }>();
  input.population.forEach((call, i) => {
    if (ids.has(call.callId)) out.set(call.callId, { call, answeredAt: input.answeredAt[i] ?? 0 });
  });
  return out;
}

/** The plan options stored with a run (what the sample size was computed with). */
export interface StoredPlanOptions extends Required<Pick<PlanOptions, 'confidence' | 'p' | 'margin'>> {
  pSource: 'default' | 'observed';
  /** Where an observed p came from; null when p is the default or no review existed. */
  observed: { cycle: string; scored: number; defects: number } | null;
  /** The campaign's own per-agent floors (roles left out: the manuals'); absent in runs from before they were editable. */
  floors?: PlanOptions['floors'];
}
