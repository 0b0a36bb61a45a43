/**
 * The agent state machine, pure: (status, input) → (status, effects). `AgentPool` feeds it
 * softphone and call events and executes the effects (timers, offering the agent to a call).
 *
 * ```
 *   connecting ──parked──▶ ready ──reserve──▶ reserved ──connected──▶ on-call
 *        │                  ▲  ▲                  │                      │
 *        │ (pause pending)  │  └──call-over───────┘ (customer gone      call-over
 *        ▼                  │                        before connect:     │
 *      paused ◀──pause──────┤                        nothing to wrap)    ▼
 *        │                  └──wrap-over / agent says ready──────────  wrap-up
 *        └──ready──▶ ready                                              │
 *                             paused ◀──pause (or a pause asked for during the call)──┘
 * ```
 *
 * A pause asked for while connecting, reserved or on a call is kept pending and taken when
 * the login or the call (after its wrap-up) is over, as agents expect from a pause button
 * pressed mid-call. Saying ready cancels a pending pause.
 *
 * A call the agent talked needs its disposition before the agent is offered the next one:
 * while it is missing, saying ready is refused, and a wrap-up that runs out (or a wrap-up
 * time of 0) pauses the agent with {@link DISPOSITION_PENDING_CODE} instead of readying them.
 */

/** The pause the system puts an agent in whose wrap-up ran out before the call's disposition. */
export const DISPOSITION_PENDING_CODE = 'DISPO';

