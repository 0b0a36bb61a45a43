/**
 * Snoop channels on the simulator: parameter checks as Asterisk's resource_channels.c makes
 * them, the snoop in the app at once, and its two ways out (the app hangs it up; the spied
 * channel goes) without a ChannelDestroyed, as on Asterisk 22 (real-ari/monitor-snoop.json).
 * Also through unmodified ari-client, which needs the operation in the served documents.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PASS, USER, simPerTest } from './support/raw-ari.js';

const require = createRequire(import.meta.url);
const ari = require('ari-client') as { connect(url: string, user: string, pass: string): Promise<any> };
const LOGIN = { endpoint: 'PJSIP/7001', app: 'dialer', args: ['agent'] };

const { connected } = simPerTest();

describe('snoop channels', () => {
  it('refuses bad directions, a missing app and an unknown channel', async () => {
    const { sim, app } = await connected();
    const id = sim.placeInboundCall(LOGIN);
    await app.waitChannel('StasisStart', id);
    const snoop = (q: Record<string, string>, on = id) => app.rest('POST', `/channels/${on}/snoop/s1`, q);
    expect((await snoop({ app: 'dialer', spy: 'sideways' })).status).toBe(400);
    expect((await snoop({ app: 'dialer', whisper: 'up' })).status).toBe(400);
    expect((await snoop({ app: 'dialer' })).status).toBe(400);
    expect((await snoop({ spy: 'both' })).status).toBe(400);
    expect((await snoop({ app: 'dialer', spy: 'both' }, 'nobody')).status).toBe(404);
    expect(sim.channels().map((c) => c.id)).toEqual([id]);
  });

  it('enters the app at once; an app hangup and the spied channel going both end it without ChannelDestroyed', async () => {
    const { sim, app } = await connected();
    const id = sim.placeInboundCall(LOGIN);
    await app.waitChannel('StasisStart', id);
    const res = await app.rest('POST', `/channels/${id}/snoop/s1`, { app: 'dialer', spy: 'both', whisper: 'out', appArgs: 'snoop,7' });
    expect(res.status).toBe(200);
    const start = await app.waitChannel('StasisStart', 's1');
    expect(start.args).toEqual(['snoop', '7']);
    expect(start.channel.name).toMatch(new RegExp(`^Snoop/${id.replace('.', '\\.')}-[0-9a-f]{8}$`));
    await app.rest('POST', '/bridges/b1', { type: 'mixing' });
    await app.rest('POST', '/bridges/b1/addChannel', { channel: 's1' });
    expect((await app.rest('DELETE', '/channels/s1')).status).toBe(204);
    await app.waitChannel('StasisEnd', 's1');
    const of = (c: string) => app.events.filter((e) => e.channel?.id === c && e.type !== 'ChannelVarset').map((e) => e.type);
    expect(of('s1')).toEqual(['StasisStart', 'ChannelEnteredBridge', 'ChannelHangupRequest', 'ChannelLeftBridge', 'StasisEnd']);

    await app.rest('POST', `/channels/${id}/snoop/s2`, { app: 'dialer', spy: 'in' });
    await app.waitChannel('StasisStart', 's2');
    await app.rest('DELETE', `/channels/${id}`);
    // A channel that entered the app from the dialplan leaves it at StasisEnd: no
    // ChannelDestroyed of it reaches the app (real-ari/inbound-stasis.json).
    await app.waitChannel('StasisEnd', id);
    await app.waitChannel('StasisEnd', 's2');
    expect(of('s2')).toEqual(['StasisStart', 'StasisEnd']);
    expect(sim.channels()).toEqual([]);
  });

  it('is offered to ari-client as channels.snoopChannelWithId', async () => {
    const { sim, url, app } = await connected();
    const id = sim.placeInboundCall(LOGIN);
    await app.waitChannel('StasisStart', id);
    const client = await ari.connect(url, USER, PASS);
    const ch = await client.channels.snoopChannelWithId({ channelId: id, snoopId: 's3', app: 'dialer', spy: 'both', whisper: 'none' });
    expect(ch.id).toBe('s3');
    await app.waitChannel('StasisStart', 's3');
  });
});
