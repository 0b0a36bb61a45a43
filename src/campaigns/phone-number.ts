/**
 * Phone numbers as real lists write them → E.164, with the type checked. Pure: no I/O.
 *
 * Cleans what spreadsheets and people add — full-width characters (NFKC), spaces, dashes,
 * dots, brackets, slashes, Excel's `="…"` and leading `'` text markers — then lets
 * libphonenumber-js (full metadata, so the type is known) handle `+86`/`0086`/`86`
 * prefixes, the trunk `0` of landlines and carrier-select prefixes such as 17951.
 * Only numbers an agent can talk to are dialable: mobile and fixed-line; premium-rate,
 * toll-free, shared-cost (400), VoIP, pager, UAN, voicemail and personal numbers are refused
 * with the type named.
 */
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumberType,
} from 'libphonenumber-js/max';
import { fastCnMobile } from './phone-fast-path.js';

/** Types a campaign dials. */
export const DIALABLE_TYPES: ReadonlySet<PhoneNumberType> = new Set(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE']);

/** Why a phone cell was not accepted. */
export type PhoneProblem = 'missing-phone' | 'invalid-number' | 'unsupported-type';

export type PhoneVerdict =
  | { ok: true; e164: string; type: PhoneNumberType }
  | { ok: false; problem: PhoneProblem; detail: string };

/** Options of {@link normalisePhone}. */
export interface NormaliseOptions {
  /** Types accepted; default {@link DIALABLE_TYPES}. `'any'` accepts every valid number (do-not-call lists). */
  accept?: ReadonlySet<PhoneNumberType> | 'any';
  /**
   * Take the shortcut for CN mobiles ({@link fastCnMobile}); default true. False asks
   * libphonenumber-js for every number: the reference the shortcut is tested against.
   */
  shortcut?: boolean;
}

const TYPE_WORDS: Record<PhoneNumberType, string> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed-line',
  FIXED_LINE_OR_MOBILE: 'fixed-line or mobile',
  PREMIUM_RATE: 'premium-rate',
  TOLL_FREE: 'toll-free',
  SHARED_COST: 'shared-cost',
  VOIP: 'VoIP',
  PERSONAL_NUMBER: 'personal (follow-me)',
  PAGER: 'pager',
  UAN: 'universal access (UAN)',
  VOICEMAIL: 'voicemail access',
};

const LENGTH_WORDS: Record<string, string> = {
  TOO_SHORT: 'too short',
  TOO_LONG: 'too long',
  INVALID_LENGTH: 'wrong number of digits',
  INVALID_COUNTRY: 'unknown country code',
  NOT_A_NUMBER: 'not a phone number',
};

// Separators people type between digit groups (after NFKC): whitespace, dashes of every
// kind, dots, brackets, slashes.
const SEPARATORS = /[\s\-‐‑‒–—―−﹣.()[\]/]+/g;
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i;
const EXTENSION = /(?:ext\.?|extension|x|#|转|分机)\s*\d+$/i;
// Several numbers in one cell: ; , ， 、 | or a slash between two groups of 7+ digits.
const MULTI_SPLIT = /[;,，、|/]/;
// What is left after cleaning: ASCII digits, after at most one +.
const PLAIN = /^\+?\d+$/;
const SPACED = /^\+?\d[\d -]*\d$/;
const SPACES = /[ -]/g;

/** True when `code` is a region libphonenumber knows (e.g. CN, HK, US). */
export function isKnownRegion(code: string): code is CountryCode {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

/**
 * Normalises one phone cell. `region` is the campaign's default region for numbers written
 * without a country code.
 */
export function normalisePhone(raw: string, region: CountryCode, options: NormaliseOptions = {}): PhoneVerdict {
  const shortcut = options.shortcut !== false;
  // Digits after at most one +, maybe with spaces or dashes between them: the cleaning would
  // only take those out (tested against it in test/campaigns/phone-fast-path.test.ts).
  const compact = !shortcut ? clean(raw) : PLAIN.test(raw) ? raw : SPACED.test(raw) ? raw.replace(SPACES, '') : clean(raw);
  if (typeof compact !== 'string') return compact;
  const accept = options.accept ?? DIALABLE_TYPES;
  const mobile = shortcut ? fastCnMobile(compact, region) : null;
  if (mobile !== null && (accept === 'any' || accept.has('MOBILE'))) return { ok: true, e164: mobile, type: 'MOBILE' };
  const parsed = parsePhoneNumberFromString(compact, region);
  const type = parsed?.getType();
  if (!parsed || !type) {
    const length = validatePhoneNumberLength(compact, region);
    const why = length ? (LENGTH_WORDS[length] ?? 'not a valid number') : 'not a valid number';
    return { ok: false, problem: 'invalid-number', detail: `${why} (region ${region})` };
  }
  if (accept !== 'any' && !accept.has(type)) {
    return { ok: false, problem: 'unsupported-type', detail: `a ${TYPE_WORDS[type]} number; only mobile and fixed-line numbers are dialed` };
  }
  return { ok: true, e164: parsed.number, type };
}

/** The cell with what spreadsheets and people add taken off: digits, after at most one +; or why it is no number. */
function clean(raw: string): string | Extract<PhoneVerdict, { ok: false }> {
  // Full-width digits, ＋, （）and the ideographic space become ASCII; skip the work for ASCII.
  let s = /[^\x00-\x7f]/.test(raw) ? raw.normalize('NFKC') : raw;
  s = s.trim();
  const excelFormula = /^="(.*)"$/.exec(s);
  if (excelFormula) s = excelFormula[1]!.trim();
  if (s.startsWith("'")) s = s.slice(1).trim();
  if (/^tel:/i.test(s)) s = s.slice(4).trim();
  if (s === '') return { ok: false, problem: 'missing-phone', detail: 'the phone cell is empty' };

  if (SCIENTIFIC.test(s)) {
    return { ok: false, problem: 'invalid-number', detail: 'written in scientific notation (Excel rounded it); format the column as text' };
  }
  if (EXTENSION.test(s)) return { ok: false, problem: 'invalid-number', detail: 'has an extension, which the dialer cannot dial' };
  if (MULTI_SPLIT.test(s) && s.split(MULTI_SPLIT).filter((part) => part.replace(/\D/g, '').length >= 7).length > 1) {
    return { ok: false, problem: 'invalid-number', detail: 'more than one number in the cell' };
  }
  const compact = s.replace(SEPARATORS, '');
  if (!PLAIN.test(compact)) {
    return { ok: false, problem: 'invalid-number', detail: 'contains characters that are not digits' };
  }
  return compact;
}
