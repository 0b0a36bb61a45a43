/**
 * Calling windows with fixed instants (a fake clock is just a number here): Beijing time by
 * default, the compliance hours, midnight, weekdays in the callee's zone, New York DST, and
 * zones intersected when the callee's zone is not known to one.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW,
  effectiveMinutes,
  finishAfterOpenTime,
  isOpenAt,
  nextCloseAt,
  nextOpenAt,
  openTimeBetween,
  windowProblems,
  windowStatus,
  weeklyOpenMinutes,
  type CallingWindow,
} from '../../src/campaigns/calling-window.js';
import { calleeZones } from '../../src/campaigns/number-zones.js';
import { COUNTRY_ZONES } from '../../src/campaigns/country-zones.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toMillis();
const iso = (ms: number | null, zone: string) => (ms === null ? null : DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }));
const weekdays: CallingWindow = { days: [1, 2, 3, 4, 5], start: '09:00', end: '20:00', timeZone: SH };

describe('a Beijing-time window (the default)', () => {
  it('is every day 09:00–20:00 in Asia/Shanghai', () => {
    expect(DEFAULT_WINDOW).toMatchObject({ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00', timeZone: SH });
  });

  it.each([
    ['2025-01-07T08:59:59', false],
    ['2025-01-07T09:00:00', true],
    ['2025-01-07T13:30:00', true],
    ['2025-01-07T19:59:59', true],
    ['2025-01-07T20:00:00', false],
    ['2025-01-07T23:59:00', false],
  ])('at %s local it is open: %s (start inclusive, end exclusive)', (local, open) => {
    expect(isOpenAt(DEFAULT_WINDOW, [SH], at(local, SH))).toBe(open);
  });

  it('the next opening after the close is the next day at 09:00, across midnight', () => {
    expect(iso(nextOpenAt(DEFAULT_WINDOW, [SH], at('2025-01-07T20:00:00', SH)), SH)).toBe('2025-01-08T09:00:00+08:00');
    expect(iso(nextOpenAt(DEFAULT_WINDOW, [SH], at('2025-01-07T23:59:59', SH)), SH)).toBe('2025-01-08T09:00:00+08:00');
    expect(iso(nextOpenAt(DEFAULT_WINDOW, [SH], at('2025-01-08T00:00:01', SH)), SH)).toBe('2025-01-08T09:00:00+08:00');
  });

  it('weekdays only: Friday evening opens again on Monday', () => {
    expect(iso(nextOpenAt(weekdays, [SH], at('2025-01-10T20:30:00', SH)), SH)).toBe('2025-01-13T09:00:00+08:00');
    expect(isOpenAt(weekdays, [SH], at('2025-01-11T10:00:00', SH))).toBe(false);
  });

  it('the weekday is the callee\'s: Sunday 17:00 UTC is already Monday 01:00 in Beijing', () => {
    const mondayOnly: CallingWindow = { ...DEFAULT_WINDOW, days: [1] };
    const sundayUtc = utc('2025-01-12T17:00:00'); // a Sunday in UTC
    expect(iso(nextOpenAt(mondayOnly, [SH], sundayUtc), 'utc')).toBe('2025-01-13T01:00:00Z'); // Monday 09:00 +08
  });

  it('windowStatus gives when it changes: the close while open, the opening while closed', () => {
    expect(windowStatus(DEFAULT_WINDOW, [SH], at('2025-01-07T10:00:00', SH))).toEqual({ open: true, changesAt: at('2025-01-07T20:00:00', SH) });
    expect(windowStatus(DEFAULT_WINDOW, [SH], at('2025-01-07T21:00:00', SH))).toEqual({ open: false, changesAt: at('2025-01-08T09:00:00', SH) });
    expect(nextCloseAt(DEFAULT_WINDOW, [SH], at('2025-01-07T21:00:00', SH))).toBeNull();
  });
});

describe('the compliance hours, 08:00–21:00 local, bound every window', () => {
  it('a wider window is cut to them', () => {
    const wide: CallingWindow = { ...DEFAULT_WINDOW, start: '06:00', end: '23:30' };
    expect(effectiveMinutes(wide)).toEqual({ start: 8 * 60, end: 21 * 60 });
    expect(isOpenAt(wide, [SH], at('2025-01-07T07:59:00', SH))).toBe(false);
    expect(isOpenAt(wide, [SH], at('2025-01-07T08:00:00', SH))).toBe(true);
    expect(isOpenAt(wide, [SH], at('2025-01-07T20:59:59', SH))).toBe(true);
    expect(isOpenAt(wide, [SH], at('2025-01-07T21:00:00', SH))).toBe(false);
  });

  it('a window wholly outside them never opens, and says so', () => {
    const night: CallingWindow = { ...DEFAULT_WINDOW, start: '21:30', end: '23:00' };
    expect(nextOpenAt(night, [SH], at('2025-01-07T10:00:00', SH))).toBeNull();
    expect(windowProblems(night)).toEqual(['window 21:30–23:00 lies outside the compliance hours 08:00–21:00 local']);
  });

  it('a window across midnight (20:00–02:00) is refused, saying what it could only mean', () => {
    const problems = windowProblems({ ...DEFAULT_WINDOW, start: '20:00', end: '02:00' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/crosses midnight.*20:00–21:00/);
    expect(nextOpenAt({ ...DEFAULT_WINDOW, start: '20:00', end: '02:00' }, [SH], at('2025-01-07T10:00:00', SH))).toBeNull();
  });

  it('other problems are named: no days, bad times, unknown zone', () => {
    expect(windowProblems({ days: [], start: '9:00', end: '20:00', timeZone: 'Mars/Olympus' })).toEqual([
      'time zone "Mars/Olympus" is not an IANA zone such as Asia/Shanghai',
      'no calling days are set',
      'window start "9:00" is not HH:MM',
    ]);
    expect(windowProblems(DEFAULT_WINDOW)).toEqual([]);
  });
});

describe('New York across daylight saving time', () => {
  const w: CallingWindow = { days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00', timeZone: NY };

  it('spring forward (9 March 2025): 09:00 is 14:00 UTC on Saturday and 13:00 UTC on Sunday', () => {
    expect(iso(nextOpenAt(w, [NY], utc('2025-03-08T03:00:00')), 'utc')).toBe('2025-03-08T14:00:00Z');
    expect(iso(nextOpenAt(w, [NY], utc('2025-03-09T03:00:00')), 'utc')).toBe('2025-03-09T13:00:00Z'); // 22:00 EST Saturday → Sunday 09:00 EDT
    expect(iso(nextCloseAt(w, [NY], utc('2025-03-09T13:00:00')), 'utc')).toBe('2025-03-10T00:00:00Z'); // 20:00 EDT
  });

  it('fall back (2 November 2025): 09:00 is 13:00 UTC on Saturday and 14:00 UTC on Sunday', () => {
    expect(iso(nextOpenAt(w, [NY], utc('2025-11-01T02:00:00')), 'utc')).toBe('2025-11-01T13:00:00Z');
    expect(iso(nextOpenAt(w, [NY], utc('2025-11-02T02:00:00')), 'utc')).toBe('2025-11-02T14:00:00Z');
    // 13:30 UTC on the Sunday is 08:30 EST: closed, though it would be 09:30 under the summer offset.
    expect(isOpenAt(w, [NY], utc('2025-11-02T13:30:00'))).toBe(false);
    expect(openTimeBetween(w, [NY], utc('2025-11-02T00:00:00'), utc('2025-11-03T05:00:00'))).toBe(11 * 3_600_000);
  });

  it('the compliance hours move with the clock too: 08:00 EDT on the spring-forward day', () => {
    const wide: CallingWindow = { ...w, start: '00:00', end: '23:59' };
    expect(iso(nextOpenAt(wide, [NY], utc('2025-03-09T05:00:00')), NY)).toBe('2025-03-09T08:00:00-04:00');
  });
});

describe('callees whose zone is not one (intersection)', () => {
  it('a US number on a Beijing campaign: open only while every US zone, Hawaii to Maine, is inside 09:00–20:00', () => {
    const zones = calleeZones('US', SH);
    expect(zones.length).toBeGreaterThan(5);
    // 18:30 UTC on a January Tuesday: 13:30 in New York but 08:30 in Honolulu.
    expect(isOpenAt(DEFAULT_WINDOW, zones, utc('2025-01-07T18:30:00'))).toBe(false);
    expect(iso(nextOpenAt(DEFAULT_WINDOW, zones, utc('2025-01-07T18:30:00')), 'utc')).toBe('2025-01-07T19:00:00Z');
    // …and it closes when New York reaches 20:00 (01:00 UTC).
    expect(iso(nextCloseAt(DEFAULT_WINDOW, zones, utc('2025-01-07T19:00:00')), 'utc')).toBe('2025-01-08T01:00:00Z');
  });

  it('a US number on a New York campaign follows New York (the manager says where the list is)', () => {
    expect(calleeZones('US', NY)).toEqual([NY]);
    expect(calleeZones('CN', NY)).toEqual([SH]);
    expect(calleeZones('ZZ', NY)).toEqual([NY]);
  });

  it('Russia spans UTC+2 to +12: 09:00–20:00 everywhere is one hour a day; 09:00–18:00 is never', () => {
    const ru = calleeZones('RU', SH);
    expect(iso(nextOpenAt(DEFAULT_WINDOW, ru, utc('2025-01-07T00:00:00')), 'utc')).toBe('2025-01-07T07:00:00Z'); // 09:00 Kaliningrad, 19:00 Kamchatka
    expect(iso(nextCloseAt(DEFAULT_WINDOW, ru, utc('2025-01-07T07:00:00')), 'utc')).toBe('2025-01-07T08:00:00Z');
    expect(nextOpenAt({ ...DEFAULT_WINDOW, end: '18:00' }, ru, utc('2025-01-07T00:00:00'))).toBeNull();
  });

  it('China is one zone (Beijing time), not Urumqi as well', () => {
    expect(COUNTRY_ZONES.CN).toEqual([SH]);
  });
});

describe('projections over open time', () => {
  it('work left is laid over the open hours only', () => {
    // 10 h of work from Tuesday 15:00 Beijing: 5 h that day, 5 h from Wednesday 09:00.
    expect(iso(finishAfterOpenTime(DEFAULT_WINDOW, [SH], at('2025-01-07T15:00:00', SH), 10 * 3_600_000), SH)).toBe('2025-01-08T14:00:00+08:00');
    expect(openTimeBetween(DEFAULT_WINDOW, [SH], at('2025-01-07T19:00:00', SH), at('2025-01-08T10:00:00', SH))).toBe(2 * 3_600_000);
  });
});

describe('properties, over random windows, zones and moments', () => {
  const zonesArb = fc.constantFrom(SH, NY, 'Europe/London', 'Australia/Sydney', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Havana');
  const hhmm = fc.integer({ min: 0, max: 23 * 60 + 59 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  const windowArb = fc
    .record({ days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), start: hhmm, end: hhmm, timeZone: zonesArb })
    .filter((w) => windowProblems(w).length === 0);
  const momentArb = fc.integer({ min: utc('2024-01-01T00:00:00'), max: utc('2027-01-01T00:00:00') });

  it('nextOpenAt is never earlier than asked, is open, and inside the window and the compliance hours locally', () => {
    fc.assert(
      fc.property(windowArb, momentArb, (w, t) => {
        const open = nextOpenAt(w, [w.timeZone], t);
        expect(open).not.toBeNull();
        expect(open!).toBeGreaterThanOrEqual(t);
        expect(isOpenAt(w, [w.timeZone], open!)).toBe(true);
        const local = DateTime.fromMillis(open!, { zone: w.timeZone });
        const minutes = local.hour * 60 + local.minute;
        const hours = effectiveMinutes(w)!;
        expect(w.days).toContain(local.weekday);
        expect(minutes).toBeGreaterThanOrEqual(Math.max(hours.start, 8 * 60) - 60); // a DST gap may push past, never before
        expect(minutes).toBeLessThan(Math.min(hours.end, 21 * 60));
        // Nothing was open just before it (when it is not `t` itself).
        if (open! > t) expect(isOpenAt(w, [w.timeZone], open! - 1000)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('while open it stays open until nextCloseAt, which is closed', () => {
    fc.assert(
      fc.property(windowArb, momentArb, (w, t) => {
        const open = nextOpenAt(w, [w.timeZone], t)!;
        const close = nextCloseAt(w, [w.timeZone], open)!;
        expect(close).toBeGreaterThan(open);
        expect(isOpenAt(w, [w.timeZone], close - 1)).toBe(true);
        expect(isOpenAt(w, [w.timeZone], Math.floor((open + close) / 2))).toBe(true);
        expect(isOpenAt(w, [w.timeZone], close)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('several intervals a day and dates off (manual 000: 9:00–12:00 and 13:30–18:00, six days a week)', () => {
  const manual: CallingWindow = {
    days: [1, 2, 3, 4, 5, 6],
    start: '09:00',
    end: '18:00',
    intervals: [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ],
    datesOff: ['2025-10-01', '2025-10-02'],
    timeZone: SH,
  };

  it('is closed over lunch and opens again at 13:30', () => {
    expect(isOpenAt(manual, [SH], at('2025-01-07T11:59:59', SH))).toBe(true);
    expect(windowStatus(manual, [SH], at('2025-01-07T11:00:00', SH))).toEqual({ open: true, changesAt: at('2025-01-07T12:00:00', SH) });
    expect(windowStatus(manual, [SH], at('2025-01-07T12:00:00', SH))).toEqual({ open: false, changesAt: at('2025-01-07T13:30:00', SH) });
    expect(iso(nextOpenAt(manual, [SH], at('2025-01-07T12:30:00', SH)), SH)).toBe('2025-01-07T13:30:00+08:00');
    expect(iso(nextCloseAt(manual, [SH], at('2025-01-07T14:00:00', SH)), SH)).toBe('2025-01-07T18:00:00+08:00');
  });

  it('Sunday is off; after Saturday 18:00 it opens on Monday at 09:00', () => {
    expect(iso(nextOpenAt(manual, [SH], at('2025-01-11T18:00:00', SH)), SH)).toBe('2025-01-13T09:00:00+08:00');
  });

  it('dates off are skipped, in the callee\'s own date', () => {
    // Tuesday 30 September 18:00 → Wednesday 1 and Thursday 2 October are off → Friday 3 October.
    expect(iso(nextOpenAt(manual, [SH], at('2025-09-30T18:00:00', SH)), SH)).toBe('2025-10-03T09:00:00+08:00');
    expect(isOpenAt(manual, [SH], at('2025-10-01T10:00:00', SH))).toBe(false);
  });

  it('counts its open time per week and over a period as the intervals, not the span', () => {
    expect(weeklyOpenMinutes(manual)).toBe((3 * 60 + 4 * 60 + 30) * 6);
    expect(openTimeBetween(manual, [SH], at('2025-01-07T00:00:00', SH), at('2025-01-08T00:00:00', SH))).toBe(7.5 * 3600_000);
  });

  it('refuses a window reaching past the legal 08:00–21:00, naming it', () => {
    expect(windowProblems({ ...DEFAULT_WINDOW, end: '22:00' })).toEqual([
      "window 09:00–22:00 reaches outside the legal calling hours 08:00–21:00 (the callee's local time); nobody is called outside them, so set the window within them",
    ]);
    expect(windowProblems({ ...manual, intervals: [{ start: '07:30', end: '12:00' }] })[0]).toContain('window 07:30–12:00 reaches outside the legal calling hours');
    expect(windowProblems({ ...DEFAULT_WINDOW, start: '08:00', end: '21:00' })).toEqual([]);
  });

  it('refuses intervals that overlap, touch or are out of order, and dates that are not dates', () => {
    const overlapping = { ...manual, intervals: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] };
    expect(windowProblems(overlapping)[0]).toContain('overlap or touch');
    expect(windowProblems({ ...manual, intervals: [...manual.intervals!].reverse() })[0]).toContain('out of order');
    expect(windowProblems({ ...manual, datesOff: ['2025-02-30', '1 Oct'] })).toEqual(['dates off must be dates YYYY-MM-DD (not 2025-02-30, 1 Oct)']);
    expect(windowProblems(manual)).toEqual([]);
  });
});
