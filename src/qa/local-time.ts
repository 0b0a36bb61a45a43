/**
 * Local calendar helpers for QA: days and cycles in the call centre's time zone.
 * Pure (luxon); every instant is epoch milliseconds.
 */
import { DateTime } from 'luxon';
import { Errors } from '../errors.js';
import { cycleFor, type Cycle } from './sampling/index.js';

/** The time zone and cycle start day QA works in. */
export interface QaCalendar {
  timeZone: string;
  /** Day of the month a cycle starts (21 by default). */
  cycleStartDay: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LABEL = /^\d{4}-\d{2}$/;

/** 'YYYY-MM-DD' of an instant in the time zone. */
export function localDate(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISODate() ?? '';
}

/** [start, end) of a local day. @throws Errors.BadRequest on a malformed date. */
export function dayRange(date: string, timeZone: string): { start: number; end: number } {
  const d = DATE.test(date) ? DateTime.fromISO(date, { zone: timeZone }) : null;
  if (!d || !d.isValid) throw new Errors.BadRequest(`date must be YYYY-MM-DD, got ${date}`);
  return { start: d.startOf('day').toMillis(), end: d.plus({ days: 1 }).startOf('day').toMillis() };
}

/** The cycle containing an instant. */
export function cycleAt(ms: number, cal: QaCalendar): Cycle {
  return cycleFor(ms, { startDay: cal.cycleStartDay, timeZone: cal.timeZone });
}

/**
 * The cycle with a label ('YYYY-MM', the month it ends in). Day 1 of the labelled month
 * always lies in that cycle (for start day 1 the cycle is the calendar month).
 * @throws Errors.BadRequest on a malformed label.
 */
export function cycleByLabel(label: string, cal: QaCalendar): Cycle {
  const d = LABEL.test(label) ? DateTime.fromISO(`${label}-01`, { zone: cal.timeZone }) : null;
  if (!d || !d.isValid) throw new Errors.BadRequest(`cycle must be YYYY-MM, got ${label}`);
  return cycleAt(d.toMillis(), cal);
}

/** Every local date of a cycle, in order. */
export function cycleDates(cycle: Cycle, timeZone: string): string[] {
  const out: string[] = [];
  let d = DateTime.fromJSDate(cycle.start, { zone: timeZone }).startOf('day');
  const end = cycle.end.getTime();
  while (d.toMillis() <= end) {
    out.push(d.toISODate() ?? '');
    d = d.plus({ days: 1 });
  }
  return out;
}

/**
 * The next instant strictly after `now` at local time `hhmm` ('HH:MM'). On a day where the
 * time does not exist (DST gap) luxon moves it forward, so the run still happens that day.
 */
export function nextLocalTime(now: number, hhmm: string, timeZone: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const local = DateTime.fromMillis(now, { zone: timeZone });
  let at = local.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  if (at.toMillis() <= now) at = local.plus({ days: 1 }).set({ hour: h, minute: m, second: 0, millisecond: 0 });
  return at.toMillis();
}
