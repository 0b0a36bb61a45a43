/**
 * One customer call: feeds ARI events and command results into the pure call machine and
 * executes the commands it returns, in order, against telephony, the agent pool, the
 * recording service and the call row (the bridge, recording and opening steps: call-media.ts).
 */
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../clock.js';
import type { CallOutcome } from '../db/schema.js';
import { ignoreAriNotFound } from '../errors.js';
import type { AgentPool } from '../agents/agent-pool.js';
import type { RecordingService } from '../recordings/recording-service.js';
import { AriIds } from '../telephony/endpoint.js';
import type { AriEvent } from '../telephony/events.js';
import type { Telephony } from '../telephony/telephony.js';
import {
  asksFirstSegment,
  initialCallState,
  transition,
  type CallCommand,
  type CallInput,
  type CallMachineOptions,
  type CallState,
} from './call-machine.js';
import type { CallStore } from './call-store.js';
import { CommandLanes } from '../support/command-lanes.js';
import { CallMedia } from './call-media.js';

export interface CallSessionDeps {
  telephony: Telephony;
  agents: AgentPool;
  recordings: RecordingService;
  store: CallStore;
  clock: Clock;
  logger: Logger;
  machine: CallMachineOptions;
}

export interface CallSpec {
  callId: string;
  campaignId: number;
  contactId: number;
  phone: string;
  endpoint: string;
  ringTimeoutSec: number;
  callerId: string;
  /** The opening's media, built before the call was placed (dialer/opening-builder.ts). */
  openingMedia: string;
  /** The language prompts are played in (ARI `lang`, and the channel's CHANNEL(language)); absent = Asterisk's default. */
  language?: string;
  /** The campaign's safe-harbour media; absent = the service-wide one (CallMachineOptions). */
  safeHarbourMedia?: string | null;
  /** An agent set aside for this call before it was placed (preview, callbacks). */
  reservedAgentId?: number;
  /**
   * An inbound call (issue 13): the customer's channel already exists (it entered the app from
   * the dialplan), so nothing is dialled and the contact's dialing state is left to the dial loop.
   */
  inbound?: { channelId: string; agentless: boolean };
}

/** What a running transfer tells its call (see {@link CallSession.attachTransfer}). */
export interface CallTransferHook {
  /** The customer is on hold (the agent is away): no verification may run. */
  holding(): boolean;
  /** A softphone of the call was lost; true when the transfer took care of it. */
  agentGone(agentId: number | undefined): boolean;
}

export interface CallEnd {
  callId: string;
  contactId: number;
  outcome: CallOutcome;
}

export class CallSession {
  readonly callId: string;
  readonly channelId: string;
  readonly bridgeId: string;
  private state: CallState;
  /**
   * Media (bridge, play, hang up), recording and agent moves run side by side; tear-down waits
   * for all three.
   */
  private readonly queue = new CommandLanes<CallCommand, CommandLane>(
    ['media', 'recording', 'agent'],
    laneOf,
    (cmd) => this.execute(cmd),
    (err, cmd) => this.log.error({ err, command: cmd.type }, 'call-session: command failed'),
  );
  private readonly timers = new Map<string, TimerHandle>();
  /** Set by {@link abandon}: the session no longer acts. */
  private abandoned = false;
  private readonly media: CallMedia;
  private readonly log: Logger;
  private readonly machine: CallMachineOptions;
  private resolveEnd!: (end: CallEnd) => void;
  private readonly watchers = new Set<(ev: AriEvent) => void>();
  /** The cause of the customer's hangup request (inbound calls end on StasisEnd, with no ChannelDestroyed). */
  private hangupCause: number | null = null;
  private transferHook: CallTransferHook | null = null;
  /** When the call was placed (the session's clock). */
  readonly placedAt: number;
  /** Settles when the call is closed (its recordings are finalised afterwards). */
  readonly ended: Promise<CallEnd>;

  private resolveAgentConnected!: () => void;
  /** Settles once an agent is in the call bridge with the customer (never, if none gets there). */
  readonly agentConnected: Promise<void> = new Promise((resolve) => (this.resolveAgentConnected = resolve));

