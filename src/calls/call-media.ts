/**
 * A call's media steps against telephony and the recording service: its bridge, the
 * customer's add, the recording segments and the opening. Each step reports back to the call
 * machine as an input. The session (call-session.ts) routes events and runs the lanes.
 */
import type { Logger } from 'pino';
import { hasCode } from '../errors.js';
import type { RecordingService } from '../recordings/recording-service.js';
import { AriIds } from '../telephony/endpoint.js';
import type { AriEvent } from '../telephony/events.js';
import type { Telephony } from '../telephony/telephony.js';
import type { CallCommand, CallInput } from './call-machine.js';
import type { CallStore } from './call-store.js';

export type MediaCommand = Extract<CallCommand, { type: 'create-bridge' | 'bridge-customer' | 'open-call' | 'start-recording' | 'play-opening' }>;

export interface CallMediaContext {
  telephony: Telephony;
  recordings: RecordingService;
  store: CallStore;
  callId: string;
  channelId: string;
  bridgeId: string;
  openingMedia: string;
  language: string | undefined;
  log: Logger;
  now(): number;
  input(input: CallInput): void;
  /** The machine knows the bridge exists. */
  bridgeCreated(): boolean;
  /** The session no longer acts. */
  abandoned(): boolean;
}

export class CallMedia {
  /** This call's recording names → their segment. */
  readonly segmentNames = new Map<string, number>();
  /** Settles once the first recording segment has been asked for: no agent joins an unrecorded bridge. */
  recordingAsked: Promise<void> | null = null;
  private resolveRecordingAsked: () => void = () => undefined;

  constructor(private readonly c: CallMediaContext) {}

  /** The machine has asked for segment 1 (open-call, or start-recording 1): agents wait for it from now. */
  expectFirstRecording(): void {
    this.recordingAsked ??= new Promise((resolve) => (this.resolveRecordingAsked = resolve));
  }

  /** Nothing waits on the recording any more (the session was abandoned). */
  release(): void {
    this.resolveRecordingAsked();
  }

  async execute(cmd: MediaCommand): Promise<void> {
    const { telephony, bridgeId, callId } = this.c;
    switch (cmd.type) {
      case 'create-bridge':
        try {
          await telephony.createBridge(bridgeId, 'mixing');
          this.c.input({ type: 'bridge-created', at: this.c.now() });
        } catch (err) {
          // Not fatal while it rings: the answer makes the bridge then.
          this.c.log.warn({ err }, 'call-session: the bridge could not be made ahead of the answer');
        }
        return;
      case 'bridge-customer':
        try {
          if (!this.c.bridgeCreated()) {
            await telephony.createBridge(bridgeId, 'mixing');
            // The recording (its own lane) is asked for while the customer is being added.
            this.c.input({ type: 'bridge-created', at: this.c.now() });
          }
        } catch (err) {
          this.bridgingFailed(err);
          return;
        }
        await this.customerAdded(telephony.addToBridge(bridgeId, this.c.channelId));
        return;
      case 'open-call': {
        const name = this.recordingRequested(1);
        const sent = telephony.openCall({
          bridgeId,
          channelId: this.c.channelId,
          recording: { name, format: 'wav', ifExists: 'fail' },
          playback: { id: AriIds.playback(callId, 'opening'), media: this.c.openingMedia, lang: this.c.language },
        });
        await Promise.all([this.customerAdded(sent.added), this.recordingAnswered(1, name, sent.recorded), this.openingAnswered(sent.played)]);
        return;
      }
      case 'start-recording': {
        const name = this.recordingRequested(cmd.segment);
        await this.recordingAnswered(cmd.segment, name, telephony.recordBridge(bridgeId, name, { format: 'wav', ifExists: 'fail' }));
        return;
      }
      case 'play-opening':
        // Not before the recording has been asked for: the opening is on it from its first word.
        await this.recordingAsked;
        if (this.c.abandoned()) return;
        await this.openingAnswered(telephony.playOnBridge(bridgeId, AriIds.playback(callId, 'opening'), this.c.openingMedia, this.c.language));
        return;
    }
  }

  /** Asterisk's word on a recording routed to this call. */
  recordingEvent(ev: Extract<AriEvent, { type: 'RecordingStarted' | 'RecordingFinished' | 'RecordingFailed' }>, at: number): void {
    if (ev.type === 'RecordingStarted') {
      this.c.recordings.segmentStarted(ev.name, at);
      return;
    }
    const segment = this.segmentNames.get(ev.name);
    if (segment === undefined) return;
    if (ev.type === 'RecordingFinished') {
      this.c.recordings.segmentFinished(ev.name, at, ev.durationSec);
      this.c.input({ type: 'recording-finished', at, segment });
    } else {
      this.c.recordings.segmentFailed(ev.name, at, `Asterisk reported RecordingFailed: ${ev.cause}`);
      this.c.input({ type: 'recording-failed', at, segment });
    }
  }

  /** The customer's add to the bridge has been answered. */
  private async customerAdded(added: Promise<void>): Promise<void> {
    try {
      await added;
      this.c.input({ type: 'bridge-ready', at: this.c.now() });
    } catch (err) {
      this.bridgingFailed(err);
    }
  }

  private bridgingFailed(err: unknown): void {
    if (hasCode(err, 'DIALER_ERR_ARI_NOT_FOUND')) {
      // The customer hung up before we could bridge them.
      this.c.log.info({ err }, 'call-session: customer gone before bridging');
      this.c.input({ type: 'customer-hangup', at: this.c.now() });
    } else {
      this.c.log.error({ err }, 'call-session: could not bridge the customer');
      this.c.input({ type: 'bridge-failed', at: this.c.now(), reason: (err as Error).message });
    }
  }

  /** A recording segment is being asked for: its name, kept for its events. */
  private recordingRequested(segment: number): string {
    const at = this.c.now();
    if (segment === 1) this.c.store.patch(this.c.callId, { recordingStartedAt: at });
    const name = this.c.recordings.segmentRequested(this.c.callId, segment, at);
    this.segmentNames.set(name, segment);
    return name;
  }

  private async recordingAnswered(segment: number, name: string, asked: Promise<void>): Promise<void> {
    try {
      await asked;
    } catch (err) {
      this.c.log.error({ err, segment }, 'call-session: recording did not start');
      this.c.recordings.segmentFailed(name, this.c.now(), `record request failed: ${(err as Error).message}`);
      this.c.input({ type: 'recording-failed', at: this.c.now(), segment });
    } finally {
      if (segment === 1) this.resolveRecordingAsked();
    }
  }

  private async openingAnswered(played: Promise<void>): Promise<void> {
    try {
      await played;
    } catch (err) {
      // Not found: the customer (or the bridge) was gone first; the call is ending anyway.
      if (hasCode(err, 'DIALER_ERR_ARI_NOT_FOUND')) this.c.log.info({ err }, 'call-session: opening not played, the call is gone');
      else this.c.log.error({ err }, 'call-session: opening could not be played');
      this.c.input({ type: 'opening-finished', at: this.c.now() });
    }
  }
}
