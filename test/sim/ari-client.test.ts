/**
 * Unmodified ari-client 2.2.0 against the simulator: connect, a whole recorded call through
 * resource instances, error reporting, reconnect after a network drop, and a bad password
 * (in a child process, see test/fixtures/sim/ari-bad-password.cjs).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { declaredEventTypes, readWavInfo } from '../../src/sim/index.js';
import { PASS, USER, startSim } from './support/raw-ari.js';
import { eventKeys, keyFields, loadTrace, mainEvents } from './support/trace.js';

const require = createRequire(import.meta.url);
// ari-client ships no types; the adapter has its own declarations, the test stays untyped.
const ari = require('ari-client') as { connect(url: string, user: string, pass: string): Promise<any> };

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

/** Resolves when `client` emits `event` (optionally for a predicate), or fails after `ms`. */
function once(client: any, event: string, ms = 4000, pred: (...a: any[]) => boolean = () => true): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.removeListener(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, ms);
    const handler = (...args: any[]): void => {
      if (!pred(...args)) return;
      clearTimeout(timer);
      client.removeListener(event, handler);
      resolve(args);
    };
    client.on(event, handler);
  });
}

async function connected(opts: Parameters<typeof startSim>[0] = {}) {
  const s = await startSim(opts);
  const client = await ari.connect(s.url, USER, PASS);
  await client.start('dialer');
  cleanup.push(s.close, () => client.stop());
  return { ...s, client };
}

