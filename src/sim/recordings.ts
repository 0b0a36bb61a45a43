/**
 * Live recordings of bridges and channels (res_stasis_recording.c + app.c
 * `__ast_play_and_record`): REST 201 `queued`, RecordingStarted (`recording`), then
 * RecordingFinished (`done`, or `canceled` after DELETE) with `duration` in whole seconds.
 *
 * A recording ends when stopped over REST, when its bridge is destroyed or the last party
 * leaves, when its channel hangs up, at `maxDurationSeconds`, when `finishRecordingEarly` is
 * called, or when no audio frames arrive for `silenceTimeoutMs` — Asterisk's "No audio
 * available" end that happens while the call goes on (two `ast_waitfor(chan, 2000)` in a
 * row in app.c: 4 s by default). The WAV file holds only the time frames were arriving, as
 * Asterisk writes only the frames it receives.
 *
 * Which frames reach a bridge's recorder depends on the bridge technology, as on Asterisk:
 * up to two participants (a party and the Recorder: `simple_bridge`) the recorder gets only
 * what the other party sends, so a silent party means no frames — nothing written, and the
 * recording ends after the no-audio timeout; from three (an agent, or the Announcer playing:
 * `softmix`) the mixer sends every participant a frame every 20 ms, voice or not, so the
 * recording runs the whole call as one segment, silent stretches written as silence.
 */
import { MOH_ANNOUNCER } from './bridges.js';
import { recordingJson } from './events.js';
import type { MediaTarget, SimBridge, SimChannel, SimRecording } from './model.js';
import type { RestResult } from './rest/router.js';
import type { SimCore } from './sim-core.js';
import { StoredRecordings } from './stored-recordings.js';
import { readWavSamples, synthesizeAudio, writeWav } from './wav.js';

const err = (status: number, message: string): RestResult => ({ status, body: { message } });
const owner = (name: string): string => `recording:${name}`;

/** Parameters of `POST /bridges/{id}/record` and `POST /channels/{id}/record`. */
export interface RecordParams {
  name: string | undefined;
  format: string | undefined;
  maxDurationSeconds: number;
  maxSilenceSeconds: number;
  ifExists: string | undefined;
  beep: boolean;
  terminateOn: string | undefined;
}

export class RecordingEngine {
  constructor(private readonly core: SimCore) {}

  record(target: MediaTarget, p: RecordParams): RestResult {
    if (p.maxDurationSeconds < 0) return err(400, 'max_duration_seconds cannot be negative');
    if (p.maxSilenceSeconds < 0) return err(400, 'max_silence_seconds cannot be negative');
    if (!p.name) return err(400, 'Missing parameter name');
    if (!p.format) return err(400, 'Missing parameter format');
    const terminateOn = (p.terminateOn ?? 'none').toLowerCase();
    if (!['none', 'any', '*', '#'].includes(terminateOn)) return err(400, 'terminateOn invalid');
    const ifExists = (p.ifExists || 'fail').toLowerCase();
    if (ifExists !== 'fail' && ifExists !== 'overwrite' && ifExists !== 'append') return err(400, 'ifExists invalid');
    if (p.format !== 'wav') return err(422, 'specified format is unknown on this system');
    if (!StoredRecordings.validName(p.name)) return err(400, 'Recording name invalid');
    const exists = `Recording '${p.name}' already exists and can not be overwritten`;
    if (ifExists === 'fail' && this.core.stored.exists(p.name)) return err(409, exists);
    if (this.core.recordings.has(p.name)) return err(409, exists);
    // Asterisk creates the directory first; when it cannot, the request fails with 500.
    if (!this.core.stored.prepare(p.name)) return err(500, 'Internal Server Error');

    const rec: SimRecording = {
      name: p.name,
      format: p.format,
      target,
      state: 'queued',
      ifExists,
      maxDurationMs: p.maxDurationSeconds * this.core.opts.secondMs,
      maxSilenceMs: p.maxSilenceSeconds * this.core.opts.secondMs,
      terminateOn,
      apps: new Set(),
      startedAt: 0,
      segments: [],
      audioSince: undefined,
      writingSilent: false,
      baseSamples: undefined,
      muted: false,
      silenceTask: undefined,
      maxTask: undefined,
      durationSec: undefined,
      talkingSec: undefined,
      cause: undefined,
    };
    this.refreshApps(rec);
    this.core.recordings.set(rec.name, rec);
    if (target.kind === 'bridge') {
      const bridge = this.core.bridges.get(target.id);
      if (bridge) bridge.recording = rec.name;
    }
    this.core.clock.after(owner(rec.name), 0, () => this.start(rec));
    return {
      status: 201,
      body: recordingJson(rec),
      headers: { Location: `/recordings/live/${encodeURIComponent(rec.name)}` },
    };
  }

