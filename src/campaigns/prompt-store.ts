/**
 * The dialer's prompts on disk, in Asterisk's sounds layout under PROMPTS_DIR:
 * `<lang>/dialer/<name>.wav` plays as `sound:dialer/<name>` in language `<lang>` (the prompt
 * pack, prompts voiced from a campaign's text, managers' uploads). Asterisk's `wav` format is
 * 8 kHz 16-bit mono PCM; anything else is refused with the conversion to make.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { Errors } from '../errors.js';
import { parseWavHeader, WavFormatError } from '../recordings/wav.js';
import { SerialQueue } from '../support/serial-queue.js';
import { promptDir, promptPath, readPromptIndex, writePromptIndex, type PromptSource } from '../voice/prompt-index.js';
import { isPackPrompt } from '../voice/prompt-pack.js';
import { VOICE_LANGUAGES, type VoiceLanguage } from '../voice/spoken-numbers.js';
import { ESPEAK_VOICE, type Synthesizer } from '../voice/synthesizer.js';
import { promptMedia, promptOfMedia } from '../voice/text-prompts.js';

export const PROMPT_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface PromptInfo {
  name: string;
  language: VoiceLanguage;
  media: string;
  bytes: number;
  durationMs: number;
  /** The words it says, when known (the pack's and voiced prompts; an upload keeps the words it replaced). */
  text: string;
  /** pack: shipped; synth: voiced from a campaign's text; upload: a manager's recording. */
  source: PromptSource;
  /** The prompt pack has a prompt of this name (deleting it leaves a gap the pack fills on reinstall). */
  inPack: boolean;
  sha256?: string;
}

/** What was played, for the evidence: every prompt's file hash and one hash of the audio in order. */
export interface PlayedAudio {
  audioSha256: string;
  prompts: Array<{ media: string; sha256: string }>;
}

export class PromptStore {
  /** Index updates (read-modify-write of prompts.json) run one at a time. */
  private readonly writes = new SerialQueue<() => Promise<void>>(
    (job) => job(),
    () => undefined,
  );

  constructor(
    private readonly root: string,
    private readonly synthesizer: Synthesizer | null = null,
  ) {}

  static mediaFor(name: string): string {
    return promptMedia(name);
  }

  static checkName(name: string): void {
    if (!PROMPT_NAME.test(name)) throw new Errors.BadRequest('prompt name: lower-case letters, digits, _ and -, at most 64');
  }

  /** Validates and stores a WAV prompt (replacing one of the same name atomically). */
  async save(lang: VoiceLanguage, name: string, wav: Buffer): Promise<PromptInfo> {
    PromptStore.checkName(name);
    let info;
    try {
      info = parseWavHeader(wav.subarray(0, 4096), wav.length);
    } catch (err) {
      if (err instanceof WavFormatError) throw new Errors.BadRequest(`prompt is not a usable WAV file: ${err.message}`);
      throw err;
    }
    if (info.sampleRate !== 8000 || info.channels !== 1 || info.bitsPerSample !== 16) {
      throw new Errors.BadRequest(
        `prompt must be 8000 Hz, 16-bit, mono PCM (Asterisk's wav); got ${info.sampleRate} Hz, ${info.bitsPerSample}-bit, ${info.channels} channel(s) — convert with: sox in.wav -r 8000 -c 1 -b 16 out.wav`,
      );
    }
    if (info.durationMs < 200) throw new Errors.BadRequest(`prompt is too short (${info.durationMs} ms)`);
    const sha256 = createHash('sha256').update(wav).digest('hex');
    await this.indexed(lang, async (index) => {
      await mkdir(promptDir(this.root, lang), { recursive: true });
      const path = promptPath(this.root, lang, name);
      const tmp = `${path}.${process.pid}.part`;
      await writeFile(tmp, wav);
      await rename(tmp, path);
      index[name] = { text: index[name]?.text ?? '', source: 'upload', sha256 };
    });
    const text = (await readPromptIndex(this.root, lang))[name]?.text ?? '';
    return { name, language: lang, media: promptMedia(name), bytes: wav.length, durationMs: info.durationMs, text, source: 'upload', inPack: isPackPrompt(name, lang), sha256 };
  }

