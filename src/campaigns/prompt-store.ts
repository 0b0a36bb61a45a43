/**
 * Uploaded prompts (e.g. a campaign's recorded opening). Files live in PROMPTS_DIR, which
 * Asterisk sees as sounds/dialer (a shared volume in docker compose), so a prompt named
 * `opening-5g` plays as `sound:dialer/opening-5g`. Asterisk's `wav` format is 8 kHz 16-bit
 * mono PCM; anything else is refused with the conversion to make.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Errors } from '../errors.js';
import { parseWavHeader, WavFormatError } from '../recordings/wav.js';

export const PROMPT_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface PromptInfo {
  name: string;
  media: string;
  bytes: number;
  durationMs: number;
  sha256?: string;
}

export class PromptStore {
  constructor(private readonly dir: string) {}

  static mediaFor(name: string): string {
    return `sound:dialer/${name}`;
  }

  /** Validates and stores a WAV prompt (replacing one of the same name atomically). */
  async save(name: string, wav: Buffer): Promise<PromptInfo> {
    if (!PROMPT_NAME.test(name)) throw new Errors.BadRequest('prompt name: lower-case letters, digits, _ and -, at most 64');
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
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, `${name}.wav`);
    const tmp = `${path}.${process.pid}.part`;
    await writeFile(tmp, wav);
    await rename(tmp, path);
    return {
      name,
      media: PromptStore.mediaFor(name),
      bytes: wav.length,
      durationMs: info.durationMs,
      sha256: createHash('sha256').update(wav).digest('hex'),
    };
  }

  async list(): Promise<PromptInfo[]> {
    let files: string[];
    try {
      files = await readdir(this.dir);
    } catch {
      return [];
    }
    const out: PromptInfo[] = [];
    for (const f of files.filter((f) => f.endsWith('.wav')).sort()) {
      const name = f.slice(0, -4);
      if (!PROMPT_NAME.test(name)) continue;
      const { size } = await stat(join(this.dir, f));
      const head = Buffer.alloc(Math.min(size, 4096));
      const fh = await open(join(this.dir, f), 'r');
      try {
        await fh.read(head, 0, head.length, 0);
      } finally {
        await fh.close();
      }
      let durationMs = 0;
      try {
        durationMs = parseWavHeader(head, size).durationMs;
      } catch {
        // listed with 0 ms; save() never writes such a file
      }
      out.push({ name, media: PromptStore.mediaFor(name), bytes: size, durationMs });
    }
    return out;
  }

  async remove(name: string): Promise<void> {
    if (!PROMPT_NAME.test(name)) throw new Errors.BadRequest('bad prompt name');
    await rm(join(this.dir, `${name}.wav`), { force: true });
  }
}
