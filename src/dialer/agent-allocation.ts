/**
 * Shared agents without double counting, pure: each logged-in agent counts for the pacing of
 * exactly one campaign per pass — the campaign of the call they are on (if they may take it
 * and it has contacts to dial), else their highest-priority campaign among those with contacts
 * to dial. Among equal priorities agents are spread evenly (the campaign with the fewest so
 * far, then the lowest id), so the same floor gives the same split from pass to pass and a
 * call placed for an agent is not placed again by another campaign on the next pass. An agent
 * who may take none of them counts for none.
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
  const load = new Map<number, number>(campaignIds.map((c) => [c, 0]));
  const give = (agentId: number, campaignId: number) => {
    out.set(agentId, campaignId);
    load.set(campaignId, (load.get(campaignId) ?? 0) + 1);
  };
  const free: AllocatableAgent[] = [];
  for (const a of agents) {
    if (a.campaignOfCall !== null && load.has(a.campaignOfCall) && priorityOf(a.agentId, a.campaignOfCall) !== null) give(a.agentId, a.campaignOfCall);
    else free.push(a);
  }
  const byId = [...campaignIds].sort((x, y) => x - y);
  for (const a of [...free].sort((x, y) => x.agentId - y.agentId)) {
    let best: { campaignId: number; priority: number } | null = null;
    for (const campaignId of byId) {
      const priority = priorityOf(a.agentId, campaignId);
      if (priority === null) continue;
      if (!best || priority > best.priority || (priority === best.priority && load.get(campaignId)! < load.get(best.campaignId)!)) best = { campaignId, priority };
    }
    if (best) give(a.agentId, best.campaignId);
  }
  return out;
}
