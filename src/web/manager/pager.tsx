/**
 * Paging over the API's cursor pages (`after` = the last id of the page before; the answer's
 * `next` is the cursor of the following page, null on the last): the cursors seen so far,
 * so Previous goes back, and the Previous / Next bar with the rows shown.
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';

export interface CursorPager<C = number> {
  /** The cursor of the page shown (the first page's is the `first` given). */
  after: C;
  /** 0-based index of the page shown. */
  index: number;
  next(cursor: C): void;
  previous(): void;
  reset(): void;
}

/**
 * Numeric cursors (ids) by default, starting at 0; `first` for other kinds (e.g. '' for opaque
 * strings). Lists are keyed by their filters, so a change of filters starts a new pager.
 */
export function useCursorPager(): CursorPager<number>;
export function useCursorPager<C>(first: C): CursorPager<C>;
export function useCursorPager<C>(first?: C): CursorPager<C | number> {
  const start = first ?? 0;
  const [cursors, setCursors] = useState<Array<C | number>>([start]);
  return {
    after: cursors[cursors.length - 1]!,
    index: cursors.length - 1,
    next: (cursor) => setCursors((c) => [...c, cursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reset: () => setCursors([start]),
  };
}

export function PagerBar<C>({ pager, shown, pageSize, next, total, busy }: { pager: CursorPager<C>; shown: number; pageSize: number; next: C | null | undefined; total?: number; busy?: boolean }) {
  const first = pager.index * pageSize;
  return (
    <div class="row pager">
      <button type="button" disabled={pager.index === 0 || busy} onClick={pager.previous}>
        {t('common.previous')}
      </button>
      <span class="muted">
        {shown === 0 ? t('pager.none') : total !== undefined ? t('pager.rowsOf', { from: first + 1, to: first + shown, total }) : t('pager.rows', { from: first + 1, to: first + shown })}
      </span>
      <button type="button" disabled={!next || busy} onClick={() => next && pager.next(next)}>
        {t('common.next')}
      </button>
    </div>
  );
}
