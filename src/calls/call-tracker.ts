/**
 * Live calls keyed by call id, and the router that sends each ARI event to whoever owns
 * its object: a call session (customer channel, call bridge, playbacks, recordings), the
 * agent pool (softphone channels) or, for leftovers of an earlier run, the clean-up path.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { AgentPool } from '../agents/agent-pool.js';
import type { RecordingService } from '../recordings/recording-service.js';
import type { AriEvent } from '../telephony/events.js';
import type { LiveChannel, Telephony } from '../telephony/telephony.js';
import { hasCode } from '../errors.js';
import type { CallEnd, CallSession } from './call-session.js';

const PLAYBACK_ID = /^pb-(.+)-(opening|safe-harbour|consent-\d+)$/;
const RECORDING_NAME = /^rec-(.+)-(\d+)$/;
const CUSTOMER_CHANNEL = /^cust-(.+)$/;
/** ChannelHangupRequest `cause` of a shutdown (AST_SOFTHANGUP_SHUTDOWN), a flag rather than a Q.850 cause. */
const SOFTHANGUP_SHUTDOWN = 4;
const ownChannel = (id: string) => CUSTOMER_CHANNEL.test(id);

/** Another owner of channels in the app (supervisors' phones, snoops): its StasisStart kinds and its channels' events go to it. */
export interface ChannelOwner {
  /** The first StasisStart argument of the channels it originates. */
  readonly stasisKinds: readonly string[];
  ownsChannel(channelId: string): boolean;
  ownsBridge(bridgeId: string): boolean;
  handleEvent(ev: AriEvent): void;
}

export interface CallTrackerOptions {
  telephony: Telephony;
  agents: AgentPool;
  recordings: RecordingService;
  clock: Clock;
  logger: Logger;
}

export class CallTracker {
  private readonly sessions = new Map<string, CallSession>();
  private readonly endListeners: Array<(end: CallEnd) => void> = [];
  private readonly connectListeners: Array<(callId: string) => void> = [];
  private readonly owners: ChannelOwner[] = [];
  /** Customer channels not named by us (inbound calls: Asterisk named them) → call id. */
  private readonly foreignChannels = new Map<string, string>();
  private inboundHandler: ((ev: Extract<AriEvent, { type: 'StasisStart' }>) => void) | null = null;
  /**
   * Channels whose StasisStart this process saw (true while in the app, false once they left),
   * until they are destroyed — or, when that happens during a reconcile, until the next one
   * finds them gone: a listing in flight may still show them. The reconciler routes only the others.
   */
  private readonly seenInApp = new Map<string, boolean>();
  private reconciling = false;
  private readonly log: Logger;

  constructor(private readonly opts: CallTrackerOptions) {
    this.log = opts.logger.child({ module: 'calls' });
    opts.agents.on('gone', (agentId, callId) => {
      if (callId) this.sessions.get(callId)?.agentGone(agentId);
    });
  }

  /** Called with every closed call (after its row is written). */
  onCallEnded(listener: (end: CallEnd) => void): void {
    this.endListeners.push(listener);
  }

  /** Called when an agent is connected to a call (what the agent may do on it changes then). */
  onAgentConnected(listener: (callId: string) => void): void {
    this.connectListeners.push(listener);
  }

  /** Routes the events of another owner's channels to it (see {@link ChannelOwner}). */
  addOwner(owner: ChannelOwner): void {
    this.owners.push(owner);
  }

  /** Whether another owner (see {@link addOwner}) holds this channel or bridge now (the reconciler asks). */
  ownedByOther(id: string): boolean {
    return this.owners.some((o) => o.ownsChannel(id) || o.ownsBridge(id));
  }

  /** Takes the calls the dialplan hands to the app as `Stasis(app,inbound,<caller>,<dialled>)` (src/inbound). */
  onInbound(handler: (ev: Extract<AriEvent, { type: 'StasisStart' }>) => void): void {
    this.inboundHandler = handler;
  }

