/**
 * `/channels` routes, with the error conventions of res/ari/resource_channels.c: 404
 * "Channel not found", 409 "Channel not in Stasis application" for a channel that exists but
 * is not (yet) in Stasis, 400 for missing or invalid parameters.
 */
import { causeForHangupReason } from '../asterisk-facts.js';
import { channelJson } from '../events.js';
import type { SimChannel } from '../model.js';
import type { SimCore } from '../sim-core.js';
import { bool, fail, int, list, noContent, ok, str, type RestRequest, type RestResult, type Router } from './router.js';

type Control = { ok: true; ch: SimChannel } | { ok: false; result: RestResult };

/** Like `find_control()`: the channel must exist and be in a Stasis application. */
export function findControl(core: SimCore, id: string | undefined): Control {
  const found = id !== undefined ? core.findChannel(id) : undefined;
  if (!found) return { ok: false, result: fail(404, 'Channel not found') };
  if (found.half !== 1 || !found.ch.inStasis) {
    return { ok: false, result: fail(409, 'Channel not in Stasis application') };
  }
  return { ok: true, ch: found.ch };
}

function variablesOf(req: RestRequest): Record<string, string> | undefined {
  const raw = req.body?.variables;
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'string') return undefined;
    out[k] = v;
  }
  return out;
}

function originate(core: SimCore, req: RestRequest, channelId: string | undefined): RestResult {
  const variables = variablesOf(req);
  if (!variables) return fail(400, "Only string values in the 'variables' object allowed");
  return core.dial.originate({
    endpoint: str(req, 'endpoint'),
    app: str(req, 'app'),
    appArgs: str(req, 'appArgs'),
    extension: str(req, 'extension'),
    callerId: str(req, 'callerId'),
    timeout: str(req, 'timeout') === undefined ? undefined : int(req, 'timeout', 30),
    channelId,
    otherChannelId: str(req, 'otherChannelId'),
    variables,
  });
}

function hangup(core: SimCore, req: RestRequest): RestResult {
  const found = core.findChannel(req.params.channelId ?? '');
  if (!found) return fail(404, 'Channel not found');
  const code = str(req, 'reason_code');
  const cause = code !== undefined ? Number.parseInt(code, 10) : causeForHangupReason(str(req, 'reason'));
  if (cause === undefined || !Number.isFinite(cause)) return fail(400, 'Invalid reason for hangup provided');
  // Hanging up the ;2 half of a Local channel looks like the far end hanging up.
  if (found.half === 2) core.chan.farEndHangup(found.ch, cause);
  else core.chan.hangupByApp(found.ch, cause);
  return noContent();
}

function withControl(core: SimCore, fn: (ch: SimChannel, req: RestRequest) => RestResult) {
  return (req: RestRequest): RestResult => {
    const c = findControl(core, req.params.channelId);
    return c.ok ? fn(c.ch, req) : c.result;
  };
}

function setMute(core: SimCore, ch: SimChannel, req: RestRequest, muted: boolean): RestResult {
  const direction = str(req, 'direction') ?? 'both';
  if (!['in', 'out', 'both'].includes(direction)) return fail(400, 'Invalid direction specified');
  if (direction !== 'out') {
    ch.mutedIn = muted;
    core.rec.audioChanged(ch);
  }
  return noContent();
}

function play(core: SimCore, req: RestRequest): RestResult {
  const c = findControl(core, req.params.channelId);
  if (!c.ok) return c.result;
  if (int(req, 'skipms', 0) < 0) return fail(400, 'skipms cannot be negative');
  if (int(req, 'offsetms', 0) < 0) return fail(400, 'offsetms cannot be negative');
  return core.play.play({ kind: 'channel', id: c.ch.snap.id }, list(req, 'media'), str(req, 'lang'), req.params.playbackId ?? str(req, 'playbackId'));
}

/** The record parameters shared by channels and bridges. */
export function recordParams(req: RestRequest) {
  return {
    name: str(req, 'name'),
    format: str(req, 'format'),
    maxDurationSeconds: int(req, 'maxDurationSeconds', 0),
    maxSilenceSeconds: int(req, 'maxSilenceSeconds', 0),
    ifExists: str(req, 'ifExists'),
    beep: bool(req, 'beep', false),
    terminateOn: str(req, 'terminateOn'),
  };
}

export function channelRoutes(r: Router, core: SimCore): void {
  r.add('GET', '/channels', () => {
    const out: unknown[] = [];
    for (const ch of core.channels.values()) {
      out.push(channelJson(ch.snap));
      if (ch.peer) out.push(channelJson(ch.peer));
    }
    return ok(out);
  });
  r.add('POST', '/channels', (req) => originate(core, req, str(req, 'channelId')));
  r.add('POST', '/channels/{channelId}', (req) => originate(core, req, req.params.channelId));
  r.add('GET', '/channels/{channelId}', (req) => {
    const found = core.findChannel(req.params.channelId ?? '');
    if (!found) return fail(404, 'Channel not found');
    return ok(channelJson(found.half === 1 ? found.ch.snap : (found.ch.peer ?? found.ch.snap)));
  });
  r.add('DELETE', '/channels/{channelId}', (req) => hangup(core, req));
  const noop = withControl(core, () => noContent());
  for (const path of ['answer', 'ring', 'hold', 'moh', 'silence']) {
    r.add('POST', `/channels/{channelId}/${path}`, noop);
    if (path !== 'answer') r.add('DELETE', `/channels/{channelId}/${path}`, noop);
  }
  r.add('POST', '/channels/{channelId}/dtmf', withControl(core, (_ch, req) => (str(req, 'dtmf') ? noContent() : fail(400, 'DTMF is required'))));
  r.add('POST', '/channels/{channelId}/mute', withControl(core, (ch, req) => setMute(core, ch, req, true)));
  r.add('DELETE', '/channels/{channelId}/mute', withControl(core, (ch, req) => setMute(core, ch, req, false)));
  r.add('POST', '/channels/{channelId}/play', (req) => play(core, req));
  r.add('POST', '/channels/{channelId}/play/{playbackId}', (req) => play(core, req));
  r.add('POST', '/channels/{channelId}/record', (req) => {
    const p = recordParams(req);
    if (p.maxDurationSeconds < 0) return fail(400, 'max_duration_seconds cannot be negative');
    if (p.maxSilenceSeconds < 0) return fail(400, 'max_silence_seconds cannot be negative');
    const c = findControl(core, req.params.channelId);
    if (!c.ok) return c.result;
    return core.rec.record({ kind: 'channel', id: c.ch.snap.id }, p);
  });
  r.add('GET', '/channels/{channelId}/variable', (req) => {
    const variable = str(req, 'variable');
    if (!variable) return fail(400, 'Variable name is required');
    const found = core.findChannel(req.params.channelId ?? '');
    if (!found) return fail(404, 'Provided channel was not found');
    const value = found.ch.variables.get(variable);
    return value === undefined ? fail(404, 'Provided variable was not found') : ok({ value });
  });
  r.add('POST', '/channels/{channelId}/variable', (req) => {
    const variable = str(req, 'variable');
    if (!variable) return fail(400, 'Variable name is required');
    const c = findControl(core, req.params.channelId);
    if (!c.ok) return c.result;
    const value = str(req, 'value') ?? '';
    c.ch.variables.set(variable, value);
    core.chan.varset(c.ch, variable, value);
    return noContent();
  });
}
