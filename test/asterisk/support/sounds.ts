/**
 * Sounds the real tier needs, made here (nothing can be downloaded): speech from Debian's
 * espeak-ng, turned by sox into what Asterisk plays (8 kHz, mono, 16-bit WAV), and a
 * steady tone for music on hold (without MOH files a channel put on hold hangs up at once).
 * Files are cached by their text, so a run makes each once.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CACHE = join(tmpdir(), 'dialer-asterisk-sounds');

/** Speaks `text` with `voice` (espeak-ng) into an Asterisk-ready WAV at `dest`. */
export function speak(dest: string, text: string, voice = 'cmn'): void {
  const key = createHash('sha256').update(`${voice}\n${text}`).digest('hex').slice(0, 16);
  const cached = join(CACHE, `${key}.wav`);
  if (!existsSync(cached)) {
    mkdirSync(CACHE, { recursive: true });
    const raw = join(CACHE, `${key}.${process.pid}.raw.wav`);
    execFileSync('espeak-ng', ['-v', voice, '-w', raw, text]);
    const part = join(CACHE, `${key}.${process.pid}.wav`);
    execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', part]);
    execFileSync('mv', ['-f', part, cached]);
    execFileSync('rm', ['-f', raw]);
  }
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(cached, dest);
}

/** A steady two-tone WAV of `seconds`, for music on hold. */
export function tone(dest: string, seconds: number): void {
  mkdirSync(dirname(dest), { recursive: true });
  execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', dest, 'synth', String(seconds), 'sine', '440', 'sine', '554', 'remix', '-', 'vol', '0.3']);
}

/** Raw A-law audio (what SIPp's rtp_stream plays) of `text`, for a talking customer. */
export function customerVoice(dest: string, text: string): void {
  const wav = `${dest}.wav`;
  speak(wav, text);
  execFileSync('sox', [wav, '-r', '8000', '-c', '1', '-t', 'al', dest]);
}
