/**
 * The simulator's sounds folder (Asterisk's layout, e.g. the prompt pack): GET /sounds and
 * /sounds/{id} answer from its files, a sound plays for its WAV's length in the playback's
 * language (falling back to en, as Asterisk does), one not there is unplayable, and every
 * item played is logged with its words.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RawAri, startSim } from './support/raw-ari.js';
import { makeWav } from '../support/wav.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function withFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'sim-sounds-'));
  mkdirSync(join(dir, 'zh', 'dialer'), { recursive: true });
  mkdirSync(join(dir, 'en', 'dialer'), { recursive: true });
  writeFileSync(join(dir, 'zh', 'dialer', 'hello.wav'), makeWav(300));
  writeFileSync(join(dir, 'zh', 'dialer', 'prompts.json'), JSON.stringify({ hello: { text: '您好', source: 'pack', sha256: 'x' } }));
  writeFileSync(join(dir, 'en', 'dialer', 'hello.wav'), makeWav(200));
  writeFileSync(join(dir, 'en', 'dialer', 'only-en.wav'), makeWav(100));
  const logged: Array<Record<string, unknown>> = [];
  const logger = { info: (o: unknown, m?: unknown) => void (m === 'sim: playing' && logged.push(o as Record<string, unknown>)), warn: () => undefined, error: () => undefined, debug: () => undefined };
  const s = await startSim({ soundsDir: dir, scripts: { '2001': { kind: 'answer' } }, logger });
  const ari = new RawAri(s.url);
  await ari.connect();
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), s.close, () => ari.close());
  await ari.rest('POST', '/channels/c1', { endpoint: 'Local/2001@customers', app: 'dialer' });
  await ari.waitChannel('StasisStart', 'c1');
  return { ari, logged };
}

describe('a sounds folder', () => {
  it('answers /sounds from its files, per language', async () => {
    const { ari } = await withFolder();
    expect((await ari.rest('GET', '/sounds', { lang: 'zh' })).body).toEqual([{ id: 'dialer/hello', text: '', formats: [{ language: 'zh', format: 'wav' }] }]);
    const one = await ari.rest('GET', `/sounds/${encodeURIComponent('dialer/only-en')}`);
    expect(one.body).toEqual({ id: 'dialer/only-en', text: '', formats: [{ language: 'en', format: 'wav' }] });
    expect((await ari.rest('GET', `/sounds/${encodeURIComponent('dialer/nothing')}`)).status).toBe(404);
  });

  it('plays a sound for its length in the playback\'s language, en as the fallback; a missing one never finishes', async () => {
    const { ari, logged } = await withFolder();
    await ari.rest('POST', '/channels/c1/play/p1', { media: 'sound:dialer/hello,sound:dialer/only-en', lang: 'zh' });
    await ari.waitFor((e) => e.type === 'PlaybackFinished' && e.playback.id === 'p1', 'p1 finished');
    expect(logged.map((l) => [l.media, l.lang, l.ms, l.text])).toEqual([
      ['sound:dialer/hello', 'zh', 300, '您好'],
      ['sound:dialer/only-en', 'zh', 100, undefined],
    ]);
    await ari.rest('POST', '/channels/c1/play/p2', { media: 'sound:dialer/nothing', lang: 'zh' });
    await ari.waitFor((e) => e.type === 'PlaybackStarted' && e.playback.id === 'p2', 'p2 started');
    await ari.rest('POST', '/channels/c1/play/p3', { media: 'sound:dialer/hello', lang: 'en' });
    await ari.waitFor((e) => e.type === 'PlaybackFinished' && e.playback.id === 'p3', 'p3 finished');
    expect(ari.events.some((e) => e.type === 'PlaybackFinished' && e.playback.id === 'p2')).toBe(false);
    expect(logged.at(-1)).toMatchObject({ media: 'sound:dialer/hello', lang: 'en', ms: 200 });
  });
});
