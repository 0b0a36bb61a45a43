/**
 * Calling windows: when a callee may be dialed. Pure — the time is an argument.
 *
 * A campaign's window is a set of weekdays, one or more local start–end intervals a day (the
 * manuals keep 09:00–12:00 and 13:30–18:00) and dates off (holidays), read in the callee's
 * time zone (see number-zones.ts for how a number's zone is found). On top of the campaign's
 * own window the compliance hours always apply: nobody is dialed outside 08:00–21:00 in
 * their own local time, whatever the campaign says.
 *
 * Decisions:
 *  - A window reaching outside 08:00–21:00 is refused with that message (windowProblems)
 *    rather than silently cut: what the manager sees is what is dialed. A stored window from
 *    before that rule is still cut to the compliance hours (effectiveMinutes).
 *  - Dates off are local dates of the campaign's zone list, applied in the callee's zone: on
 *    2025-10-01 nobody is dialed whose own date is 2025-10-01.
 *  - Intervals of a day are sorted and may not overlap or touch.
 *  - Start is inclusive, end exclusive: 09:00–20:00 allows 19:59:59, not 20:00:00.
 *  - A window does not cross midnight (end must be after start). With the compliance hours
 *    ending at 21:00 and starting at 08:00, "20:00–02:00" could only ever mean 20:00–21:00 on
 *    each day, so such a window is refused with that explanation rather than silently cut.
 *  - Times are wall-clock times in the zone, so DST moves them with the clock: 09:00 in New
 *    York is 14:00 UTC in winter and 13:00 UTC in summer. Local times that do not exist on a
 *    spring-forward day are taken as the first instant after the gap (luxon's rule); the
 *    compliance hours keep every window clear of the usual 01:00–03:00 transitions.
 *  - Where a callee's zone is not known to one zone, the caller passes every zone it may be
 *    in, and the window is open only while it is open in all of them.
 */
import { DateTime, IANAZone } from 'luxon';

/** One stretch of a calling day, local "HH:MM": start inclusive, end exclusive. */
export interface DayInterval {
  readonly start: string;
  readonly end: string;
}

/** When a campaign may call: ISO weekdays (1 = Monday … 7 = Sunday), local "HH:MM" intervals, dates off, IANA zone. */
export interface CallingWindow {
  readonly days: readonly number[];
  /** Local time the window opens, "HH:MM" (inclusive); the day's one interval when `intervals` is not given. */
  readonly start: string;
  /** Local time the window closes, "HH:MM" (exclusive), after `start` on the same day. */
  readonly end: string;
  /** Several intervals a day (e.g. 09:00–12:00 and 13:30–18:00); when given, `start`/`end` are ignored. */
  readonly intervals?: readonly DayInterval[];
  /** Local dates "YYYY-MM-DD" on which nobody is called (holidays). */
  readonly datesOff?: readonly string[];
  /** The campaign's time zone (IANA name), used for callees whose number says nothing else. */
  readonly timeZone: string;
}

/** At most this many intervals a day, and dates off a window. */
export const MAX_INTERVALS = 6;
export const MAX_DATES_OFF = 400;

/** The hours no window can go beyond, in the callee's local time (FTC TSR 16 CFR 310.4(c)). */
export const COMPLIANCE_HOURS = Object.freeze({ start: '08:00', end: '21:00' });

/** The default campaign window: every day, 09:00–20:00, Beijing time. */
export const DEFAULT_WINDOW: CallingWindow = Object.freeze({
  days: Object.freeze([1, 2, 3, 4, 5, 6, 7]),
  start: '09:00',
  end: '20:00',
  timeZone: 'Asia/Shanghai',
});

