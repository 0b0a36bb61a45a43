/** Display helpers shared by the consoles. */

/** Seconds as h:mm:ss (or m:ss under an hour). */
export function duration(totalSec: number): string {
  const s = Math.max(0, Math.round(totalSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}

/** A ratio 0..1 as a percentage with one decimal. */
export function percent(ratio: number | null | undefined, digits = 1): string {
  return ratio === null || ratio === undefined || Number.isNaN(ratio) ? '–' : `${(ratio * 100).toFixed(digits)}%`;
}

/** Minor currency units as an amount, e.g. 1500 CNY → ¥15.00. */
export function money(minor: number | null | undefined, currency = 'CNY'): string {
  if (minor === null || minor === undefined) return '–';
  try {
    return new Intl.NumberFormat('zh-CN', { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** Epoch ms as local date and time (the browser's zone). */
export function dateTime(ms: number | null | undefined): string {
  if (!ms) return '–';
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

/** Epoch ms as local time of day. */
export function time(ms: number | null | undefined): string {
  if (!ms) return '–';
  return new Date(ms).toLocaleTimeString('en-GB');
}

/** A position in a recording, m:ss.t (tenths: evidence moments are often a second apart). */
export function playTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const tenths = Math.max(0, Math.floor(ms / 100));
  const m = Math.floor(tenths / 600);
  const s = Math.floor((tenths % 600) / 10);
  return `${m}:${String(s).padStart(2, '0')}.${tenths % 10}`;
}
