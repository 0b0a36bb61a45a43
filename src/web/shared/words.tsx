/** Words for values that come from the service's lists, in the user's language. */
import { DEFAULT_PAUSE_CODES } from '../../agents/default-pause-codes.js';
import { DEFAULT_DISPOSITIONS } from '../../campaigns/default-dispositions.js';
import { hasMessage, locale, tDynamic } from '../i18n/i18n.js';

const SHIPPED = new Map(DEFAULT_PAUSE_CODES.map((c) => [c.code, c.label]));
const SHIPPED_DISPOSITIONS = new Map(DEFAULT_DISPOSITIONS.map((d) => [d.code, d.label]));

/**
 * A pause reason's label: a shipped reason still labelled as shipped is worded from the
 * catalogue (`pauseCode.<code>`); one a manager added or relabelled is shown as written.
 * With no label known, the code.
 */
export function pauseLabel(code: string | null | undefined, label?: string | null): string {
  if (!code) return '';
  const key = `pauseCode.${code}`;
  if (hasMessage(key) && (label === undefined || label === null || SHIPPED.get(code) === label)) return tDynamic(key);
  return label ?? code;
}

/**
 * A campaign disposition's label: a shipped one still labelled as shipped is worded from the
 * catalogue (`disposition.<code>`); one a manager added or relabelled is shown as written.
 */
export function dispositionLabel(code: string | null | undefined, label?: string | null): string {
  if (!code) return '';
  const key = `disposition.${code}`;
  if (hasMessage(key) && (label === undefined || label === null || SHIPPED_DISPOSITIONS.get(code) === label)) return tDynamic(key);
  return label ?? code;
}

/** A value of a server list worded from the catalogue (`<prefix>.<value>`), or the value itself when the catalogue has no word for it. */
export function listWord(prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? tDynamic(key) : value;
}

/** The catalogue key of an ISO weekday (1 = Monday … 7 = Sunday). */
export function weekdayKey(day: number): `weekday.${1 | 2 | 3 | 4 | 5 | 6 | 7}` {
  return `weekday.${Math.min(7, Math.max(1, Math.round(day))) as 1 | 2 | 3 | 4 | 5 | 6 | 7}`;
}

/** A name the service keeps in both languages (rubric items, fatal findings): the user's language's, the other one's when it is missing. */
export function bilingual(name: string | null | undefined, nameZh: string | null | undefined): string {
  const zh = nameZh ?? '';
  const en = name ?? '';
  return locale() === 'zh-CN' ? zh || en : en || zh;
}

/** A rubric item or fatal finding by its name in the user's language. */
export function RubricName({ name, nameZh }: { name: string | null | undefined; nameZh: string | null | undefined }) {
  return <span class="rubric-name">{bilingual(name, nameZh)}</span>;
}
