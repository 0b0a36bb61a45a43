import { describe, expect, it } from 'vitest';
import { disclosurePlaylist, type ProductTerms } from '../../src/consent/disclosure.js';
import { packWords, promptOfMedia } from '../../src/voice/text-prompts.js';

const terms: ProductTerms = {
  productCode: 'G5',
  productName: '5G流量包',
  priceMinor: 1550,
  currency: 'CNY',
  billingPeriod: 'monthly',
  freeTrialDays: 7,
  afterTrial: 'converts-to-paid',
  cancelHow: '发送TD到10086',
};

describe('the disclosure, spoken by the pack', () => {
  it('Mandarin: product, trial, automatic charge, price with its period, phone bill, how to cancel', () => {
    const d = disclosurePlaylist(terms, 'zh');
    expect(d.language).toBe('zh');
    expect(d.text).toBe(
      '您将订购的业务是5G流量包,业务代码G五。可免费体验七天。体验期满后,如不退订,将自动开始收费。资费为每月十五元五角。费用从您的话费中扣除。退订请发送TD到幺零零八六。',
    );
    // Only the pack's prompts and the product name's own prompt: never Asterisk's number:/digits:.
    expect(d.media.every((m) => m.startsWith('sound:dialer/'))).toBe(true);
    const own = d.media.filter((m) => !packWords('zh', promptOfMedia(m)!));
    expect(own).toHaveLength(1);
    expect(Object.values(d.ownPrompts)).toEqual(['5G流量包']);
  });

  it('a trial that ends by itself states no price; other cancel wording plays as its own prompt', () => {
    const d = disclosurePlaylist({ ...terms, afterTrial: 'ends', cancelHow: '拨打客服热线' }, 'zh');
    expect(d.text).toContain('体验期满后自动结束,不收取任何费用。');
    expect(d.text).not.toContain('资费为');
    expect(d.text).toContain('退订方式,拨打客服热线。');
    expect(Object.values(d.ownPrompts)).toEqual(['5G流量包', '拨打客服热线']);
  });

  it('English, one-off price without trial', () => {
    const d = disclosurePlaylist({ ...terms, freeTrialDays: 0, afterTrial: null, billingPeriod: 'one-off', priceMinor: 800, cancelHow: 'send TD to 10086' }, 'en');
    expect(d.text).toBe(
      'The service offered is 5G流量包, product code G five. The price is eight yuan once. The charge is added to your phone bill. To cancel, text T D to one zero zero eight six.',
    );
  });

  it('terms the pack cannot speak are refused', () => {
    expect(() => disclosurePlaylist({ ...terms, currency: 'USD' }, 'zh')).toThrow('CNY only');
    expect(() => disclosurePlaylist({ ...terms, afterTrial: null }, 'zh')).toThrow('after it');
  });
});
