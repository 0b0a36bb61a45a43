/**
 * A failed action in the user's language: an API error by its code with the values the API
 * sent (`error.<code>`), a refused body by its fields (`field.<name>`, else the field's own
 * name) and problems (`problem.<zod code>`) — never the validator's wording or the API's raw
 * numbers for a field the form shows in other units (e.g. a percentage).
 */
import { ApiError } from '../shared/api.js';
import { hasMessage, t, tDynamic } from './i18n.js';

/** The label of a refused API field: the last named part of its path (`rubric.items.0.points` → points). */
function fieldLabel(path: string): string {
  const name = path.split('.').filter((p) => !/^\d+$/.test(p)).at(-1) ?? path;
  const key = `field.${name}`;
  return hasMessage(key) ? tDynamic(key) : name;
}

function problemText(problem: string): string {
  const key = `problem.${problem}`;
  return hasMessage(key) ? tDynamic(key) : t('problem.other');
}

export function apiErrorText(err: ApiError): string {
  if (err.code === 'NETWORK') return t('error.network');
  if (err.code === 'ABORTED') return t('error.aborted');
  if (err.code === 'DIALER_ERR_REQUEST_INVALID' && err.fields.length) {
    const list = err.fields.map((f) => t('error.fieldProblem', { field: fieldLabel(f.field), problem: problemText(f.problem) }));
    return t('error.fields', { list: [...new Set(list)].join(t('common.listSeparator')) });
  }
  const key = `error.${err.code}`;
  if (!hasMessage(key)) return t('error.unknown', { code: err.code });
  return tDynamic(key, Object.fromEntries(err.params.map((v, i) => [`p${i}`, v])));
}

/**
 * The message to show for a failed action. Errors the consoles raise themselves are already
 * worded with `t()`; anything else unexpected keeps its message.
 */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return apiErrorText(err);
  if (err instanceof Error) return err.message;
  return String(err);
}
