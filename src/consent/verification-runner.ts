/**
 * Runs one verification on a live call: feeds the call's ARI events (the customer's keys,
 * the consent playbacks, the customer hanging up) into the pure verification machine and
 * executes its commands in order — playbacks on the call's recorded mixing bridge, muting
 * the agent's softphone towards Asterisk (`direction=in`: they hear everything, the customer
 * and the recording hear nothing from them), key timers.
 */
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../clock.js';
import { ignoreAriNotFound } from '../errors.js';
import type { CallSession } from '../calls/call-session.js';
import { AriIds } from '../telephony/endpoint.js';
import type { AriEvent } from '../telephony/events.js';
import type { Telephony } from '../telephony/telephony.js';
import type { TermsSnapshot } from './disclosure.js';
import {
  initialVerificationState,
  verificationTransition,
  type VerificationCommand,
  type VerificationInput,
  type VerificationOptions,
  type VerificationState,
} from './verification-machine.js';
import { SerialQueue } from '../support/serial-queue.js';

export interface VerificationRunnerDeps {
  telephony: Telephony;
  clock: Clock;
  logger: Logger;
  keyTimeoutMs: number;
  maxAsks: number;
  /** A playback without PlaybackFinished after this long counts as failed. */
  playbackGuardMs: number;
}

/** The playback id of the n-th consent playback of a call (routed by the call tracker). */
export const consentPlaybackId = (callId: string, seq: number) => AriIds.playback(callId, `consent-${seq}`);

export class VerificationRunner {
  private state: VerificationState = initialVerificationState();
  private readonly opts: VerificationOptions;
  private readonly queue = new SerialQueue<VerificationCommand>(
    (cmd) => this.execute(cmd),
    (err, cmd) => this.log.error({ err, command: cmd.type }, 'consent: verification command failed'),
  );
  private keyTimer: TimerHandle | null = null;
  private guard: TimerHandle | null = null;
  private readonly unwatch: () => void;
  private readonly log: Logger;
  private resolveDone!: (s: VerificationState) => void;
  /** Settles with the final state once the verification is over (agent unmuted). */
  readonly done: Promise<VerificationState>;

  constructor(
    private readonly deps: VerificationRunnerDeps,
    private readonly session: CallSession,
    private readonly agentChannelId: string,
    readonly terms: TermsSnapshot,
    /** Told each time the verification moves to another phase (the console's live progress). */
    private readonly onPhase: (phase: VerificationState['phase']) => void = () => undefined,
  ) {
    this.opts = { customerChannelId: session.channelId, terms, keyTimeoutMs: deps.keyTimeoutMs, maxAsks: deps.maxAsks };
    this.log = deps.logger.child({ callId: session.callId, module: 'consent' });
    this.done = new Promise((r) => (this.resolveDone = r));
    this.unwatch = session.watch((ev) => this.onEvent(ev));
  }

  get phase(): VerificationState['phase'] {
    return this.state.phase;
  }

  start(): void {
    this.input({ type: 'start', at: this.deps.clock.now() });
  }

  /** Ends the verification without consent (speaker changed, agent gone). */
  abort(reason: string): void {
    this.input({ type: 'abort', at: this.deps.clock.now(), reason });
  }

  private onEvent(ev: AriEvent): void {
    const at = this.deps.clock.now();
    switch (ev.type) {
      case 'ChannelDtmfReceived':
        this.input({ type: 'dtmf', at, digit: ev.digit, channelId: ev.channel.id });
        return;
      case 'PlaybackStarted':
      case 'PlaybackFinished': {
        const seq = this.seqOf(ev.playbackId);
        if (seq === null) return;
        if (ev.type === 'PlaybackStarted') {
          // A playback queued behind another is timed from when it starts.
          if (seq === this.state.playing?.seq) this.armGuard(seq);
          this.input({ type: 'playback-started', at, seq });
        }
        else if (ev.state === 'failed') this.input({ type: 'playback-failed', at, seq, reason: `Asterisk could not play ${ev.mediaUri}` });
        else this.input({ type: 'playback-finished', at, seq });
        return;
      }
      case 'ChannelHangupRequest':
      case 'StasisEnd':
      case 'ChannelDestroyed':
        this.input({ type: 'customer-gone', at });
        return;
      default:
        return;
    }
  }

  private seqOf(playbackId: string): number | null {
    const prefix = consentPlaybackId(this.session.callId, 0).slice(0, -1);
    if (!playbackId.startsWith(prefix)) return null;
    const n = Number(playbackId.slice(prefix.length));
    return Number.isInteger(n) ? n : null;
  }

  private input(i: VerificationInput): void {
    const { state, commands } = verificationTransition(this.state, i, this.opts);
    const moved = state.phase !== this.state.phase;
    this.state = state;
    if (moved) this.onPhase(state.phase);
    if (!commands.length) return;
    this.queue.push(...commands);
  }

  /** A playback without PlaybackFinished for playbackGuardMs (from its request, again from its start) has failed. */
  private armGuard(seq: number): void {
    const { clock } = this.deps;
    this.guard?.cancel();
    this.guard = clock.setTimeout(() => {
      this.input({ type: 'playback-failed', at: clock.now(), seq, reason: 'no PlaybackFinished' });
    }, this.deps.playbackGuardMs);
  }

  private async execute(cmd: VerificationCommand): Promise<void> {
    const { telephony, clock } = this.deps;
    switch (cmd.type) {
      case 'mute-agent':
        try {
          await telephony.muteChannel(this.agentChannelId, 'in');
        } catch (err) {
          // An agent who could still speak would taint the verification: stop it.
          this.log.error({ err }, 'consent: the agent could not be muted; verification aborted');
          this.abort('agent could not be muted');
        }
        return;
      case 'unmute-agent':
        await telephony.unmuteChannel(this.agentChannelId, 'in').catch(ignoreAriNotFound);
        return;
      case 'play':
        this.armGuard(cmd.seq);
        try {
          await telephony.playOnBridge(this.session.bridgeId, consentPlaybackId(this.session.callId, cmd.seq), cmd.media, this.session.spec.language);
        } catch (err) {
          this.log.warn({ err, media: cmd.media }, 'consent: playback failed');
          this.input({ type: 'playback-failed', at: clock.now(), seq: cmd.seq, reason: (err as Error).message });
        }
        return;
      case 'stop-playback':
        await telephony.stopPlayback(consentPlaybackId(this.session.callId, cmd.seq)).catch(ignoreAriNotFound);
        return;
      case 'arm-key-timeout':
        this.keyTimer?.cancel();
        this.keyTimer = clock.setTimeout(() => this.input({ type: 'key-timeout', at: clock.now(), token: cmd.token }), cmd.ms);
        return;
      case 'cancel-key-timeout':
        this.keyTimer?.cancel();
        this.keyTimer = null;
        return;
      case 'done':
        this.keyTimer?.cancel();
        this.guard?.cancel();
        this.unwatch();
        this.log.info({ outcome: cmd.outcome }, 'consent: verification ended');
        this.resolveDone(this.state);
        return;
    }
  }
}
