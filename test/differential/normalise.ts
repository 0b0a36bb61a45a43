/**
 * ARI events reduced to what must agree between a real Asterisk and the simulator: for each
 * object (a channel, bridge, playback or recording, named by its role in the scenario) the
 * ordered list of its events with their key fields. Timing, ids and the interleaving of
 * different objects are left out: those legitimately differ from run to run.
 */
import { bridgeOf, channelOf, playbackOf, recordingOf, type AriEventRecord } from './ari-driver.js';

/** Per object role, its events in order, e.g. `{ customer: ['StasisStart', 'ChannelEnteredBridge bridge', …] }`. */
export type NormalisedTrace = Record<string, string[]>;

const KEPT = new Set([
  'StasisStart',
  'StasisEnd',
  'Dial',
  'ChannelHangupRequest',
  'ChannelDestroyed',
  'ChannelEnteredBridge',
  'ChannelLeftBridge',
  'ChannelDtmfReceived',
  'PlaybackStarted',
  'PlaybackFinished',
  'RecordingStarted',
  'RecordingFinished',
  'BridgeDestroyed',
  'RESTResponse',
]);

/** `roles` maps the scenario's own ids (channel, bridge, playback, recording) to role names. */
export function normaliseTrace(events: AriEventRecord[], roles: Record<string, string>): NormalisedTrace {
  const out: NormalisedTrace = {};
  const push = (id: string | undefined, line: string): void => {
    const role = id === undefined ? undefined : roles[id];
    if (!role) return; // someone else's object, or a Local ;2 half
    (out[role] ??= []).push(line);
  };
  for (const e of events) {
    if (!KEPT.has(e.type)) continue;
    // The first Dial event (empty status) is the attempt itself; keep the outcomes.
    if (e.type === 'Dial') {
      const status = String(e.dialstatus ?? '');
      if (status) push((e.peer as { id?: string } | undefined)?.id, `Dial ${status}`);
      continue;
    }
    const ch = channelOf(e);
    const br = bridgeOf(e);
    switch (e.type) {
      case 'ChannelDestroyed':
        push(ch, `ChannelDestroyed cause=${String(e.cause)}`);
        break;
      case 'ChannelHangupRequest':
        push(ch, `ChannelHangupRequest${e.soft ? ' soft' : ''}`);
        break;
      case 'ChannelDtmfReceived':
        push(ch, `ChannelDtmfReceived ${String(e.digit)}`);
        break;
      case 'ChannelEnteredBridge':
      case 'ChannelLeftBridge':
        push(ch, `${e.type} ${roles[br ?? ''] ?? '?'}`);
        push(br, `${e.type} ${roles[ch ?? ''] ?? '?'}`);
        break;
      case 'PlaybackStarted':
      case 'PlaybackFinished':
        push(playbackOf(e), `${e.type} ${String((e.playback as { state?: string }).state)}`);
        break;
      case 'RecordingStarted':
      case 'RecordingFinished':
        push(recordingOf(e), `${e.type} ${String((e.recording as { state?: string }).state)}`);
        break;
      case 'RESTResponse': {
        // An error's words are kept; a success's body only as there or not (it holds ids and times).
        const status = Number(e.status_code);
        const body = typeof e.message_body === 'string' ? (status >= 400 ? ` ${e.message_body}` : ' body') : '';
        push(String(e.request_id), `RESTResponse ${status} ${String(e.reason_phrase)} ${String(e.uri)}${body}`);
        break;
      }
      default:
        push(ch ?? br, e.type);
    }
  }
  return out;
}
