/**
 * Playbacks as res_stasis_playback.c runs them: one after another per target, media lists
 * with PlaybackContinuing, stop (`done`), a missing `recording:` that never finishes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RawAri, startSim, type Json } from './support/raw-ari.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function answered() {
  const s = await startSim({
    scripts: { '2001': { kind: 'answer' } },
    soundDurationsMs: { 'sound:a': 60, 'sound:b': 60, 'sound:long': 5000 },
    perDigitPlaybackMs: 20,
  });
  const ari = new RawAri(s.url);
  await ari.connect();
  cleanup.push(s.close, () => ari.close());
  await ari.rest('POST', '/channels/c1', { endpoint: 'Local/2001@customers', app: 'dialer' });
  await ari.waitChannel('StasisStart', 'c1');
  return { ...s, ari };
}

const playbackEvents = (events: Json[], id: string) =>
  events.filter((e) => e.playback?.id === id).map((e) => `${e.type}:${e.playback.state}:${e.playback.media_uri}`);

const finished = (ari: RawAri, id: string) =>
  ari.waitFor((e) => e.type === 'PlaybackFinished' && e.playback.id === id, `PlaybackFinished ${id}`);

describe('playbacks', () => {
  it('runs playbacks on one channel one after another', async () => {
    const { ari } = await answered();
    const first = await ari.rest('POST', '/channels/c1/play/p1', { media: 'sound:a' });
    const second = await ari.rest('POST', '/channels/c1/play', { media: 'sound:b', playbackId: 'p2' });
    expect(first).toMatchObject({ status: 201, body: { id: 'p1', state: 'queued', target_uri: 'channel:c1', language: 'en' } });
    expect(second.headers.get('location')).toBe('/playbacks/p2');
    await finished(ari, 'p2');
    const order = ari.events.filter((e) => e.playback).map((e) => `${e.type}:${e.playback.id}`);
    expect(order).toEqual(['PlaybackStarted:p1', 'PlaybackFinished:p1', 'PlaybackStarted:p2', 'PlaybackFinished:p2']);
  });

  it('plays a media list with PlaybackContinuing and next_media_uri', async () => {
    const { ari } = await answered();
    const r = await ari.rest('POST', '/channels/c1/play/list', { media: 'sound:a,digits:12' });
    expect(r.body).toMatchObject({ media_uri: 'sound:a', next_media_uri: 'digits:12' });
    await finished(ari, 'list');
    expect(playbackEvents(ari.events, 'list')).toEqual([
      'PlaybackStarted:playing:sound:a',
      'PlaybackContinuing:continuing:sound:a',
      'PlaybackStarted:playing:digits:12',
      'PlaybackFinished:done:digits:12',
    ]);
    expect(ari.events.find((e) => e.type === 'PlaybackContinuing')?.playback.next_media_uri).toBe('digits:12');
  });

  it('DELETE stops a playing playback (done) and cancels a queued one without starting it', async () => {
    const { ari } = await answered();
    await ari.rest('POST', '/channels/c1/play/long', { media: 'sound:long' });
    await ari.rest('POST', '/channels/c1/play/next', { media: 'sound:a' });
    await ari.waitFor((e) => e.type === 'PlaybackStarted' && e.playback.id === 'long', 'PlaybackStarted long');
    expect((await ari.rest('GET', '/playbacks/long')).body.state).toBe('playing');
    expect((await ari.rest('DELETE', '/playbacks/next')).status).toBe(204);
    expect((await ari.rest('DELETE', '/playbacks/long')).status).toBe(204);
    await finished(ari, 'next');
    expect(playbackEvents(ari.events, 'long')).toEqual(['PlaybackStarted:playing:sound:long', 'PlaybackFinished:done:sound:long']);
    expect(playbackEvents(ari.events, 'next')).toEqual(['PlaybackFinished:done:sound:a']);
    expect((await ari.rest('GET', '/playbacks/long')).body).toEqual({ message: 'Playback not found' });
  });

  it('a missing recording: PlaybackStarted and never PlaybackFinished; an existing one plays its length', async () => {
    const { ari, sim } = await answered();
    await ari.rest('POST', '/channels/c1/play/ghost', { media: 'recording:nope' });
    await ari.waitFor((e) => e.type === 'PlaybackStarted' && e.playback.id === 'ghost', 'PlaybackStarted ghost');
    // The next playback on the channel runs and finishes: proof the missing one is over, silently.
    await ari.rest('POST', '/channels/c1/play/after', { media: 'number:7' });
    await finished(ari, 'after');
    expect(playbackEvents(ari.events, 'ghost')).toEqual(['PlaybackStarted:playing:recording:nope']);
    expect((await ari.rest('GET', '/playbacks/ghost')).status).toBe(404);

    await ari.rest('POST', '/channels/c1/record', { name: 'greeting', format: 'wav' });
    await ari.waitFor((e) => e.type === 'RecordingStarted', 'RecordingStarted');
    await new Promise((r) => setTimeout(r, 120));
    await ari.rest('POST', '/recordings/live/greeting/stop');
    await ari.waitFor((e) => e.type === 'RecordingFinished', 'RecordingFinished');
    const t0 = Date.now();
    await ari.rest('POST', '/channels/c1/play/replay', { media: 'recording:greeting' });
    await finished(ari, 'replay');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(sim.channels()).toHaveLength(1);
  });

  it('bridge playbacks: 404 on an unknown bridge, `failed` when the bridge is destroyed mid-prompt', async () => {
    const { ari } = await answered();
    expect((await ari.rest('POST', '/bridges/nope/play', { media: 'sound:a' })).body).toEqual({ message: 'Bridge not found' });
    await ari.rest('POST', '/bridges/b1');
    await ari.rest('POST', '/bridges/b1/addChannel', { channel: 'c1' });
    expect((await ari.rest('POST', '/bridges/b1/play/bp', {})).body).toEqual({ message: 'Missing parameter media' });
    await ari.rest('POST', '/bridges/b1/play/bp', { media: 'sound:long' });
    await ari.waitFor((e) => e.type === 'PlaybackStarted', 'PlaybackStarted bp');
    await ari.rest('DELETE', '/bridges/b1');
    const done = await finished(ari, 'bp');
    expect(done.playback).toMatchObject({ state: 'failed', target_uri: 'bridge:b1' });
  });
});
