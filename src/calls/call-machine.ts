/**
 * The customer call as a pure state machine: (state, input) → (state, commands).
 * No I/O and no clock here: inputs carry their time, and the CallSession executes the
 * commands against telephony, the agent pool and the database.
 *
 * The flow: originate → ringing (the bridge is made now) → answer → add the customer, record
 * the bridge and play the opening, in that order at Asterisk (one command: the session sends
 * the three together when the transport keeps their order) → connect a ready agent (as soon
 * as one is free, even mid-opening) →
 * either side hangs up → the agent goes back to the holding bridge → the call is closed
 * once the customer channel is gone and every recording segment has finished.
 */
import type { CallOutcome } from '../db/schema.js';
import { unansweredOutcome } from './outcome.js';

export type CallPhase = 'dialing' | 'ringing' | 'answered' | 'connected' | 'ending' | 'ended';
export type HangupBy = 'customer' | 'agent' | 'system';

export interface CallMachineOptions {
  /** How long after the opening ends a customer may wait for an agent (FTC: 2 s). */
  agentWaitMs: number;
  /** The opening is considered over after this long even without PlaybackFinished. */
  openingTimeoutMs: number;
  /** Give up waiting for recordings to finish after the call ended. */
  recordingSettleMs: number;
  /** Media played to a customer no agent could take, before hanging up; null = none. */
  safeHarbourMedia: string | null;
  /**
   * A call no agent takes (an inbound customer told nobody is free, issue 13): the opening is
   * the whole call — it is recorded, and when it ends the dialer hangs up.
   */
  agentless?: boolean;
}

export interface CallState {
  callId: string;
  phase: CallPhase;
  dialStatus: string | null;
  answeredAt: number | null;
  /** The call's mixing bridge exists (the customer may still be on the way in). */
  bridgeCreated: boolean;
  /** The customer is in the mixing bridge. */
  bridged: boolean;
  opening: 'none' | 'playing' | 'done';
  /** Deadline armed for an agent to connect (opening end + agentWaitMs). */
  agentWaitArmed: boolean;
  agent: { agentId: number; channelId: string } | null;
  agentConnected: boolean;
  /** Recording segments started, and which of them have finished. */
  segments: number;
  liveSegment: number | null;
  safeHarbour: boolean;
  customerGone: boolean;
  customerDestroyed: boolean;
  hangupBy: HangupBy | null;
  cause: number | null;
  causeText: string | null;
  abandoned: boolean;
  /** Cut by Asterisk going away (shutdown, or the channel vanished while ARI was down). */
  interrupted: boolean;
  recordingWaitExpired: boolean;
}

/** Inputs: ARI events translated by the session, results of commands, and timers. */
export type CallInput =
  | { type: 'originate-failed'; at: number; reason: string }
  | { type: 'ringing'; at: number }
  | { type: 'dial-status'; at: number; status: string }
  | { type: 'answered'; at: number }
  /** The bridge exists; the customer is being added. */
  | { type: 'bridge-created'; at: number }
  /** The customer is in the bridge. */
  | { type: 'bridge-ready'; at: number }
  | { type: 'bridge-failed'; at: number; reason: string }
  | { type: 'recording-started'; at: number; segment: number }
  | { type: 'recording-finished'; at: number; segment: number }
  /** The segment could not be started (or Asterisk reported RecordingFailed): not retried. */
  | { type: 'recording-failed'; at: number; segment: number }
  | { type: 'opening-started'; at: number }
  | { type: 'opening-finished'; at: number }
  | { type: 'agent-offered'; at: number; agentId: number; channelId: string }
  | { type: 'agent-connected'; at: number }
  | { type: 'agent-connect-failed'; at: number; reason: string }
  | { type: 'agent-wait-expired'; at: number }
  | { type: 'safe-harbour-finished'; at: number }
  | { type: 'customer-hangup'; at: number }
  | { type: 'customer-destroyed'; at: number; cause: number; causeText: string }
  | { type: 'agent-hangup'; at: number }
  /** The agent ends the call from the console; their softphone stays up. */
  | { type: 'agent-ended-call'; at: number }
  /** The agent leaves a call that goes on without them (a supervisor took it over): they wrap up, the call stays up. */
  | { type: 'agent-left'; at: number }
  /**
   * Asterisk is taking the call down (core stop: every channel gets a shutdown soft hangup) or
   * the channel was found gone after an ARI outage: nobody on the call hung up.
   */
  | { type: 'telephony-lost'; at: number; reason: string }
  | { type: 'recording-wait-expired'; at: number }
  /** A transfer handed the customer to another agent (transfers/): they are the call's agent from now on. */
  | { type: 'handler-changed'; at: number; agentId: number | null; channelId: string };

