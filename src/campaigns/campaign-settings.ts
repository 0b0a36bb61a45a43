/**
 * A campaign's settings: the request schemas (zod, used at the HTTP boundary and by the store
 * for anything built in code), and the plain views the dialer reads from a campaign row —
 * its calling window and retry policy.
 */
import { z } from 'zod';
import type { campaigns } from '../db/schema.js';
import { AFTER_TRIAL, BILLING_PERIODS, CAMPAIGN_LANGUAGES, DIAL_MODES } from '../db/schema.js';
import { OpeningTemplateError, parseOpening } from '../voice/opening.js';
import { isLocalDate, isValidTimeZone, MAX_DATES_OFF, MAX_INTERVALS, parseHhMm, windowProblems, type CallingWindow } from './calling-window.js';
import { DEFAULT_RETRY_DELAYS_SEC, RETRY_OUTCOMES, type RetryDelays, type RetryOutcome, type RetryPolicy } from './retry-rules.js';
import { isKnownRegion } from './phone-number.js';
import { QUALIFICATION_CODE_PATTERN } from './eligibility.js';

export type CampaignRow = typeof campaigns.$inferSelect;

/** Compliance: a number must be let ring at least 15 s (FTC TSR 310.4(b)(1)(iv)'s "15 seconds or four rings"). */
export const MIN_RING_TIMEOUT_SEC = 15;
/** The abandon cap may be set lower than the compliance norm of 3%, never higher. */
export const MAX_ABANDON_CAP = 0.03;

const MediaUri = z.string().trim().regex(/^(sound|recording|tone|number|digits|characters):\S+$/, 'an ARI media URI such as sound:dialer/opening');
/** One ARI media URI or a comma-separated list of them (played in order). */
export const MediaList = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((v) => v.split(',').every((m) => MediaUri.safeParse(m.trim()).success), 'comma-separated ARI media URIs such as sound:dialer/opening');

/** An opening template: its fields must be known and its brackets balanced. */
const OpeningTemplate = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((v, ctx) => {
    try {
      parseOpening(v);
    } catch (err) {
      if (!(err instanceof OpeningTemplateError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message });
    }
  });

const HhMm = z.string().refine((v) => parseHhMm(v) !== null, 'a local time HH:MM, e.g. 09:00');
const MAX_DELAY_SEC = 30 * 86_400;
const Delay = z.number().int().min(0).max(MAX_DELAY_SEC).nullable();

/** Every setting a manager may give; all optional (a draft may be incomplete — starting it checks). */
export const CampaignSettingsSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    dialMode: z.enum(DIAL_MODES),
    callerId: z.string().trim().max(80),
    /** Recorded opening media; '' = speak openingText from the prompt pack. */
    openingMedia: z.union([z.literal(''), MediaList]),
    closingMedia: MediaList.nullable(),
    refusalClosingMedia: MediaList.nullable(),
    safeHarbourMedia: MediaList.nullable(),
    dialEndpointTemplate: z
      .string()
      .regex(/^[A-Za-z]+\/.*\{number\}/, 'a dial string containing {number}, e.g. PJSIP/{number}@carrier')
      .nullable(),
    /** ISO 3166 region for list numbers written without a country code. */
    defaultRegion: z
      .string()
      .transform((r) => r.toUpperCase())
      .refine(isKnownRegion, 'an ISO 3166 region code such as CN'),
    productCode: z.string().trim().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (up to 64)').nullable(),
    productName: z.string().trim().min(1).max(200).nullable(),
    productPriceMinor: z.number().int().min(0).max(1_000_000_000).nullable(),
    productCurrency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'),
    productBillingPeriod: z.enum(BILLING_PERIODS).nullable(),
    productFreeTrialDays: z.number().int().min(0).max(366),
    productAfterTrial: z.enum(AFTER_TRIAL).nullable(),
    productCancelHow: z.string().trim().min(1).max(500).nullable(),
    windowDays: z.array(z.number().int().min(1).max(7)).max(7).refine((d) => new Set(d).size === d.length, 'each day once'),
    windowStart: HhMm,
    windowEnd: HhMm,
    /** Several intervals a day, earliest first; null = the one windowStart–windowEnd. */
    windowIntervals: z.array(z.object({ start: HhMm, end: HhMm }).strict()).min(1).max(MAX_INTERVALS).nullable(),
    /** Holidays: local dates nobody is called on. */
    windowDatesOff: z
      .array(z.string().refine(isLocalDate, 'a date YYYY-MM-DD, e.g. 2025-10-01'))
      .max(MAX_DATES_OFF)
      .transform((d) => [...new Set(d)].sort()),
    timeZone: z.string().refine(isValidTimeZone, 'an IANA time zone such as Asia/Shanghai'),
    ringTimeoutSec: z.number().int().min(MIN_RING_TIMEOUT_SEC, `at least ${MIN_RING_TIMEOUT_SEC} s (compliance)`).max(120),
    maxAttempts: z.number().int().min(1).max(20),
    /** Per outcome; outcomes left out keep their current (or default) delay. */
    retryDelaysSec: z.object(Object.fromEntries(RETRY_OUTCOMES.map((o) => [o, Delay.optional()])) as Record<RetryOutcome, z.ZodOptional<typeof Delay>>).strict(),
    abandonCap: z.number().gt(0).max(MAX_ABANDON_CAP, `at most ${MAX_ABANDON_CAP} (3%, the compliance norm)`),
    /** Logged refusals after which the offer is locked on a call (requirements §3: three). */
    refusalLimit: z.number().int().min(1).max(10),
    openingText: OpeningTemplate,
    /** The language prompts are played in. */
    language: z.enum(CAMPAIGN_LANGUAGES),
    /** The company named in the opening ({公司}). */
    companyName: z.string().trim().max(100),
    scriptText: z.string().max(20_000),
    /** Wrap-up after each call, seconds; null = the service's default. */
    wrapUpSec: z.number().int().min(0).max(600).nullable(),
    /** A talked call needs its disposition before the agent's next call; null = the service's default. */
    dispositionRequired: z.boolean().nullable(),
    /** Only agents holding this qualification take the calls; null = none needed. */
    requiredQualification: z.string().trim().regex(QUALIFICATION_CODE_PATTERN, 'letters, digits, _ . - (up to 40), e.g. VP15-trained').nullable(),
  })
  .partial()
  .strict();

