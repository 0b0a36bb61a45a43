/**
 * Builds the sampling core's input for one campaign and cycle from SQLite and the sale
 * facts, with a summary that lets a stored plan be audited: the population's size, sales,
 * risk flags, agent roles and a sha256 over every call's sampling-relevant fields.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { agents, qaPlanItems, type AGENT_ROLES } from '../db/schema.js';
import { eligibleCalls, type PopulationWindow } from './population.js';
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
  agents: PlanAgent[];
  alreadySampled: string[];
  /** Per call: answeredAt, for the queue job. */
  answeredAt: Map<string, number>;
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

/** Reads the population and everything else the plan needs. */
export function buildPlanInput(db: Db, args: BuildPlanInputArgs): BuiltPlanInput {
  const { window } = args;
  const rows = eligibleCalls(db, window);
  const facts = args.saleFacts.factsFor(rows.map((r) => r.callId));
  const hash = createHash('sha256');
  const population: PlanCall[] = new Array(rows.length);
  const answeredAt = new Map<string, number>();
  let sales = 0;
  let saleAfterRefusal = 0;
  let cancelledAfterConfirmation = 0;
  const agentIds = new Set<string>();
  rows.forEach((r, i) => {
    const f = facts.get(r.callId);
    const isSale = f?.isSale ?? false;
    const sar = f?.saleAfterRefusal ?? false;
    const cac = f?.cancelledAfterConfirmation ?? false;
    if (isSale) sales += 1;
    if (sar) saleAfterRefusal += 1;
    if (cac) cancelledAfterConfirmation += 1;
    const agentId = String(r.agentId);
    agentIds.add(agentId);
    population[i] = { callId: r.callId, agentId, isSale, durationSec: r.durationSec, riskFlags: { saleAfterRefusal: sar, cancelledAfterConfirmation: cac } };
    answeredAt.set(r.callId, r.answeredAt);
    hash.update(`${r.callId}|${agentId}|${+isSale}|${r.durationSec}|${+sar}${+cac}\n`);
  });

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
      .where(and(eq(qaPlanItems.campaignId, window.campaignId), eq(qaPlanItems.cycleLabel, args.cycleLabel)))
      .all()
      .map((r) => r.callId);

  return {
    population,
    agents: planAgents,
    alreadySampled,
    answeredAt,
    summary: {
      cutoffAt: window.cutoff,
      populationSize: rows.length,
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

/** The plan options stored with a run (what the sample size was computed with). */
export interface StoredPlanOptions extends Required<Pick<PlanOptions, 'confidence' | 'p' | 'margin'>> {
  pSource: 'default' | 'observed';
  /** Where an observed p came from; null when p is the default or no review existed. */
  observed: { cycle: string; scored: number; defects: number } | null;
}
