/**
 * Text to an Asterisk prompt: Debian's `espeak-ng` speaks the words, `sox` makes them 8 kHz,
 * mono, 16-bit PCM WAV (Asterisk's `wav`). Both run repeatably (`sox -R`, no dither), so the
 * same text always gives the same bytes. Debian packages: espeak-ng, sox.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { VoiceLanguage } from './spoken-numbers.js';

const run = promisify(execFile);

/** Bumped when the way prompts are made changes, so installed packs are regenerated. */
export const SYNTH_VERSION = 'espeak-ng+sox/2';

/** espeak-ng voice of each pack language. */
export const ESPEAK_VOICE: Record<VoiceLanguage, string> = { zh: 'cmn', en: 'en' };

const TO_ASTERISK_WAV = ['-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer'];
const TRIM = ['silence', '1', '0.01', '0.5%', 'reverse', 'silence', '1', '0.01', '0.5%', 'reverse'];

/** A short, calm tune for music on hold (notes in Hz, each 0.5 s), repeated by the player. */
const HOLD_TUNE = [523.25, 659.25, 783.99, 659.25, 587.33, 698.46, 880.0, 698.46, 523.25, 659.25, 783.99, 1046.5, 987.77, 783.99, 659.25, 523.25];

export interface SynthesizerOptions {
  espeakBin?: string;
  soxBin?: string;
  /** espeak-ng speed, words per minute; default 150 (clear on a phone line). */
  wordsPerMinute?: number;
}

export class Synthesizer {
  private readonly espeak: string;
  private readonly sox: string;
  private readonly wpm: number;

  constructor(opts: SynthesizerOptions = {}) {
    this.espeak = opts.espeakBin ?? 'espeak-ng';
    this.sox = opts.soxBin ?? 'sox';
    this.wpm = opts.wordsPerMinute ?? 150;
  }

  /** What a prompt made from `text` with `voice` depends on (stored to skip unchanged prompts). */
  spec(voice: string, text: string): string {
    return `${SYNTH_VERSION}|${voice}|${this.wpm}|${text}`;
  }

  /** Null when both tools run, else why not (for a clear message instead of a crash). */
  async unavailable(): Promise<string | null> {
    for (const [bin, arg] of [[this.espeak, '--version'], [this.sox, '--version']] as const) {
      try {
        await run(bin, [arg]);
      } catch (err) {
        return `${bin} is not installed or does not run (${(err as Error).message.split('\n')[0]}); on Debian: apt-get install espeak-ng sox`;
      }
    }
    return null;
  }

  /** Speaks `text` with `voice` into `outPath` (written atomically). */
  async speak(text: string, voice: string, outPath: string): Promise<void> {
    await this.withTemp(outPath, async (raw, out) => {
      await run(this.espeak, ['-v', voice, '-s', String(this.wpm), '-w', raw, '--', text]);
      // Trim espeak's lead-in and tail so prompts chain without gaps (a phone number is 11 of them).
      await run(this.sox, ['-R', '-D', raw, ...TO_ASTERISK_WAV, out, ...TRIM, 'pad', '0.02', '0.06', 'norm', '-3']);
    });
  }

  /** The music-on-hold tune into `outPath`. */
  async music(outPath: string): Promise<void> {
    await this.withTemp(outPath, async (_raw, out, dir) => {
      const notes: string[] = [];
      for (const [i, hz] of HOLD_TUNE.entries()) {
        const note = join(dir, `note-${i}.wav`);
        await run(this.sox, ['-R', '-D', '-n', ...TO_ASTERISK_WAV, note, 'synth', '0.5', 'sine', String(hz), 'fade', 'q', '0.02', '0.5', '0.15', 'vol', '0.3']);
        notes.push(note);
      }
      await run(this.sox, ['-R', '-D', ...notes, ...TO_ASTERISK_WAV, out]);
    });
  }

  private async withTemp(outPath: string, make: (raw: string, out: string, dir: string) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'dialer-voice-'));
    try {
      const out = join(dir, 'out.wav');
      await make(join(dir, 'raw.wav'), out, dir);
      await rename(out, outPath).catch(async (err: NodeJS.ErrnoException) => {
        // Across file systems rename fails; copy through sox's output once more.
        if (err.code !== 'EXDEV') throw err;
        await run(this.sox, ['-R', '-D', out, outPath]);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
