/**
 * Matching the numbers of an inbound call, pure: carriers send the caller and the dialled
 * number in whatever form they like (national, +86…, 0086…), while contacts are stored in
 * E.164 and a campaign's caller ID is as the manager typed it.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { normalisePhone } from '../campaigns/phone-number.js';

/** The number in E.164 when it reads as one (any type: landlines, toll-free), else null. */
export function e164Of(raw: string, region: CountryCode): string | null {
  const v = normalisePhone(raw, region, { accept: 'any' });
  return v.ok ? v.e164 : null;
}

/** Whether two spellings are the same number: equal in E.164, else equal as bare digits (short codes, test numbers). */
export function sameNumber(a: string, b: string, region: CountryCode): boolean {
  const ea = e164Of(a, region);
  const eb = e164Of(b, region);
  if (ea !== null && eb !== null) return ea === eb;
  const da = a.replace(/\D/g, '');
  return da !== '' && da === b.replace(/\D/g, '');
}
