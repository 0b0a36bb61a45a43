/**
 * One tokenized CSV record → an accepted number with the row's other columns, or a reject
 * with its reason, detail and raw value. Pure: the checks that need the database (duplicates,
 * do-not-call) come after, in the import store.
 */
import type { CountryCode } from 'libphonenumber-js';
import { normalisePhone, type NormaliseOptions } from '../phone-number.js';
import type { ListColumns } from './columns.js';
import type { CsvEvent } from './csv-tokenizer.js';
import type { RejectReason } from './reasons.js';

/** Raw values in reports are cut to this many characters. */
export const RAW_CHARS = 200;

export type RowVerdict =
  | { ok: true; line: number; e164: string; raw: string; fields: Record<string, string> }
  | { ok: false; line: number; reason: RejectReason; detail: string; raw: string };

/** What the classifier needs to know about the list. */
export interface ClassifyContext {
  columns: ListColumns;
  region: CountryCode;
  delimiter: string;
  /** The file's encoding, for the undecodable detail. */
  encoding: () => string;
  maxRecordChars: number;
  /** Which numbers are acceptable (contacts: mobile and fixed-line; do-not-call lists: any valid). */
  accept?: NormaliseOptions['accept'];
}

// C0 controls other than tab/CR/LF, DEL, and U+FFFD (what an undecodable byte became).
const UNDECODABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

function cut(s: string): string {
  return s.length > RAW_CHARS ? s.slice(0, RAW_CHARS) : s;
}

/** The whole row as raw text for a report. */
function whole(fields: string[], delimiter: string): string {
  return cut(fields.join(delimiter));
}

/** Classifies one event from the tokenizer (the header already taken off). */
export function classifyEvent(event: CsvEvent, ctx: ClassifyContext): RowVerdict {
  const { line } = event;
  if (event.kind === 'too-long') {
    const lines = event.endLine > event.line ? `lines ${event.line}–${event.endLine}` : `line ${event.line}`;
    return {
      ok: false,
      line,
      reason: 'row-too-long',
      detail: `${event.chars} characters (${lines}); the longest row accepted is ${ctx.maxRecordChars}`,
      raw: cut(event.head),
    };
  }
  if (event.kind === 'unclosed-quote') {
    return {
      ok: false,
      line,
      reason: 'unclosed-quote',
      detail: `a quote opened in this row is never closed, so lines ${event.line}–${event.endLine} (${event.chars} characters) read as one row`,
      raw: cut(event.head),
    };
  }
  const { fields } = event;
  if (isBlank(fields)) return { ok: false, line, reason: 'empty-row', detail: 'no values', raw: whole(fields, ctx.delimiter) };
  if (hasUndecodable(fields)) {
    const replaced = fields.some((f) => f.includes('\ufffd'));
    const detail = replaced ? `bytes that are not valid ${ctx.encoding()} text` : 'control characters (binary data?)';
    return { ok: false, line, reason: 'undecodable', detail, raw: whole(fields, ctx.delimiter) };
  }
  const { names, phoneIndex } = ctx.columns;
  let row = fields;
  if (row.length > names.length && row.slice(names.length).every((f) => f.trim() === '')) {
    // Trailing empty cells past the header (spreadsheets write them) are not a different shape.
    row = row.slice(0, names.length);
  }
  if (row.length !== names.length) {
    return {
      ok: false,
      line,
      reason: 'wrong-column-count',
      detail: `${row.length} column${row.length === 1 ? '' : 's'}; the header has ${names.length}`,
      raw: whole(fields, ctx.delimiter),
    };
  }
  const phoneCell = row[phoneIndex]!;
  const verdict = normalisePhone(phoneCell, ctx.region, { accept: ctx.accept });
  if (!verdict.ok) return { ok: false, line, reason: verdict.problem, detail: verdict.detail, raw: cut(phoneCell) };
  const kept: Record<string, string> = {};
  for (let i = 0; i < row.length; i++) {
    if (i === phoneIndex) continue;
    const value = row[i]!.trim();
    if (value !== '') kept[names[i]!] = value;
  }
  return { ok: true, line, e164: verdict.e164, raw: cut(phoneCell), fields: kept };
}

function isBlank(fields: string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

function hasUndecodable(fields: string[]): boolean {
  for (const f of fields) if (UNDECODABLE.test(f)) return true;
  return false;
}
