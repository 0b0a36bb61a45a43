/** What a subscription is and where it stands: its call, product and terms as played, status, message, commission. */
import { dateTime, money } from '../../shared/format.js';
import { hashLink } from '../hash-path.js';
import type { SubscriptionDetail } from '../types.js';
import { fatalKindName, followUpWords, StatusBadges, termsLine, termsOf } from './subscription-words.js';

export function SubscriptionFacts({ sub, agent, campaign }: { sub: SubscriptionDetail; agent: string; campaign: string }) {
  const terms = termsOf(sub);
  const { summary } = sub;
  return (
    <dl class="facts" data-testid="subscription-facts">
      <dt>Call</dt>
      <dd>
        <a href={hashLink('calls', sub.callId)} data-testid="subscription-call">
          {sub.callId}
        </a>
      </dd>
      <dt>Campaign</dt>
      <dd>{campaign}</dd>
      <dt>Agent</dt>
      <dd>{agent}</dd>
      <dt>Product</dt>
      <dd>
        {sub.productName} ({sub.productCode})
      </dd>
      <dt>Price and terms</dt>
      <dd>{termsLine(terms)}</dd>
      <dt>How to cancel</dt>
      <dd>{terms.cancelHow}</dd>
      <dt>Terms as played</dt>
      <dd data-testid="terms-text">{terms.text}</dd>
      <dt>Confirmed</dt>
      <dd>{dateTime(sub.confirmedAt)}</dd>
      <dt>Status</dt>
      <dd>
        <StatusBadges summary={summary} qaReversal={sub.qaReversal} />
        {summary.cancellation && (
          <div class="muted" data-testid="cancellation">
            Cancelled {dateTime(summary.cancellation.at)}: {summary.cancellation.reason}
            {summary.cancellation.afterConfirmation && ' (after the confirmation message)'}
          </div>
        )}
      </dd>
      <dt>Confirmation message</dt>
      <dd data-testid="follow-up">{followUpWords(summary.followUp)}</dd>
      <dt>Commission</dt>
      <dd data-testid="commission">
        {sub.commission.map((c) => (
          <div>
            {c.kind} {money(c.amountMinor, sub.currency)} <span class="muted">{dateTime(c.at)}</span>
          </div>
        ))}
        {sub.commission.length === 0 && <span class="muted">none</span>}
      </dd>
      {sub.qaReversal && (
        <>
          <dt>QA reversal</dt>
          <dd data-testid="qa-reversal">
            {sub.qaReversal.status === 'open' ? 'requested' : 'withdrawn'} {dateTime(sub.qaReversal.requestedAt)}: {sub.qaReversal.kinds.map(fatalKindName).join('; ')}
          </dd>
        </>
      )}
    </dl>
  );
}
