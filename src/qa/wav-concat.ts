/**
 * A call's recording as one WAV: its segments' audio joined in order, the gap between two
 * segments (Asterisk ends a bridge recording after ~2 s without audio and the dialer starts
 * a new one) filled with silence, so positions in the file match the call's timeline.
 * Pure: the layout is computed from the segments' parsed headers; nothing is read here.
 */
import type { WavInfo } from '../recordings/wav.js';

/** One piece of the virtual file. */
export type WavPart =
  | { kind: 'bytes'; data: Buffer }
  | { kind: 'file'; path: string; offset: number; length: number }
  | { kind: 'silence'; length: number };

export interface WavLayout {
  size: number;
  parts: WavPart[];
  durationMs: number;
}

/** A verified segment with its parsed header. */
export interface SegmentSource {
  path: string;
  info: WavInfo;
  /** When it started recording (ms epoch). */
  startedAt: number;
}

export interface ConcatOptions {
  /** Longest gap filled with silence; longer gaps are shortened to this. Default {@link MAX_JOINED_GAP_MS}. */
  maxGapMs?: number;
}

/** Longest gap between two segments kept (as silence) in the joined file. */
export const MAX_JOINED_GAP_MS = 60_000;

/** Format fields that must match for segments to be joined. */
function sameFormat(a: WavInfo, b: WavInfo): boolean {
  return a.audioFormat === b.audioFormat && a.channels === b.channels && a.sampleRate === b.sampleRate && a.bitsPerSample === b.bitsPerSample;
}

/** A canonical 44-byte PCM WAV header for `dataBytes` of audio in `fmt`. */
export function wavHeader(fmt: Pick<WavInfo, 'channels' | 'sampleRate' | 'bitsPerSample'>, dataBytes: number): Buffer {
  const blockAlign = fmt.channels * Math.ceil(fmt.bitsPerSample / 8);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(fmt.channels, 22);
  h.writeUInt32LE(fmt.sampleRate, 24);
  h.writeUInt32LE(fmt.sampleRate * blockAlign, 28);
  h.writeUInt16LE(blockAlign, 32);
  h.writeUInt16LE(fmt.bitsPerSample, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/**
 * The joined layout of segments (in segment order).
 * @throws Error when there are none or their formats differ (callers fall back to per-segment URLs).
 */
export function concatLayout(segments: readonly SegmentSource[], opts: ConcatOptions = {}): WavLayout {
  const first = segments[0];
  if (!first) throw new Error('no segments to join');
  const maxGapMs = opts.maxGapMs ?? MAX_JOINED_GAP_MS;
  const fmt = first.info;
  const blockAlign = fmt.channels * Math.ceil(fmt.bitsPerSample / 8);
  const bytesPerMs = (fmt.sampleRate * blockAlign) / 1000;
  const audio: WavPart[] = [];
  let dataBytes = 0;
  let prevEnd: number | null = null;
  for (const seg of segments) {
    if (!sameFormat(seg.info, fmt)) {
      throw new Error(`segment ${seg.path} is ${seg.info.sampleRate} Hz/${seg.info.bitsPerSample} bit/${seg.info.channels} ch, unlike the first`);
    }
    if (prevEnd !== null && seg.startedAt > prevEnd) {
      const gapMs = Math.min(seg.startedAt - prevEnd, maxGapMs);
      const length = Math.floor((gapMs * bytesPerMs) / blockAlign) * blockAlign;
      if (length > 0) {
        audio.push({ kind: 'silence', length });
        dataBytes += length;
      }
    }
    const length = seg.info.dataBytes - (seg.info.dataBytes % blockAlign);
    audio.push({ kind: 'file', path: seg.path, offset: seg.info.dataOffset, length });
    dataBytes += length;
    prevEnd = seg.startedAt + seg.info.durationMs;
  }
  const header = wavHeader(fmt, dataBytes);
  return { size: header.length + dataBytes, parts: [{ kind: 'bytes', data: header }, ...audio], durationMs: Math.round(dataBytes / bytesPerMs) };
}

/** A segment's place on the call's clock: when it started and how long its audio lasts. */
export interface SegmentSpan {
  startedAt: number;
  durationMs: number;
}

/**
 * Where moment `at` (ms epoch) falls in the joined file of {@link concatLayout}, in ms from
 * its start; the same layout: segments in order, gaps as silence shortened to `maxGapMs`.
 * Null before the first segment and after the last one ends.
 */
export function joinedOffsetMs(at: number, segments: readonly SegmentSpan[], opts: ConcatOptions = {}): number | null {
  const maxGapMs = opts.maxGapMs ?? MAX_JOINED_GAP_MS;
  let pos = 0;
  let prevEnd: number | null = null;
  for (const seg of segments) {
    if (prevEnd !== null && seg.startedAt > prevEnd) {
      const gapMs = Math.min(seg.startedAt - prevEnd, maxGapMs);
      // In the gap: somewhere in its silence (a shortened gap ends at its cap).
      if (at < seg.startedAt) return pos + Math.min(at - prevEnd, gapMs);
      pos += gapMs;
    }
    // Only the first segment can start after `at` here: the moment is before the recording.
    if (at < seg.startedAt) return null;
    if (at <= seg.startedAt + seg.durationMs) return pos + (at - seg.startedAt);
    pos += seg.durationMs;
    prevEnd = seg.startedAt + seg.durationMs;
  }
  return null;
}

/** A single file served as is. */
export function fileLayout(path: string, bytes: number, durationMs: number): WavLayout {
  return { size: bytes, parts: [{ kind: 'file', path, offset: 0, length: bytes }], durationMs };
}

/** The parts (with offsets inside them) that cover bytes start–end (inclusive) of the layout. */
export function sliceLayout(layout: WavLayout, start: number, end: number): WavPart[] {
  const out: WavPart[] = [];
  let pos = 0;
  for (const part of layout.parts) {
    const len = part.kind === 'bytes' ? part.data.length : part.length;
    const from = Math.max(start, pos);
    const to = Math.min(end + 1, pos + len);
    if (from < to) {
      const a = from - pos;
      const b = to - pos;
      if (part.kind === 'bytes') out.push({ kind: 'bytes', data: part.data.subarray(a, b) });
      else if (part.kind === 'silence') out.push({ kind: 'silence', length: b - a });
      else out.push({ kind: 'file', path: part.path, offset: part.offset + a, length: b - a });
    }
    pos += len;
    if (pos > end) break;
  }
  return out;
}