  constructor(
    private readonly deps: CallSessionDeps,
    readonly spec: CallSpec,
  ) {
    this.callId = spec.callId;
    this.channelId = spec.inbound?.channelId ?? AriIds.customerChannel(spec.callId);
    this.bridgeId = AriIds.callBridge(spec.callId);
    this.state = initialCallState(spec.callId);
    this.placedAt = deps.clock.now();
    this.machine = { ...deps.machine, safeHarbourMedia: spec.safeHarbourMedia || deps.machine.safeHarbourMedia, agentless: spec.inbound?.agentless ?? false };
    this.log = deps.logger.child({ callId: spec.callId, campaignId: spec.campaignId });
    this.ended = new Promise((resolve) => (this.resolveEnd = resolve));
    this.media = new CallMedia({
      telephony: deps.telephony,
      recordings: deps.recordings,
      store: deps.store,
      callId: this.callId,
      channelId: this.channelId,
      bridgeId: this.bridgeId,
      openingMedia: spec.openingMedia,
      language: spec.language,
      log: this.log,
      now: () => this.now(),
      input: (input) => this.input(input),
      bridgeCreated: () => this.state.bridgeCreated,
      abandoned: () => this.abandoned,
    });
  }

  get phase(): CallState['phase'] {
    return this.state.phase;
  }

  /** Dialing, ringing, or answered and still without an agent (counts against agents when pacing). */
  get awaitingAgent(): boolean {
    if (this.spec.reservedAgentId !== undefined || this.spec.inbound) return false;
    return (this.state.phase === 'answered' || this.state.phase === 'dialing' || this.state.phase === 'ringing') && !this.state.agent;
  }

  get playbackIds(): string[] {
    return [AriIds.playback(this.callId, 'opening'), AriIds.playback(this.callId, 'safe-harbour')];
  }

  /** The agent on the call once connected (their softphone channel), else null — also while a transfer holds the customer. */
  get connectedAgent(): { agentId: number; channelId: string } | null {
    if (this.transferHook?.holding()) return null;
    return this.state.agentConnected && this.state.agent?.channelId && !this.state.customerGone ? { ...this.state.agent } : null;
  }

  /** The call's agent even while a transfer holds the customer (the transfer service's view). */
  get handler(): { agentId: number; channelId: string } | null {
    return this.state.agentConnected && this.state.agent?.channelId && !this.state.customerGone ? { ...this.state.agent } : null;
  }

  /**
   * A transfer in progress (transfers/transfer-service.ts): it holds the customer or not, and it
   * takes the softphone losses of its legs (a consulting agent's hangup is not the call's end).
   */
  attachTransfer(hook: CallTransferHook | null): void {
    this.transferHook = hook;
  }

  /** A transfer handed the customer to another agent, or (`agentId` null) to a supervisor who is no agent. */
  handOver(agentId: number | null, channelId: string): void {
    this.input({ type: 'handler-changed', at: this.now(), agentId, channelId });
  }

