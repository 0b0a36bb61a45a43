/**
 * The campaign form's model, pure: a campaign's settings as the strings the inputs hold,
 * and back to the PATCH body — only the settings that changed, so a save never rewrites
 * what the manager did not touch. Blank means "none" for the settings that may be none.
 * Money is shown in yuan (stored in fen), delays in minutes, the abandon cap in percent.
 */
import { RETRY_OUTCOMES, type RetryOutcome } from '../../../campaigns/retry-rules.js';
import type { z } from 'zod';
import type { CampaignSettingsSchema } from '../../../campaigns/campaign-settings.js';
import type { AfterTrial, BillingPeriod, CampaignView, DialMode } from '../types.js';
import { t } from '../../i18n/i18n.js';

/** A PATCH /api/campaigns/:id body, as the API's schema takes it. */
export type CampaignSettingsBody = z.input<typeof CampaignSettingsSchema>;

export interface CampaignForm {
  name: string;
  dialMode: DialMode;
  callerId: string;
  defaultRegion: string;
  dialEndpointTemplate: string;
  productCode: string;
  productName: string;
  /** Yuan, e.g. "15.00". */
  productPrice: string;
  productCurrency: string;
  productBillingPeriod: BillingPeriod | '';
  productFreeTrialDays: string;
  productAfterTrial: AfterTrial | '';
  productCancelHow: string;
  windowDays: number[];
  /** The day's intervals, e.g. "09:00–12:00, 13:30–18:00". */
  windowHours: string;
  /** Holidays, dates YYYY-MM-DD separated by commas, spaces or lines. */
  windowDatesOff: string;
  timeZone: string;
  ringTimeoutSec: string;
  maxAttempts: string;
  /** Minutes per outcome; blank = not retried. */
  retryDelaysMin: Record<RetryOutcome, string>;
  /** Percent, e.g. "3". */
  abandonCapPct: string;
  refusalLimit: string;
  /** Seconds; blank = the service's default (15 s). */
  wrapUpSec: string;
  /** '' = the service's default. */
  dispositionRequired: '' | 'yes' | 'no';
  /** Blank = no qualification needed. */
  requiredQualification: string;
  openingMedia: string;
  closingMedia: string;
  refusalClosingMedia: string;
  safeHarbourMedia: string;
  openingText: string;
  scriptText: string;
  language: 'zh' | 'en';
  companyName: string;
}

/** A setting the form cannot turn into a value, with the words to show. */
export class FormProblem extends Error {}

const text = (v: string | null | undefined): string => v ?? '';
const trimmed = (v: number): string => String(Math.round(v * 1000) / 1000);

/** The form showing a campaign's settings. */
export function formOf(c: CampaignView): CampaignForm {
  const delays = Object.fromEntries(
    RETRY_OUTCOMES.map((o) => {
      const sec = c.retryDelaysSec[o];
      return [o, sec === null || sec === undefined ? '' : trimmed(sec / 60)];
    }),
  ) as Record<RetryOutcome, string>;
  return {
    name: c.name,
    dialMode: c.dialMode,
    callerId: c.callerId,
    defaultRegion: c.defaultRegion,
    dialEndpointTemplate: text(c.dialEndpointTemplate),
    productCode: text(c.productCode),
    productName: text(c.productName),
    productPrice: c.productPriceMinor === null ? '' : (c.productPriceMinor / 100).toFixed(2),
    productCurrency: c.productCurrency,
    productBillingPeriod: c.productBillingPeriod ?? '',
    productFreeTrialDays: String(c.productFreeTrialDays),
    productAfterTrial: c.productAfterTrial ?? '',
    productCancelHow: text(c.productCancelHow),
    windowDays: [...c.windowDays].sort(),
    windowHours: (c.windowIntervals?.length ? c.windowIntervals : [{ start: c.windowStart, end: c.windowEnd }]).map((i) => `${i.start}–${i.end}`).join(', '),
    windowDatesOff: c.windowDatesOff.join(', '),
    timeZone: c.timeZone,
    ringTimeoutSec: String(c.ringTimeoutSec),
    maxAttempts: String(c.maxAttempts),
    retryDelaysMin: delays,
    abandonCapPct: trimmed(c.abandonCap * 100),
    refusalLimit: String(c.refusalLimit),
    wrapUpSec: c.wrapUpSec === null ? '' : String(c.wrapUpSec),
    dispositionRequired: c.dispositionRequired === null ? '' : c.dispositionRequired ? 'yes' : 'no',
    requiredQualification: text(c.requiredQualification),
    openingMedia: c.openingMedia,
    closingMedia: text(c.closingMedia),
    refusalClosingMedia: text(c.refusalClosingMedia),
    safeHarbourMedia: text(c.safeHarbourMedia),
    openingText: c.openingText,
    scriptText: c.scriptText,
    language: c.language,
    companyName: c.companyName,
  };
}

