/**
 * ARI JSON objects (Channel, Bridge, Playback, LiveRecording) and the event bus that stamps
 * every event with `timestamp`, `asterisk_id` and `application`, logs it and hands it to the
 * WebSocket hub.
 */
import { ASTERISK_ID, asteriskTime } from './asterisk-facts.js';
import type { Scheduler } from './clock.js';
import type { ChannelSnapshot, SimBridge, SimPlayback, SimRecording } from './model.js';
import type { SimLogEntry } from './types.js';

export type Json = Record<string, unknown>;

/** The ARI Channel object (same keys, same order as Asterisk 22). */
export function channelJson(s: ChannelSnapshot): Json {
  return {
    id: s.id,
    name: s.name,
    state: s.state,
    protocol_id: s.protocol_id,
    caller: { ...s.caller },
    connected: { ...s.connected },
    accountcode: s.accountcode,
    dialplan: { ...s.dialplan },
    creationtime: s.creationtime,
    language: s.language,
  };
}

/** The ARI Bridge object; internal participants (Recorder, Announcer) are not listed. */
export function bridgeJson(b: SimBridge): Json {
  return {
    id: b.id,
    technology: b.technology,
    bridge_type: b.bridgeType,
    bridge_class: 'stasis',
    creator: 'Stasis',
    name: b.name,
    channels: [...b.channels].sort(),
    creationtime: b.creationtime,
    video_mode: 'talker',
  };
}

/** The ARI Playback object; `next_media_uri` only while another media item follows. */
export function playbackJson(p: SimPlayback): Json {
  const json: Json = { id: p.id, media_uri: p.medias[p.index] ?? '' };
  const next = p.medias[p.index + 1];
  if (next !== undefined) json.next_media_uri = next;
  json.target_uri = `${p.target.kind}:${p.target.id}`;
  json.language = p.language;
  json.state = p.state;
  return json;
}

/**
 * The ARI LiveRecording object. `duration` appears once known; `talking_duration` and
 * `silence_duration` only when `maxSilenceSeconds` was given (res_stasis_recording.c).
 */
export function recordingJson(r: SimRecording): Json {
  const json: Json = {
    name: r.name,
    format: r.format,
    state: r.state,
    target_uri: `${r.target.kind}:${r.target.id}`,
  };
  if (r.durationSec !== undefined) json.duration = r.durationSec;
  if (r.talkingSec !== undefined && r.durationSec !== undefined) {
    json.talking_duration = r.talkingSec;
    json.silence_duration = r.durationSec - r.talkingSec;
  }
  if (r.cause !== undefined) json.cause = r.cause;
  return json;
}

/** Sends one event to the sockets of one application. */
export type Deliver = (app: string, event: Json) => void;

/** Stamps, logs and delivers events. */
export class EventBus {
  private listeners: Array<(ev: Json) => void> = [];

  constructor(
    private readonly clock: Scheduler,
    private readonly record: (entry: SimLogEntry) => void,
    private readonly startedAt: () => number,
    private readonly deliver: Deliver,
  ) {}

  onEvent(cb: (ev: Json) => void): void {
    this.listeners.push(cb);
  }

  offEvent(cb: (ev: Json) => void): void {
    this.listeners = this.listeners.filter((l) => l !== cb);
  }

  /**
   * Publishes `type` with `fields` to every app in `apps` (deduplicated). With no app the event
   * is still logged (application "") so tests can see what nobody received.
   */
  publish(apps: Iterable<string | undefined>, type: string, fields: Json): void {
    const now = this.clock.now();
    const body = structuredClone(fields);
    const targets = [...new Set([...apps].filter((a): a is string => typeof a === 'string' && a !== ''))];
    for (const app of targets.length > 0 ? targets : ['']) {
      const event: Json = { type, timestamp: asteriskTime(now), ...body, asterisk_id: ASTERISK_ID, application: app };
      this.record({ kind: 'event', t: now - this.startedAt(), app, type, event });
      if (app !== '') this.deliver(app, event);
      for (const l of this.listeners) {
        try {
          l(event);
        } catch {
          // A failing test listener must not break the simulated call flow.
        }
      }
    }
  }
}