  /** Every prompt of one language, or of all, by name. */
  async list(lang?: VoiceLanguage): Promise<PromptInfo[]> {
    const out: PromptInfo[] = [];
    for (const l of lang ? [lang] : VOICE_LANGUAGES) {
      const index = await readPromptIndex(this.root, l);
      let files: string[];
      try {
        files = await readdir(promptDir(this.root, l));
      } catch {
        continue;
      }
      for (const f of files.filter((f) => f.endsWith('.wav')).sort()) {
        const name = f.slice(0, -4);
        if (!PROMPT_NAME.test(name)) continue;
        const { bytes, durationMs } = await this.probe(promptPath(this.root, l, name));
        const e = index[name];
        out.push({
          name,
          language: l,
          media: promptMedia(name),
          bytes,
          durationMs,
          text: e?.text ?? '',
          source: e?.source ?? 'upload',
          inPack: isPackPrompt(name, l),
          ...(e?.sha256 ? { sha256: e.sha256 } : {}),
        });
      }
    }
    return out;
  }

  /** The WAV file of a prompt; 404 when there is none. */
  async read(lang: VoiceLanguage, name: string): Promise<Buffer> {
    PromptStore.checkName(name);
    try {
      return await readFile(promptPath(this.root, lang, name));
    } catch {
      throw new Errors.NotFound('prompt', `${lang}/${name}`);
    }
  }

  async has(lang: VoiceLanguage, name: string): Promise<boolean> {
    return stat(promptPath(this.root, lang, name)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** Deletes a prompt; 404 when there is none. Whether it may go is the caller's check (in use). */
  async remove(lang: VoiceLanguage, name: string): Promise<void> {
    PromptStore.checkName(name);
    if (!(await this.has(lang, name))) throw new Errors.NotFound('prompt', `${lang}/${name}`);
    await this.indexed(lang, async (index) => {
      await rm(promptPath(this.root, lang, name), { force: true });
      delete index[name];
    });
  }

  /**
   * Voices the campaign's own words (company, product name, its opening's text) that have no
   * prompt yet. Returns what could not be voiced (no synthesizer here): those need an upload.
   */
  async voiceMissing(lang: VoiceLanguage, texts: ReadonlyMap<string, string>): Promise<string[]> {
    const missing: string[] = [];
    for (const [name, text] of texts) {
      if (await this.has(lang, name)) continue;
      if (!this.synthesizer || (await this.synthesizer.unavailable())) {
        missing.push(name);
        continue;
      }
      const synth = this.synthesizer;
      await this.indexed(lang, async (index) => {
        await mkdir(promptDir(this.root, lang), { recursive: true });
        const path = promptPath(this.root, lang, name);
        await synth.speak(text, ESPEAK_VOICE[lang], path);
        index[name] = { text, source: 'synth', sha256: createHash('sha256').update(await readFile(path)).digest('hex'), spec: synth.spec(ESPEAK_VOICE[lang], text) };
      });
    }
    return missing;
  }

  /**
   * The hashes of what a play list plays, from the files as they are now (read synchronously:
   * a disclosure is a few dozen small files, hashed when the verification starts).
   */
  playedAudio(lang: VoiceLanguage, media: readonly string[]): PlayedAudio {
    const all = createHash('sha256');
    const prompts: PlayedAudio['prompts'] = [];
    for (const m of media) {
      const name = promptOfMedia(m);
      let file: Buffer | null = null;
      try {
        if (name) file = readFileSync(promptPath(this.root, lang, name));
      } catch {
        file = null;
      }
      if (!file) {
        prompts.push({ media: m, sha256: 'missing' });
        continue;
      }
      prompts.push({ media: m, sha256: createHash('sha256').update(file).digest('hex') });
      try {
        const info = parseWavHeader(file.subarray(0, 4096), file.length);
        all.update(file.subarray(info.dataOffset, info.dataOffset + info.dataBytes));
      } catch {
        all.update(file);
      }
    }
    return { audioSha256: all.digest('hex'), prompts };
  }

  private async probe(path: string): Promise<{ bytes: number; durationMs: number }> {
    const { size } = await stat(path);
    const head = Buffer.alloc(Math.min(size, 4096));
    const fh = await open(path, 'r');
    try {
      await fh.read(head, 0, head.length, 0);
    } finally {
      await fh.close();
    }
    try {
      return { bytes: size, durationMs: parseWavHeader(head, size).durationMs };
    } catch {
      return { bytes: size, durationMs: 0 };
    }
  }

  private indexed(lang: VoiceLanguage, change: (index: Awaited<ReturnType<typeof readPromptIndex>>) => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.writes.push(async () => {
        try {
          const index = await readPromptIndex(this.root, lang);
          await change(index);
          await writePromptIndex(this.root, lang, index);
          resolve();
        } catch (err) {
          reject(err);
        }
      });
    });
  }
}
