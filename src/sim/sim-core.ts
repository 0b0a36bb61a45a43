/**
 * The simulated Asterisk without its network face: state, clock, event bus and the engines
 * (dialling, channels, bridges, playbacks, recordings) wired together. `server.ts` puts HTTP
 * and WebSocket in front of it.
 */
import { BridgeEngine } from './bridges.js';
import { ChannelEngine } from './channels.js';
import { Scheduler } from './clock.js';
import { DialEngine } from './dialing.js';
import { EventBus, type Deliver } from './events.js';
import { InboundEngine } from './inbound.js';
import type { SimBridge, SimChannel, SimPlayback, SimRecording } from './model.js';
import type { ResolvedOptions } from './options.js';
import { PlaybackEngine } from './playbacks.js';
import { RecordingEngine } from './recordings.js';
import { SimSounds } from './sounds.js';
import { SnoopEngine } from './snoop.js';
import { StoredRecordings } from './stored-recordings.js';
import type { FarEndScript, SimLogEntry } from './types.js';

/** What the core needs from the WebSocket side. */
export interface AppHub {
  isConnected(app: string): boolean;
  deliver: Deliver;
}

export class SimCore {
  readonly channels = new Map<string, SimChannel>();
  /** `;2` id → id of its `;1` channel. */
  readonly peerIndex = new Map<string, string>();
  readonly bridges = new Map<string, SimBridge>();
  readonly playbacks = new Map<string, SimPlayback>();
  readonly recordings = new Map<string, SimRecording>();
  /** Extra subscriptions made with `POST /applications/{app}/subscription`: app → `channel:x` / `bridge:y`. */
  readonly subscriptions = new Map<string, Set<string>>();
  readonly globalVars = new Map<string, string>();
  readonly log: SimLogEntry[] = [];
  readonly clock: Scheduler;
  readonly bus: EventBus;
  readonly dial: DialEngine;
  readonly inbound: InboundEngine;
  readonly chan: ChannelEngine;
  readonly bridge: BridgeEngine;
  readonly play: PlaybackEngine;
  readonly rec: RecordingEngine;
  readonly snoop: SnoopEngine;
  readonly stored: StoredRecordings;
  /** The sounds folder (options.soundsDir), when one is given. */
  readonly sounds: SimSounds | undefined;
  startedAt = 0;
  private seq = 0x10;
  private uniq = 0;

  constructor(
    readonly opts: ResolvedOptions,
    private readonly hub: AppHub,
  ) {
    this.clock = new Scheduler(opts.timers, opts.logger);
    this.startedAt = this.clock.now();
    this.bus = new EventBus(this.clock, (entry) => this.record(entry), () => this.startedAt, hub.deliver);
    this.stored = new StoredRecordings(opts.recordingsDir);
    this.sounds = opts.soundsDir ? new SimSounds(opts.soundsDir) : undefined;
    this.bridge = new BridgeEngine(this);
    this.play = new PlaybackEngine(this);
    this.rec = new RecordingEngine(this);
    this.chan = new ChannelEngine(this);
    this.dial = new DialEngine(this);
    this.inbound = new InboundEngine(this);
    this.snoop = new SnoopEngine(this);
  }

  /** Appends to the log; beyond `logLimit` entries the oldest tenth is dropped. */
  record(entry: SimLogEntry): void {
    this.log.push(entry);
    if (this.log.length > this.opts.logLimit) this.log.splice(0, Math.ceil(this.opts.logLimit / 10));
  }

  get logger(): ResolvedOptions['logger'] {
    return this.opts.logger;
  }

  now(): number {
    return this.clock.now();
  }

  /** Sequence number used in channel names (`-0000000f`). */
  nextSeq(): number {
    return this.seq++;
  }

  /** An Asterisk-style uniqueid, `<epoch seconds>.<n>`. */
  newUniqueId(): string {
    return `${Math.floor(this.startedAt / 1000)}.${this.uniq++}`;
  }

  isAppConnected(app: string | undefined): boolean {
    return app !== undefined && app !== '' && this.hub.isConnected(app);
  }

  scriptFor(resource: string): FarEndScript {
    return this.opts.scripts.get(resource) ?? this.opts.defaultScript;
  }

  /** Applications that receive events about a channel. */
  appsOfChannel(ch: SimChannel): string[] {
    return [ch.app ?? '', ...this.subscribersOf(`channel:${ch.snap.id}`)];
  }

  /** Applications that receive events about a bridge (and optionally one of its channels). */
  appsOfBridge(b: SimBridge, ch?: SimChannel): string[] {
    return [...b.apps, ...(ch ? this.appsOfChannel(ch) : []), ...this.subscribersOf(`bridge:${b.id}`)];
  }

  private subscribersOf(source: string): string[] {
    const apps: string[] = [];
    for (const [app, sources] of this.subscriptions) if (sources.has(source)) apps.push(app);
    return apps;
  }

  /** Finds a channel by its id or by the id of its `;2` half. */
  findChannel(id: string): { ch: SimChannel; half: 1 | 2 } | undefined {
    const direct = this.channels.get(id);
    if (direct) return { ch: direct, half: 1 };
    const primary = this.peerIndex.get(id);
    const ch = primary !== undefined ? this.channels.get(primary) : undefined;
    return ch ? { ch, half: 2 } : undefined;
  }

  /** Forgets everything, as an Asterisk restart would; no events are sent. */
  reset(): void {
    this.clock.cancelAll();
    this.rec.abandonAll();
    this.channels.clear();
    this.peerIndex.clear();
    this.bridges.clear();
    this.playbacks.clear();
    this.recordings.clear();
    this.subscriptions.clear();
  }
}