/** The moments and facts written to the call row. */
export interface CallPatch {
  state?: 'dialing' | 'ringing' | 'answered' | 'connected' | 'ended';
  ringingAt?: number;
  answeredAt?: number;
  recordingStartedAt?: number;
  openingStartedAt?: number;
  openingFinishedAt?: number;
  agentConnectedAt?: number;
  agentId?: number;
  endedAt?: number;
  dialStatus?: string;
  hangupCause?: number;
  hangupCauseText?: string;
  hangupBy?: HangupBy;
  outcome?: CallOutcome;
}

export type CallCommand =
  | { type: 'persist'; patch: CallPatch }
  /** Make the call's bridge ahead of the answer (the call is ringing). */
  | { type: 'create-bridge' }
  /** Add the customer to the bridge, making it first if it does not exist yet. */
  | { type: 'bridge-customer' }
  | { type: 'start-recording'; segment: number }
  | { type: 'play-opening' }
  /** The bridge exists and the customer answered: add them, record segment 1, play the opening, in that order. */
  | { type: 'open-call' }
  | { type: 'arm-opening-timeout'; ms: number }
  | { type: 'request-agent' }
  | { type: 'cancel-agent-request' }
  | { type: 'connect-agent'; agentId: number; channelId: string }
  | { type: 'arm-agent-wait'; ms: number }
  | { type: 'play-safe-harbour'; media: string }
  | { type: 'hangup-customer'; reason: 'normal' }
  | { type: 'release-agent'; agentId: number; channelId: string; agentGone: boolean }
  | { type: 'destroy-bridge' }
  | { type: 'arm-recording-wait' }
  | { type: 'finish'; outcome: CallOutcome };

export interface Transition {
  state: CallState;
  commands: CallCommand[];
}

export function initialCallState(callId: string): CallState {
  return {
    callId,
    phase: 'dialing',
    dialStatus: null,
    answeredAt: null,
    bridgeCreated: false,
    bridged: false,
    opening: 'none',
    agentWaitArmed: false,
    agent: null,
    agentConnected: false,
    segments: 0,
    liveSegment: null,
    safeHarbour: false,
    customerGone: false,
    customerDestroyed: false,
    hangupBy: null,
    cause: null,
    causeText: null,
    abandoned: false,
    interrupted: false,
    recordingWaitExpired: false,
  };
}

const isLive = (s: CallState) => s.phase === 'answered' || s.phase === 'connected';

/**
 * The call is ringing: its bridge is made now, so that after the answer only adding the
 * customer, the recording and the opening's play stand between the customer and the first
 * word (bench/calls.ts). A call that is not answered takes it down again.
 */
function ringing(s: CallState, out: CallCommand[], at: number): void {
  s.phase = 'ringing';
  out.push({ type: 'persist', patch: { state: 'ringing', ringingAt: at } });
  out.push({ type: 'create-bridge' });
}

/**
 * The customer answered before their bridge was made, and it exists now: its recording starts
 * while the customer is being added, and an agent already offered moves in.
 */
function recordBridge(s: CallState, out: CallCommand[]): void {
  if (!s.bridgeCreated || s.segments > 0) return;
  firstSegment(s);
  out.push({ type: 'start-recording', segment: 1 });
  if (s.agent && !s.agentConnected) out.push({ type: 'connect-agent', ...s.agent });
}

