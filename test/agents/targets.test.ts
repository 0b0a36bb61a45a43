import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DayCalendar, dayCount, dayOf, dayStart, daysBetween, isDay, monthRange, periodRange, splitByDay } from '../../src/agents/centre-days.js';
import { COMMISSION_MONTHLY_THRESHOLD, commissionPerSaleFen } from '../../src/agents/commission.js';
import { effectiveTarget, progressPct, projectTalkMs } from '../../src/agents/targets.js';

const H = 3_600_000;

describe('talk-time targets', () => {
  it('the agent’s own target, else the team’s, else the default (3 h)', () => {
    expect(effectiveTarget(7200, 5400, 10_800)).toEqual({ targetSec: 7200, source: 'agent' });
    expect(effectiveTarget(0, 5400, 10_800)).toEqual({ targetSec: 0, source: 'agent' });
    expect(effectiveTarget(null, 5400, 10_800)).toEqual({ targetSec: 5400, source: 'team' });
    expect(effectiveTarget(null, null, 10_800)).toEqual({ targetSec: 10_800, source: 'default' });
    expect(effectiveTarget(undefined, undefined, 10_800)).toEqual({ targetSec: 10_800, source: 'default' });
  });

  it('progress in % with one decimal; none for a zero target', () => {
    expect(progressPct(5400_000, 10_800)).toBe(50);
    expect(progressPct(1_000, 10_800)).toBe(0);
    expect(progressPct(12_345_000, 10_800)).toBe(114.3);
    expect(progressPct(1_000, 0)).toBeNull();
  });

  it('projects the pace so far over the rest of the shift, never past midnight', () => {
    // 1 h of talk in 2 h logged in, 8 h shift: 1 h + 0.5 × 6 h = 4 h
    expect(projectTalkMs({ talkMs: 1 * H, loggedInMs: 2 * H, shiftMs: 8 * H, untilDayEndMs: 10 * H })).toBe(4 * H);
    // only 3 h left in the day: 1 h + 0.5 × 3 h
    expect(projectTalkMs({ talkMs: 1 * H, loggedInMs: 2 * H, shiftMs: 8 * H, untilDayEndMs: 3 * H })).toBe(2.5 * H);
    // shift done: what there is
    expect(projectTalkMs({ talkMs: 3 * H, loggedInMs: 9 * H, shiftMs: 8 * H, untilDayEndMs: 5 * H })).toBe(3 * H);
    // no logged-in time yet: no pace
    expect(projectTalkMs({ talkMs: 0, loggedInMs: 0, shiftMs: 8 * H, untilDayEndMs: 5 * H })).toBe(0);
  });

  it('the projection is never below the talk so far nor above talk + the rest of the shift', () => {
    fc.assert(
      fc.property(fc.nat(10 * H), fc.nat(12 * H), fc.nat(12 * H), fc.nat(24 * H), (talk, extra, shift, untilEnd) => {
        const loggedIn = talk + extra;
        const p = projectTalkMs({ talkMs: talk, loggedInMs: loggedIn, shiftMs: shift, untilDayEndMs: untilEnd });
        return p >= talk - 1e-6 && p <= talk + Math.max(0, Math.min(shift - loggedIn, untilEnd)) + 1e-6;
      }),
    );
  });
});

describe('commission tiers (requirements §5)', () => {
  it('0.5 / 1.0 / 2.0 yuan per 8 / 15 / 30-yuan sale below 500 a month, 0.7 / 1.2 / 3.0 from 500', () => {
    expect([8, 15, 30].map((p) => commissionPerSaleFen(p, 0))).toEqual([50, 100, 200]);
    expect([8, 15, 30].map((p) => commissionPerSaleFen(p, COMMISSION_MONTHLY_THRESHOLD - 1))).toEqual([50, 100, 200]);
    expect([8, 15, 30].map((p) => commissionPerSaleFen(p, COMMISSION_MONTHLY_THRESHOLD))).toEqual([70, 120, 300]);
    expect(commissionPerSaleFen(99, 10)).toBeNull();
  });
});

describe('centre days', () => {
  it('days run midnight to midnight in the centre’s zone', () => {
    const sh = 'Asia/Shanghai';
    expect(dayStart('2025-03-10', sh)).toBe(Date.UTC(2025, 2, 9, 16));
    expect(dayOf(Date.UTC(2025, 2, 9, 15, 59, 59, 999), sh)).toBe('2025-03-09');
    expect(dayOf(Date.UTC(2025, 2, 9, 16), sh)).toBe('2025-03-10');
    expect(periodRange('2025-03-10', '2025-03-11', sh)).toEqual({ start: Date.UTC(2025, 2, 9, 16), end: Date.UTC(2025, 2, 11, 16) });
    expect(monthRange('2025-02', sh)).toEqual({ start: Date.UTC(2025, 0, 31, 16), end: Date.UTC(2025, 1, 28, 16) });
    expect(daysBetween('2025-02-27', '2025-03-02')).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
    expect(dayCount('2024-01-01', '2024-12-31')).toBe(366);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2024-2-9')).toBe(false);
  });

  it('the precomputed calendar agrees with luxon everywhere, inside its span and out, across DST', () => {
    for (const zone of ['America/New_York', 'Asia/Shanghai', 'Australia/Lord_Howe']) {
      const cal = new DayCalendar(zone, '2025-03-05', '2025-04-02');
      const lo = Date.UTC(2025, 1, 20);
      const span = 75 * 24 * H;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: 3 * 24 * H }), (a, len) => {
          const start = lo + a;
          let pieces = 0;
          let total = 0;
          cal.forEachDay(start, start + len, () => {
            pieces += 1;
          });
          cal.forEachDay(start, start + len, (_day, ms) => void (total += ms));
          const expected = splitByDay(start, start + len, zone);
          return cal.dayOf(start) === dayOf(start, zone) && JSON.stringify(cal.split(start, start + len)) === JSON.stringify(expected) && pieces === expected.length && total === len;
        }),
        { numRuns: 300 },
      );
    }
  });

  it('splits at local midnight, also on a 23-hour DST day', () => {
    const ny = 'America/New_York';
    const start = dayStart('2025-03-08', ny) + 22 * H;
    const pieces = splitByDay(start, start + 26 * H, ny);
    expect(pieces.map((p) => [p.day, (p.end - p.start) / H])).toEqual([
      ['2025-03-08', 2],
      ['2025-03-09', 23],
      ['2025-03-10', 1],
    ]);
  });
});
