import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownRegion, normalisePhone } from '../../src/campaigns/phone-number.js';

describe('normalisePhone', () => {
  it.each([
    ['13812345678', '+8613812345678', 'MOBILE'],
    [' 138 1234 5678 ', '+8613812345678', 'MOBILE'],
    ['138-1234-5678', '+8613812345678', 'MOBILE'],
    ['138.1234.5678', '+8613812345678', 'MOBILE'],
    ['(138) 1234-5678', '+8613812345678', 'MOBILE'],
    ['+86 138 1234 5678', '+8613812345678', 'MOBILE'],
    ['0086 138 1234 5678', '+8613812345678', 'MOBILE'],
    ['8613812345678', '+8613812345678', 'MOBILE'],
    ['１３８１２３４５６７８', '+8613812345678', 'MOBILE'],
    ['＋８６　１３８－１２３４－５６７８', '+8613812345678', 'MOBILE'],
    ['="13812345678"', '+8613812345678', 'MOBILE'],
    ["'13812345678", '+8613812345678', 'MOBILE'],
    ['tel:+8613812345678', '+8613812345678', 'MOBILE'],
    ['17951 13812345678', '+8613812345678', 'MOBILE'],
    ['010-6512 3456', '+861065123456', 'FIXED_LINE'],
    ['(0755) 8888 1234', '+8675588881234', 'FIXED_LINE'],
    ['+86 (0)21 6123 4567', '+862161234567', 'FIXED_LINE'],
    ['86 010 6512 3456', '+861065123456', 'FIXED_LINE'],
    ['010/65123456', '+861065123456', 'FIXED_LINE'],
    ['+852 9123 4567', '+85291234567', 'MOBILE'],
    ['+1 212 555 0199', '+12125550199', 'FIXED_LINE_OR_MOBILE'],
  ])('%j → %s (%s)', (raw, e164, type) => {
    expect(normalisePhone(raw, 'CN')).toEqual({ ok: true, e164, type });
  });

  it.each([
    ['', 'missing-phone', 'the phone cell is empty'],
    ['   ', 'missing-phone', 'the phone cell is empty'],
    ['1.3812345678E+10', 'invalid-number', 'written in scientific notation (Excel rounded it); format the column as text'],
    ['12345', 'invalid-number', 'too short (region CN)'],
    ['abc', 'invalid-number', 'contains characters that are not digits'],
    ['138 1234 567a', 'invalid-number', 'contains characters that are not digits'],
    ['14012345678', 'invalid-number', 'not a valid number (region CN)'],
    ['13812345678/13912345678', 'invalid-number', 'more than one number in the cell'],
    ['13812345678;13912345678', 'invalid-number', 'more than one number in the cell'],
    ['010-6512 3456 转 801', 'invalid-number', 'has an extension, which the dialer cannot dial'],
    ['021 6123 4567 ext 12', 'invalid-number', 'has an extension, which the dialer cannot dial'],
    ['400-810-8888', 'unsupported-type', 'a shared-cost number; only mobile and fixed-line numbers are dialed'],
    ['800-810-8888', 'unsupported-type', 'a toll-free number; only mobile and fixed-line numbers are dialed'],
    ['+44 909 876 5432', 'unsupported-type', 'a premium-rate number; only mobile and fixed-line numbers are dialed'],
  ])('%j is refused: %s', (raw, problem, detail) => {
    expect(normalisePhone(raw, 'CN')).toEqual({ ok: false, problem, detail });
  });

  it('reads national numbers in the given region', () => {
    expect(normalisePhone('9123 4567', 'HK')).toEqual({ ok: true, e164: '+85291234567', type: 'MOBILE' });
    expect(normalisePhone('9123 4567', 'CN').ok).toBe(false);
  });

  it("accepts any valid type when told to (do-not-call lists)", () => {
    expect(normalisePhone('400-810-8888', 'CN', { accept: 'any' })).toEqual({ ok: true, e164: '+864008108888', type: 'SHARED_COST' });
    expect(normalisePhone('12345', 'CN', { accept: 'any' }).ok).toBe(false);
  });

  it('knows regions', () => {
    expect(isKnownRegion('CN')).toBe(true);
    expect(isKnownRegion('HK')).toBe(true);
    expect(isKnownRegion('XX')).toBe(false);
    expect(isKnownRegion('cn')).toBe(false);
  });

  it('gives the same E.164 however a CN mobile number is written', () => {
    const fullWidth = (s: string) => s.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(
        fc.constantFrom('138', '139', '186', '150', '177', '199'),
        fc.stringMatching(/^\d{8}$/),
        fc.constantFrom('', '+86', '0086', '86', '+86 ', '0086-'),
        fc.constantFrom(' ', '-', '.', ''),
        fc.boolean(),
        (prefix, rest, cc, sep, wide) => {
          const national = `${prefix}${sep}${rest.slice(0, 4)}${sep}${rest.slice(4)}`;
          const written = wide ? fullWidth(`${cc}${national}`) : `${cc}${national}`;
          expect(normalisePhone(written, 'CN')).toEqual({ ok: true, e164: `+86${prefix}${rest}`, type: 'MOBILE' });
        },
      ),
    );
  });
});
