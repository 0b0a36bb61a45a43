/**
 * Which time zone(s) a callee may be in, from their number. Pure.
 *
 * The country comes from libphonenumber-js (it tells +1 US from +1 Canada by area code).
 *  - A country with one zone (China, Hong Kong, Japan, most of Europe…) → that zone.
 *  - A country with several zones (US, Canada, Russia, Brazil, Australia, Mexico…):
 *      · if the campaign's own zone is one of them, the campaign's zone: the manager has said
 *        where this list's callees are (a New York campaign calling New York numbers);
 *      · otherwise every zone of the country, and the window counts as open only while it is
 *        open in all of them. libphonenumber-js carries no area-code → zone data (Google's
 *        Java PhoneNumberToTimeZonesMapper is not part of the JS port), so a number's finer
 *        geography is not known, and the safe reading is the one that cannot call anyone
 *        outside their hours. For Russia (UTC+2 … +12) that leaves one hour of a 09:00–20:00
 *        window and nothing of a shorter one: Russian lists belong in a Russian-zone campaign.
 *  - A number with no country (international freephone, satellite, unparseable) → the
 *    campaign's zone.
 */
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { COUNTRY_ZONES } from './country-zones.js';

/** Region stored for numbers libphonenumber-js places in no country (CLDR's "unknown region"). */
export const UNKNOWN_REGION = 'ZZ';

/** Country calling code → the countries that share it (+86 → CN; +1 → US, CA and the Caribbean). */
const BY_CALLING_CODE = new Map<string, string[]>();
for (const country of getCountries()) {
  const code = getCountryCallingCode(country);
  BY_CALLING_CODE.set(code, [...(BY_CALLING_CODE.get(code) ?? []), country]);
}

/**
 * The ISO 3166 country of an E.164 number, or UNKNOWN_REGION. A calling code used by one
 * country alone answers at once (calling codes are prefix-free); shared ones are parsed.
 */
export function regionOfNumber(e164: string): string {
  const digits = e164.startsWith('+') ? e164.slice(1) : e164;
  for (let len = 1; len <= 3; len++) {
    const countries = BY_CALLING_CODE.get(digits.slice(0, len));
    if (!countries) continue;
    if (countries.length === 1) return countries[0]!;
    break;
  }
  return parsePhoneNumberFromString(e164.startsWith('+') ? e164 : `+${e164}`)?.country ?? UNKNOWN_REGION;
}

/** The zones a callee in `region` may be in, given the campaign's zone (see the module comment). */
export function calleeZones(region: string, campaignZone: string): readonly string[] {
  const zones = COUNTRY_ZONES[region];
  if (!zones || zones.length === 0) return [campaignZone];
  if (zones.length === 1) return zones;
  return zones.includes(campaignZone) ? [campaignZone] : zones;
}

