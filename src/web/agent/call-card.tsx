/**
 * The call card: who the customer is (their full number only while the agent is on the
 * call), the product's terms as the system will disclose them, and the campaign's opening
 * and script, shown as written (Chinese).
 */
import { Fragment } from 'preact';
import { money, time } from '../shared/format.js';
import { Card } from '../shared/ui.js';
import type { AgentCallCard } from './agent-api.js';
import { AFTER_TRIAL_WORDS, BILLING_PERIOD_WORDS } from './terms-words.js';


export function CallCard({ card }: { card: AgentCallCard }) {
  const p = card.campaign.product;
  const fields = Object.entries(card.contact.fields);
  return (
    <Card
      testId="call-card"
      title={
        <>
          {card.live ? 'Live call' : 'Last call'} · {card.campaign.name}
        </>
      }
      actions={<span class={`badge ${card.live ? 'ok' : ''}`}>{card.live ? `answered ${time(card.answeredAt)}` : card.outcome ? `ended · ${card.outcome}` : 'ended'}</span>}
    >
      <div class="customer">
        <div class="customer-phone" data-testid="customer-phone">
          {card.phone}
        </div>
        {!card.live && <div class="muted">The number is shown in full only while you are on the call.</div>}
        {fields.length > 0 && (
          <dl class="kv" data-testid="customer-fields">
            {fields.map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </Fragment>
            ))}
          </dl>
        )}
      </div>

      <h3>Product</h3>
      <dl class="kv" data-testid="product-terms">
        <dt>Product</dt>
        <dd>
          {p.name ?? '–'} {p.code && <span class="muted">({p.code})</span>}
        </dd>
        <dt>Price</dt>
        <dd>
          {money(p.priceMinor, p.currency)} {p.billingPeriod ? BILLING_PERIOD_WORDS[p.billingPeriod] : ''}
        </dd>
        <dt>Free trial</dt>
        <dd>{p.freeTrialDays > 0 ? `${p.freeTrialDays} days, then ${p.afterTrial ? AFTER_TRIAL_WORDS[p.afterTrial] : '–'}` : 'none'}</dd>
        <dt>How to cancel</dt>
        <dd>{p.cancelHow ?? '–'}</dd>
      </dl>
      {p.termsText && <p class="muted terms-text">The system discloses: {p.termsText}</p>}

      <h3>Opening 开头语</h3>
      <p class="script opening" data-testid="opening-text" lang="zh-CN">
        {card.campaign.openingText}
      </p>
      <h3>Script 话术</h3>
      <p class="script" data-testid="script-text" lang="zh-CN">
        {card.campaign.scriptText}
      </p>
    </Card>
  );
}
