import { parsePhoneNumberFromString } from 'libphonenumber-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calleeZones, regionOfNumber, UNKNOWN_REGION } from '../../src/campaigns/number-zones.js';

describe('the region of a number', () => {
  it.each([
    ['+8613800138000', 'CN'],
    ['+862161234567', 'CN'],
    ['+85291234567', 'HK'],
    ['+12125550100', 'US'],
    ['+16135550100', 'CA'],
    ['+18765550100', 'JM'],
    ['+74951234567', 'RU'],
    ['+77172123456', 'KZ'],
    ['+442071234567', 'GB'],
    ['+447911123456', 'GG'],
    ['+80012345678', UNKNOWN_REGION],
  ])('%s → %s', (e164, region) => {
    expect(regionOfNumber(e164)).toBe(region);
  });

  it('agrees with a full parse for valid numbers of many countries', () => {
    const samples = ['+8613912345678', '+81312345678', '+4930123456', '+33123456789', '+61212345678', '+5511912345678', '+919876543210', '+6591234567', '+12505550100', '+17875550100'];
    for (const n of samples) expect(regionOfNumber(n)).toBe(parsePhoneNumberFromString(n)?.country ?? UNKNOWN_REGION);
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9][0-9]{7,12}$/), (n) => {
        const parsed = parsePhoneNumberFromString(n);
        if (parsed?.isValid()) expect(regionOfNumber(n)).toBe(parsed.country ?? UNKNOWN_REGION);
      }),
      { numRuns: 2000 },
    );
  });

  it('single-zone countries have their zone; unknown regions take the campaign\'s', () => {
    expect(calleeZones('HK', 'Asia/Shanghai')).toEqual(['Asia/Hong_Kong']);
    expect(calleeZones('JP', 'Asia/Shanghai')).toEqual(['Asia/Tokyo']);
    expect(calleeZones(UNKNOWN_REGION, 'Asia/Shanghai')).toEqual(['Asia/Shanghai']);
  });
});
