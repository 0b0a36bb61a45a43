/**
 * Playbacks on channels and bridges, following res_stasis_playback.c: REST answers 201
 * `queued`; playbacks on one target run one after another; each media item publishes
 * PlaybackStarted (`playing`), PlaybackContinuing between items of a list, and the last one
 * PlaybackFinished `done` (also after DELETE) or `failed` (target hung up / bridge destroyed).
 * A `recording:` item whose stored recording does not exist — or an unknown scheme — is
 * skipped without a final update: PlaybackStarted and never PlaybackFinished.
 */
import { randomUUID } from 'node:crypto';
import { playbackJson } from './events.js';
import type { MediaTarget, SimBridge, SimPlayback } from './model.js';
import type { RestResult } from './rest/router.js';
import type { SimCore } from './sim-core.js';
import { readWavInfo } from './wav.js';

const err = (status: number, message: string): RestResult => ({ status, body: { message } });
const owner = (id: string): string => `playback:${id}`;

/** Duration of one media item, `Infinity` for tones (until stopped), undefined when unplayable. */
type ItemLength = number | undefined;

export class PlaybackEngine {
  /** Channel id → playback ids queued on it (head = current). */
  private readonly channelQueues = new Map<string, string[]>();

  constructor(private readonly core: SimCore) {}

  /** Queues `medias` on a target that the route has already validated. */
  play(target: MediaTarget, medias: string[], lang: string | undefined, playbackId: string | undefined): RestResult {
    if (medias.length === 0 || medias.some((m) => m === '')) return err(400, 'Missing parameter media');
    const id = playbackId || randomUUID();
    if (this.core.playbacks.has(id)) return err(409, `Playback with id '${id}' already exists`);
    const apps = new Set<string>();
    if (target.kind === 'channel') {
      const ch = this.core.channels.get(target.id);
      for (const a of ch ? this.core.appsOfChannel(ch) : []) if (a) apps.add(a);
    } else {
      const b = this.core.bridges.get(target.id);
      for (const a of b ? this.core.appsOfBridge(b) : []) if (a) apps.add(a);
    }
    const p: SimPlayback = {
      id,
      medias,
      index: 0,
      target,
      language: lang || 'en',
      state: 'queued',
      canceled: false,
      apps,
      itemTask: undefined,
      itemStartedAt: 0,
      itemRemainingMs: 0,
    };
    this.core.playbacks.set(id, p);
    const queue = this.queueOf(target);
    queue.push(id);
    if (queue.length === 1) this.core.clock.after(owner(id), 0, () => this.startNext(target));
    return { status: 201, body: playbackJson(p), headers: { Location: `/playbacks/${id}` } };
  }

  get(id: string): SimPlayback | undefined {
    return this.core.playbacks.get(id);
  }

  /** `DELETE /playbacks/{id}`: a queued playback is cancelled, a playing one stops (`done`). */
  stop(p: SimPlayback): void {
    if (p.state === 'queued') {
      p.canceled = true;
      return;
    }
    this.finish(p, 'done');
  }

  /** `POST /playbacks/{id}/control`. */
  control(p: SimPlayback, operation: string | undefined): RestResult {
    const ops = ['restart', 'pause', 'unpause', 'reverse', 'forward'];
    if (!operation || !ops.includes(operation)) return err(400, 'Invalid operation');
    if (p.state !== 'playing' && p.state !== 'paused' && p.state !== 'continuing') {
      return err(409, 'Playback not playing');
    }
    const now = this.core.now();
    if (operation === 'pause' && p.state === 'playing') {
      this.core.clock.cancel(p.itemTask);
      p.itemRemainingMs = Math.max(0, p.itemRemainingMs - (now - p.itemStartedAt));
      p.state = 'paused';
      this.mediaChanged(p);
    } else if (operation === 'unpause' && p.state === 'paused') {
      p.state = 'playing';
      this.publish(p, 'PlaybackStarted');
      this.runItem(p, p.itemRemainingMs);
      this.mediaChanged(p);
    } else if (operation === 'restart' && p.state === 'playing') {
      this.runItem(p, this.lengthOf(p.medias[p.index] ?? '', p.language) ?? 0);
    }
    return { status: 204 };
  }

  /** True while a playback is audible in the bridge (it counts as audio for the recorder). */
  isPlayingOn(bridge: SimBridge): boolean {
    const head = bridge.playQueue[0];
    const p = head !== undefined ? this.core.playbacks.get(head) : undefined;
    return p !== undefined && p.state === 'playing';
  }

  /** The channel hung up: its current playback fails, queued ones are dropped silently. */
  channelGone(channelId: string): void {
    const queue = this.channelQueues.get(channelId) ?? [];
    this.channelQueues.delete(channelId);
    this.abort(queue);
  }

  /** The bridge was destroyed: its announcer hangs up mid-prompt. */
  bridgeGone(bridge: SimBridge): void {
    const queue = [...bridge.playQueue];
    bridge.playQueue.length = 0;
    this.abort(queue);
  }

  private abort(queue: string[]): void {
    queue.forEach((id, i) => {
      const p = this.core.playbacks.get(id);
      if (!p) return;
      this.core.clock.cancelOwner(owner(id));
      this.core.playbacks.delete(id);
      if (i === 0 && p.state !== 'queued') {
        p.state = 'failed';
        this.publish(p, 'PlaybackFinished');
      }
    });
  }

