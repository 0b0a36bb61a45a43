/**
 * The WAV writer and header parser, and the simulator's clock being injectable.
 */
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/sim/clock.js';
import { WavFormatError, readWavInfo, readWavSamples, synthesizeAudio, writeWav, type SimTimers } from '../../src/sim/index.js';

describe('wav', () => {
  it('writes slin 8 kHz mono PCM that reads back with the right duration', () => {
    const samples = synthesizeAudio([{ ms: 500, silent: false }, { ms: 250, silent: true }]);
    expect(samples.length).toBe(6000);
    const buf = writeWav(samples);
    expect(buf.length).toBe(44 + 12000);
    expect(readWavInfo(buf)).toEqual({ audioFormat: 1, sampleRate: 8000, channels: 1, bitsPerSample: 16, dataBytes: 12000, durationMs: 750 });
    const back = readWavSamples(buf);
    expect(back.slice(0, 4000).some((s) => s !== 0)).toBe(true);
    expect(back.slice(4000).every((s) => s === 0)).toBe(true);
    expect(Buffer.compare(writeWav(synthesizeAudio([{ ms: 500, silent: false }])), writeWav(samples.slice(0, 4000)))).toBe(0);
  });

  it('reads headers with extra chunks and rejects what is not a WAV', () => {
    const plain = writeWav(new Int16Array(80));
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('INFO')]);
    const withList = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    expect(readWavInfo(withList)).toMatchObject({ dataBytes: 160, durationMs: 10 });
    expect(() => readWavInfo(Buffer.from('hello world, not a wav'))).toThrow(WavFormatError);
    expect(() => readWavInfo(plain.subarray(0, 30))).toThrow(WavFormatError);
    const noData = Buffer.from(plain.subarray(0, 36));
    expect(() => readWavInfo(noData)).toThrow('missing data chunk');
  });
});

describe('clock', () => {
  it('runs scheduled steps from an injected timer source and survives a failing step', () => {
    let now = 1000;
    const pending: Array<{ at: number; fn: () => void; id: number }> = [];
    let next = 0;
    const timers: SimTimers = {
      now: () => now,
      setTimeout: (fn, ms) => {
        pending.push({ at: now + ms, fn, id: ++next });
        return next;
      },
      clearTimeout: (h) => {
        const i = pending.findIndex((p) => p.id === h);
        if (i >= 0) pending.splice(i, 1);
      },
    };
    const errors: unknown[] = [];
    const noop = (): void => undefined;
    const clock = new Scheduler(timers, { info: noop, warn: noop, debug: noop, error: (...a) => errors.push(a) });
    const ran: string[] = [];
    clock.after('a', 10, () => ran.push('a10'));
    clock.after('a', 20, () => ran.push('a20'));
    clock.after('b', 15, () => {
      throw new Error('boom');
    });
    clock.cancelOwner('a');
    clock.after('c', 5, () => ran.push('c5'));
    now += 50;
    for (const p of [...pending].sort((x, y) => x.at - y.at)) p.fn();
    expect(ran).toEqual(['c5']);
    expect(errors).toHaveLength(1);
  });
});
