/**
 * WAV files as Asterisk's `wav` format writes them: RIFF, PCM signed 16-bit little-endian,
 * mono, 8000 Hz (slin), 44-byte header. Also a header parser for checking files.
 */

/** What a WAV header says about its audio. */
export interface WavInfo {
  /** 1 = PCM. */
  audioFormat: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Bytes of audio in the `data` chunk (clamped to what the buffer holds). */
  dataBytes: number;
  durationMs: number;
}

/** Thrown by {@link readWavInfo} on anything that is not a readable PCM WAV file. */
export class WavFormatError extends Error {
  readonly code = 'SIM_ERR_WAV_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'WavFormatError';
  }
}

/** Asterisk's `wav` (slin) sample rate. */
export const WAV_SAMPLE_RATE = 8000;

/** Builds a complete WAV file (mono, 16-bit) around `samples`. */
export function writeWav(samples: Int16Array, opts: { sampleRate?: number } = {}): Buffer {
  const sampleRate = opts.sampleRate ?? WAV_SAMPLE_RATE;
  const dataBytes = samples.length * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(samples[i] ?? 0, 44 + i * 2);
  return buf;
}

/** Parses a RIFF/WAVE header (any chunk order, unknown chunks skipped). */
export function readWavInfo(buf: Buffer): WavInfo {
  return parseWav(buf).info;
}

function parseWav(buf: Buffer): { info: WavInfo; dataOffset: number } {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavFormatError('not a RIFF/WAVE file');
  }
  let fmt: Omit<WavInfo, 'dataBytes' | 'durationMs'> | undefined;
  let dataBytes: number | undefined;
  let dataOffset = 0;
  let off = 12;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    const body = off + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > buf.length) throw new WavFormatError('truncated fmt chunk');
      fmt = {
        audioFormat: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      dataBytes = Math.min(size, buf.length - body);
      dataOffset = body;
      break;
    }
    off = body + size + (size % 2);
  }
  if (!fmt) throw new WavFormatError('missing fmt chunk');
  if (dataBytes === undefined) throw new WavFormatError('missing data chunk');
  if (fmt.sampleRate === 0 || fmt.channels === 0 || fmt.bitsPerSample === 0) {
    throw new WavFormatError('fmt chunk has a zero rate, channel count or sample size');
  }
  const bytesPerSecond = (fmt.sampleRate * fmt.channels * fmt.bitsPerSample) / 8;
  return { info: { ...fmt, dataBytes, durationMs: (dataBytes / bytesPerSecond) * 1000 }, dataOffset };
}

/** The 16-bit samples of a mono PCM WAV file (for appending to it). */
export function readWavSamples(buf: Buffer): Int16Array {
  const { info, dataOffset: start } = parseWav(buf);
  if (info.audioFormat !== 1 || info.bitsPerSample !== 16) throw new WavFormatError('not 16-bit PCM');
  const out = new Int16Array(Math.floor(info.dataBytes / 2));
  for (let i = 0; i < out.length; i++) out[i] = buf.readInt16LE(start + i * 2);
  return out;
}

/** One stretch of recorded time; `silent` stretches (a muted recording) are written as zeros. */
export interface AudioStretch {
  ms: number;
  silent: boolean;
}

/**
 * Deterministic, audible-but-quiet audio for `stretches`: a 425 Hz tone with a little
 * pseudo-random noise, so files are never all zeros and two runs produce the same bytes.
 */
export function synthesizeAudio(stretches: AudioStretch[], sampleRate = WAV_SAMPLE_RATE): Int16Array {
  const total = stretches.reduce((n, s) => n + Math.round((s.ms * sampleRate) / 1000), 0);
  const out = new Int16Array(total);
  let seed = 0x2545f491;
  let i = 0;
  for (const s of stretches) {
    const n = Math.round((s.ms * sampleRate) / 1000);
    for (let k = 0; k < n; k++, i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      if (s.silent) continue;
      const tone = Math.sin((2 * Math.PI * 425 * i) / sampleRate) * 1200;
      const noise = ((seed >>> 16) % 401) - 200;
      out[i] = Math.round(tone + noise);
    }
  }
  return out;
}