export type CampaignSettingsInput = z.output<typeof CampaignSettingsSchema>;

/** POST /api/campaigns: a name, anything else optional. */
export const CreateCampaignSchema = CampaignSettingsSchema.required({ name: true });
export type CreateCampaignInput = z.output<typeof CreateCampaignSchema>;

/** POST /api/campaigns/:id/clone. */
export const CloneCampaignSchema = z.object({ name: z.string().trim().min(1).max(200).optional() }).strict();

type WindowColumns = Pick<CampaignRow, 'windowDays' | 'windowStart' | 'windowEnd' | 'timeZone'> & Partial<Pick<CampaignRow, 'windowIntervals' | 'windowDatesOff'>>;

/** The window of a campaign row. */
export function windowOf(c: WindowColumns): CallingWindow {
  return {
    days: c.windowDays,
    start: c.windowStart,
    end: c.windowEnd,
    ...(c.windowIntervals?.length ? { intervals: c.windowIntervals } : {}),
    ...(c.windowDatesOff?.length ? { datesOff: c.windowDatesOff } : {}),
    timeZone: c.timeZone,
  };
}

/**
 * Intervals given: windowStart/windowEnd become the first start and the last end, so anything
 * that reads only those still shows the day's span. Only a start or end given: the window is
 * that one interval again.
 */
export function withIntervalSpan<T extends { windowIntervals?: Array<{ start: string; end: string }> | null; windowStart?: string; windowEnd?: string }>(settings: T): T {
  const list = settings.windowIntervals;
  if (list === undefined && (settings.windowStart !== undefined || settings.windowEnd !== undefined)) return { ...settings, windowIntervals: null };
  if (!list?.length) return settings;
  return { ...settings, windowStart: list[0]!.start, windowEnd: list[list.length - 1]!.end };
}

/** The retry policy of a campaign row (missing outcomes take the defaults). */
export function retryPolicyOf(c: Pick<CampaignRow, 'maxAttempts' | 'retryDelaysSec'>): RetryPolicy {
  return { maxAttempts: c.maxAttempts, delaysSec: mergeDelays(DEFAULT_RETRY_DELAYS_SEC, c.retryDelaysSec) };
}

/** `base` with the outcomes `patch` names replaced (unknown keys ignored). */
export function mergeDelays(base: RetryDelays, patch: Partial<Record<string, number | null | undefined>> | undefined): RetryDelays {
  const out: Record<string, number | null> = { ...base };
  for (const o of RETRY_OUTCOMES) {
    const v = patch?.[o];
    if (v !== undefined) out[o] = v;
  }
  return out as RetryDelays;
}

/**
 * Problems with settings taken together (one field alone cannot see them); empty when fine:
 * the calling window's intervals (in order, apart, inside the legal 08:00–21:00).
 */
export function crossFieldProblems(c: WindowColumns): string[] {
  const start = parseHhMm(c.windowStart);
  const end = parseHhMm(c.windowEnd);
  if (!c.windowIntervals?.length && start !== null && end !== null && end <= start) {
    return [`window ${c.windowStart}–${c.windowEnd}: the end must come after the start on the same day (windows do not cross midnight; the compliance hours end at 21:00 anyway)`];
  }
  // The zone and days have their own field checks; what is left is the hours.
  return windowProblems({ ...windowOf(c), days: [1], timeZone: 'UTC' });
}
