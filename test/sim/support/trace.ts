/**
 * Comparing what the simulator did with a real Asterisk trace (test/fixtures/ari/*.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json, RestReply } from './raw-ari.js';

export interface TraceRest {
  method: string;
  path: string;
  query?: Record<string, unknown>;
  status: number;
  response: unknown;
}

export interface Trace {
  flow: string;
  rest: TraceRest[];
  events: Json[];
}

export function loadTrace(name: string): Trace {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'ari', `${name}.json`), 'utf8')) as Trace;
}

/** Events clients may ignore (see the README of the traces). */
const IGNORED = new Set(['ChannelVarset', 'ChannelDialplan', 'ChannelCallerId', 'ChannelConnectedLine']);

const channelOf = (e: Json): Json | undefined => e.channel ?? e.peer;

/** The events that matter: not about `;2` halves, not of the ignorable types. */
export function mainEvents(events: Json[]): Json[] {
  return events.filter((e) => !IGNORED.has(e.type) && !String(channelOf(e)?.id ?? '').endsWith(';2'));
}

/** The fields a client decides on, for pairwise comparison. */
export function keyFields(e: Json): Json {
  const out: Json = { type: e.type };
  for (const k of ['dialstatus', 'cause', 'cause_txt', 'soft', 'args', 'digit']) if (k in e) out[k] = e[k];
  const ch = channelOf(e);
  if (ch) out.channel = `${ch.id}:${ch.state}`;
  if (e.bridge) out.bridge = `${e.bridge.id}:${e.bridge.bridge_type}:${e.bridge.technology}`;
  if (e.playback) out.playback = `${e.playback.id}:${e.playback.state}:${e.playback.media_uri}`;
  if (e.recording) out.recording = `${e.recording.name}:${e.recording.state}:${e.recording.target_uri}`;
  return out;
}

/** Top-level keys of an event without the trace's own `_t_ms`. */
export function eventKeys(e: Json): string[] {
  return Object.keys(e)
    .filter((k) => k !== '_t_ms')
    .sort();
}

type ObjectKind = 'channel' | 'bridge' | 'playback' | 'recording' | 'callerid' | 'dialplan';

/** Every ARI object inside events and REST responses, by kind, as sorted key lists. */
export function objectKeySets(events: Json[], responses: unknown[]): Map<ObjectKind, Set<string>> {
  const out = new Map<ObjectKind, Set<string>>();
  const add = (kind: ObjectKind, obj: unknown): void => {
    if (!obj || typeof obj !== 'object') return;
    const set = out.get(kind) ?? new Set<string>();
    set.add(Object.keys(obj).sort().join(','));
    out.set(kind, set);
  };
  const addChannel = (c: Json | undefined): void => {
    if (!c) return;
    add('channel', c);
    add('callerid', c.caller);
    add('callerid', c.connected);
    add('dialplan', c.dialplan);
  };
  for (const e of events) {
    addChannel(e.channel);
    addChannel(e.peer);
    add('bridge', e.bridge);
    add('playback', e.playback);
    add('recording', e.recording);
  }
  for (const r of responses) {
    const o = r as Json;
    if (!o || typeof o !== 'object') continue;
    if ('protocol_id' in o) addChannel(o);
    else if ('bridge_type' in o) add('bridge', o);
    else if ('media_uri' in o) add('playback', o);
    else if ('target_uri' in o) add('recording', o);
  }
  return out;
}

/** REST exchange as compared: status plus the sorted keys of the body ('' for no body). */
export function restShape(status: number, body: unknown): { status: number; keys: string } {
  const keys = body && typeof body === 'object' ? Object.keys(body).sort().join(',') : '';
  return { status, keys };
}

export const restShapes = (replies: RestReply[]) => replies.map((r) => restShape(r.status, r.body));
export const traceRestShapes = (t: Trace) => t.rest.map((r) => restShape(r.status, r.response));
