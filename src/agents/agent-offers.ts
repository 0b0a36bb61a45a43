/**
 * Which agent takes which call, pure: a call asks for an agent of its campaign (the one with
 * the highest priority on that campaign, then the one ready longest), and an agent who
 * becomes free takes the waiting call of their highest-priority campaign (then the one
 * waiting longest). An agent may take only the calls of campaigns they are on (see
 * CampaignAccess).
 */

export interface AgentOffer {
  agentId: number;
  channelId: string;
}

/** A call that found no agent free and waits for the next one. */
export interface WaitingCall {
  callId: string;
  campaignId: number;
  offer: (o: AgentOffer) => void;
}

/** A ready agent as the chooser sees them. */
export interface ReadyAgent {
  agentId: number;
  /** When they became ready (earlier is first among equals). */
  since: number;
}

/** The agent priority function: null = may not take the campaign. */
export type PriorityOf = (agentId: number, campaignId: number) => number | null;

/** The ready agent for a call of `campaignId`: highest priority, then ready longest; null when none may take it. */
export function pickAgentFor<T extends ReadyAgent>(ready: Iterable<T>, campaignId: number, priorityOf: PriorityOf): T | null {
  let best: { agent: T; priority: number } | null = null;
  for (const agent of ready) {
    const priority = priorityOf(agent.agentId, campaignId);
    if (priority === null) continue;
    if (!best || priority > best.priority || (priority === best.priority && agent.since < best.agent.since)) best = { agent, priority };
  }
  return best?.agent ?? null;
}

/** Index of the waiting call a free agent takes: their highest-priority campaign, then the longest waiting; -1 when none. */
export function pickCallFor(waiting: readonly Pick<WaitingCall, 'campaignId'>[], agentId: number, priorityOf: PriorityOf): number {
  let best = -1;
  let bestPriority = -Infinity;
  for (let i = 0; i < waiting.length; i++) {
    const priority = priorityOf(agentId, waiting[i]!.campaignId);
    // Strictly greater: among equals the earlier (longer waiting) call stays chosen.
    if (priority !== null && priority > bestPriority) {
      best = i;
      bestPriority = priority;
    }
  }
  return best;
}

/** The calls waiting for an agent, in arrival order. */
export class WaitingCalls {
  private readonly calls: WaitingCall[] = [];

  get length(): number {
    return this.calls.length;
  }

  add(call: WaitingCall): void {
    this.calls.push(call);
  }

  cancel(callId: string): void {
    const i = this.calls.findIndex((w) => w.callId === callId);
    if (i >= 0) this.calls.splice(i, 1);
  }

  /** Removes and returns the call this agent should take, if any. */
  takeFor(agentId: number, priorityOf: PriorityOf): WaitingCall | null {
    const i = pickCallFor(this.calls, agentId, priorityOf);
    return i < 0 ? null : this.calls.splice(i, 1)[0]!;
  }
}
