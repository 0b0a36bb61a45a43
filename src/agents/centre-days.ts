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