  /** Registers the session before it dials, so events that beat the originate reply find it. */
  add(session: CallSession): void {
    this.sessions.set(session.callId, session);
    if (!ownChannel(session.channelId)) this.foreignChannels.set(session.channelId, session.callId);
    void session.agentConnected.then(() => {
      for (const l of this.connectListeners) l(session.callId);
    });
    void session.ended.then((end) => {
      this.sessions.delete(session.callId);
      this.foreignChannels.delete(session.channelId);
      for (const l of this.endListeners) l(end);
      // Recordings are fetched after the call is closed, off the call's critical path.
      this.opts.recordings.finalizeCall(end.callId).catch((err: unknown) => {
        this.log.error({ err, callId: end.callId }, 'calls: recording finalisation failed');
      });
    });
  }

  /** Stops tracking every call (shutdown past its grace): each session is abandoned and returned, for the caller to close. */
  abandonAll(): CallSession[] {
    const left = [...this.sessions.values()];
    for (const s of left) s.abandon();
    this.sessions.clear();
    this.foreignChannels.clear();
    return left;
  }

  get(callId: string): CallSession | undefined {
    return this.sessions.get(callId);
  }

  list(): CallSession[] {
    return [...this.sessions.values()];
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Calls dialing, ringing, or answered without an agent yet. */
  awaitingAgentCount(campaignId?: number): number {
    let n = 0;
    for (const s of this.sessions.values()) {
      if (s.awaitingAgent && (campaignId === undefined || s.spec.campaignId === campaignId)) n += 1;
    }
    return n;
  }

  /**
   * A channel found in the app that this process never saw enter (it entered before a
   * restart, or while the event stream was down) is routed now as if it had just entered:
   * an inbound caller is routed again, a softphone that dialled in is logged in again,
   * anything else is hung up. False when this process saw it enter: its owner has it.
   */
  enterAgain(ch: LiveChannel & { stasisArgs: string[] }): boolean {
    if (this.seenInApp.has(ch.id)) return false;
    this.log.warn({ channelId: ch.id, args: ch.stasisArgs }, 'calls: a channel left in the app unattended (restart or lost events) is routed again');
    // Its own StasisStart, if it was only late, then finds it routed (see handle).
    this.handle({ type: 'StasisStart', channel: { id: ch.id, name: ch.name, state: ch.state, callerNumber: ch.callerNumber }, args: ch.stasisArgs });
    return true;
  }

  /** A reconcile starts with this listing of Asterisk's channels: the ones it no longer has are forgotten. */
  reconcileStarted(live: ReadonlySet<string>): void {
    this.reconciling = true;
    for (const id of this.seenInApp.keys()) if (!live.has(id)) this.seenInApp.delete(id);
  }

  reconcileEnded(): void {
    this.reconciling = false;
  }

  /** Routes one ARI event. */
  handle(ev: AriEvent): void {
    if (ev.type === 'StasisStart') {
      // Asterisk sends one per entry; a second while in the app is one the reconciler already routed.
      if (this.seenInApp.get(ev.channel.id) === true) return;
      this.seenInApp.set(ev.channel.id, true);
    } else if ((ev.type === 'StasisEnd' || ev.type === 'ChannelDestroyed') && this.seenInApp.has(ev.channel.id)) {
      if (ev.type === 'ChannelDestroyed' && !this.reconciling) this.seenInApp.delete(ev.channel.id);
      else this.seenInApp.set(ev.channel.id, false);
    }
    // `core stop now` soft-hangs-up every channel with AST_SOFTHANGUP_SHUTDOWN: every live
    // call is being cut by Asterisk, whichever of its channels (agent or customer) goes first.
    if (ev.type === 'ChannelHangupRequest' && ev.soft && ev.cause === SOFTHANGUP_SHUTDOWN && (ownChannel(ev.channel.id) || this.foreignChannels.has(ev.channel.id) || this.opts.agents.ownsChannel(ev.channel.id))) {
      this.log.warn({ channelId: ev.channel.id }, 'calls: Asterisk is shutting down; live calls are interrupted');
      for (const s of this.sessions.values()) s.telephonyStopping('Asterisk shut down during the call');
    }
    switch (ev.type) {
      case 'StasisStart':
        this.onStasisStart(ev);
        return;
      case 'PlaybackStarted':
      case 'PlaybackFinished': {
        const callId = PLAYBACK_ID.exec(ev.playbackId)?.[1];
        if (callId) this.sessions.get(callId)?.handleEvent(ev);
        return;
      }
      case 'RecordingStarted':
      case 'RecordingFinished':
      case 'RecordingFailed':
        this.onRecordingEvent(ev);
        return;
      case 'BridgeDestroyed':
        return;
      default: {
        const channelId = 'channel' in ev ? ev.channel.id : ev.type === 'Dial' ? ev.peer.id : null;
        if (!channelId) return;
        const callId = CUSTOMER_CHANNEL.exec(channelId)?.[1] ?? this.foreignChannels.get(channelId);
        const session = callId ? this.sessions.get(callId) : undefined;
        if (session) {
          session.handleEvent(ev);
          return;
        }
        const owner = this.owners.find((o) => o.ownsChannel(channelId));
        if (owner) owner.handleEvent(ev);
        else if (this.opts.agents.ownsChannel(channelId)) void this.opts.agents.handleEvent(ev);
      }
    }
  }

  private onStasisStart(ev: Extract<AriEvent, { type: 'StasisStart' }>): void {
    const [kind] = ev.args;
    const channelId = ev.channel.id;
    if (kind === 'customer') {
      const session = this.sessions.get(ev.args[1] ?? '');
      if (session && session.channelId === channelId) {
        session.handleEvent(ev);
        return;
      }
    } else if (kind === 'agent' && this.opts.agents.ownsChannel(channelId)) {
      void this.opts.agents.handleEvent(ev);
      return;
    } else if (this.owners.some((o) => o.stasisKinds.includes(kind ?? '') && o.ownsChannel(channelId))) {
      this.owners.find((o) => o.ownsChannel(channelId))!.handleEvent(ev);
      return;
    } else if (kind === 'login') {
      void this.opts.agents.handleDialInLogin(channelId, ev.args);
      return;
    } else if (kind === 'inbound' && this.inboundHandler) {
      this.inboundHandler(ev);
      return;
    }
    // A channel we have no record of (a call from before a restart answered late, say):
    // it must not sit in the app unattended.
    this.log.warn({ channelId, args: ev.args }, 'calls: unknown channel entered the app; hanging up');
    this.opts.telephony.hangup(channelId, 'normal').catch((err: unknown) => {
      if (!hasCode(err, 'DIALER_ERR_ARI_NOT_FOUND')) this.log.warn({ err, channelId }, 'calls: hangup of unknown channel failed');
    });
  }

  private onRecordingEvent(ev: Extract<AriEvent, { type: 'RecordingStarted' | 'RecordingFinished' | 'RecordingFailed' }>): void {
    const callId = RECORDING_NAME.exec(ev.name)?.[1];
    if (!callId) return;
    const session = this.sessions.get(callId);
    if (session?.ownsRecording(ev.name)) {
      session.handleEvent(ev);
      return;
    }
    // A segment of a call this process no longer tracks (closed as interrupted at restart):
    // note the finish and fetch it.
    if (ev.type === 'RecordingStarted') return;
    const seg = this.opts.recordings.segmentByName(ev.name);
    if (!seg) return;
    const at = this.opts.clock.now();
    if (ev.type === 'RecordingFinished') this.opts.recordings.segmentFinished(ev.name, at, ev.durationSec);
    else this.opts.recordings.segmentFailed(ev.name, at, `Asterisk reported RecordingFailed: ${ev.cause}`);
    void this.opts.recordings.finalizeCall(callId).catch((err: unknown) => {
      this.log.error({ err, callId }, 'calls: finalising an orphan recording failed');
    });
  }
}