describe('ari-client against the simulator', () => {
  it('runs a recorded call through resource instances, and every event type is declared', async () => {
    const { sim, client } = await connected({
      scripts: { '8613800138000': { kind: 'answer', ringMs: 30 } },
      soundDurationsMs: { 'sound:hello-world': 80 },
    });
    for (const r of ['asterisk', 'endpoints', 'channels', 'bridges', 'recordings', 'sounds', 'playbacks', 'deviceStates', 'mailboxes', 'events', 'applications']) {
      expect(client[r], r).toBeTypeOf('object');
    }
    const types = new Set<string>();
    client.on('*', (ev: any) => types.add(ev.type));

    const bridge = client.Bridge('br-x');
    await bridge.create({ type: 'mixing' });
    const channel = client.Channel('cust-x');
    const started = once(channel, 'StasisStart');
    const created = await channel.originate({ endpoint: 'PJSIP/8613800138000@carrier', app: 'dialer', appArgs: 'customer,call-x', timeout: 30 });
    expect(created).toMatchObject({ id: 'cust-x', state: 'Down', name: expect.stringMatching(/^PJSIP\/carrier-[0-9a-f]{8}$/) });
    const [startEv, startCh] = await started;
    expect(startEv.args).toEqual(['customer', 'call-x']);
    expect(startCh.id).toBe('cust-x');

    await bridge.addChannel({ channel: 'cust-x' });
    const recording = client.LiveRecording('call-x');
    const recStarted = once(recording, 'RecordingStarted');
    const live = await bridge.record({ name: 'call-x', format: 'wav', ifExists: 'overwrite' }, recording);
    expect(live).toMatchObject({ name: 'call-x', state: 'queued', target_uri: 'bridge:br-x' });
    await recStarted;

    const playback = client.Playback();
    const played = once(playback, 'PlaybackFinished');
    await bridge.play({ media: 'sound:hello-world' }, playback);
    expect((await played)[0].playback.state).toBe('done');

    const dtmf = once(channel, 'ChannelDtmfReceived');
    sim.pressDigits('cust-x', '7');
    expect((await dtmf)[0]).toMatchObject({ digit: '7', duration_ms: 100 });

    const ended = once(channel, 'StasisEnd');
    const recDone = once(recording, 'RecordingFinished');
    const destroyed = once(channel, 'ChannelDestroyed');
    sim.hangupFarEnd('cust-x', 16);
    await ended;
    expect((await recDone)[0].recording.state).toBe('done');
    // A BYE carries no Q.850 cause: Asterisk 22 reports 0 for an answered PJSIP channel (real-ari fixture).
    expect((await destroyed)[0]).toMatchObject({ cause: 0, cause_txt: 'Unknown' });
    await bridge.destroy();

    const file: Buffer = await client.recordings.getStoredFile({ recordingName: 'call-x' });
    expect(Buffer.isBuffer(file)).toBe(true);
    expect(readWavInfo(file)).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16 });

    // ari-client reports an HTTP error as an Error whose message is the response body; no status.
    await expect(client.channels.get({ channelId: 'nope' })).rejects.toThrow('{"message":"Channel not found"}');
    await expect(client.channels.originate({ endpoint: 'Bogus/1', app: 'dialer' })).rejects.toThrow('{"error":"Allocation failed"}');

    const declared = new Set(declaredEventTypes());
    for (const t of types) expect(declared.has(t), t).toBe(true);
    for (const entry of sim.log) if (entry.kind === 'event') expect(declared.has(entry.type), entry.type).toBe(true);
    expect(types).toEqual(new Set(['Dial', 'ChannelStateChange', 'ChannelVarset', 'StasisStart', 'ChannelEnteredBridge', 'RecordingStarted', 'PlaybackStarted', 'PlaybackFinished', 'ChannelDtmfReceived', 'ChannelHangupRequest', 'ChannelLeftBridge', 'StasisEnd', 'RecordingFinished', 'ChannelDestroyed', 'BridgeDestroyed']));
  });

  it('replays the answer-then-hangup trace through ari-client with the same events', async () => {
    const trace = loadTrace('answer-then-hangup');
    const { client } = await connected({
      scripts: { '4001': { kind: 'answer', hangupAfterMs: 300 } },
      soundDurationsMs: { 'sound:hello-world': 1000 },
    });
    const events: any[] = [];
    client.on('*', (ev: any) => events.push(ev));
    const channel = client.Channel('cust-5');
    const destroyed = once(channel, 'ChannelDestroyed');
    channel.once('StasisStart', () => {
      channel.play({ media: 'sound:hello-world' }, client.Playback('pb-5')).catch(() => undefined);
    });
    await channel.originate({ endpoint: 'Local/4001@customers', app: 'dialer', appArgs: 'customer,call-5', timeout: 30 });
    await destroyed;
    const expected = mainEvents(trace.events);
    const actual = mainEvents(events);
    expect(actual.map(keyFields)).toEqual(expected.map(keyFields));
    actual.forEach((e, i) => expect(eventKeys(e)).toEqual(eventKeys(expected[i] ?? {})));
  });

  it('reconnects by itself after dropConnections; REST is refused (503) meanwhile', async () => {
    const { sim, client } = await connected({ scripts: { '2001': { kind: 'answer' } } });
    const reconnecting = once(client, 'WebSocketReconnecting');
    const reconnected = once(client, 'WebSocketConnected');
    sim.dropConnections({ refuseForMs: 300 });
    await reconnecting;
    await expect(client.asterisk.ping()).rejects.toThrow('Service Unavailable');
    await reconnected;

    const channel = client.Channel();
    const started = once(channel, 'StasisStart');
    await channel.originate({ endpoint: 'Local/2001@customers', app: 'dialer' });
    await started;
    expect(sim.channels()).toMatchObject([{ id: channel.id, inStasis: true, state: 'Up' }]);
  });

  it('bad password: connect() rejects with a string and ari-client throws an uncaught exception', async () => {
    const s = await startSim({});
    cleanup.push(s.close);
    const script = join(import.meta.dirname, '..', 'fixtures', 'sim', 'ari-bad-password.cjs');
    const run = (pass: string) =>
      new Promise<any>((resolve, reject) => {
        execFile(process.execPath, [script, s.url, USER, pass], { timeout: 10_000 }, (err, stdout) => {
          const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
          if (!line) return reject(err ?? new Error(`no result: ${stdout}`));
          resolve(JSON.parse(line.slice('RESULT '.length)));
        });
      });
    const bad = await run('wrong');
    expect(bad.connected).toBe(false);
    expect(bad.rejected).toMatchObject({ type: 'string', isError: false });
    expect(bad.rejected.value).toMatch(/^401 : /);
    expect(bad.uncaught).toEqual([{ type: 'string', value: bad.rejected.value }]);

    const good = await run(PASS);
    expect(good).toMatchObject({ connected: true, rejected: null, uncaught: [] });
  });
});