  private queueOf(target: MediaTarget): string[] {
    if (target.kind === 'bridge') return this.core.bridges.get(target.id)?.playQueue ?? [];
    let q = this.channelQueues.get(target.id);
    if (!q) {
      q = [];
      this.channelQueues.set(target.id, q);
    }
    return q;
  }

  private startNext(target: MediaTarget): void {
    const head = this.queueOf(target)[0];
    const p = head !== undefined ? this.core.playbacks.get(head) : undefined;
    if (!p) return;
    if (p.canceled) {
      // A playback cancelled while queued reports `done` when its turn comes, without starting.
      p.state = 'done';
      this.publish(p, 'PlaybackFinished');
      this.remove(p);
      return;
    }
    const bridge = target.kind === 'bridge' ? this.core.bridges.get(target.id) : undefined;
    if (bridge) this.core.bridge.setInternal(bridge, 'announcer', true);
    this.startItem(p);
  }

  private startItem(p: SimPlayback): void {
    p.state = 'playing';
    this.publish(p, 'PlaybackStarted');
    const media = p.medias[p.index] ?? '';
    const length = this.lengthOf(media, p.language);
    this.logPlayed(p, media, length);
    if (length === undefined) {
      // Unplayable item: no final update (res_stasis_playback.c `continue`).
      if (p.index < p.medias.length - 1) {
        p.index += 1;
        this.startItem(p);
      } else {
        this.remove(p);
      }
      return;
    }
    this.mediaChanged(p);
    this.runItem(p, length);
  }

  private runItem(p: SimPlayback, ms: number): void {
    this.core.clock.cancel(p.itemTask);
    p.itemStartedAt = this.core.now();
    p.itemRemainingMs = ms;
    if (ms === Infinity) return;
    p.itemTask = this.core.clock.after(owner(p.id), ms, () => this.itemDone(p));
  }

  private itemDone(p: SimPlayback): void {
    if (p.index < p.medias.length - 1) {
      p.state = 'continuing';
      this.publish(p, 'PlaybackContinuing');
      p.index += 1;
      this.startItem(p);
      return;
    }
    this.finish(p, 'done');
  }

  private finish(p: SimPlayback, state: 'done' | 'failed'): void {
    p.state = state;
    this.publish(p, 'PlaybackFinished');
    this.remove(p);
  }

  /** Forgets a playback and starts the next one queued on the same target. */
  private remove(p: SimPlayback): void {
    this.core.clock.cancelOwner(owner(p.id));
    this.core.playbacks.delete(p.id);
    const queue = this.queueOf(p.target);
    const i = queue.indexOf(p.id);
    if (i >= 0) queue.splice(i, 1);
    const bridge = p.target.kind === 'bridge' ? this.core.bridges.get(p.target.id) : undefined;
    if (bridge && queue.length === 0) this.core.bridge.setInternal(bridge, 'announcer', false);
    this.mediaChanged(p);
    if (queue.length > 0) this.core.clock.after(owner(queue[0] ?? ''), 0, () => this.startNext(p.target));
  }

  private mediaChanged(p: SimPlayback): void {
    if (p.target.kind !== 'bridge') return;
    const bridge = this.core.bridges.get(p.target.id);
    if (bridge) this.core.rec.audioChanged(bridge);
  }

  private publish(p: SimPlayback, type: string): void {
    this.core.bus.publish(p.apps, type, { playback: playbackJson(p) });
  }

  /** What was played, in the play log (the demo shows the Mandarin pack playing): media, language, words. */
  private logPlayed(p: SimPlayback, media: string, length: ItemLength): void {
    const sounds = this.core.sounds;
    const text = sounds && media.startsWith('sound:') ? sounds.textOf(media.slice('sound:'.length), p.language) : '';
    this.core.logger.info(
      { playbackId: p.id, target: `${p.target.kind}:${p.target.id}`, media, lang: p.language, ms: length ?? null, ...(text ? { text } : {}) },
      length === undefined ? 'sim: cannot play (no such media)' : 'sim: playing',
    );
  }

  /** How long one media URI plays (`lang`: the playback's language, for sounds in the sounds folder). */
  lengthOf(uri: string, lang = 'en'): ItemLength {
    const o = this.core.opts;
    const colon = uri.indexOf(':');
    const scheme = colon > 0 ? uri.slice(0, colon) : '';
    const rest = uri.slice(colon + 1);
    const configured = o.soundDurationsMs[uri];
    switch (scheme) {
      case 'sound': {
        if (rest === '') return undefined;
        if (configured !== undefined || !this.core.sounds) return configured ?? o.defaultPlaybackMs;
        const file = this.core.sounds.find(rest, lang);
        return file ? (this.core.sounds.lengthOf(file) ?? o.defaultPlaybackMs) : undefined;
      }
      case 'recording': {
        if (configured !== undefined) return this.core.stored.exists(rest) ? configured : undefined;
        const file = this.core.stored.read(rest);
        if (!file) return undefined;
        try {
          return readWavInfo(file).durationMs;
        } catch {
          return o.defaultPlaybackMs;
        }
      }
      case 'number':
        return /^-?\d+$/.test(rest) ? (configured ?? rest.replace('-', '').length * o.perDigitPlaybackMs) : undefined;
      case 'digits':
      case 'characters':
        return configured ?? rest.length * o.perDigitPlaybackMs;
      case 'tone':
        return configured ?? Infinity;
      default:
        return undefined;
    }
  }
}
