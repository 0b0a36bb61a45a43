/**
 * Recordings: real WAV files as long as the audio that was recorded, the ways a recording
 * ends (silence while the call goes on, finishRecordingEarly, maxDurationSeconds, stop,
 * cancel, bridge destroyed), and Asterisk's 409 on a name that exists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readWavInfo, readWavSamples, type AriSimulatorOptions } from '../../src/sim/index.js';
import { RawAri, startSim, talk, type Json } from './support/raw-ari.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

/** A connected client and one answered customer `cust` in bridge `br`. */
async function bridgedCall(opts: Partial<AriSimulatorOptions>) {
  const s = await startSim({ scripts: { '1001': { kind: 'answer' } }, ...opts });
  const ari = new RawAri(s.url);
  await ari.connect();
  cleanup.push(s.close, () => ari.close());
  await ari.rest('POST', '/bridges/br', { type: 'mixing' });
  await ari.rest('POST', '/channels/cust', { endpoint: 'Local/1001@customers', app: 'dialer' });
  await ari.waitChannel('StasisStart', 'cust');
  expect((await ari.rest('POST', '/bridges/br/addChannel', { channel: 'cust' })).status).toBe(204);
  return { ...s, ari };
}

const finished = (ari: RawAri, name: string): Promise<Json> =>
  ari.waitFor((e) => e.type === 'RecordingFinished' && e.recording.name === name, `RecordingFinished ${name}`);

