/**
 * Typed ARI events, normalised from Asterisk's JSON. Only what the dialer acts on is
 * modelled; every other event type (ChannelVarset, ChannelDialplan, …) is dropped by the
 * adapter, as are events about the `;2` halves of Local channels.
 */

/** The fields of an ARI Channel object the dialer uses. */
export interface ChannelSnapshot {
  id: string;
  name: string;
  /** Down, Rsrvd, OffHook, Dialing, Ring, Ringing, Up, Busy, Dialing Offhook, Pre-ring, Unknown. */
  state: string;
  callerNumber: string;
}

export type AriEvent =
  | { type: 'StasisStart'; channel: ChannelSnapshot; args: string[] }
  | { type: 'StasisEnd'; channel: ChannelSnapshot }
  | { type: 'ChannelStateChange'; channel: ChannelSnapshot }
  | { type: 'Dial'; peer: ChannelSnapshot; dialstatus: string }
  | { type: 'ChannelHangupRequest'; channel: ChannelSnapshot; cause: number | null; soft: boolean }
  | { type: 'ChannelDestroyed'; channel: ChannelSnapshot; cause: number; causeText: string }
  | { type: 'ChannelEnteredBridge'; channel: ChannelSnapshot; bridgeId: string }
  | { type: 'ChannelLeftBridge'; channel: ChannelSnapshot; bridgeId: string }
  | { type: 'BridgeDestroyed'; bridgeId: string }
  | { type: 'ChannelDtmfReceived'; channel: ChannelSnapshot; digit: string; durationMs: number }
  | { type: 'PlaybackStarted'; playbackId: string; targetUri: string; mediaUri: string; state: string }
  | { type: 'PlaybackFinished'; playbackId: string; targetUri: string; mediaUri: string; state: string }
  | { type: 'RecordingStarted'; name: string; targetUri: string; state: string }
  | { type: 'RecordingFinished'; name: string; targetUri: string; state: string; durationSec: number | null }
  | { type: 'RecordingFailed'; name: string; targetUri: string; state: string; cause: string };

export type AriEventType = AriEvent['type'];

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

function channelOf(raw: unknown): ChannelSnapshot {
  const c = obj(raw);
  return { id: str(c.id), name: str(c.name), state: str(c.state), callerNumber: str(obj(c.caller).number) };
}

/** The `;2` half of a Local channel pair: Asterisk reports it, the dialer never owns it. */
export function isLocalSecondHalf(channelId: string): boolean {
  return channelId.endsWith(';2');
}

/** Maps one raw ARI event to the typed form, or null when the dialer ignores it. */
export function normaliseEvent(raw: unknown): AriEvent | null {
  const e = obj(raw);
  const type = str(e.type);
  switch (type) {
    case 'StasisStart':
      return {
        type,
        channel: channelOf(e.channel),
        args: Array.isArray(e.args) ? e.args.map((a) => String(a)) : [],
      };
    case 'StasisEnd':
    case 'ChannelStateChange':
      return { type, channel: channelOf(e.channel) };
    case 'Dial':
      return { type, peer: channelOf(e.peer), dialstatus: str(e.dialstatus) };
    case 'ChannelHangupRequest':
      return { type, channel: channelOf(e.channel), cause: num(e.cause), soft: e.soft === true };
    case 'ChannelDestroyed':
      return { type, channel: channelOf(e.channel), cause: num(e.cause) ?? 0, causeText: str(e.cause_txt) };
    case 'ChannelEnteredBridge':
    case 'ChannelLeftBridge':
      return { type, channel: channelOf(e.channel), bridgeId: str(obj(e.bridge).id) };
    case 'BridgeDestroyed':
      return { type, bridgeId: str(obj(e.bridge).id) };
    case 'ChannelDtmfReceived':
      return { type, channel: channelOf(e.channel), digit: str(e.digit), durationMs: num(e.duration_ms) ?? 0 };
    case 'PlaybackStarted':
    case 'PlaybackFinished': {
      const p = obj(e.playback);
      return { type, playbackId: str(p.id), targetUri: str(p.target_uri), mediaUri: str(p.media_uri), state: str(p.state) };
    }
    case 'RecordingStarted': {
      const r = obj(e.recording);
      return { type, name: str(r.name), targetUri: str(r.target_uri), state: str(r.state) };
    }
    case 'RecordingFinished': {
      const r = obj(e.recording);
      return { type, name: str(r.name), targetUri: str(r.target_uri), state: str(r.state), durationSec: num(r.duration) };
    }
    case 'RecordingFailed': {
      const r = obj(e.recording);
      return { type, name: str(r.name), targetUri: str(r.target_uri), state: str(r.state), cause: str(r.cause) };
    }
    default:
      return null;
  }
}

/** The channel an event is about, if any (Dial is about its peer). */
export function eventChannelId(ev: AriEvent): string | null {
  if ('channel' in ev) return ev.channel.id;
  if (ev.type === 'Dial') return ev.peer.id;
  return null;
}
