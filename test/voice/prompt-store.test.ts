/**
 * The prompts folder: uploads checked and indexed, the audio of a play list fingerprinted
 * (the disclosure's evidence), a campaign's own words voiced on demand.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PromptStore } from '../../src/campaigns/prompt-store.js';
import { parseWavHeader } from '../../src/recordings/wav.js';
import { linkPromptPack } from '../../src/voice/pack-installer.js';
import { Synthesizer } from '../../src/voice/synthesizer.js';
import { makeWav } from '../support/wav.js';

let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'prompt-store-'));
  await linkPromptPack(process.env.TEST_PROMPT_PACK_DIR!, dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pcm = (lang: string, name: string) => {
  const f = readFileSync(join(dir, lang, 'dialer', `${name}.wav`));
  const h = parseWavHeader(f, f.length);
  return f.subarray(h.dataOffset, h.dataOffset + h.dataBytes);
};

describe('what was played, fingerprinted', () => {
  it('the sha256 of the prompts\' audio in play order, and each file\'s own', async () => {
    const store = new PromptStore(dir);
    const media = ['sound:dialer/consent-price-is', 'sound:dialer/num-5', 'sound:dialer/unit-yuan'];
    const played = store.playedAudio('zh', media);
    const expected = createHash('sha256');
    for (const n of ['consent-price-is', 'num-5', 'unit-yuan']) expected.update(pcm('zh', n));
    expect(played.audioSha256).toBe(expected.digest('hex'));
    expect(played.prompts.map((p) => p.media)).toEqual(media);
    expect(played.prompts[1]!.sha256).toBe(createHash('sha256').update(readFileSync(join(dir, 'zh', 'dialer', 'num-5.wav'))).digest('hex'));
    // A re-voiced prompt is different evidence.
    await store.save('zh', 'num-5', makeWav(600));
    expect(store.playedAudio('zh', media).audioSha256).not.toBe(played.audioSha256);
    expect(store.playedAudio('zh', ['sound:dialer/none']).prompts).toEqual([{ media: 'sound:dialer/none', sha256: 'missing' }]);
  });
});

describe('uploads and own words', () => {
  it('refuses what Asterisk cannot play, saying how to convert it', async () => {
    const store = new PromptStore(dir);
    await expect(store.save('zh', 'x', makeWav(1000, 44_100))).rejects.toThrow('sox in.wav -r 8000 -c 1 -b 16 out.wav');
    await expect(store.save('zh', 'Bad Name', makeWav(1000))).rejects.toThrow('prompt name');
  });

  it('voices a campaign\'s own words once, and says which it cannot voice without espeak-ng', async () => {
    const store = new PromptStore(dir, new Synthesizer());
    expect(await store.voiceMissing('zh', new Map([['say-test', '中国移动']]))).toEqual([]);
    const [made] = (await store.list('zh')).filter((p) => p.name === 'say-test');
    expect(made).toMatchObject({ source: 'synth', text: '中国移动' });
    expect(made!.durationMs).toBeGreaterThan(300);
    const without = new PromptStore(dir, new Synthesizer({ espeakBin: '/nonexistent/espeak-ng' }));
    expect(await without.voiceMissing('zh', new Map([['say-test', '中国移动'], ['say-other', '中国联通']]))).toEqual(['say-other']);
  });
});
