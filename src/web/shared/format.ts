/**
 * How the consoles write times, durations, amounts and ratios — one way everywhere, in both
 * languages: times in the centre's time zone (CENTRE_TIME_ZONE, from /api/auth/me), never
 * the browser's, 24-hour `2026-12-07 10:30:05`; durations always h:mm:ss (时:分:秒).
 */
import { DateTime } from 'luxon';

let centreZone = 'Asia/Shanghai';

/** Sets the centre's time zone (the shell does, from /api/auth/me, before the first render). */
export function setCentreTimeZone(zone: string): void {
  centreZone = zone;
}

export function centreTimeZone(): string {
  return centreZone;
}

function at(ms: number): DateTime {
  return DateTime.fromMillis(ms, { zone: centreZone });
}

/** Seconds as h:mm:ss, e.g. 0:02:40 and 3:00:00 side by side. */
export function duration(totalSec: number): string {
  const s = Math.max(0, Math.round(totalSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** A ratio 0..1 as a percentage with one decimal. */
export function percent(ratio: number | null | undefined, digits = 1): string {
  return ratio === null || ratio === undefined || Number.isNaN(ratio) ? '–' : `${(ratio * 100).toFixed(digits)}%`;
}

/** Minor currency units as an amount, e.g. 1500 CNY → ¥15.00: written the centre's way in both languages (English would say CN¥). */
export function money(minor: number | null | undefined, currency = 'CNY'): string {
  if (minor === null || minor === undefined) return '–';
  try {
    return new Intl.NumberFormat('zh-CN', { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** Epoch ms as the centre's date and time, `2026-12-07 10:30:05`. */
export function dateTime(ms: number | null | undefined): string {
  return ms ? at(ms).toFormat('yyyy-LL-dd HH:mm:ss') : '–';
}

/** Epoch ms as the centre's date, `2026-12-07`. */
export function date(ms: number | null | undefined): string {
  return ms ? at(ms).toFormat('yyyy-LL-dd') : '–';
}

/** Epoch ms as the centre's time of day, `10:30:05`. */
export function time(ms: number | null | undefined): string {
  return ms ? at(ms).toFormat('HH:mm:ss') : '–';
}

/** Epoch ms as the centre's time of day with milliseconds, `10:30:05.250` (evidence moments). */
export function preciseTime(ms: number | null | undefined): string {
  return ms ? at(ms).toFormat('HH:mm:ss.SSS') : '–';
}

/** A position in a recording, h:mm:ss.t (tenths: evidence moments are often a second apart). */
export function playTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const tenths = Math.max(0, Math.floor(ms / 100));
  return `${duration(Math.floor(tenths / 10))}.${tenths % 10}`;
}

/** Today in the centre, 'YYYY-MM-DD' (`now` in epoch ms). */
export function centreToday(now: number): string {
  return at(now).toFormat('yyyy-LL-dd');
}

/**
 * Days picked in date inputs ('YYYY-MM-DD', blank = open) as the API's range: from the centre's
 * midnight starting `from` to the centre's midnight ending `to` (exclusive), whatever the
 * browser's zone.
 */
export function dayRange(from: string, to: string): { from?: number; to?: number } {
  const midnight = (d: string, plusDays = 0) => DateTime.fromISO(d, { zone: centreZone }).startOf('day').plus({ days: plusDays }).toMillis();
  const out: { from?: number; to?: number } = {};
  if (from) out.from = midnight(from);
  if (to) out.to = midnight(to, 1);
  return out;
}
