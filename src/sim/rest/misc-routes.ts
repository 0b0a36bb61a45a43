/**
 * The smaller resources: asterisk, applications, playbacks, endpoints, sounds, deviceStates,
 * mailboxes.
 */
import { ASTERISK_ID, ASTERISK_VERSION, asteriskTime } from '../asterisk-facts.js';
import { playbackJson } from '../events.js';
import type { SimCore } from '../sim-core.js';
import { fail, noContent, ok, str, type RestRequest, type RestResult, type Router } from './router.js';

/** Apps known to the simulator: connected ones plus those named by live channels. */
export type AppLister = () => string[];

function applicationJson(core: SimCore, name: string) {
  const channelIds: string[] = [];
  const bridgeIds: string[] = [];
  for (const ch of core.channels.values()) if (ch.app === name) channelIds.push(ch.snap.id);
  for (const b of core.bridges.values()) if (b.apps.has(name)) bridgeIds.push(b.id);
  for (const source of core.subscriptions.get(name) ?? []) {
    const [kind, id = ''] = source.split(':');
    if (kind === 'channel' && !channelIds.includes(id)) channelIds.push(id);
    if (kind === 'bridge' && !bridgeIds.includes(id)) bridgeIds.push(id);
  }
  return {
    name,
    channel_ids: channelIds,
    bridge_ids: bridgeIds,
    endpoint_ids: [],
    device_names: [],
    events_allowed: [],
    events_disallowed: [],
  };
}

function subscription(core: SimCore, apps: AppLister, req: RestRequest, add: boolean): RestResult {
  const name = req.params.applicationName ?? '';
  if (!apps().includes(name)) return fail(404, 'Application not found');
  const sources = (str(req, 'eventSource') ?? '').split(',').filter((s) => s !== '');
  if (sources.length === 0) return fail(400, 'Missing parameter eventSource');
  for (const source of sources) {
    const [kind, id = ''] = source.split(':');
    if (kind !== 'channel' && kind !== 'bridge') return fail(400, 'Invalid event source URI scheme');
    const exists = kind === 'channel' ? core.findChannel(id) !== undefined : core.bridges.has(id);
    if (!exists) return fail(422, 'Event source does not exist');
  }
  let set = core.subscriptions.get(name);
  if (!set) core.subscriptions.set(name, (set = new Set()));
  for (const source of sources) {
    if (add) set.add(source);
    else set.delete(source);
  }
  return ok(applicationJson(core, name));
}

export function miscRoutes(r: Router, core: SimCore, apps: AppLister): void {
  r.add('GET', '/asterisk/info', () =>
    ok({
      build: { os: 'Linux', kernel: 'sim', machine: 'x86_64', options: '', date: '', user: 'sim' },
      system: { version: ASTERISK_VERSION, entity_id: ASTERISK_ID },
      config: { name: 'ari-simulator', default_language: 'en', setid: { user: 'asterisk', group: 'asterisk' } },
      status: { startup_time: asteriskTime(core.startedAt), last_reload_time: asteriskTime(core.startedAt) },
    }),
  );
  r.add('GET', '/asterisk/ping', () => ok({ asterisk_id: ASTERISK_ID, ping: 'pong', timestamp: asteriskTime(core.now()) }));
  r.add('GET', '/asterisk/variable', (req) => {
    const variable = str(req, 'variable');
    if (!variable) return fail(400, 'Variable name is required');
    return ok({ value: core.globalVars.get(variable) ?? '' });
  });
  r.add('POST', '/asterisk/variable', (req) => {
    const variable = str(req, 'variable');
    if (!variable) return fail(400, 'Variable name is required');
    core.globalVars.set(variable, str(req, 'value') ?? '');
    return noContent();
  });

  r.add('GET', '/applications', () => ok(apps().map((a) => applicationJson(core, a))));
  r.add('GET', '/applications/{applicationName}', (req) => {
    const name = req.params.applicationName ?? '';
    return apps().includes(name) ? ok(applicationJson(core, name)) : fail(404, 'Application not found');
  });
  r.add('POST', '/applications/{applicationName}/subscription', (req) => subscription(core, apps, req, true));
  r.add('DELETE', '/applications/{applicationName}/subscription', (req) => subscription(core, apps, req, false));

  r.add('GET', '/playbacks/{playbackId}', (req) => {
    const p = core.play.get(req.params.playbackId ?? '');
    return p ? ok(playbackJson(p)) : fail(404, 'Playback not found');
  });
  r.add('DELETE', '/playbacks/{playbackId}', (req) => {
    const p = core.play.get(req.params.playbackId ?? '');
    if (!p) return fail(404, 'Playback not found');
    core.play.stop(p);
    return noContent();
  });
  r.add('POST', '/playbacks/{playbackId}/control', (req) => {
    const p = core.play.get(req.params.playbackId ?? '');
    return p ? core.play.control(p, str(req, 'operation')) : fail(404, 'Playback not found');
  });

  r.add('GET', '/endpoints', () => ok([]));
  r.add('GET', '/endpoints/{tech}', (req) =>
    ['PJSIP', 'Local'].includes(req.params.tech ?? '') ? ok([]) : fail(404, 'Endpoint not found'),
  );
  r.add('GET', '/endpoints/{tech}/{resource}', () => fail(404, 'Endpoint not found'));

  // With a sounds folder the answers come from its files (in Asterisk's layout); without, from soundDurationsMs.
  const configuredSounds = () =>
    Object.keys(core.opts.soundDurationsMs)
      .filter((k) => k.startsWith('sound:'))
      .map((k) => ({ id: k.slice('sound:'.length), text: '', formats: [{ language: 'en', format: 'gsm' }] }));
  const allSounds = (lang?: string) => [...configuredSounds().filter((s) => !lang || lang === 'en'), ...(core.sounds?.list(lang) ?? [])];
  r.add('GET', '/sounds', (req) => ok(allSounds(str(req, 'lang') || undefined)));
  r.add('GET', '/sounds/{soundId}', (req) => {
    const id = req.params.soundId ?? '';
    // Without a sounds folder every sound plays, so every sound exists (in each pack language).
    if (!core.sounds) return ok({ id, text: '', formats: ['en', 'zh'].map((language) => ({ language, format: 'wav' })) });
    const found = configuredSounds().find((s) => s.id === id) ?? core.sounds.get(id);
    return found ? ok(found) : fail(404, 'Sound not found');
  });

  r.add('GET', '/deviceStates', () => ok([]));
  r.add('GET', '/deviceStates/{deviceName}', () => fail(404, 'Device state not found'));
  r.add('GET', '/mailboxes', () => ok([]));
  r.add('GET', '/mailboxes/{mailboxName}', () => fail(404, 'Mailbox not found'));
}
