/**
 * One logged-in agent as the pool keeps it: the public view (what the consoles and reports
 * see) and the pool's private bookkeeping (bridges, timers, the last call talked).
 */
import { connectingStatus, type AgentState, type AgentStatus } from './agent-states.js';

export interface AgentSessionView {
  agentId: number;
  name: string;
  extension: string;
  state: AgentState;
  stateSince: number;
  callId: string | null;
  channelId: string;
  via: 'api' | 'dial-in';
  /** The pause code while paused. */
  reason: string | null;
  /** When the current pause began (a change of reason does not restart it). */
  pausedSince: number | null;
  /** A pause asked for during the login or a call, taken when it is over. */
  pendingPause: string | null;
  /** The call being wrapped up, during wrap-up. */
  wrapUpCallId: string | null;
}

export interface AgentSession extends AgentSessionView {
  holdingBridgeId: string;
  /** The call bridge the softphone was moved into, while it is there. */
  callBridgeId: string | null;
  logoutRequested: boolean;
  wrapTimer: { cancel(): void } | null;
  /** The last call the agent talked, whose disposition gates the next offer. */
  lastTalkedCallId: string | null;
}

/** The state machine's part of a session. */
export function statusOf(s: AgentSession): AgentStatus {
  return {
    state: s.state,
    since: s.stateSince,
    reason: s.reason,
    pausedSince: s.pausedSince,
    callId: s.callId,
    wrapUpCallId: s.wrapUpCallId,
    pendingPause: s.pendingPause,
  };
}

/** Copies a machine step's status onto the session. */
export function applyStatus(s: AgentSession, next: AgentStatus): void {
  s.state = next.state;
  s.stateSince = next.since;
  s.reason = next.reason;
  s.pausedSince = next.pausedSince;
  s.callId = next.callId;
  s.wrapUpCallId = next.wrapUpCallId;
  s.pendingPause = next.pendingPause;
}

export function view(s: AgentSession): AgentSessionView {
  return {
    agentId: s.agentId,
    name: s.name,
    extension: s.extension,
    state: s.state,
    stateSince: s.stateSince,
    callId: s.callId,
    channelId: s.channelId,
    via: s.via,
    reason: s.reason,
    pausedSince: s.pausedSince,
    pendingPause: s.pendingPause,
    wrapUpCallId: s.wrapUpCallId,
  };
}

/** A session that has just asked its softphone to answer. */
export function newSession(agent: { id: number; name: string; extension: string }, channelId: string, via: 'api' | 'dial-in', at: number, holdingBridgeId: string): AgentSession {
  const status = connectingStatus(at);
  return {
    agentId: agent.id,
    name: agent.name,
    extension: agent.extension,
    state: status.state,
    stateSince: status.since,
    callId: null,
    channelId,
    via,
    reason: null,
    pausedSince: null,
    pendingPause: null,
    wrapUpCallId: null,
    holdingBridgeId,
    callBridgeId: null,
    logoutRequested: false,
    wrapTimer: null,
    lastTalkedCallId: null,
  };
}

/** The sessions by agent and by softphone channel. */
export class SessionTable {
  private readonly byAgent = new Map<number, AgentSession>();
  private readonly byChannel = new Map<string, number>();

  add(s: AgentSession): void {
    this.byAgent.set(s.agentId, s);
    this.byChannel.set(s.channelId, s.agentId);
  }

  /** Removes the session if it is still the agent's current one; false when it was not. */
  remove(s: AgentSession): boolean {
    if (this.byAgent.get(s.agentId) !== s) return false;
    this.byAgent.delete(s.agentId);
    this.byChannel.delete(s.channelId);
    return true;
  }

  get(agentId: number): AgentSession | undefined {
    return this.byAgent.get(agentId);
  }

  has(agentId: number): boolean {
    return this.byAgent.has(agentId);
  }

  byChannelId(channelId: string): AgentSession | undefined {
    const agentId = this.byChannel.get(channelId);
    return agentId === undefined ? undefined : this.byAgent.get(agentId);
  }

  ownsChannel(channelId: string): boolean {
    return this.byChannel.has(channelId);
  }

  values(): IterableIterator<AgentSession> {
    return this.byAgent.values();
  }

  /** The agent reserved for a call, if any. */
  reservedFor(callId: string): AgentSession | null {
    for (const s of this.byAgent.values()) if (s.state === 'reserved' && s.callId === callId) return s;
    return null;
  }

  /** The ready agents with the time they became ready. */
  ready(): Array<{ agentId: number; since: number; session: AgentSession }> {
    const out: Array<{ agentId: number; since: number; session: AgentSession }> = [];
    for (const s of this.byAgent.values()) if (s.state === 'ready') out.push({ agentId: s.agentId, since: s.stateSince, session: s });
    return out;
  }
}
