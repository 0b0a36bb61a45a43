/**
 * ARI REST over the event WebSocket, through the adapter against the simulator: an answered
 * call's add, record and play go on the socket back to back and run in that order; an
 * Asterisk that does not answer there (older than 22.4) is detected and HTTP used; a request
 * in flight when the socket drops is failed, not left waiting.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AriSimulatorOptions, SimRestLogEntry } from '../../src/sim/index.js';
import { AriAdapter } from '../../src/telephony/ari-adapter.js';
import type { AriEvent } from '../../src/telephony/events.js';
import { startSim } from '../sim/support/raw-ari.js';
import { waitFor } from '../support/harness.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function connected(sim: Partial<AriSimulatorOptions> = {}, adapter: { restOverWebSocket?: boolean; requestTimeoutMs?: number } = {}) {
  const s = await startSim({ scripts: { '1001': { kind: 'answer', ringMs: 0 } }, ...sim });
  cleanup.push(s.close);
  const ari = new AriAdapter({ url: s.url, username: 'dialer', password: 'secret', app: 'dialer', logger: pino({ level: 'silent' }), ...adapter });
  cleanup.push(() => ari.stop());
  const events: AriEvent[] = [];
  ari.on('event', (ev) => events.push(ev));
  ari.start();
  await ari.waitConnected(5000);
  const rest = () => s.sim.log.filter((e): e is SimRestLogEntry => e.kind === 'rest');
  /** An answered customer `cust` and an empty mixing bridge `br`. */
  const answeredCall = async () => {
    await ari.createBridge('br', 'mixing');
    await ari.originate({ channelId: 'cust', endpoint: 'Local/1001@customers', appArgs: [], timeoutSec: 10 });
    await waitFor('the customer in the app', () => events.some((e) => e.type === 'StasisStart' && e.channel.id === 'cust'));
  };
  const openCall = () =>
    ari.openCall({ bridgeId: 'br', channelId: 'cust', recording: { name: 'calls/c-1', format: 'wav', ifExists: 'fail' }, playback: { id: 'pb-1', media: 'sound:hello-world' } });
  return { ...s, ari, events, rest, answeredCall, openCall };
}

const settle = async (r: { added: Promise<void>; recorded: Promise<void>; played: Promise<void> }) => Promise.allSettled([r.added, r.recorded, r.played]);

describe('ARI REST over the event WebSocket', () => {
  it("sends an answered call's add, record and play on the socket, run by Asterisk in that order", async () => {
    const c = await connected();
    await waitFor('the probe answered', () => c.ari.restOverWebSocket.available);
    await c.answeredCall();
    const results = await settle(c.openCall());
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const overSocket = c.rest().filter((e) => e.transport === 'ws').map((e) => e.path);
    expect(overSocket).toEqual(['/asterisk/ping', '/bridges/br/addChannel', '/bridges/br/record', '/bridges/br/play/pb-1']);
    await waitFor('the opening playing', () => c.events.some((e) => e.type === 'PlaybackStarted'));
    expect(c.sim.bridges()[0]).toMatchObject({ channels: ['cust'], recording: 'calls/c-1' });
    expect(c.ari.restOverWebSocket.answered).toBe(4);
  });

  it("maps Asterisk's error answers as over HTTP: the customer gone is not found", async () => {
    const c = await connected();
    await waitFor('the probe answered', () => c.ari.restOverWebSocket.available);
    await c.ari.createBridge('br', 'mixing');
    const [added, recorded] = await settle(c.openCall());
    expect(added).toMatchObject({ status: 'rejected', reason: { code: 'DIALER_ERR_ARI_NOT_FOUND' } });
    // The record and the play still ran, into the bridge without the customer.
    expect(recorded.status).toBe('fulfilled');
  });

  it('an Asterisk that ignores RESTRequests: detected, and the same requests go over HTTP, the play after the add and the record', async () => {
    const c = await connected({ restOverWebSocket: false }, { requestTimeoutMs: 300 });
    await c.answeredCall();
    // Before the probe times out, and after: HTTP either way.
    const early = await settle(c.openCall());
    expect(early.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    await waitFor('the probe given up', () => !c.ari.restOverWebSocket.probing);
    expect(c.ari.restOverWebSocket).toEqual({ available: false, probing: false, answered: 0 });
    await settle(c.openCall());
    const paths = c.rest().map((e) => e.path);
    expect(c.rest().some((e) => e.transport === 'ws')).toBe(false);
    expect(paths.indexOf('/bridges/br/play/pb-1')).toBeGreaterThan(Math.max(paths.indexOf('/bridges/br/addChannel'), paths.indexOf('/bridges/br/record')));
  });

  it('ARI_REST_OVER_WEBSOCKET=false: nothing is written on the socket', async () => {
    const c = await connected({}, { restOverWebSocket: false });
    await c.answeredCall();
    await settle(c.openCall());
    expect(c.rest().some((e) => e.transport === 'ws')).toBe(false);
    expect(c.ari.restOverWebSocket.available).toBe(false);
  });

  it('a socket dropped with requests in flight fails them at once (not after the timeout)', async () => {
    const c = await connected({}, { requestTimeoutMs: 60_000 });
    await waitFor('the probe answered', () => c.ari.restOverWebSocket.available);
    await c.answeredCall();
    const sent = c.openCall();
    // Dropped before the simulator reads what was written.
    c.sim.dropConnections();
    const results = await settle(sent);
    for (const r of results) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'DIALER_ERR_ARI_UNAVAILABLE' } });
  });
});
