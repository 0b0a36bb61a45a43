/**
 * Calls into the app through the dialplan: an agent softphone dials the login extension and
 * the dialplan runs Stasis(dialer,login,<ext>,<pin>). The app's first event is StasisStart on
 * an Up channel; the dialplan's earlier events reach no application; the channel then behaves
 * like any other (bridged, hung up by the app or by the phone). Checked over the raw protocol
 * and with unmodified ari-client.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PASS, USER, simPerTest, startSim } from './support/raw-ari.js';

const require = createRequire(import.meta.url);
const ari = require('ari-client') as { connect(url: string, user: string, pass: string): Promise<any> };

const LOGIN = { endpoint: 'PJSIP/7001', app: 'dialer', args: ['login', '7001', '1234'], dialplan: { context: 'agent-phones', exten: '*55', priority: 7 } };

const { connected, onCleanup } = simPerTest();

describe('inbound calls (placeInboundCall)', () => {
  it('delivers StasisStart with the args on an Up channel first, the dialplan before it to nobody', async () => {
    const { sim, app } = await connected();
    const id = sim.placeInboundCall(LOGIN);
    const start = await app.waitChannel('StasisStart', id);
    expect(start.args).toEqual(['login', '7001', '1234']);
    expect(start.application).toBe('dialer');
    expect(start.channel).toMatchObject({
      id,
      state: 'Up',
      caller: { name: '', number: '7001' },
      dialplan: { context: 'agent-phones', exten: '*55', priority: 7, app_name: 'Stasis', app_data: 'dialer,login,7001,1234' },
      language: 'en',
    });
    expect(start.channel.name).toMatch(/^PJSIP\/7001-[0-9a-f]{8}$/);
    expect(Object.keys(start.channel)).toEqual(['id', 'name', 'state', 'protocol_id', 'caller', 'connected', 'accountcode', 'dialplan', 'creationtime', 'language']);
    // The app saw nothing about the channel before StasisStart ...
    expect(app.events.filter((e) => e.channel?.id === id).map((e) => e.type)).toEqual(['StasisStart']);
    // ... though the dialplan did run (logged, addressed to no application).
    const before = sim.log.filter((e) => e.kind === 'event' && (e.event.channel as { id?: string } | undefined)?.id === id).map((e) => (e.kind === 'event' ? [e.type, e.app] : []));
    expect(before).toEqual([
      ['ChannelCreated', ''],
      ['ChannelDialplan', ''],
      ['ChannelStateChange', ''],
      ['ChannelDialplan', ''],
      ['StasisStart', 'dialer'],
    ]);
    expect(sim.channels()).toEqual([expect.objectContaining({ id, state: 'Up', endpoint: 'PJSIP/7001', args: ['login', '7001', '1234'], app: 'dialer', inStasis: true })]);
  });

  it('is the app’s channel from then on: answer, bridge, play, then the app hangs it up', async () => {
    const { sim, app } = await connected();
    const id = sim.placeInboundCall(LOGIN);
    await app.waitChannel('StasisStart', id);
    expect((await app.rest('POST', `/channels/${id}/answer`)).status).toBe(204);
    expect((await app.rest('POST', '/bridges', { type: 'holding', bridgeId: 'hold-1' })).status).toBe(200);
    expect((await app.rest('POST', '/bridges/hold-1/addChannel', { channel: id })).status).toBe(204);
    await app.waitChannel('ChannelEnteredBridge', id);
    expect((await app.rest('DELETE', `/channels/${id}`)).status).toBe(204);
    await app.waitChannel('StasisEnd', id);
    // The channel was the app's only while in Stasis: the dialplan's end reaches no app (real-ari/inbound-stasis).
    const after = app.events.filter((e) => e.channel?.id === id).map((e) => e.type);
    expect(after).toEqual(['StasisStart', 'ChannelEnteredBridge', 'ChannelHangupRequest', 'ChannelLeftBridge', 'StasisEnd']);
    expect(sim.channels()).toEqual([]);
    const destroyed = sim.log.find((e) => e.kind === 'event' && e.type === 'ChannelDestroyed' && (e.event.channel as { id?: string }).id === id);
    expect(destroyed).toMatchObject({ app: '', event: { cause: 16 } });
    expect(destroyed?.kind === 'event' && (destroyed.event.channel as { dialplan: { app_name: string } }).dialplan.app_name).not.toBe('AppDial2');
  });

  it('the phone hangs up (hangupFarEnd, or its script): HangupRequest → StasisEnd, and the app hears no more', async () => {
    const { sim, app } = await connected();
    const id = sim.placeInboundCall(LOGIN);
    await app.waitChannel('StasisStart', id);
    sim.hangupFarEnd(id, 16);
    await app.waitChannel('StasisEnd', id);
    expect(sim.channels()).toEqual([]);
    expect(app.events.filter((e) => e.channel?.id === id).map((e) => e.type)).toEqual(['StasisStart', 'ChannelHangupRequest', 'StasisEnd']);

    const scripted = sim.placeInboundCall({ ...LOGIN, script: { hangupAfterMs: 50 } });
    await app.waitChannel('StasisEnd', scripted);
    const gone = sim.log.find((e) => e.kind === 'event' && e.type === 'ChannelDestroyed' && (e.event.channel as { id?: string }).id === scripted);
    expect(gone).toMatchObject({ app: '', event: { cause: 0 } }); // a BYE carries no Q.850 cause (real-ari fixture)
  });

  it('without a connected application Stasis fails and the dialplan hangs up; nothing reaches an app', async () => {
    const s = await startSim();
    onCleanup(s.close);
    const id = s.sim.placeInboundCall(LOGIN);
    expect(s.sim.channels()).toEqual([]);
    const mine = s.sim.log.filter((e) => e.kind === 'event' && (e.event.channel as { id?: string } | undefined)?.id === id);
    expect(mine.every((e) => e.kind === 'event' && e.app === '')).toBe(true);
    expect(mine.map((e) => (e.kind === 'event' ? e.type : ''))).toContain('ChannelDestroyed');
    expect(mine.find((e) => e.kind === 'event' && e.type === 'ChannelVarset')).toMatchObject({ event: { variable: 'STASISSTATUS', value: 'FAILED' } });
  });

  it('refuses what a phone cannot do', async () => {
    const { sim } = await connected();
    expect(() => sim.placeInboundCall({ ...LOGIN, endpoint: 'Local/7001@agents' })).toThrow(/PJSIP/);
    expect(() => sim.placeInboundCall({ ...LOGIN, app: '' })).toThrow(/application/);
    expect(() => sim.placeInboundCall({ ...LOGIN, args: ['login', '70,01'] })).toThrow(/commas/);
    const id = sim.placeInboundCall({ ...LOGIN, channelId: 'phone-1' });
    expect(id).toBe('phone-1');
    expect(() => sim.placeInboundCall({ ...LOGIN, channelId: 'phone-1' })).toThrow(/exists/);
  });

  it('unmodified ari-client gets a StasisStart with args and a working Channel instance', async () => {
    const s = await startSim();
    const client = await ari.connect(s.url, USER, PASS);
    await client.start('dialer');
    onCleanup(s.close, () => client.stop());
    const started = new Promise<[any, any]>((resolve) => client.once('StasisStart', (ev: any, channel: any) => resolve([ev, channel])));
    const id = s.sim.placeInboundCall(LOGIN);
    const [ev, channel] = await started;
    expect(ev.args).toEqual(['login', '7001', '1234']);
    expect(channel.id).toBe(id);
    const ended = new Promise<void>((resolve) => channel.once('StasisEnd', () => resolve()));
    await channel.hangup();
    await ended;
  });
});
