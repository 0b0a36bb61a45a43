/**
 * The CN mobile shortcut (phone-fast-path.ts) against libphonenumber-js: over every 5-digit
 * prefix of an 11-digit number starting with 1 (the longest prefix CN's type patterns look at)
 * with random tails, in the three spellings it handles, it answers exactly when
 * libphonenumber-js says "valid MOBILE", with the same E.164; it never answers for any other
 * spelling; and normalisePhone gives the same verdict (reasons and wording included) with and
 * without it over many generated spellings of mobiles, landlines and junk.
 */
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { fastCnMobile } from '../../src/campaigns/phone-fast-path.js';
import { DIALABLE_TYPES, normalisePhone } from '../../src/campaigns/phone-number.js';

/** libphonenumber-js's own answer, in the shortcut's terms. */
function reference(compact: string): string | null {
  const parsed = parsePhoneNumberFromString(compact, 'CN');
  return parsed?.getType() === 'MOBILE' ? parsed.number : null;
}

/** A seeded generator, so a failure names a number that can be tried again. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const digits = (rand: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

describe('fastCnMobile', () => {
  it('answers exactly when libphonenumber-js says MOBILE, for every 5-digit prefix, bare, +86 and 0086', () => {
    const rand = lcg(17);
    const mismatches: string[] = [];
    let answered = 0;
    for (let prefix = 10_000; prefix <= 19_999; prefix++) {
      for (let k = 0; k < 2; k++) {
        const national = `${prefix}${digits(rand, 6)}`;
        for (const compact of [national, `+86${national}`, `0086${national}`]) {
          const fast = fastCnMobile(compact, 'CN');
          if (fast !== null) answered += 1;
          if (fast !== reference(compact)) mismatches.push(`${compact}: shortcut ${fast}, libphonenumber ${reference(compact)}`);
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // It is used: most 11-digit numbers starting 13–19 are mobiles.
    expect(answered).toBeGreaterThan(20_000);
  });

  it('never answers for other spellings, lengths or regions', () => {
    const rand = lcg(86);
    for (let i = 0; i < 2000; i++) {
      const national = `1${['3', '5', '8', '9'][i % 4]}${digits(rand, 9)}`;
      for (const compact of [`86${national}`, `17951${national}`, `0${national}`, `+860${national}`, `+8586${national}`, national.slice(1), `${national}0`, `+${national}`]) {
        expect(fastCnMobile(compact, 'CN'), compact).toBeNull();
      }
      expect(fastCnMobile(national, 'HK')).toBeNull();
      expect(fastCnMobile(national, 'US')).toBeNull();
    }
  });
});

/** Spellings lists use, of mobiles, landlines, service numbers and junk. */
const spelling = fc
  .tuple(
    fc.oneof(
      fc.stringMatching(/^1[0-9]{10}$/),
      fc.stringMatching(/^1[3-9][0-9]{9}$/),
      fc.stringMatching(/^0[1-9][0-9]{8,10}$/),
      fc.stringMatching(/^(400|800|95)[0-9]{5,8}$/),
      fc.stringMatching(/^[0-9]{5,13}$/),
    ),
    fc.constantFrom('', '+86', '+86 ', '0086', '0086 ', '86', '+86 (0)', '17951', '+852 ', '00'),
    fc.constantFrom('plain', 'spaced', 'dashed', 'full-width', 'excel', 'quote', 'padded'),
  )
  .map(([number, prefix, style]) => {
    const n = prefix + number;
    switch (style) {
      case 'spaced':
        return `${n.slice(0, -8)} ${n.slice(-8, -4)} ${n.slice(-4)}`;
      case 'dashed':
        return `${n.slice(0, -8)}-${n.slice(-8, -4)}-${n.slice(-4)}`;
      case 'full-width':
        return n.replace(/[0-9+ ]/g, (c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
      case 'excel':
        return `="${n}"`;
      case 'quote':
        return `'${n}`;
      case 'padded':
        return `  ${n}\t`;
      default:
        return n;
    }
  });

describe('normalisePhone with and without the shortcut', () => {
  it('gives the same verdict for every generated spelling (contacts and do-not-call acceptance)', () => {
    fc.assert(
      fc.property(spelling, (raw) => {
        for (const accept of [undefined, 'any' as const, new Set(['FIXED_LINE' as const])]) {
          expect(normalisePhone(raw, 'CN', { accept }), raw).toEqual(normalisePhone(raw, 'CN', { accept, shortcut: false }));
        }
        expect(normalisePhone(raw, 'HK'), raw).toEqual(normalisePhone(raw, 'HK', { shortcut: false }));
      }),
      { numRuns: 20_000, seed: 17 },
    );
  });

  it('takes the shortcut for the usual spellings', () => {
    expect(normalisePhone('１３８　１２３４　５６７８', 'CN', { accept: DIALABLE_TYPES })).toEqual({ ok: true, e164: '+8613812345678', type: 'MOBILE' });
    expect(fastCnMobile('13812345678', 'CN')).toBe('+8613812345678');
    expect(fastCnMobile('+8617400012345', 'CN')).toBe(reference('+8617400012345'));
  });
});
