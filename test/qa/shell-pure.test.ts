/** Pure helpers of the QA shell: byte ranges, joining WAV segments, local days and cycles, dispute days, CSV. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRange } from '../../src/qa/byte-range.js';
import { maskPhone } from '../../src/support/mask-phone.js';
import { disputeWindow } from '../../src/qa/disputes.js';
import { cycleByLabel, cycleDates, dayRange, localDate, nextLocalTime } from '../../src/qa/local-time.js';
import { toCsv } from '../../src/qa/reports/csv.js';
import { concatLayout, sliceLayout, type WavPart } from '../../src/qa/wav-concat.js';
import { parseWavHeader, type WavInfo } from '../../src/recordings/wav.js';
import { shanghai } from './support.js';

const TZ = 'Asia/Shanghai';
const CAL = { timeZone: TZ, cycleStartDay: 21 };

describe('decideRange', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-0', { kind: 'partial', start: 0, end: 0 }],
    ['bytes=10-', { kind: 'partial', start: 10, end: 99 }],
    ['bytes=-10', { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-1000', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=50-1000', { kind: 'partial', start: 50, end: 99 }],
    ['BYTES = 1-2', { kind: 'partial', start: 1, end: 2 }],
    ['bytes=0-1,3-4', { kind: 'full' }],
    ['pages=1-2', { kind: 'full' }],
  ])('%s of 100 bytes → %o', (header, expected) => {
    expect(decideRange(header, 100)).toEqual(expected);
  });

  it.each(['bytes=100-', 'bytes=100-200', 'bytes=5-4', 'bytes=x-1', 'bytes=-0', 'bytes=-', 'bytes='])('%s of 100 bytes is unsatisfiable', (header) => {
    expect(decideRange(header, 100).kind).toBe('unsatisfiable');
  });

  it('a partial range always lies inside the resource (property)', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.option(fc.nat(20_000)), fc.option(fc.nat(20_000)), (size, a, b) => {
        const d = decideRange(`bytes=${a ?? ''}-${b ?? ''}`, size);
        if (d.kind === 'partial') {
          expect(d.start).toBeGreaterThanOrEqual(0);
          expect(d.start).toBeLessThanOrEqual(d.end);
          expect(d.end).toBeLessThan(size);
        }
      }),
    );
  });
});

describe('joining WAV segments', () => {
  const info = (dataBytes: number): WavInfo => ({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, byteRate: 16000, dataOffset: 44, dataBytes, durationMs: dataBytes / 16 });

  it('joins in order with the gaps as silence under one correct header', () => {
    const layout = concatLayout([
      { path: 'a', info: info(16000), startedAt: 1_000_000 },
      { path: 'b', info: info(8000), startedAt: 1_000_000 + 1000 + 250 },
      { path: 'c', info: info(1600), startedAt: 1_000_000 + 1000 + 250 + 500 },
    ]);
    expect(layout.parts.slice(1)).toEqual([
      { kind: 'file', path: 'a', offset: 44, length: 16000 },
      { kind: 'silence', length: 4000 },
      { kind: 'file', path: 'b', offset: 44, length: 8000 },
      { kind: 'file', path: 'c', offset: 44, length: 1600 },
    ]);
    const header = (layout.parts[0] as Extract<WavPart, { kind: 'bytes' }>).data;
    expect(layout.size).toBe(44 + 29600);
    expect(parseWavHeader(header, layout.size)).toMatchObject({ dataBytes: 29600, durationMs: 1850, sampleRate: 8000 });
    expect(layout.durationMs).toBe(1850);
  });

  it('refuses segments of different formats', () => {
    expect(() => concatLayout([{ path: 'a', info: info(100), startedAt: 0 }, { path: 'b', info: { ...info(100), sampleRate: 16000 }, startedAt: 1 }])).toThrow(/unlike the first/);
  });

  it('slices cover exactly the bytes asked for (property)', () => {
    const layout = concatLayout([
      { path: 'a', info: info(1000), startedAt: 0 },
      { path: 'b', info: info(500), startedAt: 100 },
    ]);
    fc.assert(
      fc.property(fc.nat(layout.size - 1), fc.nat(layout.size), (start, len) => {
        const end = Math.min(layout.size - 1, start + len);
        const parts = sliceLayout(layout, start, end);
        const bytes = parts.reduce((s, p) => s + (p.kind === 'bytes' ? p.data.length : p.length), 0);
        expect(bytes).toBe(end - start + 1);
      }),
    );
  });
});

describe('local days and cycles', () => {
  it('days, cycles by label and the daily run time, in the call centre’s zone', () => {
    expect(localDate(Date.UTC(2025, 0, 9, 16, 30), TZ)).toBe('2025-01-10');
    expect(dayRange('2025-01-10', TZ)).toEqual({ start: Date.UTC(2025, 0, 9, 16), end: Date.UTC(2025, 0, 10, 16) });
    const c = cycleByLabel('2025-01', CAL);
    expect([c.start.getTime(), c.end.getTime() + 1]).toEqual([shanghai(2024, 12, 21, 0), shanghai(2025, 1, 21, 0)]);
    const dates = cycleDates(c, TZ);
    expect([dates[0], dates.at(-1), dates.length]).toEqual(['2024-12-21', '2025-01-20', 31]);
    expect(nextLocalTime(shanghai(2025, 1, 10, 20), '21:30', TZ)).toBe(shanghai(2025, 1, 10, 21, 30));
    expect(nextLocalTime(shanghai(2025, 1, 10, 21, 30), '21:30', TZ)).toBe(shanghai(2025, 1, 11, 21, 30));
    expect(() => cycleByLabel('2025-13', CAL)).toThrow(/YYYY-MM/);
    expect(() => dayRange('10/01/2025', TZ)).toThrow(/YYYY-MM-DD/);
  });
});

describe('the dispute day', () => {
  it('open only on the local day the report was published', () => {
    const published = shanghai(2025, 1, 11, 9);
    expect(disputeWindow('2025-01-10', null, published, TZ)).toEqual({ open: false, reason: 'not-published', reportDate: '2025-01-10' });
    expect(disputeWindow('2025-01-10', published, shanghai(2025, 1, 11, 23, 59), TZ)).toMatchObject({ open: true, publishedOn: '2025-01-11' });
    expect(disputeWindow('2025-01-10', published, shanghai(2025, 1, 12, 0, 0), TZ)).toMatchObject({ open: false, reason: 'late', today: '2025-01-12' });
  });
});

describe('CSV and masking', () => {
  it('quotes, neutralises formulas, and starts with a BOM', () => {
    const csv = toCsv([{ header: 'name', value: (r: { n: string; x: number | null }) => r.n }, { header: 'x', value: (r) => r.x }], [
      { n: '张三, "甲"', x: -3 },
      { n: '=cmd()', x: null },
    ]);
    expect(csv).toBe('\uFEFFname,x\r\n"张三, ""甲""",-3\r\n\'=cmd(),\r\n');
  });

  it('masks the middle of a number', () => {
    expect(maskPhone('+8613800138001')).toBe('+86138****8001');
    expect(maskPhone('+14155550123')).toBe('+14155**0123');
    expect(maskPhone('12345')).toBe('*2345');
  });
});
