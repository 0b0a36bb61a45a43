import { describe, expect, it } from 'vitest';
import { parseWavHeader, WavFormatError } from '../../src/recordings/wav.js';
import { judgeCall } from '../../src/recordings/recording-service.js';
import { makeWav } from '../support/wav.js';

describe('parseWavHeader', () => {
  it('reads format and duration of a whole file', () => {
    const wav = makeWav(2500);
    const info = parseWavHeader(wav.subarray(0, 4096), wav.length);
    expect(info).toMatchObject({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataOffset: 44, durationMs: 2500 });
  });

  it('skips unknown chunks before data', () => {
    const wav = makeWav(1000);
    const list = Buffer.alloc(8 + 6);
    list.write('LIST', 0, 'ascii');
    list.writeUInt32LE(6, 4);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    expect(parseWavHeader(withList, withList.length).durationMs).toBe(1000);
  });

  it.each([
    ['empty', Buffer.alloc(0), /too short/],
    ['not RIFF', Buffer.from('OggS\0\0\0\0WAVEfmt '), /not a RIFF/],
    ['no data chunk', makeWav(100).subarray(0, 36), /no data chunk/],
  ])('rejects %s', (_name, buf, message) => {
    expect(() => parseWavHeader(buf, buf.length)).toThrow(message);
  });

  it('rejects a truncated file (declared data longer than the bytes present)', () => {
    const wav = makeWav(1000);
    const cut = wav.subarray(0, 2000);
    expect(() => parseWavHeader(cut, cut.length)).toThrow(WavFormatError);
    expect(() => parseWavHeader(cut, cut.length)).toThrow(/truncated/);
  });

  it('rejects a file whose header was never finalised (data size 0 with audio after it: not closed)', () => {
    const wav = Buffer.from(makeWav(1000));
    wav.writeUInt32LE(0, 40);
    expect(() => parseWavHeader(wav.subarray(0, 4096), wav.length)).toThrow(/never finalised/);
  });

  it('accepts a RIFF chunk after the data chunk', () => {
    const wav = makeWav(100);
    const list = Buffer.alloc(8 + 4);
    list.write('LIST', 0, 'ascii');
    list.writeUInt32LE(4, 4);
    const withList = Buffer.concat([wav, list]);
    expect(parseWavHeader(withList, withList.length).durationMs).toBe(100);
  });

  it('rejects non-PCM formats', () => {
    const wav = Buffer.from(makeWav(100));
    wav.writeUInt16LE(3, 20);
    expect(() => parseWavHeader(wav, wav.length)).toThrow(/PCM/);
  });
});

describe('judgeCall', () => {
  const seg = (segment: number, startedAt: number, finishedAt: number | null, state: 'verified' | 'missing' | 'broken' = 'verified') => ({
    id: segment,
    callId: 'c',
    segment,
    ariName: `rec-c-${segment}`,
    path: null,
    bytes: null,
    durationMs: null,
    sha256: null,
    state,
    problem: state === 'verified' ? null : 'why',
    startFailed: false,
    reportedDurationSec: null,
    startedAt,
    finishedAt,
    storedAt: null,
  });
  /** A restart whose record request failed: nothing was ever recorded. */
  const notStarted = (segment: number, at: number) => ({ ...seg(segment, at, at, 'missing'), problem: 'record request failed', startFailed: true });

  it('verified when segments cover the call', () => {
    expect(judgeCall([seg(1, 1010, 5000), seg(2, 5050, 9000)], 1000, 9000, 3000)).toEqual({ state: 'verified', problem: null });
  });
  it('missing when none was started', () => {
    expect(judgeCall([], 1000, 1001, 3000).state).toBe('missing');
  });
  it('missing or broken segments make the call so', () => {
    expect(judgeCall([seg(1, 1000, 2000), seg(2, 2000, 3000, 'missing')], 1000, 3000, 3000).state).toBe('missing');
    expect(judgeCall([seg(1, 1000, 2000, 'broken')], 1000, 2000, 3000).state).toBe('broken');
  });
  // Asterisk stopping mid-call: the recorder leaves first, the restart fails, the call ends.
  it('a restart that never started does not make a call its recorded segments cover missing', () => {
    expect(judgeCall([seg(1, 1000, 9000), notStarted(2, 9005)], 1000, 9010, 3000)).toEqual({ state: 'verified', problem: null });
  });
  it('…but the call is broken when it went on unrecorded after the failed restart', () => {
    expect(judgeCall([seg(1, 1000, 4000), notStarted(2, 4005)], 1000, 30_000, 3000).problem).toMatch(/stopped 26000 ms before the call ended/);
  });
  it('missing when no segment could be recorded at all', () => {
    expect(judgeCall([notStarted(1, 1000)], 1000, 5000, 3000)).toEqual({ state: 'missing', problem: 'no segment could be recorded: record request failed' });
  });
  it('broken when the recording started late, has a gap, or stopped early', () => {
    expect(judgeCall([seg(1, 5000, 9000)], 1000, 9000, 3000).problem).toMatch(/after answer/);
    expect(judgeCall([seg(1, 1000, 2000), seg(2, 6000, 9000)], 1000, 9000, 3000).problem).toMatch(/gap/);
    expect(judgeCall([seg(1, 1000, 2000)], 1000, 9000, 3000).problem).toMatch(/before the call ended/);
  });
});
