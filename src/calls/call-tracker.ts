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
import type { Telephony } from '../telephony/telephony.js';
import { hasCode } from '../errors.js';
import type { CallEnd, CallSession } from './call-session.js';

const PLAYBACK_ID = /^pb-(.+)-(opening|safe-harbour|consent-\d+)$/;
const RECORDING_NAME = /^rec-(.+)-(\d+)$/;
const CUSTOMER_CHANNEL = /^cust-(.+)$/;
/** ChannelHangupRequest `cause` of a shutdown (AST_SOFTHANGUP_SHUTDOWN), a flag rather than a Q.850 cause. */
const SOFTHANGUP_SHUTDOWN = 4;
const ownChannel = (id: string) => CUSTOMER_CHANNEL.test(id);

/** Another owner of channels (transfers' calls to a target's phone): its Stasis kind and channels. */
export interface ChannelRoute {
  /** StasisStart args[0] of its channels. */
  stasisKind: string;
  ownsChannel(channelId: string): boolean;
  handle(ev: AriEvent): void;
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
  private readonly log: Logger;
  private readonly routes: ChannelRoute[] = [];

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

  /** Sends the events of another owner's channels to it (see {@link ChannelRoute}). */
  addRoute(route: ChannelRoute): void {
    this.routes.push(route);
  }

  /** Registers the session before it dials, so events that beat the originate reply find it. */
  add(session: CallSession): void {
    this.sessions.set(session.callId, session);
    void session.agentConnected.then(() => {
      for (const l of this.connectListeners) l(session.callId);
    });
    void session.ended.then((end) => {
      this.sessions.delete(session.callId);
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

  /** Routes one ARI event. */
  handle(ev: AriEvent): void {
    // `core stop now` soft-hangs-up every channel with AST_SOFTHANGUP_SHUTDOWN: every live
    // call is being cut by Asterisk, whichever of its channels (agent or customer) goes first.
    if (ev.type === 'ChannelHangupRequest' && ev.soft && ev.cause === SOFTHANGUP_SHUTDOWN && (ownChannel(ev.channel.id) || this.opts.agents.ownsChannel(ev.channel.id))) {
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
        const callId = CUSTOMER_CHANNEL.exec(channelId)?.[1];
        const session = callId ? this.sessions.get(callId) : undefined;
        if (session) {
          session.handleEvent(ev);
          return;
        }
        if (this.opts.agents.ownsChannel(channelId)) {
          void this.opts.agents.handleEvent(ev);
          return;
        }
        this.routes.find((r) => r.ownsChannel(channelId))?.handle(ev);
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
    } else if (kind === 'login') {
      void this.opts.agents.handleDialInLogin(channelId, ev.args);
      return;
    } else {
      const route = this.routes.find((r) => r.stasisKind === kind && r.ownsChannel(channelId));
      if (route) {
        route.handle(ev);
        return;
      }
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
