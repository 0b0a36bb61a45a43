/**
 * The QA cycle: from the start day (the 21st by default) 00:00 local to the day before the
 * next month's start day, 23:59:59.999 local. Pure; time-zone and DST safe via luxon.
 */
import { DateTime, IANAZone } from 'luxon';
import { qaSamplingError, type QaSamplingError } from './errors.js';

/** Options of {@link cycleFor}. */
export interface CycleOptions {
  /** Day of the month a cycle starts, 1–28. Default 21 (the manuals' 21st → 20th). */
  startDay?: number;
  /** IANA time zone of the call centre. Default 'Asia/Shanghai'. */
  timeZone?: string;
  /**
   * Which month names the cycle: 'end' (default; 21 Oct → 20 Nov is '2026-11', as a payroll
   * month) or 'start' ('2026-10'). With startDay 1 both are the calendar month.
   */
  labelMonth?: 'end' | 'start';
}

/** One cycle. `end` is the last millisecond, so cycles tile time without gap or overlap. */
export interface Cycle {
  /** First instant: the start day at local midnight (or the first instant after it, when a
   * DST change skips midnight). */
  start: Date;
  /** Last instant: one millisecond before the next cycle starts. */
  end: Date;
  /** 'YYYY-MM'. */
  label: string;
}

function invalid(message: string): QaSamplingError {
  return qaSamplingError('DIALER_ERR_QA_INVALID_CYCLE_PARAMS', message);
}

/**
 * The cycle containing an instant.
 * @throws QaSamplingError DIALER_ERR_QA_INVALID_CYCLE_PARAMS on an invalid date, start day
 *   or time zone.
 */
export function cycleFor(date: Date | number, options: CycleOptions = {}): Cycle {
  const { startDay = 21, timeZone = 'Asia/Shanghai', labelMonth = 'end' } = options;
  const ms = typeof date === 'number' ? date : date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw invalid(`date must be a valid Date or epoch milliseconds, got ${String(date)}`);
  if (!Number.isInteger(startDay) || startDay < 1 || startDay > 28) {
    throw invalid(`startDay must be an integer from 1 to 28, got ${String(startDay)}`);
  }
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw invalid(`timeZone must be an IANA time zone, got ${String(timeZone)}`);
  }
  if (labelMonth !== 'end' && labelMonth !== 'start') {
    throw invalid(`labelMonth must be 'end' or 'start', got ${String(labelMonth)}`);
  }

  const local = DateTime.fromMillis(ms, { zone: timeZone });
  // The month (first day, local) in which the cycle containing `local` starts.
  let startMonth = local.startOf('month');
  if (local.day < startDay) startMonth = startMonth.minus({ months: 1 });
  const nextMonth = startMonth.plus({ months: 1 });
  const at = (m: DateTime): DateTime =>
    DateTime.fromObject({ year: m.year, month: m.month, day: startDay }, { zone: timeZone });
  const start = at(startMonth);
  const next = at(nextMonth);
  const named = labelMonth === 'end' && startDay > 1 ? nextMonth : startMonth;
  return {
    start: start.toJSDate(),
    end: new Date(next.toMillis() - 1),
    label: `${String(named.year).padStart(4, '0')}-${String(named.month).padStart(2, '0')}`,
  };
}
