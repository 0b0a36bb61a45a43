/**
 * Far-end scripts and hangups beyond the traces: trunk (PJSIP) refusals with the causes and
 * dial statuses Asterisk derives, Local refusals, hangups before answer, an application
 * without a WebSocket, and originate's parameter checks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resourceOf, type AriSimulatorOptions, type FarEndScript } from '../../src/sim/index.js';
import { RawAri, startSim, type Json } from './support/raw-ari.js';
import { mainEvents } from './support/trace.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setup(opts: Partial<AriSimulatorOptions> = {}) {
  const s = await startSim(opts);
  const ari = new RawAri(s.url);
  await ari.connect();
  cleanup.push(s.close, () => ari.close());
  return { ...s, ari };
}

const summary = (events: Json[], id: string) =>
  mainEvents(events)
    .filter((e) => (e.channel ?? e.peer)?.id === id)
    .map((e) => [e.type, e.dialstatus ?? e.cause ?? '', e.cause_txt ?? ''].join(' ').trim());

describe('far-end scripts', () => {
  const trunk: Array<[FarEndScript, string[]]> = [
    [{ kind: 'busy' }, ['Dial', 'ChannelHangupRequest 17', 'Dial BUSY', 'ChannelDestroyed 17 User busy']],
    [{ kind: 'congestion' }, ['Dial', 'ChannelHangupRequest 34', 'Dial CONGESTION', 'ChannelDestroyed 34 Circuit/channel congestion']],
    [{ kind: 'reject' }, ['Dial', 'ChannelHangupRequest 21', 'Dial NOANSWER', 'ChannelDestroyed 21 Call Rejected']],
    [{ kind: 'unavailable' }, ['Dial', 'ChannelHangupRequest 20', 'Dial CHANUNAVAIL', 'ChannelDestroyed 20 Subscriber absent']],
    [{ kind: 'busy', ringMs: 30 }, ['Dial', 'ChannelStateChange', 'Dial RINGING', 'ChannelHangupRequest 17', 'Dial BUSY', 'ChannelDestroyed 17 User busy']],
    [{ kind: 'ring-forever' }, ['Dial', 'ChannelStateChange', 'Dial RINGING', 'ChannelDestroyed 19 User alerting, no answer']],
  ];
  it.each(trunk)('PJSIP trunk %j', async (script, expected) => {
    const { ari } = await setup({ scripts: { '8613800138000': script }, secondMs: 50 });
    const r = await ari.rest('POST', '/channels', { endpoint: 'PJSIP/8613800138000@carrier', app: 'dialer', channelId: 'c1', timeout: 2 });
    expect(r.body.name).toMatch(/^PJSIP\/carrier-/);
    expect(r.body.protocol_id).toMatch(/^[0-9a-f-]{36}$/);
    await ari.waitChannel('ChannelDestroyed', 'c1');
    expect(summary(ari.events, 'c1')).toEqual(expected);
    expect(ari.events.some((e) => e.type === 'StasisStart' || e.type === 'StasisEnd')).toBe(false);
  });

  const local: Array<[FarEndScript, string[], number]> = [
    [{ kind: 'congestion' }, ['Dial', 'Dial CONGESTION', 'ChannelDestroyed 0 Unknown'], 34],
    [{ kind: 'reject' }, ['Dial', 'ChannelHangupRequest 21', 'Dial NOANSWER', 'ChannelDestroyed 21 Call Rejected'], 21],
    [{ kind: 'unavailable' }, ['Dial', 'ChannelHangupRequest 20', 'Dial CHANUNAVAIL', 'ChannelDestroyed 20 Subscriber absent'], 20],
  ];
  it.each(local)('Local %j', async (script, expected, peerCause) => {
    const { ari } = await setup({ scripts: { '2001': script } });
    await ari.rest('POST', '/channels/c1', { endpoint: 'Local/2001@customers', app: 'dialer' });
    const peer = await ari.waitChannel('ChannelDestroyed', 'c1;2');
    expect(summary(ari.events, 'c1')).toEqual(expected);
    expect(peer.cause).toBe(peerCause);
  });

  it('answered script: digits and hangup measured from answer', async () => {
    const { ari } = await setup({
      scripts: { '2001': { kind: 'answer', ringMs: 20, digits: [{ atMs: 30, digits: '12#' }], hangupAfterMs: 650 } },
    });
    await ari.rest('POST', '/channels/c1', { endpoint: 'Local/2001@customers', app: 'dialer', appArgs: 'a,b,,c' });
    const start = await ari.waitChannel('StasisStart', 'c1');
    expect(start.args).toEqual(['a', 'b', '', 'c']);
    expect(start.channel.dialplan).toMatchObject({ app_name: 'Stasis', app_data: 'dialer,a,b,,c' });
    await ari.waitFor((e) => e.type === 'ChannelDtmfReceived' && e.digit === '#', 'third digit');
    expect(ari.events.filter((e) => e.type === 'ChannelDtmfReceived').map((e) => e.digit)).toEqual(['1', '2', '#']);
    const destroyed = await ari.waitChannel('ChannelDestroyed', 'c1');
    expect(destroyed).toMatchObject({ cause: 16, channel: { state: 'Up', dialplan: { app_name: 'AppDial2' } } });
  });

  it('hangupFarEnd before answer fails the attempt with that cause; after answer ends the call', async () => {
    const { ari, sim } = await setup({ scripts: { '2001': { kind: 'ring-forever' }, '3001': { kind: 'answer' } } });
    await ari.rest('POST', '/channels/ringing', { endpoint: 'PJSIP/2001@carrier', app: 'dialer' });
    await ari.waitFor((e) => e.type === 'Dial' && e.dialstatus === 'RINGING', 'RINGING');
    sim.hangupFarEnd('ringing', 17);
    await ari.waitChannel('ChannelDestroyed', 'ringing');
    expect(summary(ari.events, 'ringing').slice(-3)).toEqual(['ChannelHangupRequest 17', 'Dial BUSY', 'ChannelDestroyed 17 User busy']);

    await ari.rest('POST', '/channels/up', { endpoint: 'PJSIP/3001', app: 'dialer' });
    await ari.waitChannel('StasisStart', 'up');
    sim.hangupFarEnd('up', 127);
    await ari.waitChannel('ChannelDestroyed', 'up');
    expect(summary(ari.events, 'up').slice(-3)).toEqual(['ChannelHangupRequest 127', 'StasisEnd', 'ChannelDestroyed 127 Interworking, unspecified']);
    expect(sim.channels()).toEqual([]);
  });

  it('DELETE while ringing: HangupRequest{32, soft}, Dial with the cause’s status, then ChannelDestroyed', async () => {
    const { ari } = await setup({ scripts: { '2001': { kind: 'ring-forever' } } });
    await ari.rest('POST', '/channels/c1', { endpoint: 'Local/2001@customers', app: 'dialer' });
    await ari.waitFor((e) => e.type === 'Dial' && e.dialstatus === 'RINGING', 'RINGING');
    expect((await ari.rest('DELETE', '/channels/c1', { reason: 'sometimes' })).body).toEqual({ message: 'Invalid reason for hangup provided' });
    expect((await ari.rest('DELETE', '/channels/c1', { reason: 'busy' })).status).toBe(204);
    const hr = ari.events.find((e) => e.type === 'ChannelHangupRequest' && e.channel.id === 'c1');
    expect(hr).toMatchObject({ cause: 32, soft: true });
    expect(summary(ari.events, 'c1').slice(-3)).toEqual(['ChannelHangupRequest 32', 'Dial BUSY', 'ChannelDestroyed 17 User busy']);
    expect((await ari.rest('DELETE', '/channels/c1')).status).toBe(404);
  });

  it('an app without a WebSocket: the callee answers and is hung up, nobody gets StasisStart', async () => {
    const { ari, sim } = await setup({ scripts: { '2001': { kind: 'answer' } } });
    const r = await ari.rest('POST', '/channels/c1', { endpoint: 'Local/2001@customers', app: 'elsewhere' });
    expect(r.status).toBe(200);
    const deadline = Date.now() + 2000;
    while (sim.channels().length > 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
    expect(sim.channels()).toEqual([]);
    const logged = sim.log.flatMap((e) => (e.kind === 'event' ? [e.type] : []));
    expect(logged).toContain('ChannelDestroyed');
    expect(logged).not.toContain('StasisStart');
    expect(ari.events).toEqual([]);
  });

  it('originate checks its parameters like Asterisk', async () => {
    const { ari } = await setup({ scripts: { '2001': { kind: 'ring-forever' } } });
    expect((await ari.rest('POST', '/channels', { app: 'dialer' })).body).toEqual({ message: 'Endpoint must be specified' });
    expect((await ari.rest('POST', '/channels', { endpoint: 'PJSIP/', app: 'dialer' })).body).toEqual({ message: 'Invalid endpoint specified' });
    expect((await ari.rest('POST', '/channels', { endpoint: 'PJSIP/2001' })).body).toEqual({ message: 'Application or extension must be specified' });
    await ari.rest('POST', '/channels/c1', { endpoint: 'PJSIP/2001', app: 'dialer' }, { variables: { CALL_ID: 'x-1' } });
    expect((await ari.rest('POST', '/channels/c1', { endpoint: 'PJSIP/2001', app: 'dialer' })).status).toBe(409);
    expect((await ari.rest('GET', '/channels/c1/variable', { variable: 'CALL_ID' })).body).toEqual({ value: 'x-1' });
    const bad = await ari.rest('POST', '/channels', { endpoint: 'PJSIP/2001', app: 'dialer' }, { variables: { N: 1 } });
    expect(bad.body).toEqual({ message: "Only string values in the 'variables' object allowed" });
    // Before answer the channel is not in Stasis: operations needing control are 409.
    expect((await ari.rest('POST', '/channels/c1/play', { media: 'sound:x' })).body).toEqual({ message: 'Channel not in Stasis application' });
    // Parameters may also come as JSON body keys.
    expect((await ari.rest('POST', '/channels', {}, { endpoint: 'PJSIP/2001', app: 'dialer', channelId: 'c2' })).body.id).toBe('c2');
  });

  it('names the scripted resource of an endpoint', () => {
    expect(resourceOf('Local/2001@customers')).toBe('2001');
    expect(resourceOf('PJSIP/8613800138000@carrier')).toBe('8613800138000');
    expect(resourceOf('PJSIP/agent7')).toBe('agent7');
    expect(resourceOf('Local/2001@customers/n')).toBe('2001');
    expect(resourceOf('Bogus/x')).toBeUndefined();
  });
});
