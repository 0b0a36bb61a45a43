/**
 * The disclosure the system plays before any subscription (requirements §3, items 2, 3, 5):
 * built only from the campaign's product definition, as a list of ARI media — recorded
 * prompt segments plus Asterisk's own number/digit/character playback — so what the
 * customer hears is always the product's actual terms. Pure: no I/O.
 */
import type { AFTER_TRIAL, BILLING_PERIODS } from '../db/schema.js';

/** The product terms as a campaign defines them (all required before a campaign may start). */
export interface ProductTerms {
  productCode: string;
  productName: string;
  priceMinor: number;
  currency: string;
  billingPeriod: (typeof BILLING_PERIODS)[number];
  freeTrialDays: number;
  afterTrial: (typeof AFTER_TRIAL)[number] | null;
  cancelHow: string;
}

/** What was played, kept with the subscription as its terms snapshot. */
export interface TermsSnapshot extends ProductTerms {
  /** The media played, in order. */
  media: string[];
  /** The same terms in words, for reviewers. */
  text: string;
}

const P = 'sound:dialer/consent/';

/** Prompt media (recorded segments) used around the disclosure. */
export const CONSENT_PROMPTS = {
  identityQuestion: `${P}identity-question`,
  confirmQuestion: `${P}press-1-subscribe-2-decline`,
  invalidKey: `${P}invalid-key`,
  subscribed: `${P}subscribed`,
  declined: `${P}declined`,
  notVerified: `${P}not-verified`,
} as const;

const PERIOD_WORD: Record<ProductTerms['billingPeriod'], string> = {
  'one-off': 'once',
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
  yearly: 'year',
};

const CURRENCY_WORD: Record<string, string> = { CNY: 'yuan', USD: 'dollars', EUR: 'euros', HKD: 'hk-dollars' };

/** The price as number playback: whole units, then "point" and the two minor digits if any. */
function priceMedia(priceMinor: number, currency: string): string[] {
  const unit = CURRENCY_WORD[currency];
  if (!unit) throw new Error(`no disclosure prompts for currency ${currency}`);
  const whole = Math.floor(priceMinor / 100);
  const minor = priceMinor % 100;
  const out = [`number:${whole}`];
  if (minor) out.push(`${P}point`, `digits:${String(minor).padStart(2, '0')}`);
  return out;
}

function chargeMedia(t: ProductTerms): string[] {
  const unit = CURRENCY_WORD[t.currency] ?? t.currency.toLowerCase();
  const per = t.billingPeriod === 'one-off' ? `${P}${unit}-once` : `${P}${unit}-per-${PERIOD_WORD[t.billingPeriod]}`;
  return [...priceMedia(t.priceMinor, t.currency), per];
}

/**
 * How to cancel: "send XX to 12345" is spoken with character and digit playback; any other
 * wording needs the product's own recorded prompt `sound:dialer/products/<code>-cancel`.
 */
function cancelMedia(t: ProductTerms): string[] {
  const m = /^\s*send\s+([A-Za-z0-9]+)\s+to\s+(\d+)\s*$/i.exec(t.cancelHow);
  if (m) return [`${P}to-cancel-send`, `characters:${m[1]!.toUpperCase()}`, `${P}to`, `digits:${m[2]!}`];
  return [`${P}to-cancel`, `sound:dialer/products/${mediaName(t.productCode)}-cancel`];
}

function mediaName(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9_-]/g, '-');
}

/**
 * The full terms as media: product, price and period, free trial and what follows it,
 * how to cancel. Throws when the terms are incomplete (a campaign cannot start then).
 */
export function disclosurePlaylist(t: ProductTerms): TermsSnapshot {
  if (!Number.isInteger(t.priceMinor) || t.priceMinor < 0) throw new Error('price must be a whole number of minor units');
  if (t.freeTrialDays > 0 && !t.afterTrial) throw new Error('a free trial needs what happens after it');
  const media: string[] = [`${P}product-is`, `sound:dialer/products/${mediaName(t.productCode)}`, `characters:${t.productCode.toUpperCase()}`];
  const words: string[] = [`Product: ${t.productName} (${t.productCode}).`];
  const price = `${(t.priceMinor / 100).toFixed(t.priceMinor % 100 ? 2 : 0)} ${t.currency}`;
  const period = t.billingPeriod === 'one-off' ? 'once' : `per ${PERIOD_WORD[t.billingPeriod]}`;
  if (t.freeTrialDays > 0) {
    media.push(`${P}free-trial-for`, `number:${t.freeTrialDays}`, `${P}days`);
    if (t.afterTrial === 'converts-to-paid') {
      // Never "free, cancel any time": it is said plainly that charging starts by itself.
      media.push(`${P}after-trial-charged-automatically`, `${P}price-is`, ...chargeMedia(t));
      words.push(`Free for ${t.freeTrialDays} days, then charged automatically ${price} ${period} unless cancelled.`);
    } else {
      media.push(`${P}after-trial-ends`);
      words.push(`Free for ${t.freeTrialDays} days; it then ends by itself with no charge.`);
    }
  } else {
    media.push(`${P}price-is`, ...chargeMedia(t));
    words.push(`Price: ${price} ${period}, charged to your phone bill.`);
  }
  media.push(`${P}charged-to-phone-bill`, ...cancelMedia(t));
  words.push(`To cancel: ${t.cancelHow}.`);
  return { ...t, media, text: words.join(' ') };
}

/** The terms of a campaign row, or the reason they are incomplete. */
export function termsOfCampaign(c: {
  productCode: string | null;
  productName: string | null;
  productPriceMinor: number | null;
  productCurrency: string;
  productBillingPeriod: ProductTerms['billingPeriod'] | null;
  productFreeTrialDays: number;
  productAfterTrial: ProductTerms['afterTrial'];
  productCancelHow: string | null;
}): { ok: true; terms: ProductTerms } | { ok: false; reason: string } {
  if (!c.productCode || !c.productName || c.productPriceMinor === null || !c.productBillingPeriod || !c.productCancelHow) {
    return { ok: false, reason: 'the campaign has no complete product definition' };
  }
  return {
    ok: true,
    terms: {
      productCode: c.productCode,
      productName: c.productName,
      priceMinor: c.productPriceMinor,
      currency: c.productCurrency,
      billingPeriod: c.productBillingPeriod,
      freeTrialDays: c.productFreeTrialDays,
      afterTrial: c.productAfterTrial,
      cancelHow: c.productCancelHow,
    },
  };
}
