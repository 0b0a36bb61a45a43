/**
 * One transfer on a live call as a pure state machine: (state, input) → (state, commands).
 * No I/O, no clock: inputs carry their time; the TransferService executes the commands.
 *
 * The customer never leaves the call's recorded mixing bridge: "hold" is music on hold played
 * into that bridge, so the call's recording runs on unbroken (and holds the music, which shows
 * the hold on the recording). The agent and the target talk in a consultation bridge of their
 * own; Complete moves both into the customer's bridge (three-way), Leave hands the customer over.
 *
 * Modes:
 * - blind: the agent waits parked (off the customer) while the target is reached; the customer
 *   hears music. Target up → the target takes the customer, the agent is released.
 * - warm: the agent consults the target while the customer holds; Complete → three-way; Leave →
 *   handed over; Cancel → the agent goes back to the customer.
 * - conference: the target joins the customer and the agent at once (no hold); Leave or Cancel.
 * A target not up within the no-answer limit (20 s) returns the customer to the agent.
 */
import type { TransferMode, TransferOutcome } from '../db/schema-transfers.js';

export type TransferPhase = 'reaching' | 'consulting' | 'conference' | 'ended';

/**
 * How the target is reached: a logged-in ready agent's parked softphone, a call to an agent's
 * phone, or a call to a user who is no agent (a manager's supervisor phone).
 */
export type TargetLeg =
  | { kind: 'parked'; agentId: number; channelId: string }
  | { kind: 'ring'; agentId: number; extension: string; channelId: string }
  | { kind: 'ring-user'; userId: number; extension: string; channelId: string };

export interface TransferState {
  id: string;
  mode: TransferMode;
  phase: TransferPhase;
  agent: { agentId: number; channelId: string };
  target: TargetLeg;
  targetUp: boolean;
  /** Music on hold is playing to the customer. */
  held: boolean;
  /** The agent is off the customer's bridge (consultation bridge, or parked for a blind transfer). */
  agentAway: boolean;
  consultBridge: boolean;
  outcome: TransferOutcome | null;
}

export type TransferInput =
  | { type: 'start'; at: number }
  | { type: 'target-up'; at: number }
  /** The target's leg failed or hung up (before or after answering). */
  | { type: 'target-gone'; at: number; reason: string }
  | { type: 'no-answer'; at: number }
  /** Warm: bring the customer, the agent and the target together. */
  | { type: 'complete'; at: number }
  /** The agent leaves a three-way: the target keeps the customer. */
  | { type: 'leave'; at: number }
  /** The agent drops the target and is (back) with the customer alone. */
  | { type: 'cancel'; at: number }
  /** The agent's softphone went away. */
  | { type: 'agent-gone'; at: number }
  /** The customer hung up (the call is ending). */
  | { type: 'customer-gone'; at: number };

export type Place = 'call' | 'consult' | 'parked';

export type TransferCommand =
  | { type: 'persist'; patch: TransferPatch }
  | { type: 'hold-customer' }
  | { type: 'unhold-customer' }
  | { type: 'create-consult-bridge' }
  | { type: 'destroy-consult-bridge' }
  | { type: 'move-agent'; to: Place }
  /** Parked target: take their softphone into `to`; ring target: call their phone. */
  | { type: 'reach-target'; to: 'call' | 'consult' }
  | { type: 'arm-no-answer'; ms: number }
  | { type: 'cancel-no-answer' }
  | { type: 'move-target'; to: 'call' }
  /** Let the target go: hang up a rung phone, return a parked agent to their holding bridge. */
  | { type: 'drop-target' }
  /** The customer now belongs to the target: call row, handoff list, consent re-confirmation. */
  | { type: 'hand-over'; via: TransferMode; at: number }
  /** The first agent is done with the call (wrap-up). */
  | { type: 'release-agent' }
  /** Note the target as a handler too (three-way: both have the customer). */
  | { type: 'target-joined'; at: number }
  | { type: 'target-left'; at: number }
  | { type: 'finished'; outcome: TransferOutcome };

export interface TransferPatch {
  answeredAt?: number;
  conferencedAt?: number;
  endedAt?: number;
  outcome?: TransferOutcome;
  reason?: string;
}

export interface TransferMachineOptions {
  /** A target not up by then returns the customer to the agent (issue 13: 20 s). */
  noAnswerMs: number;
}

export interface TransferStep {
  state: TransferState;
  commands: TransferCommand[];
}

export function initialTransferState(id: string, mode: TransferMode, agent: TransferState['agent'], target: TargetLeg): TransferState {
  return { id, mode, phase: 'reaching', agent, target, targetUp: false, held: false, agentAway: false, consultBridge: false, outcome: null };
}

/** Where the target goes when reached: only a warm transfer consults first. */
const targetPlace = (mode: TransferMode): 'call' | 'consult' => (mode === 'warm' ? 'consult' : 'call');

