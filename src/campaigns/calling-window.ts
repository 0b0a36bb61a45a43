/**
 * Calling windows: when a callee may be dialed. Pure — the time is an argument.
 *
 * A campaign's window is a set of weekdays and a local start–end time, read in the callee's
 * time zone (see number-zones.ts for how a number's zone is found). On top of the campaign's
 * own window the compliance hours always apply: nobody is dialed outside 08:00–21:00 in
 * their own local time, whatever the campaign says.
 *
 * Decisions:
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

/** When a campaign may call: ISO weekdays (1 = Monday … 7 = Sunday), local "HH:MM" start–end, IANA zone. */
export interface CallingWindow {
  readonly days: readonly number[];
  /** Local time the window opens, "HH:MM" (inclusive). */
  readonly start: string;
  /** Local time the window closes, "HH:MM" (exclusive), after `start` on the same day. */
  readonly end: string;
  /** The campaign's time zone (IANA name), used for callees whose number says nothing else. */
  readonly timeZone: string;
}

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

/** Everything wrong with a window, in words a manager can act on; empty when it is usable. */
export function windowProblems(w: CallingWindow): string[] {
  const problems: string[] = [];
  if (!isValidTimeZone(w.timeZone)) problems.push(`time zone "${w.timeZone}" is not an IANA zone such as Asia/Shanghai`);
  const days = new Set(w.days);
  if (days.size === 0) problems.push('no calling days are set');
  if ([...days].some((d) => !Number.isInteger(d) || d < 1 || d > 7)) problems.push('calling days must be 1 (Monday) to 7 (Sunday)');
  const start = parseHhMm(w.start);
  const end = parseHhMm(w.end);
  if (start === null) problems.push(`window start "${w.start}" is not HH:MM`);
  if (end === null) problems.push(`window end "${w.end}" is not HH:MM`);
  if (start !== null && end !== null) {
    if (end <= start) {
      problems.push(
        `window ${w.start}–${w.end} crosses midnight or is empty; windows end on the day they start, and the compliance hours (${COMPLIANCE_HOURS.start}–${COMPLIANCE_HOURS.end} local) would leave only ${w.start}–${COMPLIANCE_HOURS.end} of it`,
      );
    } else if (!effectiveMinutes(w)) {
      problems.push(`window ${w.start}–${w.end} lies outside the compliance hours ${COMPLIANCE_HOURS.start}–${COMPLIANCE_HOURS.end} local`);
    }
  }
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

/** The first window interval in `zone` that has not closed by `at`, or null. */
function nextInterval(w: CallingWindow, zone: string, at: number): Interval | null {
  const hours = effectiveMinutes(w);
  if (!hours || !isValidTimeZone(zone)) return null;
  const days = new Set(w.days);
  const today = DateTime.fromMillis(at, { zone }).startOf('day');
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const day = today.plus({ days: i });
    if (!days.has(day.weekday)) continue;
    const atMinutes = (m: number) => day.set({ hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 }).toMillis();
    const interval = { open: atMinutes(hours.start), close: atMinutes(hours.end) };
    if (at < interval.close) return interval;
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
  while (t - at <= INTERSECTION_SEARCH_MS) {
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
  const hours = effectiveMinutes(w);
  return hours ? (hours.end - hours.start) * new Set(w.days).size : 0;
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
