/** Daily talk-time targets are seconds in the API and hours on the screen; blank = none of its own. */
import { t } from '../../i18n/i18n.js';

/** "3" or "2.5" → seconds; blank → null. @throws Error with the words to show. */
export function hoursToSec(label: string, hours: string): number | null {
  if (hours.trim() === '') return null;
  const h = Number(hours.trim());
  if (!Number.isFinite(h) || h < 0 || h > 24) throw new Error(t('people.hoursRange', { field: label }));
  return Math.round(h * 3600);
}

/** Seconds → hours as typed ("3", "2.5"); null → blank. */
export function secToHours(sec: number | null): string {
  return sec === null ? '' : String(Math.round((sec / 3600) * 100) / 100);
}
