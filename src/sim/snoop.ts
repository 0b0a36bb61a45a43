/**
 * Snoop channels (`POST /channels/{id}/snoop[/{snoopId}]`), as a real Asterisk 22 runs them
 * (fixture real-ari/monitor-snoop.json):
 *
 *   create:             StasisStart of the snoop at once (it is answered, in the app)
 *   app DELETE:         ChannelHangupRequest{soft} → ChannelLeftBridge → StasisEnd
 *   spied channel gone: ChannelLeftBridge → StasisEnd (no hangup request)
 *
 * and in neither case a ChannelDestroyed reaches the app. The audio the snoop carries is not
 * modelled: a snoop only ever sits in a supervisor's private bridge, which nobody records.
 */
import { asteriskTime } from './asterisk-facts.js';
import { channelJson } from './events.js';
import type { SimChannel } from './model.js';
import { fail, str, type RestRequest, type RestResult, type Router } from './rest/router.js';
import type { SimCore } from './sim-core.js';

const DIRECTIONS = new Set(['none', 'in', 'out', 'both']);

export class SnoopEngine {
  constructor(private readonly core: SimCore) {}

  /** Checks the parameters the way resource_channels.c does, then creates the snoop in the app. */
  create(req: RestRequest, snoopId: string | undefined): RestResult {
    const spy = str(req, 'spy') ?? 'none';
    const whisper = str(req, 'whisper') ?? 'none';
    const app = str(req, 'app');
    if (!DIRECTIONS.has(spy)) return fail(400, 'Invalid direction specified for spy');
    if (!DIRECTIONS.has(whisper)) return fail(400, 'Invalid direction specified for whisper');
    if (spy === 'none' && whisper === 'none') return fail(400, 'Sending and receiving directions cannot both be none');
    if (!app) return fail(400, 'Application name is required');
    const found = this.core.findChannel(req.params.channelId ?? '');
    if (!found || found.ch.phase !== 'up') return fail(404, 'Channel not found');
    const id = snoopId || this.core.newUniqueId();
    if (this.core.findChannel(id)) return fail(409, 'Channel with given unique ID already exists');
    const spied = found.ch;
    const now = this.core.now();
    const ch: SimChannel = {
      snap: {
        id,
        name: `Snoop/${spied.snap.id}-${this.core.nextSeq().toString(16).padStart(8, '0')}`,
        state: 'Up',
        protocol_id: '',
        caller: { name: '', number: '' },
        connected: { name: '', number: '' },
        accountcode: '',
        dialplan: { context: 'default', exten: 's', priority: 1, app_name: 'Stasis', app_data: [app, str(req, 'appArgs') ?? ''].join(',') },
        creationtime: asteriskTime(now),
        language: 'en',
      },
      endpoint: `Snoop/${spied.snap.id}`,
      ep: { tech: 'PJSIP', dialstring: 'snoop', resource: 'snoop', domain: undefined },
      script: { kind: 'answer' },
      app,
      appArgs: (str(req, 'appArgs') ?? '').split(',').filter((a) => a !== ''),
      phase: 'up',
      inStasis: true,
      bridgeId: undefined,
      peer: undefined,
      sendingAudio: spy !== 'none',
      mutedIn: false,
      variables: new Map(),
      timeoutTask: undefined,
      snoopOf: spied.snap.id,
    };
    this.core.channels.set(id, ch);
    this.core.bus.publish(this.core.appsOfChannel(ch), 'StasisStart', { args: [...ch.appArgs], channel: channelJson(ch.snap) });
    return { status: 200, body: channelJson(ch.snap) };
  }

  /** The spied channel is going: its snoops leave their bridges and the app, without a hangup request. */
  spiedGone(spied: SimChannel): void {
    for (const ch of [...this.core.channels.values()]) {
      if (ch.snoopOf === spied.snap.id) this.core.chan.vanish(ch);
    }
  }
}

export function snoopRoutes(r: Router, core: SimCore): void {
  r.add('POST', '/channels/{channelId}/snoop', (req) => core.snoop.create(req, str(req, 'snoopId')));
  r.add('POST', '/channels/{channelId}/snoop/{snoopId}', (req) => core.snoop.create(req, req.params.snoopId));
}