  /** Every ARI event routed to this call also goes to `fn` (the consent verification); returns the unsubscribe. */
  watch(fn: (ev: AriEvent) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  ownsRecording(name: string): boolean {
    return this.media.segmentNames.has(name);
  }

  /** Places the call. The session must already be routable: events can precede the reply. */
  async dial(): Promise<void> {
    try {
      await this.deps.telephony.originate({
        channelId: this.channelId,
        endpoint: this.spec.endpoint,
        appArgs: ['customer', this.callId],
        timeoutSec: this.spec.ringTimeoutSec,
        callerId: this.spec.callerId || undefined,
        ...(this.spec.language ? { variables: { 'CHANNEL(language)': this.spec.language } } : {}),
      });
    } catch (err) {
      this.log.warn({ err }, 'call-session: originate failed');
      this.input({ type: 'originate-failed', at: this.now(), reason: (err as Error).message.slice(0, 200) });
    }
  }

  /** ARI events routed to this call (its channel, bridge, playbacks, recordings). */
  handleEvent(ev: AriEvent): void {
    const at = this.now();
    for (const w of this.watchers) w(ev);
    switch (ev.type) {
      case 'ChannelStateChange':
        if (ev.channel.state === 'Ringing') this.input({ type: 'ringing', at });
        break;
      case 'Dial':
        this.input({ type: 'dial-status', at, status: ev.dialstatus });
        break;
      case 'StasisStart':
        this.input({ type: 'answered', at });
        break;
      case 'ChannelHangupRequest':
        if (ev.cause !== null && !ev.soft) this.hangupCause = ev.cause;
        this.input({ type: 'customer-hangup', at });
        break;
      case 'StasisEnd':
        this.input({ type: 'customer-hangup', at });
        // An inbound channel leaves the app at StasisEnd: no ChannelDestroyed will follow.
        if (this.spec.inbound) this.input({ type: 'customer-destroyed', at, cause: this.hangupCause ?? 0, causeText: 'left the application (inbound call)' });
        break;
      case 'ChannelDestroyed':
        this.input({ type: 'customer-destroyed', at, cause: ev.cause, causeText: ev.causeText });
        break;
      case 'PlaybackStarted':
        if (ev.playbackId === AriIds.playback(this.callId, 'opening')) this.input({ type: 'opening-started', at });
        break;
      case 'PlaybackFinished':
        if (ev.playbackId === AriIds.playback(this.callId, 'opening')) this.input({ type: 'opening-finished', at });
        else if (ev.playbackId === AriIds.playback(this.callId, 'safe-harbour')) this.input({ type: 'safe-harbour-finished', at });
        break;
      case 'RecordingStarted':
      case 'RecordingFinished':
      case 'RecordingFailed':
        this.media.recordingEvent(ev, at);
        break;
      default:
        break;
    }
  }

  /** The agent on this call lost their softphone (`agentId`: whose, when known). */
  agentGone(agentId?: number): void {
    if (this.transferHook?.agentGone(agentId)) return;
    if (agentId !== undefined && this.state.agent && this.state.agent.agentId !== agentId) return;
    this.input({ type: 'agent-hangup', at: this.now() });
  }

  /** The agent leaves the call, which goes on (a supervisor took it over): the agent wraps up. */
  agentLeft(): void {
    this.input({ type: 'agent-left', at: this.now() });
  }

  /** The agent ends the call from the console. */
  endByAgent(): void {
    this.input({ type: 'agent-ended-call', at: this.now() });
  }

  /**
   * The customer channel vanished while we were not listening (found at reconcile). `at` is
   * the last moment it was known to be up (when the event stream was lost), if known.
   */
  channelLost(at = this.now()): void {
    const reason = 'channel gone while ARI was disconnected (Asterisk stopped or restarted?)';
    this.input({ type: 'telephony-lost', at, reason });
    this.input({ type: 'customer-destroyed', at, cause: 0, causeText: reason });
  }

  /** Asterisk is shutting down and cutting every call (a shutdown soft hangup was seen). */
  telephonyStopping(reason: string): void {
    this.input({ type: 'telephony-lost', at: this.now(), reason });
  }

  /**
   * The service is going away with the call still up (the shutdown grace ran out): stop
   * acting on it — no more timers, events or commands — so the row the shutdown closes as
   * interrupted is not overwritten by a late step.
   */
  abandon(): void {
    this.abandoned = true;
    this.media.release();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

  input(input: CallInput): void {
    if (this.abandoned) return;
    // The row's facts and what the step sets off synchronously (the agent's state log…) in one commit.
    this.deps.store.inOneCommit(() => this.step(input));
  }

  private step(input: CallInput): void {
    const { state, commands } = transition(this.state, input, this.machine);
    this.state = state;
    if (commands.length === 0) return;
    // The call row is what other parts read (the agent console's permission checks): its facts
    // are written now, in order, never behind the state machine while I/O commands (REST calls
    // to Asterisk) wait in the queue.
    const io: CallCommand[] = [];
    for (const cmd of commands) {
      if (cmd.type === 'persist') this.persist(cmd.patch);
      else {
        if (asksFirstSegment(cmd)) this.media.expectFirstRecording();
        io.push(cmd);
      }
    }
    this.queue.push(...io);
  }

  private persist(patch: Extract<CallCommand, { type: 'persist' }>['patch']): void {
    try {
      this.deps.store.patch(this.callId, patch);
    } catch (err) {
      this.log.error({ err, patch }, 'call-session: the call row could not be written');
    }
  }

  private now(): number {
    return this.deps.clock.now();
  }


  private arm(name: string, ms: number, input: () => CallInput): void {
    this.timers.get(name)?.cancel();
    this.timers.set(
      name,
      this.deps.clock.setTimeout(() => {
        this.timers.delete(name);
        this.input(input());
      }, ms),
    );
  }

  private async execute(cmd: CallCommand): Promise<void> {
    if (this.abandoned) return;
    const { telephony, agents, store } = this.deps;
    switch (cmd.type) {
      case 'persist':
        this.persist(cmd.patch);
        return;
      case 'create-bridge':
      case 'bridge-customer':
      case 'open-call':
      case 'start-recording':
      case 'play-opening':
        await this.media.execute(cmd);
        return;
      case 'arm-opening-timeout':
        this.arm('opening', cmd.ms, () => ({ type: 'opening-finished', at: this.now() }));
        return;
      case 'request-agent':
        agents.requestAgent(this.callId, this.spec.campaignId, (offer) => this.input({ type: 'agent-offered', at: this.now(), ...offer }));
        return;
      case 'cancel-agent-request':
        agents.cancelRequest(this.callId);
        return;
      case 'connect-agent':
        try {
          // The softphone leaves its holding bridge at once; it joins the call once the
          // recording has been asked for (the opening's play goes on meanwhile).
          await agents.connectToCall(cmd.agentId, this.bridgeId, this.media.recordingAsked ?? undefined);
          this.input({ type: 'agent-connected', at: this.now() });
          if (this.connectedAgent) this.resolveAgentConnected();
        } catch (err) {
          this.log.error({ err, agentId: cmd.agentId }, 'call-session: agent could not be connected');
          this.input({ type: 'agent-connect-failed', at: this.now(), reason: (err as Error).message });
        }
        return;
      case 'arm-agent-wait':
        this.arm('agent-wait', cmd.ms, () => ({ type: 'agent-wait-expired', at: this.now() }));
        return;
      case 'play-safe-harbour':
        this.arm('safe-harbour', this.machine.openingTimeoutMs, () => ({ type: 'safe-harbour-finished', at: this.now() }));
        try {
          await telephony.playOnBridge(this.bridgeId, AriIds.playback(this.callId, 'safe-harbour'), cmd.media, this.spec.language);
        } catch (err) {
          this.log.error({ err }, 'call-session: safe-harbour message could not be played');
          this.input({ type: 'safe-harbour-finished', at: this.now() });
        }
        return;
      case 'hangup-customer':
        await telephony.hangup(this.channelId, cmd.reason).catch(ignoreAriNotFound);
        return;
      case 'release-agent':
        await agents.release(cmd.agentId, this.bridgeId, cmd.agentGone, this.spec.campaignId);
        return;
      case 'destroy-bridge':
        await telephony.destroyBridge(this.bridgeId).catch(ignoreAriNotFound);
        return;
      case 'arm-recording-wait':
        this.arm('recording-wait', this.machine.recordingSettleMs, () => ({ type: 'recording-wait-expired', at: this.now() }));
        return;
      case 'finish':
        for (const t of this.timers.values()) t.cancel();
        this.timers.clear();
        // An inbound call does not move the contact through the retry rules: the outbound calls do.
        if (!this.spec.inbound) store.settleContact(this.spec.contactId, cmd.outcome);
        this.log.info({ outcome: cmd.outcome }, 'call-session: call closed');
        this.resolveEnd({ callId: this.callId, contactId: this.spec.contactId, outcome: cmd.outcome });
        return;
    }
  }
}


type CommandLane = 'media' | 'recording' | 'agent';

/** Which lane a command runs in; `*` waits for all (tear-down never overtakes an agent move). */
function laneOf(cmd: CallCommand): CommandLane | '*' {
  switch (cmd.type) {
    case 'request-agent':
    case 'cancel-agent-request':
    case 'connect-agent':
    case 'release-agent':
      return 'agent';
    case 'start-recording':
      return 'recording';
    case 'destroy-bridge':
    case 'finish':
      return '*';
    default:
      return 'media';
  }
}
