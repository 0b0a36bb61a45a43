/**
 * The voice over the whole service, with the prompt pack voiced by espeak-ng and sox and a
 * simulator whose sounds folder is the service's PROMPTS_DIR (as Asterisk and the service
 * share a volume): managers list, play, replace and delete prompts; a prompt in use cannot be
 * deleted; a campaign cannot start while Asterisk lacks a prompt it plays; a call's opening
 * is the Mandarin pack with the called number in it.
 */
import { readFileSync, rmSync } from 'node:fs';
import { link } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPromptIndex } from '../../src/voice/prompt-index.js';
import { installPromptPack } from '../../src/voice/pack-installer.js';
import { PROMPT_PACK } from '../../src/voice/prompt-pack.js';
import { parseWavHeader } from '../../src/recordings/wav.js';
import { startHarness, TEST_PRODUCT, waitFor, type Harness } from '../support/harness.js';
import { signIn, type Caller } from '../support/harness-http.js';
import { makeWav } from '../support/wav.js';

let h: Harness;
let manager: Caller;
const played: Array<{ media: string; lang: string; text?: string }> = [];
const promptsDir = () => join(h.dir, 'prompts');

beforeAll(async () => {
  const logger = {
    info: (obj: unknown, msg?: unknown) => {
      if (msg === 'sim: playing') played.push(obj as { media: string; lang: string; text?: string });
    },
    warn: () => undefined,
    error: () => undefined,
    debug: () => undefined,
  };
  h = await startHarness({ promptPack: true, sim: { logger }, scripts: { '8613812345678': { kind: 'answer', ringMs: 20 } } });
  manager = await signIn(h.service, 'voice-mgr', 'manager');
});
afterAll(async () => {
  await h.stop();
});

async function upload(name: string, wav: Buffer, lang = 'zh') {
  return h.service.http.inject({
    method: 'PUT',
    url: `/api/prompts/${name}?lang=${lang}`,
    headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'audio/wav' },
    payload: wav,
  });
}

function mandarinCampaign(settings: Record<string, unknown> = {}) {
  const c = h.service.campaigns.create({ name: '春季5G', openingMedia: '', companyName: '中国移动', ...TEST_PRODUCT, ...settings });
  h.service.campaigns.addContacts(c.id, [{ phone: '13812345678', fields: { 姓名: '王小明' } }]);
  return c;
}

describe('the prompt pack', () => {
  it('every prompt of the pack is an 8 kHz 16-bit mono WAV in each of its languages, with its words in prompts.json', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const index = await readPromptIndex(promptsDir(), lang);
      for (const p of PROMPT_PACK.filter((q) => q.text[lang] !== undefined)) {
        const file = readFileSync(join(promptsDir(), lang, 'dialer', `${p.name}.wav`));
        const info = parseWavHeader(file, file.length);
        expect([info.sampleRate, info.channels, info.bitsPerSample], `${lang}/${p.name}`).toEqual([8000, 1, 16]);
        expect(info.durationMs, `${lang}/${p.name}`).toBeGreaterThan(100);
        expect(index[p.name]).toMatchObject({ text: p.text[lang], source: 'pack' });
      }
    }
    expect(readFileSync(join(promptsDir(), 'moh', 'dialer', 'music-on-hold.wav')).length).toBeGreaterThan(10_000);
  });
});