describe('recordings', () => {
  it('writes a real WAV (slin 8 kHz mono) as long as the time recorded', async () => {
    const { ari, dir } = await bridgedCall({});
    const rec = await ari.rest('POST', '/bridges/br/record', { name: 'calls/c-1', format: 'wav' });
    expect(rec.status).toBe(201);
    expect(rec.headers.get('location')).toBe('/recordings/live/calls%2Fc-1');
    await ari.waitFor((e) => e.type === 'RecordingStarted', 'RecordingStarted');
    const t0 = Date.now();
    await talk(700);
    await ari.rest('DELETE', '/channels/cust');
    const done = await finished(ari, 'calls/c-1');
    const recordedMs = Date.now() - t0;
    expect(done.recording).toEqual({ name: 'calls/c-1', format: 'wav', state: 'done', target_uri: 'bridge:br', duration: 0 });

    const file = await ari.rest('GET', `/recordings/stored/${encodeURIComponent('calls/c-1')}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('audio/wav');
    expect(Number(file.headers.get('content-length'))).toBe(file.raw.length);
    const info = readWavInfo(file.raw);
    expect(info).toMatchObject({ audioFormat: 1, sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    expect(Math.abs(info.durationMs - recordedMs)).toBeLessThanOrEqual(Math.max(150, recordedMs * 0.15));
    expect(readWavSamples(file.raw).some((s) => s !== 0)).toBe(true);
    expect(existsSync(join(dir, 'calls', 'c-1.wav'))).toBe(true);
    expect((await ari.rest('GET', '/recordings/stored')).body).toEqual([{ name: 'calls/c-1', format: 'wav' }]);
    expect((await ari.rest('DELETE', `/recordings/stored/${encodeURIComponent('calls/c-1')}`)).status).toBe(204);
    expect((await ari.rest('GET', `/recordings/stored/${encodeURIComponent('calls/c-1')}`)).status).toBe(404);
  });

  it('ends by itself when nobody sends audio for silenceTimeoutMs, while the call goes on', async () => {
    const { ari, sim } = await bridgedCall({
      scripts: { '1001': { kind: 'answer', audioStopsAfterMs: 150, hangupAfterMs: 900 } },
      silenceTimeoutMs: 250,
    });
    await ari.rest('POST', '/bridges/br/record', { name: 'quiet', format: 'wav' });
    const done = await finished(ari, 'quiet');
    expect(sim.channels().map((c) => c.id)).toEqual(['cust']);
    const end = await ari.waitChannel('StasisEnd', 'cust');
    expect(ari.events.indexOf(done)).toBeLessThan(ari.events.indexOf(end));
    const info = readWavInfo((await ari.rest('GET', '/recordings/stored/quiet/file')).raw);
    // Only the ~150 ms with audio are in the file, not the silent tail.
    expect(info.durationMs).toBeGreaterThan(50);
    expect(info.durationMs).toBeLessThan(300);
  });

  it('with three participants (softmix) the recorder gets mixed frames: one segment, silence written, no early end', async () => {
    const { ari, sim } = await bridgedCall({
      scripts: { '1001': { kind: 'answer', audioStopsAfterMs: 0 }, '1002': { kind: 'answer', audioStopsAfterMs: 0 } },
      silenceTimeoutMs: 250,
    });
    await ari.rest('POST', '/channels/agent', { endpoint: 'Local/1002@agents', app: 'dialer' });
    await ari.waitChannel('StasisStart', 'agent');
    await ari.rest('POST', '/bridges/br/addChannel', { channel: 'agent' });
    await ari.rest('POST', '/bridges/br/record', { name: 'mixed', format: 'wav' });
    await ari.waitFor((e) => e.type === 'RecordingStarted', 'RecordingStarted');
    const t0 = Date.now();
    // Well past the no-audio timeout: nobody speaks, yet the mixer keeps feeding the recorder.
    await talk(700);
    expect(ari.events.some((e) => e.type === 'RecordingFinished')).toBe(false);
    expect(sim.bridges()[0]?.recording).toBe('mixed');
    await ari.rest('DELETE', '/bridges/br');
    await finished(ari, 'mixed');
    const recordedMs = Date.now() - t0;
    const file = (await ari.rest('GET', '/recordings/stored/mixed/file')).raw;
    expect(Math.abs(readWavInfo(file).durationMs - recordedMs)).toBeLessThanOrEqual(Math.max(150, recordedMs * 0.15));
    expect(readWavSamples(file).every((x) => x === 0)).toBe(true);
  });

  it('finishRecordingEarly ends a live recording as Asterisk would, the call stays up', async () => {
    const { ari, sim } = await bridgedCall({});
    await ari.rest('POST', '/bridges/br/record', { name: 'early', format: 'wav' });
    await ari.waitFor((e) => e.type === 'RecordingStarted', 'RecordingStarted');
    expect((await ari.rest('GET', '/recordings/live/early')).body).toMatchObject({ name: 'early', state: 'recording' });
    sim.finishRecordingEarly('early');
    expect((await finished(ari, 'early')).recording.state).toBe('done');
    expect(sim.bridges()).toMatchObject([{ id: 'br', channels: ['cust'], recording: undefined }]);
    expect((await ari.rest('GET', '/recordings/live/early')).status).toBe(404);
    expect(ari.events.some((e) => e.type === 'StasisEnd')).toBe(false);
  });

  it('stops at maxDurationSeconds (scaled by secondMs) and reports talking/silence with maxSilenceSeconds', async () => {
    const { ari } = await bridgedCall({ secondMs: 100 });
    const t0 = Date.now();
    await ari.rest('POST', '/bridges/br/record', { name: 'max', format: 'wav', maxDurationSeconds: 3, maxSilenceSeconds: 5 });
    const done = await finished(ari, 'max');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(done.recording).toMatchObject({ state: 'done', duration: 0, talking_duration: 0, silence_duration: 0 });
  });

  it('stop over REST keeps the file; DELETE cancels and removes it; bridge destroy ends it first', async () => {
    const { ari } = await bridgedCall({});
    await ari.rest('POST', '/bridges/br/record', { name: 'kept', format: 'wav' });
    await ari.waitFor((e) => e.type === 'RecordingStarted', 'RecordingStarted kept');
    expect((await ari.rest('POST', '/recordings/live/kept/stop')).status).toBe(204);
    expect((await finished(ari, 'kept')).recording.state).toBe('done');
    expect((await ari.rest('GET', '/recordings/stored/kept')).status).toBe(200);

    await ari.rest('POST', '/bridges/br/record', { name: 'dropped', format: 'wav' });
    await ari.waitFor((e) => e.type === 'RecordingStarted' && e.recording.name === 'dropped', 'RecordingStarted dropped');
    expect((await ari.rest('DELETE', '/recordings/live/dropped')).status).toBe(204);
    expect((await finished(ari, 'dropped')).recording.state).toBe('canceled');
    expect((await ari.rest('GET', '/recordings/stored/dropped')).status).toBe(404);

    await ari.rest('POST', '/bridges/br/record', { name: 'last', format: 'wav' });
    await ari.waitFor((e) => e.type === 'RecordingStarted' && e.recording.name === 'last', 'RecordingStarted last');
    await ari.rest('DELETE', '/bridges/br');
    await ari.waitFor((e) => e.type === 'BridgeDestroyed', 'BridgeDestroyed');
    const types = ari.events.slice(-3).map((e) => e.type);
    expect(types).toEqual(['ChannelLeftBridge', 'RecordingFinished', 'BridgeDestroyed']);
  });

  it('409 when the name exists (ifExists defaults to fail) or is recording; 400/422 on bad parameters', async () => {
    const { ari } = await bridgedCall({});
    await ari.rest('POST', '/bridges/br/record', { name: 'dup', format: 'wav' });
    const busy = await ari.rest('POST', '/bridges/br/record', { name: 'dup', format: 'wav', ifExists: 'overwrite' });
    expect(busy).toMatchObject({ status: 409, body: { message: "Recording 'dup' already exists and can not be overwritten" } });
    await ari.rest('POST', '/recordings/live/dup/stop');
    await finished(ari, 'dup');
    expect((await ari.rest('POST', '/bridges/br/record', { name: 'dup', format: 'wav' })).status).toBe(409);
    expect((await ari.rest('POST', '/bridges/br/record', { name: 'x', format: 'mp3' })).body).toEqual({ message: 'specified format is unknown on this system' });
    expect((await ari.rest('POST', '/bridges/br/record', { name: 'x', format: 'wav', ifExists: 'maybe' })).body).toEqual({ message: 'ifExists invalid' });
    expect((await ari.rest('POST', '/bridges/br/record', { name: '../x', format: 'wav' })).body).toEqual({ message: 'Recording name invalid' });
    expect((await ari.rest('POST', '/bridges/nope/record', { name: 'x', format: 'wav' })).status).toBe(404);
  });

  it('records a channel outside a bridge; a bridged channel fails with RecordingFailed', async () => {
    const { ari } = await bridgedCall({});
    const failed = await ari.rest('POST', '/channels/cust/record', { name: 'in-bridge', format: 'wav' });
    expect(failed.status).toBe(201);
    const ev = await ari.waitFor((e) => e.type === 'RecordingFailed', 'RecordingFailed');
    expect(ev.recording).toMatchObject({ name: 'in-bridge', state: 'failed', cause: 'Cannot record channel while in bridge' });

    await ari.rest('POST', '/bridges/br/removeChannel', { channel: 'cust' });
    await ari.rest('POST', '/channels/cust/record', { name: 'solo', format: 'wav', terminateOn: '#' });
    await ari.waitFor((e) => e.type === 'RecordingStarted' && e.recording.name === 'solo', 'RecordingStarted solo');
    expect((await ari.rest('POST', '/bridges/br/addChannel', { channel: 'cust' })).body).toEqual({ message: 'Channel cust currently recording' });
    await ari.rest('DELETE', '/channels/cust');
    expect((await finished(ari, 'solo')).recording.target_uri).toBe('channel:cust');
  });
});