function wholeNumber(label: string, v: string): number {
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isInteger(n)) throw new FormProblem(t('form.wholeNumber', { field: label }));
  return n;
}

function decimal(label: string, v: string): number {
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) throw new FormProblem(t('form.number', { field: label }));
  return n;
}

/** "09:00–12:00, 13:30–18:00" as intervals (any dash, commas or semicolons between). @throws FormProblem */
export function intervalsOf(hours: string): Array<{ start: string; end: string }> {
  const parts = hours.split(/[,;，、]/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new FormProblem(t('floor.campaign.windowHoursEmpty'));
  return parts.map((p) => {
    const m = /^(\d{1,2}:\d{2})\s*[-–—~至到]\s*(\d{1,2}:\d{2})$/.exec(p);
    if (!m) throw new FormProblem(t('floor.campaign.windowHoursBad', { part: p }));
    const pad = (t: string) => t.padStart(5, '0');
    return { start: pad(m[1]!), end: pad(m[2]!) };
  });
}

const orNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/** Every setting of the form as the API takes it. @throws FormProblem */
function settingsOf(f: CampaignForm): CampaignSettingsBody {
  const retryDelaysSec = Object.fromEntries(
    RETRY_OUTCOMES.map((o) => {
      const v = f.retryDelaysMin[o];
      return [o, v.trim() === '' ? null : Math.round(decimal(t('campaign.retryAfter', { outcome: t(`outcome.${o}`) }), v) * 60)];
    }),
  ) as Record<RetryOutcome, number | null>;
  return {
    name: f.name,
    dialMode: f.dialMode,
    callerId: f.callerId,
    defaultRegion: f.defaultRegion,
    dialEndpointTemplate: orNull(f.dialEndpointTemplate),
    productCode: orNull(f.productCode),
    productName: orNull(f.productName),
    productPriceMinor: f.productPrice.trim() === '' ? null : Math.round(decimal(t('field.productPriceMinor'), f.productPrice) * 100),
    productCurrency: f.productCurrency.trim().toUpperCase(),
    productBillingPeriod: f.productBillingPeriod === '' ? null : f.productBillingPeriod,
    productFreeTrialDays: wholeNumber(t('field.productFreeTrialDays'), f.productFreeTrialDays),
    productAfterTrial: f.productAfterTrial === '' ? null : f.productAfterTrial,
    productCancelHow: orNull(f.productCancelHow),
    windowDays: [...f.windowDays].sort(),
    windowIntervals: intervalsOf(f.windowHours),
    windowDatesOff: f.windowDatesOff.split(/[\s,;，、]+/).filter(Boolean).sort(),
    timeZone: f.timeZone.trim(),
    ringTimeoutSec: wholeNumber(t('field.ringTimeoutSec'), f.ringTimeoutSec),
    maxAttempts: wholeNumber(t('field.maxAttempts'), f.maxAttempts),
    retryDelaysSec,
    abandonCap: Math.round(decimal(t('field.abandonCap'), f.abandonCapPct) * 1000) / 100_000,
    refusalLimit: wholeNumber(t('field.refusalLimit'), f.refusalLimit),
    wrapUpSec: f.wrapUpSec.trim() === '' ? null : wholeNumber(t('field.wrapUpSec'), f.wrapUpSec),
    dispositionRequired: f.dispositionRequired === '' ? null : f.dispositionRequired === 'yes',
    requiredQualification: orNull(f.requiredQualification),
    openingMedia: f.openingMedia.trim(),
    closingMedia: orNull(f.closingMedia),
    refusalClosingMedia: orNull(f.refusalClosingMedia),
    safeHarbourMedia: orNull(f.safeHarbourMedia),
    openingText: f.openingText,
    scriptText: f.scriptText,
    language: f.language,
    companyName: f.companyName.trim(),
  };
}

/**
 * The PATCH body: the settings of `form` that differ from `saved` (empty when nothing
 * changed). @throws FormProblem for a value the form cannot read.
 */
export function patchOf(form: CampaignForm, saved: CampaignView): Partial<CampaignSettingsBody> {
  const next = settingsOf(form);
  // What the saved campaign reads as through the same conversions, so untouched settings compare equal.
  const before = settingsOf(formOf(saved));
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify((before as Record<string, unknown>)[key])) patch[key] = value;
  }
  return patch as Partial<CampaignSettingsBody>;
}
