/**
 * How a subscription reads in the console: its terms in one line, its state as badges, its
 * follow-up message in words, and the fraud kinds QA names. Records over the server's own
 * unions, so a new state cannot be left without words.
 */
import { FATAL_KINDS } from '../../../qa/scoring/fatal.js';
import { dateTime, money } from '../../shared/format.js';
import type { FollowUpState, QaReversalView, SubscriptionSummary, TermsSnapshot } from '../types.js';
import { AFTER_TRIAL_LABELS, BILLING_PERIOD_LABELS } from '../types.js';

/** The terms snapshot kept with a subscription (stored as JSON: typed here once). */
export function termsOf(s: { terms: Record<string, unknown> }): TermsSnapshot {
  return s.terms as unknown as TermsSnapshot;
}

/** "¥15.00 monthly", with the free trial and what follows it when there is one. */
export function termsLine(t: TermsSnapshot): string {
  const price = `${money(t.priceMinor, t.currency)} ${BILLING_PERIOD_LABELS[t.billingPeriod]}`;
  if (!t.freeTrialDays) return price;
  return `${t.freeTrialDays}-day free trial, then ${t.afterTrial ? AFTER_TRIAL_LABELS[t.afterTrial] : 'charged'}: ${price}`;
}

const FOLLOW_UP_WORDS: Record<FollowUpState, (f: SubscriptionSummary['followUp']) => string> = {
  'not-scheduled': () => 'not scheduled',
  scheduled: (f) => `due ${dateTime(f.dueAt)}`,
  sending: () => 'being sent',
  failed: (f) => `delivery failed (${f.attempts} attempt${f.attempts === 1 ? '' : 's'}${f.lastError ? `: ${f.lastError}` : ''}); retrying`,
  sent: (f) => `sent ${dateTime(f.sentAt)}`,
  'not-sent-cancelled': () => 'not sent: cancelled first',
};

/** The next-day confirmation message (requirements §3), in words. */
export function followUpWords(f: SubscriptionSummary['followUp']): string {
  return FOLLOW_UP_WORDS[f.state](f);
}

/** A fraudulent-order kind's English name (the code itself for one this console does not know). */
export function fatalKindName(code: string): string {
  return FATAL_KINDS.find((k) => k.code === code)?.nameEn ?? code;
}

/** Active or cancelled, the commission reversed, and QA's open request to reverse the sale. */
export function StatusBadges({ summary, qaReversal }: { summary: SubscriptionSummary; qaReversal: QaReversalView | null }) {
  return (
    <span class="badges" data-testid="subscription-status">
      {summary.status === 'active' ? <span class="badge ok">active</span> : <span class="badge bad">cancelled</span>}
      {summary.commission.reversedMinor < 0 && <span class="badge warn">commission reversed</span>}
      {qaReversal?.status === 'open' && (
        <span class="badge bad" title={qaReversal.kinds.map(fatalKindName).join('; ')}>
          QA: reverse
        </span>
      )}
    </span>
  );
}