/** Recording segment 1 is being asked for (start-recording 1, or with the add in open-call). */
function firstSegment(s: CallState): void {
  s.segments = 1;
  s.liveSegment = 1;
}

/** Whether `cmd` asks for the call's first recording segment (no agent joins before it is asked for). */
export function asksFirstSegment(cmd: CallCommand): boolean {
  return (cmd.type === 'start-recording' && cmd.segment === 1) || cmd.type === 'open-call';
}

/** The opening plays from now; it is over at PlaybackFinished, or after the timeout. */
function playOpening(s: CallState, out: CallCommand[], opts: CallMachineOptions, command: 'play-opening' | 'open-call'): void {
  s.opening = 'playing';
  out.push({ type: command });
  out.push({ type: 'arm-opening-timeout', ms: opts.openingTimeoutMs });
}

export function transition(state: CallState, input: CallInput, opts: CallMachineOptions): Transition {
  if (state.phase === 'ended') {
    // An agent offered after the call closed must still be handed back.
    if (input.type === 'agent-offered') {
      return { state, commands: [{ type: 'release-agent', agentId: input.agentId, channelId: input.channelId, agentGone: false }] };
    }
    // A bridge made after the customer had already gone is taken down again.
    if (input.type === 'bridge-created' && !state.bridgeCreated) return { state: { ...state, bridgeCreated: true }, commands: [{ type: 'destroy-bridge' }] };
    return { state, commands: [] };
  }
  const s: CallState = { ...state };
  const out: CallCommand[] = [];

  switch (input.type) {
    case 'originate-failed':
      s.cause = null;
      s.causeText = input.reason;
      s.customerGone = true;
      s.customerDestroyed = true;
      return close(s, out, input.at, 'failed');

    case 'ringing':
      if (s.phase === 'dialing') ringing(s, out, input.at);
      break;

    case 'dial-status':
      // Dial events with an empty status are progress only; ANSWER is followed by StasisStart.
      if (input.status && input.status !== s.dialStatus) {
        s.dialStatus = input.status;
        out.push({ type: 'persist', patch: { dialStatus: input.status } });
      }
      if (input.status === 'RINGING' && s.phase === 'dialing') ringing(s, out, input.at);
      break;

    case 'answered':
      if (s.phase !== 'dialing' && s.phase !== 'ringing') break;
      s.phase = 'answered';
      s.answeredAt = input.at;
      out.push({ type: 'persist', patch: { state: 'answered', answeredAt: input.at } });
      if (s.bridgeCreated) {
        // The bridge was made while it rang: the add, the record and the play go at once.
        firstSegment(s);
        playOpening(s, out, opts, 'open-call');
      } else {
        out.push({ type: 'bridge-customer' });
      }
      if (!opts.agentless) out.push({ type: 'request-agent' });
      break;

    case 'bridge-created':
      if (isLive(s)) {
        s.bridgeCreated = true;
        recordBridge(s, out);
      } else if (s.phase === 'dialing' || s.phase === 'ringing') {
        s.bridgeCreated = true;
      } else if (!s.bridgeCreated) {
        // The customer left while the bridge was being made: take it down again.
        s.bridgeCreated = true;
        out.push({ type: 'destroy-bridge' });
      }
      break;

    case 'bridge-ready':
      if (!isLive(s)) break;
      s.bridgeCreated = true;
      recordBridge(s, out);
      s.bridged = true;
      // Unless it went with the add (open-call), the session plays once the recording has been
      // asked for too, so the opening is on the recording from its first word.
      if (s.opening === 'none') playOpening(s, out, opts, 'play-opening');
      break;

    case 'bridge-failed':
      // Without a bridge there is nothing to record or connect: end the call loudly.
      if (!isLive(s)) break;
      return hangUp(s, out, input.at, 'system');

    case 'recording-started':
      break;

    case 'recording-finished':
      if (s.liveSegment === input.segment) s.liveSegment = null;
      // Asterisk ends a bridge recording by itself after ~2 s without audio; the call goes
      // on, so a new segment is started and every segment kept.
      if (isLive(s) && s.bridged && !s.customerGone) {
        s.segments += 1;
        s.liveSegment = s.segments;
        out.push({ type: 'start-recording', segment: s.segments });
      } else {
        maybeFinish(s, out, input.at);
      }
      break;

    case 'recording-failed':
      if (s.liveSegment === input.segment) s.liveSegment = null;
      maybeFinish(s, out, input.at);
      break;

    case 'opening-started':
      out.push({ type: 'persist', patch: { openingStartedAt: input.at } });
      break;

    case 'opening-finished':
      if (s.opening !== 'playing') break;
      s.opening = 'done';
      out.push({ type: 'persist', patch: { openingFinishedAt: input.at } });
      if (opts.agentless && isLive(s)) return hangUp(s, out, input.at, 'system');
      if (isLive(s) && !s.agentConnected && !s.agentWaitArmed) {
        s.agentWaitArmed = true;
        out.push({ type: 'arm-agent-wait', ms: opts.agentWaitMs });
      }
      break;

    case 'agent-offered':
      if (!isLive(s) || s.agent || s.abandoned) {
        // Too late: hand the agent straight back.
        out.push({ type: 'release-agent', agentId: input.agentId, channelId: input.channelId, agentGone: false });
        break;
      }
      s.agent = { agentId: input.agentId, channelId: input.channelId };
      out.push({ type: 'persist', patch: { agentId: input.agentId } });
      if (s.bridgeCreated) out.push({ type: 'connect-agent', ...s.agent });
      break;

    case 'agent-connected':
      if (!isLive(s) || !s.agent) break;
      s.agentConnected = true;
      s.phase = 'connected';
      out.push({ type: 'persist', patch: { state: 'connected', agentConnectedAt: input.at } });
      break;

    case 'agent-connect-failed':
      if (s.agent) {
        out.push({ type: 'release-agent', agentId: s.agent.agentId, channelId: s.agent.channelId, agentGone: false });
        s.agent = null;
      }
      if (isLive(s) && !s.abandoned) out.push({ type: 'request-agent' });
      break;

    case 'agent-wait-expired':
      if (!isLive(s) || s.agentConnected || s.abandoned) break;
      // No agent within the window: abandoned. Play the safe-harbour message, then hang up.
      s.abandoned = true;
      out.push({ type: 'cancel-agent-request' });
      if (s.agent) {
        out.push({ type: 'release-agent', agentId: s.agent.agentId, channelId: s.agent.channelId, agentGone: false });
        s.agent = null;
      }
      if (opts.safeHarbourMedia && s.bridged) {
        s.safeHarbour = true;
        out.push({ type: 'play-safe-harbour', media: opts.safeHarbourMedia });
      } else {
        return hangUp(s, out, input.at, 'system');
      }
      break;

    case 'safe-harbour-finished':
      if (!s.safeHarbour || s.customerGone) break;
      return hangUp(s, out, input.at, 'system');

    case 'customer-hangup':
      if (s.customerGone) break;
      if (s.phase === 'dialing' || s.phase === 'ringing') {
        s.customerGone = true;
        break;
      }
      s.hangupBy ??= 'customer';
      return endLive(s, out, input.at);

    case 'customer-destroyed':
      s.cause = input.cause;
      // An interrupted call keeps why (Asterisk shut down…) rather than the cause of the teardown.
      if (!s.interrupted) s.causeText = input.causeText;
      s.customerDestroyed = true;
      if (s.phase === 'dialing' || s.phase === 'ringing') {
        s.customerGone = true;
        return close(s, out, input.at, s.interrupted ? 'interrupted' : unansweredOutcome(s.dialStatus, input.cause));
      }
      if (!s.customerGone) {
        s.hangupBy ??= 'customer';
        endLive(s, out, input.at);
      }
      maybeFinish(s, out, input.at);
      break;

    case 'agent-hangup':
      if (!s.agent) break;
      if (s.customerGone) break;
      out.push({ type: 'release-agent', agentId: s.agent.agentId, channelId: s.agent.channelId, agentGone: true });
      s.agent = { ...s.agent, channelId: '' };
      return hangUp(s, out, input.at, 'agent', false);

    case 'agent-left':
      if (!s.agent || !s.agent.channelId || s.customerGone || !s.agentConnected) break;
      out.push({ type: 'release-agent', agentId: s.agent.agentId, channelId: s.agent.channelId, agentGone: false });
      // Still counted as connected (no new agent is requested), but nobody's softphone is the agent's any more.
      s.agent = null;
      break;

    case 'agent-ended-call':
      if (!isLive(s) || s.customerGone) break;
      return hangUp(s, out, input.at, 'agent');

    case 'telephony-lost':
      if (s.customerGone) break;
      s.interrupted = true;
      if (s.phase === 'dialing' || s.phase === 'ringing') {
        s.customerGone = true;
        s.causeText = input.reason;
        break;
      }
      s.hangupBy ??= 'system';
      s.causeText = input.reason;
      // Asterisk hangs the channels up itself: only our side is wound down.
      endLive(s, out, input.at);
      break;

    case 'recording-wait-expired':
      s.recordingWaitExpired = true;
      maybeFinish(s, out, input.at);
      break;

    case 'handler-changed':
      if (s.phase !== 'connected' || s.customerGone) break;
      if (input.agentId === null) {
        // A supervisor (no agent) has the customer: as after a takeover, still connected, but no
        // agent's softphone is the call's; the call row keeps the agent who handed it over.
        s.agent = null;
        break;
      }
      s.agent = { agentId: input.agentId, channelId: input.channelId };
      out.push({ type: 'persist', patch: { agentId: input.agentId } });
      break;
  }
  return { state: s, commands: out };
}

