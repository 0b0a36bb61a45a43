/**
 * The call card: who the customer is (their full number only while the agent is on the
 * call), the product's terms as the system will disclose them, and the campaign's opening
 * and script, shown as written (Chinese).
 */
import { Fragment } from 'preact';
import { money, time } from '../shared/format.js';
import { Card } from '../shared/ui.js';
import type { AgentCallCard } from './agent-api.js';
import { billingWord, trialWords } from './terms-words.js';
import { listWord } from '../shared/words.js';
import { t } from '../i18n/i18n.js';


export function CallCard({ card }: { card: AgentCallCard }) {
  const p = card.campaign.product;
  const fields = Object.entries(card.contact.fields);
  return (
    <Card
      testId="call-card"
      title={
        <>
          {card.live ? t('agent.call.live') : t('agent.call.last')} · {card.campaign.name}
        </>
      }
      actions={<span class={`badge ${card.live ? 'ok' : ''}`}>{card.live ? t('agent.call.answeredAt', { time: time(card.answeredAt) }) : card.outcome ? t('agent.call.endedWith', { outcome: listWord('outcome', card.outcome) }) : t('agent.call.ended')}</span>}
    >
      <div class="customer">
        <div class="customer-phone" data-testid="customer-phone">
          {card.phone}
        </div>
        {!card.live && <div class="muted">{t('agent.call.numberMasked')}</div>}
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

      <h3>{t('agent.product.title')}</h3>
      <dl class="kv" data-testid="product-terms">
        <dt>{t('agent.product.name')}</dt>
        <dd>
          {p.name ?? '–'} {p.code && <span class="muted">({p.code})</span>}
        </dd>
        <dt>{t('agent.product.price')}</dt>
        <dd>
          {money(p.priceMinor, p.currency)} {billingWord(p.billingPeriod)}
        </dd>
        <dt>{t('agent.product.freeTrial')}</dt>
        <dd>{trialWords(p.freeTrialDays, p.afterTrial)}</dd>
        <dt>{t('agent.product.cancelHow')}</dt>
        <dd>{p.cancelHow ?? '–'}</dd>
      </dl>
      {p.termsText && <p class="muted terms-text">{t('agent.product.disclosed')}{p.termsText}</p>}

      <h3>{t('agent.call.opening')}</h3>
      <p class="script opening" data-testid="opening-text" lang="zh-CN">
        {card.campaign.openingText}
      </p>
      <h3>{t('agent.call.script')}</h3>
      <p class="script" data-testid="script-text" lang="zh-CN">
        {card.campaign.scriptText}
      </p>
    </Card>
  );
}
