/**
 * How a subscription reads in the console: its terms in one line, its state as badges, its
 * follow-up message in words, and the fraud kinds QA names. Records over the server's own
 * unions, so a new state cannot be left without words.
 */
import { FATAL_KINDS } from '../../../qa/scoring/fatal.js';
import { dateTime, money } from '../../shared/format.js';
import type { FollowUpState, QaReversalView, SubscriptionSummary, TermsSnapshot } from '../types.js';
import { bilingual } from '../../shared/words.js';
import { t } from '../../i18n/i18n.js';

/** The terms snapshot kept with a subscription (stored as JSON: typed here once). */
export function termsOf(s: { terms: Record<string, unknown> }): TermsSnapshot {
  return s.terms as unknown as TermsSnapshot;
}

/** "¥15.00 monthly", with the free trial and what follows it when there is one. */
export function termsLine(terms: TermsSnapshot): string {
  const price = `${money(terms.priceMinor, terms.currency)} ${t(`billingPeriodName.${terms.billingPeriod}`)}`;
  if (!terms.freeTrialDays) return price;
  return t('subs.trialLine', { count: terms.freeTrialDays, after: terms.afterTrial ? t(`afterTrialName.${terms.afterTrial}`) : t('subs.charged'), price });
}

const FOLLOW_UP_WORDS: Record<FollowUpState, (f: SubscriptionSummary['followUp']) => string> = {
  'not-scheduled': () => t('followUp.not-scheduled'),
  scheduled: (f) => t('followUp.scheduled', { at: dateTime(f.dueAt) }),
  sending: () => t('followUp.sending'),
  failed: (f) => t('followUp.failed', { count: f.attempts }),
  sent: (f) => t('followUp.sent', { at: dateTime(f.sentAt) }),
  'not-sent-cancelled': () => t('followUp.not-sent-cancelled'),
};

/** The next-day confirmation message (requirements §3), in words. */
export function followUpWords(f: SubscriptionSummary['followUp']): string {
  return FOLLOW_UP_WORDS[f.state](f);
}

/** A fraudulent-order (诈单) kind's name in the user's language (the code itself for one this console does not know). */
export function fatalKindName(code: string): string {
  const kind = FATAL_KINDS.find((k) => k.code === code);
  return kind ? bilingual(kind.nameEn, kind.nameZh) : code;
}

/** Active or cancelled, the commission reversed, and QA's open request to reverse the sale. */
export function StatusBadges({ summary, qaReversal }: { summary: SubscriptionSummary; qaReversal: QaReversalView | null }) {
  return (
    <span class="badges" data-testid="subscription-status">
      {summary.status === 'active' ? <span class="badge ok">{t('subs.active')}</span> : <span class="badge bad">{t('subs.cancelled')}</span>}
      {summary.commission.reversedMinor < 0 && <span class="badge warn">{t('subs.commissionReversed')}</span>}
      {qaReversal?.status === 'open' && (
        <span class="badge bad" title={qaReversal.kinds.map(fatalKindName).join('; ')}>
          {t('subs.qaReverse')}
        </span>
      )}
    </span>
  );
}

/** Why a subscription cannot be cancelled (the rules of subscription-summary.ts), in words and the centre's time; null when it can. */
export function cancelRefusalText(summary: SubscriptionSummary): string | null {
  if (summary.cancelRefusal === null) return null;
  if (summary.status === 'cancelled') return t('subs.refusal.cancelled');
  return t('subs.refusal.coolingOff', { at: dateTime(summary.cancellableUntil) });
}