  private start(rec: SimRecording): void {
    if (rec.state !== 'queued') return;
    const ch = rec.target.kind === 'channel' ? this.core.channels.get(rec.target.id) : undefined;
    if (ch && ch.bridgeId !== undefined) {
      this.end(rec, 'failed', 'Cannot record channel while in bridge');
      return;
    }
    const bridge = rec.target.kind === 'bridge' ? this.core.bridges.get(rec.target.id) : undefined;
    if (!ch && !bridge) {
      this.end(rec, 'failed', 'Target went away before recording started');
      return;
    }
    if (bridge) this.core.bridge.setInternal(bridge, 'recorder', true);
    const existing = rec.ifExists === 'append' ? this.core.stored.read(rec.name) : undefined;
    if (existing) {
      try {
        rec.baseSamples = readWavSamples(existing);
      } catch {
        rec.baseSamples = undefined;
      }
    }
    // Asterisk opens the file when it starts: it exists (header only) while recording.
    this.core.stored.write(rec.name, writeWav(rec.baseSamples ?? new Int16Array(0)));
    rec.state = 'recording';
    rec.startedAt = this.core.now();
    this.publish(rec, 'RecordingStarted');
    if (rec.maxDurationMs > 0) {
      rec.maxTask = this.core.clock.after(owner(rec.name), rec.maxDurationMs, () => this.end(rec, 'done'));
    }
    this.sync(rec);
  }

  getLive(name: string): SimRecording | undefined {
    return this.core.recordings.get(name);
  }

  /** `POST /recordings/live/{name}/stop`. */
  stop(rec: SimRecording): void {
    this.end(rec, rec.state === 'queued' ? 'canceled' : 'done');
  }

  /** `DELETE /recordings/live/{name}`: stop and discard the file. */
  cancel(rec: SimRecording): void {
    this.end(rec, 'canceled');
  }

  /** Pause (frames are not written) or unpause. */
  setPaused(rec: SimRecording, paused: boolean): RestResult {
    if (rec.state !== 'recording' && rec.state !== 'paused') return err(409, 'Recording not in session');
    rec.state = paused ? 'paused' : 'recording';
    this.sync(rec);
    return { status: 204 };
  }

  /** Mute (silence is written instead of audio) or unmute. */
  setMuted(rec: SimRecording, muted: boolean): RestResult {
    if (rec.state !== 'recording' && rec.state !== 'paused') return err(409, 'Recording not in session');
    this.closeSegment(rec);
    rec.muted = muted;
    this.sync(rec);
    return { status: 204 };
  }

  /** Ends a live recording now, as Asterisk does on its own. False when there is none. */
  finishEarly(name: string): boolean {
    const rec = this.core.recordings.get(name);
    if (!rec) return false;
    this.end(rec, 'done');
    return true;
  }

  isRecordingChannel(ch: SimChannel): boolean {
    for (const rec of this.core.recordings.values()) {
      if (rec.target.kind === 'channel' && rec.target.id === ch.snap.id) return true;
    }
    return false;
  }

  /** Something that changes who sends audio happened on a bridge or channel. */
  audioChanged(x: SimBridge | SimChannel): void {
    const target: MediaTarget = 'snap' in x ? { kind: 'channel', id: x.snap.id } : { kind: 'bridge', id: x.id };
    if ('snap' in x && x.bridgeId !== undefined) {
      const bridge = this.core.bridges.get(x.bridgeId);
      if (bridge) this.audioChanged(bridge);
    }
    for (const rec of this.core.recordings.values()) {
      if (rec.target.kind === target.kind && rec.target.id === target.id) this.sync(rec);
    }
  }

  /** DTMF on a channel ends a channel recording whose `terminateOn` matches. */
  dtmf(ch: SimChannel, digit: string): void {
    for (const rec of [...this.core.recordings.values()]) {
      if (rec.target.kind !== 'channel' || rec.target.id !== ch.snap.id || rec.state === 'queued') continue;
      if (rec.terminateOn === 'any' || rec.terminateOn === digit) this.end(rec, 'done');
    }
  }

  channelGone(ch: SimChannel): void {
    for (const rec of [...this.core.recordings.values()]) {
      if (rec.target.kind === 'channel' && rec.target.id === ch.snap.id) this.end(rec, 'done');
    }
  }

  bridgeEmpty(bridge: SimBridge): void {
    const rec = bridge.recording !== undefined ? this.core.recordings.get(bridge.recording) : undefined;
    if (rec && rec.state !== 'queued') this.end(rec, 'done');
  }

  bridgeGone(bridge: SimBridge): void {
    const rec = bridge.recording !== undefined ? this.core.recordings.get(bridge.recording) : undefined;
    if (rec) this.end(rec, 'done');
  }

  /**
   * `core stop now`: every bridge's Recorder leaves before the channels are hung up, so each
   * live bridge recording finishes (RecordingFinished) while its call still looks up.
   */
  recorderLeavesAll(): void {
    for (const rec of [...this.core.recordings.values()]) {
      if (rec.target.kind === 'bridge' && (rec.state === 'recording' || rec.state === 'paused')) this.end(rec, 'done');
    }
  }

  /** Asterisk went down: files keep what was recorded, nobody hears about it. */
  abandonAll(): void {
    for (const rec of [...this.core.recordings.values()]) {
      if (rec.state === 'recording' || rec.state === 'paused') this.writeFile(rec);
    }
  }

