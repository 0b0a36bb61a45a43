/**
 * Shared agents without double counting, pure: each logged-in agent counts for the pacing of
 * exactly one campaign per pass — the campaign of the call they are on (if they may take it),
 * else their highest-priority campaign among those with contacts to dial (ties: the one
 * first in this pass's rotation). An agent who may take none of them counts for none.
 */

export interface AllocatableAgent {
  agentId: number;
  /** The campaign of the call they are on or wrapping up, if any. */
  campaignOfCall: number | null;
}

/** agentId → the campaign whose pacing counts them. */
export function allocateAgents(
  agents: readonly AllocatableAgent[],
  campaignIds: readonly number[],
  priorityOf: (agentId: number, campaignId: number) => number | null,
): Map<number, number> {
  const out = new Map<number, number>();
  const wanted = new Set(campaignIds);
  for (const a of agents) {
    if (a.campaignOfCall !== null && wanted.has(a.campaignOfCall) && priorityOf(a.agentId, a.campaignOfCall) !== null) {
      out.set(a.agentId, a.campaignOfCall);
      continue;
    }
    let best: { campaignId: number; priority: number } | null = null;
    for (const campaignId of campaignIds) {
      const priority = priorityOf(a.agentId, campaignId);
      if (priority !== null && (!best || priority > best.priority)) best = { campaignId, priority };
    }
    if (best) out.set(a.agentId, best.campaignId);
  }
  return out;
}