describe('managers own the voice', () => {
  it('lists every prompt of a language with its words and where it is used; plays one', async () => {
    const c = mandarinCampaign();
    const res = await manager.call('GET', '/api/prompts?lang=zh');
    expect(res.statusCode).toBe(200);
    const list = (res.json() as { prompts: Array<{ name: string; language: string; text: string; source: string; inPack: boolean; usedBy: Array<{ label: string }> }> }).prompts;
    const greeting = list.find((p) => p.name === 'opening-greeting');
    expect(greeting).toMatchObject({ language: 'zh', text: '您好,打扰您了,我是', source: 'pack', inPack: true });
    expect(greeting?.usedBy.map((u) => u.label)).toEqual([`campaign ${c.id} (春季5G): opening`]);
    expect(list.find((p) => p.name === 'consent-price-is')?.usedBy[0]?.label).toBe(`campaign ${c.id} (春季5G): disclosure`);
    expect(list.every((p) => p.language === 'zh')).toBe(true);

    const audio = await manager.call('GET', '/api/prompts/opening-greeting/audio?lang=zh');
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/wav');
    expect(audio.rawPayload.equals(readFileSync(join(promptsDir(), 'zh', 'dialer', 'opening-greeting.wav')))).toBe(true);
    expect((await manager.call('GET', '/api/prompts/no-such/audio?lang=zh')).statusCode).toBe(404);
    expect((await manager.call('GET', '/api/prompts?lang=fr')).statusCode).toBe(400);
  });

  it('replaces a pack prompt with a recording; installing the pack again keeps it', async () => {
    const wav = makeWav(1500);
    const res = await upload('closing-thanks', wav);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'closing-thanks', language: 'zh', source: 'upload', inPack: true, text: '感谢您接听电话,祝您身体健康,生活愉快,再见!' });
    const again = await installPromptPack({ out: promptsDir(), languages: ['zh'] });
    expect(again.uploadsKept).toBe(1);
    expect(again.written).toBe(0);
    expect(readFileSync(join(promptsDir(), 'zh', 'dialer', 'closing-thanks.wav')).equals(wav)).toBe(true);
  });

  it('a prompt in use cannot be deleted (409, saying where); an unused one can', async () => {
    const c = mandarinCampaign({ closingMedia: 'sound:dialer/closing-thanks' });
    for (const [name, use] of [
      ['consent-price-is', 'disclosure'],
      ['closing-thanks', 'closing'],
      ['phone-1', 'opening'],
    ]) {
      const res = await manager.call('DELETE', `/api/prompts/${name}?lang=zh`);
      expect(res.statusCode, name).toBe(409);
      expect(res.json()).toMatchObject({ error: 'DIALER_ERR_PROMPT_IN_USE' });
      expect((res.json() as { message: string }).message).toContain(`campaign ${c.id} (春季5G): ${use}`);
    }
    const dialIn = await manager.call('DELETE', '/api/prompts/agent-enter-pin?lang=en');
    expect(dialIn.statusCode).toBe(409);
    expect((dialIn.json() as { message: string }).message).toContain('the dialplan (agent dial-in, callers nobody takes)');

    expect((await upload('spring-offer', makeWav(800))).statusCode).toBe(201);
    expect((await manager.call('DELETE', '/api/prompts/spring-offer?lang=zh')).statusCode).toBe(204);
    expect((await manager.call('DELETE', '/api/prompts/spring-offer?lang=zh')).statusCode).toBe(404);
    // An archived campaign uses nothing any more.
    h.service.campaigns.act(c.id, 'archive');
  });
});

describe('a campaign starts only when Asterisk has its prompts', () => {
  it('a prompt missing on Asterisk refuses the start; the campaign\'s own words are voiced for it', async () => {
    const c = mandarinCampaign();
    const num5 = join(promptsDir(), 'zh', 'dialer', 'num-5.wav');
    const kept = join(h.dir, 'num-5.kept.wav');
    await link(num5, kept);
    rmSync(num5);
    const refused = await manager.call('POST', `/api/campaigns/${c.id}/start`);
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { message: string }).message).toContain('Asterisk lacks 1 prompt(s) it plays in language zh: num-5');
    // The company and product names had no prompt: they were voiced from their words.
    const own = (await h.service.prompts.list('zh')).filter((p) => p.source === 'synth').map((p) => p.text);
    expect(own).toEqual(expect.arrayContaining(['中国移动', '5G value pack']));

    await link(kept, num5);
    const started = await manager.call('POST', `/api/campaigns/${c.id}/start`);
    expect(started.statusCode).toBe(200);
    h.service.campaigns.act(c.id, 'pause');
  });
});

describe('the call', () => {
  it('plays the Mandarin opening with the called number, digit by digit, as the simulator logs', async () => {
    const agentId = h.addAgent('Ada', '7001');
    await h.loginAgent(agentId);
    const c = mandarinCampaign();
    expect((await manager.call('POST', `/api/campaigns/${c.id}/start`)).statusCode).toBe(200);
    h.service.dialLoop.kick();
    const opening = await waitFor('the opening played', () => played.find((p) => p.media === 'sound:dialer/opening-owner'), 30_000);
    expect(opening.lang).toBe('zh');
    const words = played.slice(played.findIndex((p) => p.media === 'sound:dialer/opening-greeting'), played.indexOf(opening) + 1);
    expect(words.map((p) => p.text).join('')).toBe('您好,打扰您了,我是中国移动的客服代表,请问您是幺三八幺二三四五六七八的机主吗');
    h.service.campaigns.act(c.id, 'complete');
  });
});
