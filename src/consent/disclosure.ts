/**
 * The disclosure the system plays before any subscription (requirements §3, items 2, 3, 5):
 * built only from the campaign's product definition, in the campaign's language, from the
 * prompt pack's own sentences and numbers (元 角 分, 天, digits) — never Asterisk's English
 * `number:` — so what the customer hears is always the product's actual terms. The words
 * played come out with the media, and are what the agent reads and the evidence keeps.
 * Pure: no I/O.
 */
import type { AFTER_TRIAL, BILLING_PERIODS } from '../db/schema.js';
import { spokenCharacters, spokenDigits, spokenNumber, spokenYuan, type VoiceLanguage } from '../voice/spoken-numbers.js';
import { promptMedia } from '../voice/text-prompts.js';
import { Utterance } from '../voice/utterance.js';

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
  /** The language the terms were spoken in. */
  language: VoiceLanguage;
  /** The media played, in order. */
  media: string[];
  /** The words played, exactly (pack sentences, numbers in words, the product's own names). */
  text: string;
  /** Prompts of this disclosure that are not the pack's (product name, cancel wording): name → words. */
  ownPrompts: Record<string, string>;
  /** sha256 of the audio played (the prompts' audio data in play order), set when it is played. */
  audioSha256?: string;
  /** Each prompt played with the sha256 of its file, set when it is played. */
  prompts?: Array<{ media: string; sha256: string }>;
}

/** Prompt media used around the disclosure (same names in every language). */
export const CONSENT_PROMPTS = {
  identityQuestion: promptMedia('consent-identity-question'),
  confirmQuestion: promptMedia('consent-press-1-subscribe-2-decline'),
  invalidKey: promptMedia('consent-invalid-key'),
  subscribed: promptMedia('consent-subscribed'),
  declined: promptMedia('consent-declined'),
  notVerified: promptMedia('consent-not-verified'),
} as const;

const PERIOD_PROMPT: Record<ProductTerms['billingPeriod'], string> = {
  'one-off': 'period-once',
  daily: 'period-daily',
  weekly: 'period-weekly',
  monthly: 'period-monthly',
  quarterly: 'period-quarterly',
  yearly: 'period-yearly',
};

/** "资费为每月十五元" / "The price is fifteen yuan per month". */
function sayPrice(u: Utterance, t: ProductTerms): void {
  if (t.currency !== 'CNY') throw new Error(`the prompt pack speaks prices in CNY only, not ${t.currency}`);
  u.pack('consent-price-is');
  if (u.lang === 'zh') u.pack(PERIOD_PROMPT[t.billingPeriod], ...spokenYuan(t.priceMinor, 'zh'));
  else u.pack(...spokenYuan(t.priceMinor, 'en'), PERIOD_PROMPT[t.billingPeriod]);
  u.mark('.');
}

/**
 * How to cancel: "send TD to 10086" / 「发送TD到10086」 is spoken with the pack's letters and
 * digits; any other wording plays as the text's own prompt.
 */
function sayCancel(u: Utterance, t: ProductTerms): void {
  const m = /^\s*(?:send|text|发送)\s*([A-Za-z0-9]+)\s*(?:to|到|至)\s*(\d+)\s*$/i.exec(t.cancelHow);
  if (m) {
    u.pack('consent-to-cancel-send', ...spokenCharacters(m[1]!, u.lang), 'consent-to', ...spokenDigits(m[2]!, u.lang)).mark('.');
  } else {
    u.pack('consent-to-cancel').mark(',').say(t.cancelHow).mark('.');
  }
}

/**
 * The full terms in `lang`: product, price and period, free trial and what follows it,
 * charging, how to cancel. Throws when the terms cannot be spoken (a campaign cannot start then).
 */
export function disclosurePlaylist(t: ProductTerms, lang: VoiceLanguage = 'zh'): TermsSnapshot {
  if (!Number.isInteger(t.priceMinor) || t.priceMinor < 0) throw new Error('price must be a whole number of minor units');
  if (t.freeTrialDays > 0 && !t.afterTrial) throw new Error('a free trial needs what happens after it');
  const u = new Utterance(lang);
  u.pack('consent-product-is').say(t.productName).mark(',');
  u.pack('consent-product-code', ...spokenCharacters(t.productCode, lang)).mark('.');
  if (t.freeTrialDays > 0) {
    u.pack('consent-free-trial-for', ...spokenNumber(t.freeTrialDays, lang), 'unit-days').mark('.');
    // Never "free, cancel any time": it is said plainly that charging starts by itself.
    if (t.afterTrial === 'converts-to-paid') u.pack('consent-after-trial-charged');
    else u.pack('consent-after-trial-ends');
  }
  if (t.freeTrialDays === 0 || t.afterTrial === 'converts-to-paid') sayPrice(u, t);
  u.pack('consent-charged-to-phone-bill');
  sayCancel(u, t);
  return { ...t, language: lang, media: u.media, text: u.text(), ownPrompts: Object.fromEntries(u.ownPrompts) };
}

/** The product columns of a campaign row. */
export interface CampaignProductFields {
  productCode: string | null;
  productName: string | null;
  productPriceMinor: number | null;
  productCurrency: string;
  productBillingPeriod: ProductTerms['billingPeriod'] | null;
  productFreeTrialDays: number;
  productAfterTrial: ProductTerms['afterTrial'];
  productCancelHow: string | null;
}

/** The terms of a campaign row, or the reason they are incomplete. */
export function termsOfCampaign(c: CampaignProductFields): { ok: true; terms: ProductTerms } | { ok: false; reason: string } {
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
