/**
 * The six kinds of fraudulent order (诈单, requirements §3). Finding any one in a call is a
 * fatal error: the score is 0 and the call's subscription is flagged for reversal.
 */

/** One kind of fraudulent order. */
export interface FatalKind {
  code: FatalKindCode;
  nameZh: string;
  nameEn: string;
}

export const FATAL_KIND_CODES = [
  'no-final-consent',
  'product-mismatch',
  'misleading-wording',
  'pressure-after-refusal',
  'terms-not-stated',
  'identity-not-confirmed',
] as const;

export type FatalKindCode = (typeof FATAL_KIND_CODES)[number];

/** In the order of requirements §3. */
export const FATAL_KINDS: readonly FatalKind[] = Object.freeze([
  { code: 'no-final-consent', nameZh: '未经客户最终同意即办理业务', nameEn: 'Activated without the customer’s final permission' },
  { code: 'product-mismatch', nameZh: '办理的业务与介绍的产品不符', nameEn: 'Activated product differs from the one offered' },
  {
    code: 'misleading-wording',
    nameZh: '含糊或误导性表述(如“免费试用、随时取消”而实际收费)',
    nameEn: 'Vague or misleading wording (e.g. “free, cancel any time” when it is not)',
  },
  {
    code: 'pressure-after-refusal',
    nameZh: '客户明确拒绝(如三次)后仍强行推销',
    nameEn: 'Kept pitching after clear refusals (e.g. three times) until the customer gave in',
  },
  {
    code: 'terms-not-stated',
    nameZh: '资费、计费周期、扣费方式未完整清楚告知',
    nameEn: 'Price, billing period and way of charging not stated fully and plainly',
  },
  {
    code: 'identity-not-confirmed',
    nameZh: '未核实机主身份或换人后未再确认',
    nameEn: 'Identity not confirmed, or a new person on the line not re-confirmed',
  },
]);
