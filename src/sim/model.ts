/**
 * Internal state of the simulated Asterisk: channels (with the `;2` half of Local channels),
 * bridges, playbacks and live recordings. Plain data; the engines mutate it.
 */
import type { ScheduledTask } from './clock.js';
import type { ParsedEndpoint } from './endpoint.js';
import type { FarEndScript } from './types.js';

export type ChannelState = 'Down' | 'Ring' | 'Ringing' | 'Up' | 'Busy';

export interface CallerId {
  name: string;
  number: string;
}

export interface DialplanLocation {
  context: string;
  exten: string;
  priority: number;
  app_name: string;
  app_data: string;
}

/** The fields of an ARI Channel object, kept up to date as the channel changes. */
export interface ChannelSnapshot {
  id: string;
  name: string;
  state: ChannelState;
  protocol_id: string;
  caller: CallerId;
  connected: CallerId;
  accountcode: string;
  dialplan: DialplanLocation;
  creationtime: string;
  language: string;
}

/** Where a channel is in its life. */
export type ChannelPhase = 'dialing' | 'up' | 'gone';

/** An originated channel (the `;1` half for Local channels). */
export interface SimChannel {
  snap: ChannelSnapshot;
  endpoint: string;
  ep: ParsedEndpoint;
  script: FarEndScript;
  /** Stasis application named at originate (events go there). */
  app: string | undefined;
  appArgs: string[];
  phase: ChannelPhase;
  inStasis: boolean;
  bridgeId: string | undefined;
  /** The `;2` half of a Local channel. */
  peer: ChannelSnapshot | undefined;
  /** True while the far end sends audio frames (from answer until hangup or audioStopsAfterMs). */
  sendingAudio: boolean;
  /** Muted towards Asterisk (`POST /channels/{id}/mute?direction=in|both`). */
  mutedIn: boolean;
  variables: Map<string, string>;
  /** The originate timeout task, cancelled on answer. */
  timeoutTask: ScheduledTask | undefined;
  /** Came in through the dialplan (a phone dialed an extension), not originated. */
  inbound?: boolean;
  /** A snoop channel: the id of the channel it spies on (sim/snoop.ts). */
  snoopOf?: string;
}

/** A bridge created over ARI. */
export interface SimBridge {
  id: string;
  name: string;
  /** `mixing` or `holding` as reported in `bridge_type`. */
  bridgeType: string;
  /** As last reported; re-evaluated after each membership change (see bridges.ts). */
  technology: string;
  creationtime: string;
  /** Channels in the bridge, in join order. */
  channels: string[];
  /** Internal participants (Recorder, Announcer) that count for the technology only. */
  internal: Set<string>;
  /** Applications subscribed to the bridge (those whose channels have entered it). */
  apps: Set<string>;
  /** Name of the live recording of this bridge. */
  recording: string | undefined;
  /** Queue of playback ids on this bridge's announcer, head = current. */
  playQueue: string[];
}

export type TargetKind = 'channel' | 'bridge';

export interface MediaTarget {
  kind: TargetKind;
  id: string;
}

export type PlaybackState = 'queued' | 'playing' | 'continuing' | 'paused' | 'done' | 'failed';

export interface SimPlayback {
  id: string;
  medias: string[];
  index: number;
  target: MediaTarget;
  language: string;
  state: PlaybackState;
  /** DELETE while queued: finish as `done` without ever starting. */
  canceled: boolean;
  /** Applications that receive this playback's events. */
  apps: Set<string>;
  itemTask: ScheduledTask | undefined;
  /** When the current item started (or resumed) and how much of it remains at that moment. */
  itemStartedAt: number;
  itemRemainingMs: number;
}

export type RecordingState = 'queued' | 'recording' | 'paused' | 'done' | 'failed' | 'canceled';

export interface SimRecording {
  name: string;
  format: string;
  target: MediaTarget;
  state: RecordingState;
  ifExists: 'fail' | 'overwrite' | 'append';
  maxDurationMs: number;
  maxSilenceMs: number;
  terminateOn: string;
  apps: Set<string>;
  startedAt: number;
  /** Closed intervals (ms) written to the file; `silent` while the recording was muted. */
  segments: Array<{ from: number; to: number; silent: boolean }>;
  /** Start of the interval being written now, if audio frames are being written. */
  audioSince: number | undefined;
  /** Whether the interval being written is silence (muted, or softmix mixing nobody's voice). */
  writingSilent: boolean;
  /** Samples already in the file when an `append` recording started. */
  baseSamples: Int16Array | undefined;
  muted: boolean;
  silenceTask: ScheduledTask | undefined;
  maxTask: ScheduledTask | undefined;
  durationSec: number | undefined;
  talkingSec: number | undefined;
  cause: string | undefined;
}