/** Whether the window is open at a moment, and when that next changes (null: never). */
export interface WindowStatus {
  readonly open: boolean;
  readonly changesAt: number | null;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE = 60_000;
/** A window that opens at all opens within a week; intersections get a little longer to settle. */
const SEARCH_DAYS = 8;
const INTERSECTION_SEARCH_MS = 15 * 24 * 3600_000;

/** Minutes after local midnight of an "HH:MM" string, or null when it is not one. */
export function parseHhMm(value: string): number | null {
  const m = HHMM.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Whether luxon (and so Intl) knows the IANA zone name. */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The intervals of a calling day as given (the one start–end when no list is). */
export function intervalsOf(w: Pick<CallingWindow, 'start' | 'end' | 'intervals'>): readonly DayInterval[] {
  return w.intervals && w.intervals.length > 0 ? w.intervals : [{ start: w.start, end: w.end }];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written "YYYY-MM-DD". */
export function isLocalDate(value: string): boolean {
  return DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** Everything wrong with one interval, in words. */
function intervalProblems(i: DayInterval): string[] {
  const start = parseHhMm(i.start);
  const end = parseHhMm(i.end);
  const problems: string[] = [];
  if (start === null) problems.push(`window start "${i.start}" is not HH:MM`);
  if (end === null) problems.push(`window end "${i.end}" is not HH:MM`);
  if (start === null || end === null) return problems;
  if (end <= start) {
    problems.push(
      `window ${i.start}–${i.end} crosses midnight or is empty; windows end on the day they start, and the compliance hours (${COMPLIANCE_HOURS.start}–${COMPLIANCE_HOURS.end} local) would leave only ${i.start}–${COMPLIANCE_HOURS.end} of it`,
    );
  } else if (!effectiveMinutes(i)) {
    problems.push(`window ${i.start}–${i.end} lies outside the compliance hours ${COMPLIANCE_HOURS.start}–${COMPLIANCE_HOURS.end} local`);
  } else if (start < parseHhMm(COMPLIANCE_HOURS.start)! || end > parseHhMm(COMPLIANCE_HOURS.end)!) {
    problems.push(
      `window ${i.start}–${i.end} reaches outside the legal calling hours ${COMPLIANCE_HOURS.start}–${COMPLIANCE_HOURS.end} (the callee's local time); nobody is called outside them, so set the window within them`,
    );
  }
  return problems;
}

/** Everything wrong with a window, in words a manager can act on; empty when it is usable. */
export function windowProblems(w: CallingWindow): string[] {
  const problems: string[] = [];
  if (!isValidTimeZone(w.timeZone)) problems.push(`time zone "${w.timeZone}" is not an IANA zone such as Asia/Shanghai`);
  const days = new Set(w.days);
  if (days.size === 0) problems.push('no calling days are set');
  if ([...days].some((d) => !Number.isInteger(d) || d < 1 || d > 7)) problems.push('calling days must be 1 (Monday) to 7 (Sunday)');
  const intervals = intervalsOf(w);
  if (intervals.length > MAX_INTERVALS) problems.push(`at most ${MAX_INTERVALS} intervals a day`);
  for (const i of intervals) problems.push(...intervalProblems(i));
  for (let k = 1; k < intervals.length; k++) {
    const prevEnd = parseHhMm(intervals[k - 1]!.end);
    const start = parseHhMm(intervals[k]!.start);
    if (prevEnd !== null && start !== null && start <= prevEnd) {
      problems.push(`intervals ${intervals[k - 1]!.start}–${intervals[k - 1]!.end} and ${intervals[k]!.start}–${intervals[k]!.end} overlap or touch, or are out of order; give them earliest first with a gap between`);
    }
  }
  const off = w.datesOff ?? [];
  const bad = off.filter((d) => !isLocalDate(d));
  if (bad.length) problems.push(`dates off must be dates YYYY-MM-DD (not ${bad.slice(0, 3).join(', ')})`);
  if (off.length > MAX_DATES_OFF) problems.push(`at most ${MAX_DATES_OFF} dates off`);
  return problems;
}

/** The window's hours clamped to the compliance hours, in minutes after midnight; null when nothing is left. */
export function effectiveMinutes(w: Pick<CallingWindow, 'start' | 'end'>): { start: number; end: number } | null {
  const start = parseHhMm(w.start);
  const end = parseHhMm(w.end);
  if (start === null || end === null) return null;
  const s = Math.max(start, parseHhMm(COMPLIANCE_HOURS.start)!);
  const e = Math.min(end, parseHhMm(COMPLIANCE_HOURS.end)!);
  return e > s ? { start: s, end: e } : null;
}

interface Interval {
  open: number;
  close: number;
}

/** The day's intervals cut to the compliance hours, in minutes after midnight, earliest first. */
function dayHours(w: CallingWindow): Array<{ start: number; end: number }> {
  return intervalsOf(w)
    .map((i) => effectiveMinutes(i))
    .filter((h): h is { start: number; end: number } => h !== null)
    .sort((a, b) => a.start - b.start);
}

/** The first window interval in `zone` that has not closed by `at`, or null. */
function nextInterval(w: CallingWindow, zone: string, at: number): Interval | null {
  const hours = dayHours(w);
  if (hours.length === 0 || !isValidTimeZone(zone)) return null;
  const days = new Set(w.days);
  const off = new Set(w.datesOff ?? []);
  const today = DateTime.fromMillis(at, { zone }).startOf('day');
  // Dates off can close whole runs of days: look as far past them as past a week.
  for (let i = 0; i <= SEARCH_DAYS + off.size; i++) {
    const day = today.plus({ days: i });
    if (!days.has(day.weekday) || off.has(day.toISODate() ?? '')) continue;
    const atMinutes = (m: number) => day.set({ hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 }).toMillis();
    for (const h of hours) {
      const interval = { open: atMinutes(h.start), close: atMinutes(h.end) };
      if (at < interval.close) return interval;
    }
  }
  return null;
}

function nextOpenIn(w: CallingWindow, zone: string, at: number): number | null {
  const i = nextInterval(w, zone, at);
  return i ? Math.max(at, i.open) : null;
}

/**
 * The first moment at or after `at` when the window is open in every one of `zones`
 * (`at` itself when open now); null when that never happens.
 */
export function nextOpenAt(w: CallingWindow, zones: readonly string[], at: number): number | null {
  if (zones.length === 0) return null;
  let t = at;
  const horizon = INTERSECTION_SEARCH_MS + (w.datesOff?.length ?? 0) * 24 * 3600_000;
  while (t - at <= horizon) {
    let latest = t;
    for (const zone of zones) {
      const open = nextOpenIn(w, zone, t);
      if (open === null) return null;
      latest = Math.max(latest, open);
    }
    if (latest === t) return t;
    t = latest;
  }
  return null;
}

/** Whether the window is open at `at` in every one of `zones`. */
export function isOpenAt(w: CallingWindow, zones: readonly string[], at: number): boolean {
  return nextOpenAt(w, zones, at) === at;
}

/** While open at `at`: the moment it closes (the earliest close over `zones`); null when closed. */
export function nextCloseAt(w: CallingWindow, zones: readonly string[], at: number): number | null {
  if (!isOpenAt(w, zones, at)) return null;
  let close = Infinity;
  for (const zone of zones) close = Math.min(close, nextInterval(w, zone, at)!.close);
  return close;
}

/** Open or not at `at`, and when that changes: the close when open, the next opening when closed. */
export function windowStatus(w: CallingWindow, zones: readonly string[], at: number): WindowStatus {
  if (zones.length === 1) {
    // One zone: the next interval says it all (the common case, kept cheap).
    const i = nextInterval(w, zones[0]!, at);
    if (!i) return { open: false, changesAt: null };
    return at >= i.open ? { open: true, changesAt: i.close } : { open: false, changesAt: i.open };
  }
  const close = nextCloseAt(w, zones, at);
  if (close !== null) return { open: true, changesAt: close };
  return { open: false, changesAt: nextOpenAt(w, zones, at) };
}

/** Minutes of the window per week (for projections); 0 when it never opens. */
export function weeklyOpenMinutes(w: CallingWindow): number {
  const perDay = dayHours(w).reduce((sum, h) => sum + (h.end - h.start), 0);
  return perDay * new Set(w.days).size;
}

/**
 * When `workMs` of dialing time, counted only while the window is open in `zones`, is done if
 * it starts at `at`; null when the window never opens. Used to project a campaign's finish.
 */
export function finishAfterOpenTime(w: CallingWindow, zones: readonly string[], at: number, workMs: number): number | null {
  let left = Math.max(0, workMs);
  let t = at;
  for (let guard = 0; guard < 10_000; guard++) {
    const open = nextOpenAt(w, zones, t);
    if (open === null) return null;
    const close = nextCloseAt(w, zones, open) ?? open + MINUTE;
    if (close - open >= left) return open + left;
    left -= close - open;
    t = close;
  }
  return null;
}

/** How long the window is open in `zones` between `from` and `to` (ms). */
export function openTimeBetween(w: CallingWindow, zones: readonly string[], from: number, to: number): number {
  let total = 0;
  let t = from;
  for (let guard = 0; guard < 10_000 && t < to; guard++) {
    const open = nextOpenAt(w, zones, t);
    if (open === null || open >= to) break;
    const close = nextCloseAt(w, zones, open) ?? to;
    total += Math.min(close, to) - open;
    t = close;
  }
  return total;
}
