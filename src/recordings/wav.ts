/**
 * Reads a RIFF/WAVE header and checks that the file is whole: PCM format fields, a data
 * chunk, and a declared size that matches the bytes on disk.
 */
export interface WavInfo {
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  byteRate: number;
  dataOffset: number;
  dataBytes: number;
  durationMs: number;
}

export class WavFormatError extends Error {
  override name = 'WavFormatError';
}

/**
 * Parses the header from the first bytes of the file (a few KiB suffice) and the total
 * file size. Throws WavFormatError with the reason when it is not a usable WAV.
 */
export function parseWavHeader(head: Buffer, fileBytes: number): WavInfo {
  if (head.length < 12) throw new WavFormatError(`file too short for a WAV header (${fileBytes} bytes)`);
  if (head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavFormatError('not a RIFF/WAVE file');
  }
  let offset = 12;
  let fmt: Omit<WavInfo, 'dataOffset' | 'dataBytes' | 'durationMs'> | null = null;
  while (offset + 8 <= head.length) {
    const id = head.toString('ascii', offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + 16 > head.length) throw new WavFormatError('truncated fmt chunk');
      fmt = {
        audioFormat: head.readUInt16LE(body),
        channels: head.readUInt16LE(body + 2),
        sampleRate: head.readUInt32LE(body + 4),
        byteRate: head.readUInt32LE(body + 8),
        bitsPerSample: head.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new WavFormatError('data chunk before fmt chunk');
      if (fmt.audioFormat !== 1) throw new WavFormatError(`unsupported audio format ${fmt.audioFormat} (want PCM)`);
      if (fmt.channels < 1 || fmt.sampleRate < 1 || fmt.byteRate < 1) throw new WavFormatError('invalid fmt values');
      const available = fileBytes - body;
      // Asterisk fills the sizes in when it closes the file (format_wav.c update_header); a 0
      // or oversized data length means the recording was never closed properly.
      if (size > available) throw new WavFormatError(`data chunk declares ${size} bytes but only ${available} are present (truncated)`);
      if (size < available && !followedByChunk(head, body + size + (size % 2), fileBytes)) {
        throw new WavFormatError(`data chunk declares ${size} bytes but ${available} follow (header never finalised: the recording was not closed)`);
      }
      return { ...fmt, dataOffset: body, dataBytes: size, durationMs: Math.round((size / fmt.byteRate) * 1000) };
    }
    offset = body + size + (size % 2);
  }
  throw new WavFormatError(fmt ? 'no data chunk' : 'no fmt chunk');
}

/**
 * Whether the bytes after the data chunk are another RIFF chunk (e.g. LIST) rather than audio
 * the header does not account for. Only what is in `head` can be checked; beyond it, trust
 * a chunk id of four printable characters whose size fits in the file.
 */
function followedByChunk(head: Buffer, at: number, fileBytes: number): boolean {
  if (at === fileBytes) return true;
  if (at + 8 > head.length || at + 8 > fileBytes) return false;
  const id = head.toString('latin1', at, at + 4);
  return /^[\x20-\x7e]{4}$/.test(id) && at + 8 + head.readUInt32LE(at + 4) <= fileBytes;
}
