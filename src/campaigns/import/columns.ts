/**
 * The header row: column names for the agent's screen, and which column holds the phone
 * number — named by the manager (by header name, or 1-based position) or found by name.
 * Pure: no I/O.
 */

/** Names that mean "the phone number", compared trimmed and case-insensitively. */
const EXACT_NAMES = [
  'phone',
  'phone number',
  'phone_number',
  'phonenumber',
  'mobile',
  'mobile number',
  'mobile_number',
  'cell',
  'tel',
  'telephone',
  'msisdn',
  '手机',
  '手机号',
  '手机号码',
  '电话',
  '电话号码',
  '号码',
  '联系电话',
  '移动电话',
];
/** Fragments that suggest it, when no header matches exactly. */
const FRAGMENTS = ['phone', 'mobile', '手机', '电话', '号码'];

/** The header as used: unique, non-empty names, and the phone column. */
export interface ListColumns {
  /** Names of every column (blank ones become `column N`, repeats get ` (2)`, ` (3)`…). */
  names: string[];
  /** Index (0-based) of the phone column. */
  phoneIndex: number;
  /** Its name. */
  phoneName: string;
}

export type ColumnsResult = { ok: true; columns: ListColumns } | { ok: false; message: string };

function clean(name: string): string {
  return name.replace(/^\uFEFF/, '').trim();
}

/** Makes header names unique and non-empty. */
export function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const base = clean(raw) || `column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function list(names: string[]): string {
  return names.map((n) => JSON.stringify(n)).join(', ');
}

/**
 * Resolves the phone column. `spec` is a header name (exact, then case-insensitive) or, when
 * no header has that name, a 1-based column number; absent → found by name.
 */
export function resolveColumns(header: string[], spec?: string | null): ColumnsResult {
  const names = columnNames(header);
  const lower = names.map((n) => n.toLowerCase());
  const pick = (i: number): ColumnsResult => ({ ok: true, columns: { names, phoneIndex: i, phoneName: names[i]! } });

  if (spec !== undefined && spec !== null && spec.trim() !== '') {
    const want = spec.trim();
    const exact = names.indexOf(want);
    if (exact >= 0) return pick(exact);
    const folded = lower.indexOf(want.toLowerCase());
    if (folded >= 0) return pick(folded);
    if (/^\d+$/.test(want)) {
      const index = Number(want) - 1;
      if (index >= 0 && index < names.length) return pick(index);
      return { ok: false, message: `phone column ${want} is out of range: the header has ${names.length} columns (${list(names)})` };
    }
    return { ok: false, message: `no column named ${JSON.stringify(want)} in the header (${list(names)})` };
  }

  const exact = lower.flatMap((n, i) => (EXACT_NAMES.includes(n) ? [i] : []));
  if (exact.length === 1) return pick(exact[0]!);
  const candidates = exact.length > 1 ? exact : lower.flatMap((n, i) => (FRAGMENTS.some((f) => n.includes(f)) ? [i] : []));
  if (candidates.length === 1) return pick(candidates[0]!);
  if (candidates.length > 1) {
    return {
      ok: false,
      message: `several columns could be the phone number (${list(candidates.map((i) => names[i]!))}); say which with phoneColumn`,
    };
  }
  return { ok: false, message: `no phone column found in the header (${list(names)}); say which with phoneColumn (a name or a 1-based number)` };
}
