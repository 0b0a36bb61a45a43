/**
 * What the rest of the service may ask of the telephony layer. The ARI adapter is the one
 * implementation; nothing outside src/telephony knows that ARI exists.
 */
import type { AriEvent } from './events.js';

export interface OriginateRequest {
  channelId: string;
  endpoint: string;
  /** Passed to the Stasis app; arrive as StasisStart.args. */
  appArgs: string[];
  /** Ring timeout in seconds. */
  timeoutSec: number;
  callerId?: string;
  variables?: Record<string, string>;
}

export interface LiveChannel {
  id: string;
  name: string;
  state: string;
  callerNumber: string;
  /** The arguments of `Stasis(<our app>,…)` when the channel is in our application, else null. */
  stasisArgs: string[] | null;
}

export interface StoredRecording {
  name: string;
  format: string;
}

/** A stored recording's file as fetched: its size, its SHA-256 and its first bytes (the WAV header). */
export interface FetchedRecording {
  bytes: number;
  sha256: string;
  /** Up to the first 4 KiB. */
  head: Buffer;
}

export interface BridgeRecordOptions {
  format?: 'wav';
  maxDurationSeconds?: number;
  ifExists?: 'fail' | 'overwrite' | 'append';
}

/** An answered call's media (Telephony.openCall). */
export interface OpenCallRequest {
  bridgeId: string;
  /** The customer's channel, added to the bridge. */
  channelId: string;
  /** The bridge's recording, started after the add. */
  recording: { name: string } & BridgeRecordOptions;
  /** Played into the bridge after the record. */
  playback: { id: string; media: string; lang?: string };
}

/** How each of openCall's three requests ended, each on its own. */
export interface OpenCallResults {
  added: Promise<void>;
  recorded: Promise<void>;
  played: Promise<void>;
}

/** A snoop (ARI `POST /channels/{id}/snoop/{snoopId}`): a channel that hears and/or speaks into another. */
export interface SnoopRequest {
  /** The channel spied on. */
  channelId: string;
  /** The snoop channel's own id. */
  snoopId: string;
  /** Audio the snoop hears: what the channel receives (`out`), sends (`in`), both or none. */
  spy: 'none' | 'in' | 'out' | 'both';
  /** Where audio sent into the snoop goes: towards the channel's far end (`out`), into Asterisk as if the channel spoke (`in`), or nowhere. */
  whisper: 'none' | 'in' | 'out' | 'both';
  /** Passed to the Stasis app; arrive as the snoop's StasisStart.args. */
  appArgs: string[];
}

/** ARI's REST over the event WebSocket (see ari-ws-requests.ts). */
export interface RestOverWebSocket {
  /** The current connection's Asterisk answers it: openCall's requests go this way. */
  available: boolean;
  /** Its probe is in flight (HTTP meanwhile). */
  probing: boolean;
  /** Requests it has answered since the service started. */
  answered: number;
}

export type TelephonyListener = {
  event: (ev: AriEvent) => void;
  /** The event stream is up (first connection or after a reconnect). */
  connected: () => void;
  /** The event stream was lost; events may have been missed. */
  disconnected: (reason: string) => void;
};

export interface Telephony {
  readonly isConnected: boolean;
  readonly restOverWebSocket: RestOverWebSocket;
  on<K extends keyof TelephonyListener>(event: K, listener: TelephonyListener[K]): this;
  off<K extends keyof TelephonyListener>(event: K, listener: TelephonyListener[K]): this;

  originate(req: OriginateRequest): Promise<void>;
  answer(channelId: string): Promise<void>;
  /** `reason` per ARI: normal, busy, congestion, no_answer, … */
  hangup(channelId: string, reason?: string): Promise<void>;
  listChannels(): Promise<LiveChannel[]>;
  /** `lang`: the language `sound:` media are looked up in (ARI `lang`; the channel's when absent). */
  playOnChannel(channelId: string, playbackId: string, media: string, lang?: string): Promise<void>;
  /** Mutes audio from the channel into Asterisk (`direction=in`): it still hears the bridge. */
  muteChannel(channelId: string, direction: 'in' | 'out' | 'both'): Promise<void>;
  unmuteChannel(channelId: string, direction: 'in' | 'out' | 'both'): Promise<void>;

  listBridges(): Promise<Array<{ id: string; channels: string[] }>>;
  createBridge(bridgeId: string, type: 'mixing' | 'holding'): Promise<void>;
  destroyBridge(bridgeId: string): Promise<void>;
  addToBridge(bridgeId: string, channelId: string): Promise<void>;
  removeFromBridge(bridgeId: string, channelId: string): Promise<void>;
  playOnBridge(bridgeId: string, playbackId: string, media: string, lang?: string): Promise<void>;
  /** Plays music on hold into the bridge (an Announcer joins it): everyone in it hears the music. */
  startBridgeMoh(bridgeId: string, mohClass?: string): Promise<void>;
  stopBridgeMoh(bridgeId: string): Promise<void>;
  /** Which of the sounds (ids such as `dialer/opening-greeting`) Asterisk does not have in `lang`. */
  missingSounds(soundIds: readonly string[], lang: string): Promise<string[]>;
  stopPlayback(playbackId: string): Promise<void>;
  recordBridge(bridgeId: string, name: string, opts?: BridgeRecordOptions): Promise<void>;
  /**
   * Adds the customer to the bridge, then records the bridge, then plays into it, in that order
   * at Asterisk, so the opening is on the recording from its first word; each settles on its
   * own. Sent together when the transport keeps their order (one round trip after the answer).
   */
  openCall(req: OpenCallRequest): OpenCallResults;
  stopRecording(name: string): Promise<void>;

  /** Whether Asterisk is still writing the named recording. */
  isRecordingLive(name: string): Promise<boolean>;
  listStoredRecordings(): Promise<StoredRecording[]>;
  /** Streams the stored recording's file to `destPath`, hashing it on the way. */
  downloadStoredRecording(name: string, destPath: string): Promise<FetchedRecording>;
  deleteStoredRecording(name: string): Promise<void>;
  /** Creates a snoop channel on `channelId`; it enters the app (StasisStart) at once. */
  snoopChannel(req: SnoopRequest): Promise<void>;
  /** Round trip to Asterisk; rejects when it does not answer. */
  ping(): Promise<void>;
}
