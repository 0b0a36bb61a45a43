/** What a subscription is and where it stands: its call, product and terms as played, status, message, commission. */
import { dateTime, money } from '../../shared/format.js';
import { hashLink } from '../hash-path.js';
import type { SubscriptionDetail } from '../types.js';
import { fatalKindName, followUpWords, StatusBadges, termsLine, termsOf } from './subscription-words.js';
import { t } from '../../i18n/i18n.js';

export function SubscriptionFacts({ sub, agent, campaign }: { sub: SubscriptionDetail; agent: string; campaign: string }) {
  const terms = termsOf(sub);
  const { summary } = sub;
  return (
    <dl class="facts" data-testid="subscription-facts">
      <dt>{t('agent.call.title')}</dt>
      <dd>
        <a href={hashLink('calls', sub.callId)} data-testid="subscription-call">
          {sub.callId}
        </a>
      </dd>
      <dt>{t('agent.preview.campaign')}</dt>
      <dd>{campaign}</dd>
      <dt>{t('dashboard.col.agent')}</dt>
      <dd>{agent}</dd>
      <dt>{t('agent.product.name')}</dt>
      <dd>
        {sub.productName} ({sub.productCode})
      </dd>
      <dt>{t('subs.col.terms')}</dt>
      <dd>{termsLine(terms)}</dd>
      <dt>{t('agent.product.cancelHow')}</dt>
      <dd>{terms.cancelHow}</dd>
      <dt>{t('subs.termsPlayed')}</dt>
      <dd data-testid="terms-text">{terms.text}</dd>
      <dt>{t('subs.col.confirmed')}</dt>
      <dd>{dateTime(sub.confirmedAt)}</dd>
      <dt>{t('campaigns.col.status')}</dt>
      <dd>
        <StatusBadges summary={summary} qaReversal={sub.qaReversal} />
        {summary.cancellation && (
          <div class="muted" data-testid="cancellation">
            {t('subs.cancelledAt', { at: dateTime(summary.cancellation.at) })}{summary.cancellation.reason}
            {summary.cancellation.afterConfirmation && t('subs.afterConfirmation')}
          </div>
        )}
      </dd>
      <dt>{t('subs.col.message')}</dt>
      <dd data-testid="follow-up">{followUpWords(summary.followUp)}</dd>
      <dt>{t('figures.commission')}</dt>
      <dd data-testid="commission">
        {sub.commission.map((c) => (
          <div>
            {t(`commission.${c.kind}`)} {money(c.amountMinor, sub.currency)} <span class="muted">{dateTime(c.at)}</span>
          </div>
        ))}
        {sub.commission.length === 0 && <span class="muted">{t('common.none')}</span>}
      </dd>
      {sub.qaReversal && (
        <>
          <dt>{t('subs.qaReversal')}</dt>
          <dd data-testid="qa-reversal">
            {t(`reversalStatus.${sub.qaReversal.status}`)} {dateTime(sub.qaReversal.requestedAt)}:{sub.qaReversal.kinds.map(fatalKindName).join(t('common.listSeparator'))}
          </dd>
        </>
      )}
    </dl>
  );
}
