/**
 * The agent's consent actions on the live call: log a refusal (the offer locks at the
 * campaign's limit), identity confirmed / speaker changed, and start the system's
 * verification — disabled, with the rule's reason beside it, whenever the rules forbid it.
 */
import { useAction } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { agentApi, type AgentCallCard, type ConsentStatus } from './agent-api.js';
import { VerificationProgress } from './verification-progress.js';
import { money } from '../shared/format.js';
import { billingWord } from './terms-words.js';
import { t } from '../i18n/i18n.js';

export function ConsentPanel({ card, status }: { card: AgentCallCard; status: ConsentStatus | null }) {
  const action = useAction();
  if (!status) return <Card title={t('agent.consent.title')}>{<p class="muted">{t('common.loading')}</p>}</Card>;
  const { callId } = card;
  const running = status.verification === 'running';
  const notLive = card.live ? null : t('agent.consent.callOver');
  const refusalBlocked = notLive ?? (status.locked ? t('agent.consent.lockedShort', { count: status.refusals, limit: status.refusalLimit }) : null);
  const p = card.campaign.product;

  return (
    <Card title={t('agent.consent.title')} testId="consent-panel">
      <div class="row consent-actions">
        <button
          type="button"
          class="danger"
          data-testid="refusal-button"
          disabled={action.busy || refusalBlocked !== null}
          title={refusalBlocked ?? t('agent.consent.refusalHint')}
          onClick={() => void action.run(() => agentApi.refusal(callId))}
        >
          {status.locked ? t('agent.consent.lockedButton', { count: status.refusals, limit: status.refusalLimit }) : t('agent.consent.refusedButton', { count: status.refusals, limit: status.refusalLimit })}
        </button>
        <button type="button" disabled={action.busy || !card.live || status.identityConfirmed} onClick={() => void action.run(() => agentApi.identityConfirmed(callId))}>
          {status.identityConfirmed ? `✓ ${t('agent.consent.identityConfirmed')}` : t('agent.consent.identityConfirmed')}
        </button>
        <button type="button" disabled={action.busy || !card.live} title={t('agent.consent.speakerChangedHint')} onClick={() => void action.run(() => agentApi.speakerChanged(callId))}>
          {t('agent.consent.speakerChanged')}
        </button>
      </div>
      {status.locked && (
        <Message kind="warn">
          <span data-testid="lock-reason">
            {t('agent.consent.lockedText', { count: status.refusals, limit: status.refusalLimit })}
          </span>
        </Message>
      )}
      <div class="row verify-row">
        <button
          type="button"
          class="primary"
          data-testid="start-verification"
          disabled={action.busy || status.verifyBlockedBy !== null}
          onClick={() => void action.run(() => agentApi.startVerification(callId))}
        >
          {t('agent.consent.startVerification')}
        </button>
        {status.verifyBlockedBy && !running && (
          <span class="blocked-reason" data-testid="verify-blocked">
            {t('agent.consent.cannotStart', { reason: status.verifyBlockCode ? t(`verifyBlock.${status.verifyBlockCode}`, { count: status.refusals, limit: status.refusalLimit }) : status.verifyBlockedBy })}
          </span>
        )}
      </div>
      <VerificationProgress status={status} />
      {status.subscriptionIds.length > 0 && (
        <div class="msg msg-ok" role="status" data-testid="subscription">
          {t('agent.consent.subscribed', { ids: `#${status.subscriptionIds.join(', #')}`, product: `${p.name} (${p.code})`, price: `${money(p.priceMinor, p.currency)} ${billingWord(p.billingPeriod)}`.trim() })}
        </div>
      )}
      <Message kind="error">{action.error}</Message>
    </Card>
  );
}