export function transferTransition(state: TransferState, input: TransferInput, opts: TransferMachineOptions): TransferStep {
  if (state.phase === 'ended') return { state, commands: [] };
  const s: TransferState = { ...state };
  const out: TransferCommand[] = [];
  switch (input.type) {
    case 'start':
      if (s.mode !== 'conference') {
        s.held = true;
        s.agentAway = true;
        out.push({ type: 'hold-customer' });
      }
      if (s.mode === 'warm') {
        s.consultBridge = true;
        out.push({ type: 'create-consult-bridge' }, { type: 'move-agent', to: 'consult' });
      }
      if (s.mode === 'blind') out.push({ type: 'move-agent', to: 'parked' });
      out.push({ type: 'reach-target', to: targetPlace(s.mode) });
      // A phone we ring (an agent's or a supervisor's) has the same no-answer limit.
      if (s.target.kind !== 'parked') out.push({ type: 'arm-no-answer', ms: opts.noAnswerMs });
      break;

    case 'target-up':
      if (s.phase !== 'reaching') break;
      s.targetUp = true;
      out.push({ type: 'cancel-no-answer' }, { type: 'persist', patch: { answeredAt: input.at } });
      if (s.mode === 'warm') {
        s.phase = 'consulting';
        break;
      }
      if (s.mode === 'blind') {
        // The target is already in the customer's bridge (reach-target to 'call').
        s.held = false;
        out.push({ type: 'unhold-customer' }, { type: 'hand-over', via: 'blind', at: input.at }, { type: 'release-agent' });
        return end(s, out, input.at, 'completed');
      }
      s.phase = 'conference';
      out.push({ type: 'persist', patch: { conferencedAt: input.at } }, { type: 'target-joined', at: input.at });
      break;

    case 'no-answer':
    case 'target-gone': {
      // A no-answer timer that fired as the target answered is stale.
      if (input.type === 'no-answer' && s.phase !== 'reaching') break;
      const reason = input.type === 'no-answer' ? 'the target did not answer' : input.reason;
      if (s.phase === 'reaching' || s.phase === 'consulting') {
        return backToCustomer(s, out, input.at, input.type === 'no-answer' ? 'no-answer' : s.targetUp ? 'cancelled' : 'failed', reason);
      }
      if (s.phase === 'conference') {
        // The third party hung up: the agent and the customer go on as before.
        out.push({ type: 'target-left', at: input.at });
        return end(s, out, input.at, 'cancelled', reason);
      }
      break;
    }

    case 'complete':
      if (s.phase !== 'consulting') break;
      s.phase = 'conference';
      s.held = false;
      s.agentAway = false;
      s.consultBridge = false;
      out.push(
        { type: 'move-target', to: 'call' },
        { type: 'move-agent', to: 'call' },
        { type: 'unhold-customer' },
        { type: 'destroy-consult-bridge' },
        { type: 'persist', patch: { conferencedAt: input.at } },
        { type: 'target-joined', at: input.at },
      );
      break;

    case 'leave':
      if (s.phase !== 'conference') break;
      out.push({ type: 'hand-over', via: s.mode, at: input.at }, { type: 'release-agent' });
      return end(s, out, input.at, 'completed');

    case 'cancel':
      if (s.phase === 'conference') {
        out.push({ type: 'drop-target' }, { type: 'target-left', at: input.at });
        return end(s, out, input.at, 'cancelled', 'the agent dropped the third party');
      }
      return backToCustomer(s, out, input.at, 'cancelled', 'the agent went back to the customer');

    case 'agent-gone':
      // The agent's phone went: a target who is up keeps the customer; otherwise the call
      // machine ends the call as for any agent hangup.
      if (s.targetUp) {
        if (s.phase === 'consulting') out.push({ type: 'move-target', to: 'call' }, { type: 'destroy-consult-bridge' });
        if (s.held) out.push({ type: 'unhold-customer' });
        s.held = false;
        s.consultBridge = false;
        out.push({ type: 'hand-over', via: s.mode, at: input.at });
        return end(s, out, input.at, 'completed', 'the agent hung up; the target kept the customer');
      }
      out.push({ type: 'cancel-no-answer' }, { type: 'drop-target' });
      if (s.consultBridge) out.push({ type: 'destroy-consult-bridge' });
      return end(s, out, input.at, 'failed', 'the agent hung up before the target answered');

    case 'customer-gone':
      out.push({ type: 'cancel-no-answer' });
      if (s.phase !== 'conference') out.push({ type: 'drop-target' });
      if (s.consultBridge) out.push({ type: 'destroy-consult-bridge' });
      if (s.agentAway) out.push({ type: 'move-agent', to: 'call' });
      if (s.phase === 'conference') out.push({ type: 'target-left', at: input.at });
      return end(s, out, input.at, 'call-ended', 'the customer hung up');
  }
  return { state: s, commands: out };
}

/** The agent is with the customer again, alone; the target is let go. */
function backToCustomer(s: TransferState, out: TransferCommand[], at: number, outcome: TransferOutcome, reason: string): TransferStep {
  out.push({ type: 'cancel-no-answer' }, { type: 'drop-target' });
  if (s.agentAway) out.push({ type: 'move-agent', to: 'call' });
  if (s.held) out.push({ type: 'unhold-customer' });
  if (s.consultBridge) out.push({ type: 'destroy-consult-bridge' });
  s.agentAway = false;
  s.held = false;
  s.consultBridge = false;
  return end(s, out, at, outcome, reason);
}

function end(s: TransferState, out: TransferCommand[], at: number, outcome: TransferOutcome, reason?: string): TransferStep {
  s.phase = 'ended';
  s.outcome = outcome;
  out.push({ type: 'persist', patch: { endedAt: at, outcome, ...(reason ? { reason } : {}) } }, { type: 'finished', outcome });
  return { state: s, commands: out };
}