/** The states of a logged-in agent (the state log adds `logged-out`). */
export const AGENT_STATES = ['connecting', 'ready', 'reserved', 'on-call', 'wrap-up', 'paused'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** Where an agent is and since when. */
export interface AgentStatus {
  state: AgentState;
  /** When the current state (or pause reason) began, ms. */
  since: number;
  /** The pause code while paused, else null. */
  reason: string | null;
  /**
   * Start of the current pause while paused. A change of reason starts a new state (for the
   * time by reason) but not a new pause: the long-pause flag runs on the whole stretch.
   */
  pausedSince: number | null;
  /** The call offered or being talked (reserved, on-call), else null. */
  callId: string | null;
  /** The call being wrapped up (wrap-up), else null. */
  wrapUpCallId: string | null;
  /** The pause code to take when the login or the current call is over. */
  pendingPause: string | null;
}

/** What happens to an agent: softphone, call and agent events. */
export type AgentInput =
  /** The softphone answered and is parked in the holding bridge. */
  | { type: 'parked'; at: number }
  /** A call is offered to the agent (callId null: held for a preview card, no call yet). */
  | { type: 'reserve'; at: number; callId: string | null }
  /** The agent's channel is in the call's bridge. */
  | { type: 'connected'; at: number }
  /** The call is over (the agent is back in the holding bridge); `dispositionPending`: the call still needs the agent's disposition. */
  | { type: 'call-over'; at: number; wrapUpMs: number; dispositionPending?: boolean }
  /** The wrap-up time ran out. */
  | { type: 'wrap-over'; at: number; dispositionPending?: boolean }
  | { type: 'pause'; at: number; reason: string }
  /** The agent says ready (ends a pause or wrap-up early, or cancels a pending pause); refused while their last call needs a disposition. */
  | { type: 'ready'; at: number; dispositionPending?: boolean };

/** What the pool must do after a step. */
export type AgentEffect =
  | { type: 'arm-wrap'; ms: number }
  | { type: 'cancel-wrap' }
  /** The agent is free: hand them to a waiting call, or announce them. */
  | { type: 'available' };

/** One step of the machine. */
export interface AgentStep {
  status: AgentStatus;
  /** The state or the pause reason changed: a new state-log entry. */
  changed: boolean;
  effects: AgentEffect[];
  /** Set when the input does not apply in this state (nothing changed). */
  ignored?: string;
}

/** The status of a session that has just asked the softphone to answer. */
export function connectingStatus(at: number): AgentStatus {
  return { state: 'connecting', since: at, reason: null, pausedSince: null, callId: null, wrapUpCallId: null, pendingPause: null };
}

function enter(status: AgentStatus, state: AgentState, at: number, patch: Partial<AgentStatus> = {}): AgentStatus {
  const pausedSince = state !== 'paused' ? null : status.state === 'paused' ? status.pausedSince : at;
  return { ...status, reason: null, callId: null, wrapUpCallId: null, ...patch, pausedSince, state, since: at };
}

/** Free again: paused if a pause is pending (or the last call's disposition is missing), else ready and offered. */
function free(status: AgentStatus, at: number, effects: AgentEffect[] = [], dispositionPending = false): AgentStep {
  if (dispositionPending && status.pendingPause === null) {
    return { status: enter(status, 'paused', at, { reason: DISPOSITION_PENDING_CODE }), changed: true, effects };
  }
  if (status.pendingPause !== null) {
    return { status: enter(status, 'paused', at, { reason: status.pendingPause, pendingPause: null }), changed: true, effects };
  }
  return { status: enter(status, 'ready', at), changed: true, effects: [...effects, { type: 'available' }] };
}

function ignore(status: AgentStatus, input: AgentInput): AgentStep {
  return { status, changed: false, effects: [], ignored: `${input.type} does not apply while ${status.state}` };
}

/** The transition function. Never throws; an input that does not apply is reported as ignored. */
export function agentTransition(status: AgentStatus, input: AgentInput): AgentStep {
  const { at } = input;
  switch (input.type) {
    case 'parked':
      return status.state === 'connecting' ? free(status, at) : ignore(status, input);
    case 'reserve':
      if (status.state !== 'ready') return ignore(status, input);
      return { status: enter(status, 'reserved', at, { callId: input.callId }), changed: true, effects: [] };
    case 'connected':
      if (status.state !== 'reserved') return ignore(status, input);
      return { status: enter(status, 'on-call', at, { callId: status.callId }), changed: true, effects: [] };
    case 'call-over':
      if (status.state === 'reserved') return free(status, at);
      if (status.state !== 'on-call') return ignore(status, input);
      if (input.wrapUpMs > 0) {
        return {
          status: enter(status, 'wrap-up', at, { wrapUpCallId: status.callId }),
          changed: true,
          effects: [{ type: 'arm-wrap', ms: input.wrapUpMs }],
        };
      }
      return free(status, at, [], input.dispositionPending);
    case 'wrap-over':
      return status.state === 'wrap-up' ? free(status, at, [], input.dispositionPending) : ignore(status, input);
    case 'pause':
      switch (status.state) {
        case 'ready':
          return { status: enter(status, 'paused', at, { reason: input.reason }), changed: true, effects: [] };
        case 'wrap-up':
          return { status: enter(status, 'paused', at, { reason: input.reason }), changed: true, effects: [{ type: 'cancel-wrap' }] };
        case 'paused':
          if (status.reason === input.reason) return ignore(status, input);
          return { status: enter(status, 'paused', at, { reason: input.reason }), changed: true, effects: [] };
        default:
          return { status: { ...status, pendingPause: input.reason }, changed: false, effects: [] };
      }
    case 'ready':
      if (input.dispositionPending && (status.state === 'paused' || status.state === 'wrap-up')) {
        return { ...ignore(status, input), ignored: 'the last call needs its disposition first' };
      }
      switch (status.state) {
        case 'paused':
          return free({ ...status, pendingPause: null }, at);
        case 'wrap-up':
          return free({ ...status, pendingPause: null }, at, [{ type: 'cancel-wrap' }]);
        case 'ready':
          return ignore(status, input);
        default:
          if (status.pendingPause === null) return ignore(status, input);
          return { status: { ...status, pendingPause: null }, changed: false, effects: [] };
      }
  }
}

/** Milliseconds spent in the current state at `now`. */
export function timeInState(status: Pick<AgentStatus, 'since'>, now: number): number {
  return Math.max(0, now - status.since);
}

/** A pause that has lasted longer than `limitMs` (manuals: 5 minutes) is flagged. */
export function isLongPause(status: Pick<AgentStatus, 'state' | 'pausedSince'>, now: number, limitMs: number): boolean {
  return status.state === 'paused' && status.pausedSince !== null && now - status.pausedSince > limitMs;
}