/** The dialer (system) or the agent ends a live call. */
function hangUp(s: CallState, out: CallCommand[], at: number, by: HangupBy, releaseAgent = true): Transition {
  s.hangupBy ??= by;
  if (!s.customerGone) out.push({ type: 'hangup-customer', reason: 'normal' });
  endLive(s, out, at, releaseAgent);
  return { state: s, commands: out };
}

/** The customer leg is over: free the agent, take the bridge down (which ends the recording). */
function endLive(s: CallState, out: CallCommand[], at: number, releaseAgent = true): Transition {
  s.customerGone = true;
  if (s.phase === 'answered' || s.phase === 'connected') {
    if (!s.agentConnected && !s.abandoned) out.push({ type: 'cancel-agent-request' });
    if (releaseAgent && s.agent && s.agent.channelId) {
      out.push({ type: 'release-agent', agentId: s.agent.agentId, channelId: s.agent.channelId, agentGone: false });
    }
    s.phase = 'ending';
    out.push({ type: 'persist', patch: { endedAt: at } });
    if (s.bridgeCreated) out.push({ type: 'destroy-bridge' });
    out.push({ type: 'arm-recording-wait' });
  }
  return { state: s, commands: out };
}

function maybeFinish(s: CallState, out: CallCommand[], at: number): void {
  if (s.phase !== 'ending') return;
  if (!s.customerDestroyed) return;
  if (s.liveSegment !== null && !s.recordingWaitExpired) return;
  const outcome: CallOutcome = s.abandoned ? 'abandoned' : s.interrupted ? 'interrupted' : 'answered';
  close(s, out, at, outcome);
}

function close(s: CallState, out: CallCommand[], at: number, outcome: CallOutcome): Transition {
  const wasLive = s.answeredAt !== null;
  s.phase = 'ended';
  const patch: CallPatch = { state: 'ended', outcome };
  if (!wasLive) patch.endedAt = at;
  if (s.cause !== null) patch.hangupCause = s.cause;
  if (s.causeText !== null) patch.hangupCauseText = s.causeText;
  if (s.hangupBy) patch.hangupBy = s.hangupBy;
  out.push({ type: 'persist', patch });
  // A bridge made while it rang (an answered call's went with the customer leg).
  if (!wasLive && s.bridgeCreated) out.push({ type: 'destroy-bridge' });
  out.push({ type: 'finish', outcome });
  return { state: s, commands: out };
}