  /** What reaches the recorder now: frames with voice, frames of mixed silence (softmix), or none. */
  private frames(rec: SimRecording): 'voice' | 'silence' | 'none' {
    const sends = (id: string): boolean => {
      const ch = this.core.channels.get(id);
      return ch !== undefined && ch.sendingAudio && !ch.mutedIn;
    };
    if (rec.target.kind === 'channel') return sends(rec.target.id) ? 'voice' : 'none';
    const bridge = this.core.bridges.get(rec.target.id);
    if (!bridge) return 'none';
    if (this.core.play.isPlayingOn(bridge) || bridge.internal.has(MOH_ANNOUNCER) || bridge.channels.some(sends)) return 'voice';
    // The Recorder is a participant too: more than two means the softmix mixer feeds it.
    if (bridge.bridgeType !== 'holding' && bridge.channels.length + bridge.internal.size > 2) return 'silence';
    return 'none';
  }

  /** Re-evaluates whether frames arrive and are written; arms the no-audio timeout. */
  private sync(rec: SimRecording): void {
    if (rec.state !== 'recording' && rec.state !== 'paused') return;
    const frames = this.frames(rec);
    const flowing = frames !== 'none';
    const writing = flowing && rec.state === 'recording';
    const silent = rec.muted || frames === 'silence';
    if (rec.audioSince !== undefined && (!writing || silent !== rec.writingSilent)) this.closeSegment(rec);
    if (writing && rec.audioSince === undefined) {
      rec.audioSince = this.core.now();
      rec.writingSilent = silent;
    }
    if (flowing) {
      this.core.clock.cancel(rec.silenceTask);
      rec.silenceTask = undefined;
    } else if (!rec.silenceTask) {
      const limit = rec.maxSilenceMs > 0 ? Math.min(rec.maxSilenceMs, this.core.opts.silenceTimeoutMs) : this.core.opts.silenceTimeoutMs;
      rec.silenceTask = this.core.clock.after(owner(rec.name), limit, () => {
        this.core.logger.info({ recording: rec.name }, 'sim: no audio available, recording ends by itself');
        this.end(rec, 'done');
      });
    }
  }

  private closeSegment(rec: SimRecording): void {
    if (rec.audioSince === undefined) return;
    const now = this.core.now();
    if (now > rec.audioSince) rec.segments.push({ from: rec.audioSince, to: now, silent: rec.writingSilent });
    rec.audioSince = undefined;
  }

  private writeFile(rec: SimRecording): number {
    this.closeSegment(rec);
    const stretches = rec.segments.map((s) => ({ ms: s.to - s.from, silent: s.silent }));
    const fresh = synthesizeAudio(stretches);
    const base = rec.baseSamples ?? new Int16Array(0);
    const all = new Int16Array(base.length + fresh.length);
    all.set(base, 0);
    all.set(fresh, base.length);
    this.core.stored.write(rec.name, writeWav(all));
    return stretches.reduce((n, s) => n + s.ms, 0);
  }

  /** The one way a recording ends. */
  private end(rec: SimRecording, state: 'done' | 'canceled' | 'failed', cause?: string): void {
    if (!this.core.recordings.has(rec.name) || this.core.recordings.get(rec.name) !== rec) return;
    this.core.clock.cancelOwner(owner(rec.name));
    rec.silenceTask = undefined;
    rec.maxTask = undefined;
    this.refreshApps(rec);
    const wasRunning = rec.state === 'recording' || rec.state === 'paused';
    if (wasRunning) {
      const writtenMs = this.writeFile(rec);
      const talkingMs = rec.segments.filter((s) => !s.silent).reduce((n, s) => n + s.to - s.from, 0);
      rec.durationSec = Math.floor(writtenMs / 1000);
      if (rec.maxSilenceMs > 0) rec.talkingSec = Math.floor(talkingMs / 1000);
      if (state === 'canceled') this.core.stored.delete(rec.name);
    }
    rec.state = state;
    rec.cause = cause;
    this.core.recordings.delete(rec.name);
    const bridge = rec.target.kind === 'bridge' ? this.core.bridges.get(rec.target.id) : undefined;
    if (bridge && bridge.recording === rec.name) {
      bridge.recording = undefined;
      if (wasRunning) this.core.bridge.setInternal(bridge, 'recorder', false);
    }
    this.publish(rec, state === 'failed' ? 'RecordingFailed' : 'RecordingFinished');
  }

  private refreshApps(rec: SimRecording): void {
    const apps =
      rec.target.kind === 'bridge'
        ? (() => {
            const b = this.core.bridges.get(rec.target.id);
            return b ? this.core.appsOfBridge(b) : [];
          })()
        : (() => {
            const ch = this.core.channels.get(rec.target.id);
            return ch ? this.core.appsOfChannel(ch) : [];
          })();
    for (const a of apps) if (a) rec.apps.add(a);
  }

  private publish(rec: SimRecording, type: string): void {
    this.refreshApps(rec);
    this.core.bus.publish(rec.apps, type, { recording: recordingJson(rec) });
  }
}
