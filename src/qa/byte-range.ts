/**
 * HTTP Range requests (RFC 9110 §14) for recordings: one byte range, so a browser's audio
 * element can seek. Pure.
 */

/** How to answer a request for a resource of `size` bytes. */
export type RangeDecision =
  /** No usable Range header: 200 with the whole body. */
  | { kind: 'full' }
  /** 206 with bytes start–end (inclusive). */
  | { kind: 'partial'; start: number; end: number }
  /** 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable'; reason: string };

const SPEC = /^(\d*)-(\d*)$/;

/**
 * Decides a Range header. A header in another unit, or asking for several ranges, is
 * ignored (the whole body is sent, as RFC 9110 allows). A malformed bytes range, or one
 * that starts past the end, is unsatisfiable.
 */
export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!m) return { kind: 'full' };
  const specs = (m[1] ?? '').split(',').map((s) => s.trim());
  if (specs.length > 1) return { kind: 'full' };
  const spec = SPEC.exec(specs[0] ?? '');
  if (!spec) return { kind: 'unsatisfiable', reason: `malformed range "${header}"` };
  const [, first = '', last = ''] = spec;
  if (first === '' && last === '') return { kind: 'unsatisfiable', reason: `malformed range "${header}"` };
  if (first === '') {
    // Suffix: the last N bytes.
    const n = Number(last);
    if (n === 0) return { kind: 'unsatisfiable', reason: 'a suffix range of 0 bytes selects nothing' };
    if (size === 0) return { kind: 'unsatisfiable', reason: 'the recording is empty' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start)) return { kind: 'unsatisfiable', reason: `range start ${first} is too large` };
  if (start >= size) return { kind: 'unsatisfiable', reason: `range starts at ${start}, the recording has ${size} bytes` };
  if (last === '') return { kind: 'partial', start, end: size - 1 };
  const end = Number(last);
  if (end < start) return { kind: 'unsatisfiable', reason: `range end ${end} is before its start ${start}` };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
