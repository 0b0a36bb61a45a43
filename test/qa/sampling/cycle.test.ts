import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { cycleFor } from '../../../src/qa/sampling/cycle.js';

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe('cycleFor — Asia/Shanghai (the default)', () => {
  it('runs from the 21st 00:00 to the 20th 23:59:59.999 local, named by the month it ends in', () => {
    const c = cycleFor(at('2026-11-05T00:00:00Z'));
    expect(c.label).toBe('2026-11');
    expect(iso(c.start)).toBe('2026-10-20T16:00:00.000Z'); // 21 Oct 00:00 +08:00
    expect(iso(c.end)).toBe('2026-11-20T15:59:59.999Z'); // 20 Nov 23:59:59.999 +08:00
  });

  it.each([
    ['2026-11-20T15:59:59.999Z', '2026-11'], // 20 Nov 23:59:59.999 local: still November's cycle
    ['2026-11-20T16:00:00.000Z', '2026-12'], // 21 Nov 00:00 local: the next one
    ['2026-10-20T15:59:59.999Z', '2026-10'],
    ['2026-10-20T16:00:00.000Z', '2026-11'],
    ['2026-12-20T16:00:00.000Z', '2027-01'], // 21 Dec → across the new year
    ['2027-01-05T00:00:00.000Z', '2027-01'],
    ['2028-02-29T12:00:00.000Z', '2028-03'], // leap day
  ])('%s is in cycle %s', (instant, label) => {
    expect(cycleFor(at(instant)).label).toBe(label);
  });

  it('spans the new year', () => {
    const c = cycleFor(at('2026-12-25T00:00:00Z'));
    expect([iso(c.start), iso(c.end), c.label]).toEqual(['2026-12-20T16:00:00.000Z', '2027-01-20T15:59:59.999Z', '2027-01']);
  });

  it('accepts epoch milliseconds and an explicit label month', () => {
    const t = Date.parse('2026-11-05T00:00:00Z');
    expect(cycleFor(t)).toEqual(cycleFor(new Date(t)));
    expect(cycleFor(t, { labelMonth: 'start' }).label).toBe('2026-10');
  });

  it('with start day 1 is the calendar month', () => {
    const c = cycleFor(at('2026-11-15T00:00:00Z'), { startDay: 1 });
    expect([iso(c.start), iso(c.end), c.label]).toEqual(['2026-10-31T16:00:00.000Z', '2026-11-30T15:59:59.999Z', '2026-11']);
    expect(cycleFor(at('2026-11-15T00:00:00Z'), { startDay: 1, labelMonth: 'start' }).label).toBe('2026-11');
  });
});

describe('cycleFor — across DST changes', () => {
  const ny = { timeZone: 'America/New_York' };

  it('keeps local midnight when clocks go forward (8 Mar 2026) inside the cycle', () => {
    const c = cycleFor(at('2026-03-10T12:00:00Z'), ny);
    expect(c.label).toBe('2026-03');
    expect(iso(c.start)).toBe('2026-02-21T05:00:00.000Z'); // EST, −05:00
    expect(iso(c.end)).toBe('2026-03-21T03:59:59.999Z'); // EDT, −04:00
    expect(c.end.getTime() + 1 - c.start.getTime()).toBe((28 * 24 - 1) * 3600_000);
  });

  it('keeps local midnight when clocks go back (1 Nov 2026) inside the cycle', () => {
    const c = cycleFor(at('2026-11-01T06:30:00Z'), ny); // 01:30 EST, the repeated hour
    expect(c.label).toBe('2026-11');
    expect(iso(c.start)).toBe('2026-10-21T04:00:00.000Z');
    expect(iso(c.end)).toBe('2026-11-21T04:59:59.999Z');
    expect(c.end.getTime() + 1 - c.start.getTime()).toBe((31 * 24 + 1) * 3600_000);
  });

  it.each([
    ['2026-03-21T03:59:59.999Z', '2026-03'],
    ['2026-03-21T04:00:00.000Z', '2026-04'],
    ['2026-11-21T04:59:59.999Z', '2026-11'],
    ['2026-11-21T05:00:00.000Z', '2026-12'],
  ])('New York: %s is in cycle %s', (instant, label) => {
    expect(cycleFor(at(instant), ny).label).toBe(label);
  });

  it('starts at the first instant of the day when DST skips midnight (Santiago, 8 Sep 2024)', () => {
    const opts = { timeZone: 'America/Santiago', startDay: 8 };
    const c = cycleFor(at('2024-09-10T12:00:00Z'), opts);
    expect(iso(c.start)).toBe('2024-09-08T04:00:00.000Z'); // 01:00 −03:00; 00:00 never happened
    const before = cycleFor(at('2024-09-08T03:59:59.999Z'), opts);
    expect(iso(before.end)).toBe('2024-09-08T03:59:59.999Z');
    expect(before.label).toBe('2024-09');
    expect(c.label).toBe('2024-10');
  });
});

describe('cycleFor — properties', () => {
  const zones = [
    'Asia/Shanghai',
    'America/New_York',
    'Europe/London',
    'Australia/Sydney',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'America/St_Johns',
    'UTC',
  ];

  it('contains the instant, tiles time without gaps and starts at local midnight of the start day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        fc.integer({ min: 1, max: 28 }),
        (t, timeZone, startDay) => {
          const c = cycleFor(t, { timeZone, startDay });
          expect(c.start.getTime()).toBeLessThanOrEqual(t);
          expect(c.end.getTime()).toBeGreaterThanOrEqual(t);
          expect(cycleFor(c.start, { timeZone, startDay })).toEqual(c);
          expect(cycleFor(c.end, { timeZone, startDay })).toEqual(c);
          const next = cycleFor(c.end.getTime() + 1, { timeZone, startDay });
          expect(next.start.getTime()).toBe(c.end.getTime() + 1);
          expect(next.label > c.label).toBe(true);
          const localStart = DateTime.fromJSDate(c.start, { zone: timeZone });
          expect([localStart.day, localStart.hour, localStart.minute, localStart.second]).toEqual([startDay, 0, 0, 0]);
          const localEnd = DateTime.fromJSDate(c.end, { zone: timeZone });
          expect(c.label).toBe(localEnd.toFormat('yyyy-MM'));
          expect(c.label).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('cycleFor — validation', () => {
  it.each([
    [at('nope'), {}],
    [Number.NaN, {}],
    [0, { startDay: 0 }],
    [0, { startDay: 29 }],
    [0, { startDay: 1.5 }],
    [0, { timeZone: 'Mars/Olympus_Mons' }],
    [0, { labelMonth: 'middle' as never }],
  ])('rejects %s %o', (date, options) => {
    expect(() => cycleFor(date, options)).toThrow(expect.objectContaining({ code: 'DIALER_ERR_QA_INVALID_CYCLE_PARAMS' }));
  });
});
