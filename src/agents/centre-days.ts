/**
 * Days and months of the call centre, in its time zone (CENTRE_TIME_ZONE): agent figures and
 * daily targets run from local midnight to local midnight. Pure; DST-safe through luxon.
 */
import { DateTime } from 'luxon';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  return DAY.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** The local day (`YYYY-MM-DD`) an instant falls on. */
export function dayOf(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISODate() ?? '';
}

/** The first instant of a local day (local midnight, or the first instant after a DST gap). */
export function dayStart(day: string, timeZone: string): number {
  return DateTime.fromISO(day, { zone: timeZone }).startOf('day').toMillis();
}

/** The day after `day`. */
export function nextDay(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: 1 }).toISODate() ?? '';
}

/** `[start, end)` of the local days `from`..`to` inclusive. */
export function periodRange(from: string, to: string, timeZone: string): { start: number; end: number } {
  return { start: dayStart(from, timeZone), end: dayStart(nextDay(to), timeZone) };
}

/** Every day from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) out.push(d);
  return out;
}

/** Number of days from `from` to `to` inclusive (0 when `to` is before `from`). */
export function dayCount(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: 'UTC' });
  const b = DateTime.fromISO(to, { zone: 'UTC' });
  return Math.max(0, Math.round(b.diff(a, 'days').days) + 1);
}

/** The month (`YYYY-MM`) of a day or instant. */
export function monthOf(dayOrMs: string | number, timeZone: string): string {
  const day = typeof dayOrMs === 'number' ? dayOf(dayOrMs, timeZone) : dayOrMs;
  return day.slice(0, 7);
}

/** `[start, end)` of a local calendar month `YYYY-MM`. */
export function monthRange(month: string, timeZone: string): { start: number; end: number } {
  const start = DateTime.fromISO(`${month}-01`, { zone: timeZone }).startOf('day');
  return { start: start.toMillis(), end: start.plus({ months: 1 }).startOf('day').toMillis() };
}

/** Splits `[start, end)` at local midnights: one piece per day it touches. */
export function splitByDay(start: number, end: number, timeZone: string): Array<{ day: string; start: number; end: number }> {
  const out: Array<{ day: string; start: number; end: number }> = [];
  let from = start;
  while (from < end) {
    const day = dayOf(from, timeZone);
    const dayEnd = dayStart(nextDay(day), timeZone);
    const to = Math.min(end, dayEnd);
    out.push({ day, start: from, end: to });
    from = to;
  }
  return out;
}

/**
 * Local days of a span, precomputed: {@link DayCalendar.dayOf} and {@link DayCalendar.split}
 * by binary search over the local midnights instead of a time-zone conversion per instant
 * (the month's report has a million state rows). Outside the span it falls back to luxon.
 */
export class DayCalendar {
  /** Local midnights, ascending; `days[i]` starts at `starts[i]`. */
  private readonly starts: number[] = [];
  private readonly days: string[] = [];

  /** Covers the whole months of `from`..`to`, plus a day either side. */
  constructor(
    private readonly timeZone: string,
    from: string,
    to: string,
  ) {
    const first = DateTime.fromISO(`${from.slice(0, 7)}-01`, { zone: 'UTC' }).minus({ days: 1 });
    const last = DateTime.fromISO(`${to.slice(0, 7)}-01`, { zone: 'UTC' }).plus({ months: 1, days: 1 });
    for (let d = first; d <= last; d = d.plus({ days: 1 })) {
      const day = d.toISODate() ?? '';
      this.days.push(day);
      this.starts.push(dayStart(day, timeZone));
    }
  }

  /** The local day of an instant. */
  dayOf(ms: number): string {
    const i = this.index(ms);
    return i === null ? dayOf(ms, this.timeZone) : (this.days[i] as string);
  }

  /** Calls `fn` with each local day's piece of `[start, end)`, without building a list. */
  forEachDay(start: number, end: number, fn: (day: string, ms: number) => void): void {
    if (end <= start) return;
    const i = this.index(start);
    if (i !== null && end <= (this.starts[i + 1] as number)) {
      fn(this.days[i] as string, end - start);
      return;
    }
    for (const piece of this.split(start, end)) fn(piece.day, piece.end - piece.start);
  }

  /** Like {@link splitByDay}. */
  split(start: number, end: number): Array<{ day: string; start: number; end: number }> {
    const i = this.index(start);
    if (i === null || end > (this.starts[this.starts.length - 1] as number)) return splitByDay(start, end, this.timeZone);
    const out: Array<{ day: string; start: number; end: number }> = [];
    let from = start;
    for (let k = i; from < end; k++) {
      const to = Math.min(end, this.starts[k + 1] as number);
      out.push({ day: this.days[k] as string, start: from, end: to });
      from = to;
    }
    return out;
  }

  /** Index of the day holding `ms`, or null outside the covered span. */
  private index(ms: number): number | null {
    const { starts } = this;
    if (ms < (starts[0] as number) || ms >= (starts[starts.length - 1] as number)) return null;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
