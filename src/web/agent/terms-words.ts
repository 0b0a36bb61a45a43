/** Product terms in the console's words (the user's language). */
import { t } from '../i18n/i18n.js';
import { listWord } from '../shared/words.js';

/** '¥30.00 per month': the billing period after the price ('' for none). */
export function billingWord(period: string | null | undefined): string {
  return period ? listWord('billingPeriod', period) : '';
}

/** The free trial in words: its days and what happens after it, or none. */
export function trialWords(days: number, afterTrial: string | null | undefined): string {
  if (days <= 0) return t('common.none');
  return t('agent.product.trialDays', { count: days, after: afterTrial ? listWord('afterTrial', afterTrial) : '–' });
}
