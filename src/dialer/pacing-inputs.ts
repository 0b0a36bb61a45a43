/**
 * The pacing core's input from the live floor: agent snapshots from the pool, calls in flight
 * from the tracker, the campaign's estimators and abandon record from the pacing book.
 * `floorSnapshot` is the whole floor; `campaignFloors` splits it so each campaign's decision
 * sees only the agents allocated to it (agent-allocation.ts: an agent shared by two
 * campaigns counts once) and only its own calls in flight.
 */
import type { AgentPool, AgentState as PoolState } from '../agents/agent-pool.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { CampaignRow } from '../campaigns/campaign-settings.js';
import type { PacingBook } from './pacing-book.js';
import { toPacingStats } from './pacing/stats.js';
import type { AgentSnapshot, AgentState, CallInFlight, CallStage, PacingInput } from './pacing/types.js';

/** The floor as pacing sees it at one moment. */
export interface FloorSnapshot {
  agents: AgentSnapshot[];
  /** Calls placed that have not reached an agent (dialing, ringing, answered and waiting). */
  callsInFlight: CallInFlight[];
  /** Seconds into each conversation in progress. */
  ongoingTalkSec: number[];
  /** Customer channels up: every live call, with or without an agent. */
  linesInUse: number;
}

const AGENT_STATES: Record<PoolState, AgentState | null> = {
  connecting: null,
  ready: 'ready',
  reserved: 'reserved',
  'on-call': 'onCall',
  'wrap-up': 'wrapUp',
  paused: 'paused',
};

/** Reads the floor now; ages are in pacing seconds (`secondMs` clock ms each). */
export function floorSnapshot(pool: AgentPool, tracker: CallTracker, now: number, secondMs: number): FloorSnapshot {
  const agents: AgentSnapshot[] = [];
  const ongoingTalkSec: number[] = [];
  for (const a of pool.list()) {
    const state = AGENT_STATES[a.state];
    if (!state) continue;
    const secondsInState = Math.max(0, now - a.stateSince) / secondMs;
    agents.push({ state, secondsInState });
    if (state === 'onCall') ongoingTalkSec.push(secondsInState);
  }
  const callsInFlight: CallInFlight[] = [];
  const calls = tracker.list();
  for (const s of calls) {
    if (!s.awaitingAgent) continue;
    const stage: CallStage = s.phase === 'answered' ? 'queued' : s.phase === 'ringing' ? 'ringing' : 'dialing';
    callsInFlight.push({ stage, ageSec: Math.max(0, now - s.placedAt) / secondMs });
  }
  return { agents, callsInFlight, ongoingTalkSec, linesInUse: calls.length };
}

/** The floor split by campaign: each agent under the campaign `allocation` gives them, each call in flight under its own. */
export function campaignFloors(
  pool: AgentPool,
  tracker: CallTracker,
  now: number,
  secondMs: number,
  allocation: ReadonlyMap<number, number>,
): Map<number, FloorSnapshot> {
  const calls = tracker.list();
  const floors = new Map<number, FloorSnapshot>();
  const of = (campaignId: number): FloorSnapshot => {
    let f = floors.get(campaignId);
    if (!f) floors.set(campaignId, (f = { agents: [], callsInFlight: [], ongoingTalkSec: [], linesInUse: calls.length }));
    return f;
  };
  for (const a of pool.list()) {
    const state = AGENT_STATES[a.state];
    const campaignId = allocation.get(a.agentId);
    if (!state || campaignId === undefined) continue;
    const secondsInState = Math.max(0, now - a.stateSince) / secondMs;
    const f = of(campaignId);
    f.agents.push({ state, secondsInState });
    if (state === 'onCall') f.ongoingTalkSec.push(secondsInState);
  }
  for (const s of calls) {
    if (!s.awaitingAgent) continue;
    const stage: CallStage = s.phase === 'answered' ? 'queued' : s.phase === 'ringing' ? 'ringing' : 'dialing';
    of(s.spec.campaignId).callsInFlight.push({ stage, ageSec: Math.max(0, now - s.placedAt) / secondMs });
  }
  return floors;
}

/** The PacingInput for one campaign on this floor. */
export function pacingInput(c: CampaignRow, floor: FloorSnapshot, book: PacingBook, contactsLeft: number, graceSec: number): PacingInput {
  const abandon = book.abandonCounts(c.id);
  return {
    mode: c.dialMode,
    agents: floor.agents,
    callsInFlight: floor.callsInFlight,
    stats: toPacingStats(book.stats(c.id, c.ringTimeoutSec), book.priors, floor.ongoingTalkSec),
    abandon: { ...abandon, cap: c.abandonCap },
    limits: { maxLines: Infinity, linesInUse: floor.linesInUse, contactsLeft },
    timing: { openingSec: book.openingSec(c.id), graceSec, ringTimeoutSec: c.ringTimeoutSec },
  };
}
