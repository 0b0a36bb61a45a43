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
import { BILLING_PERIOD_WORDS } from './terms-words.js';

export function ConsentPanel({ card, status }: { card: AgentCallCard; status: ConsentStatus | null }) {
  const action = useAction();
  if (!status) return <Card title="Consent">{<p class="muted">Loading…</p>}</Card>;
  const { callId } = card;
  const running = status.verification === 'running';
  const notLive = card.live ? null : 'the call is over';
  const refusalBlocked = notLive ?? (status.locked ? `offer locked: the customer refused ${status.refusals} times (limit ${status.refusalLimit})` : null);
  const p = card.campaign.product;

  return (
    <Card title="Consent" testId="consent-panel">
      <div class="row consent-actions">
        <button
          type="button"
          class="danger"
          data-testid="refusal-button"
          disabled={action.busy || refusalBlocked !== null}
          title={refusalBlocked ?? 'The customer said no: log it'}
          onClick={() => void action.run(() => agentApi.refusal(callId))}
        >
          {status.locked ? `Offer locked (${status.refusals} of ${status.refusalLimit} refusals)` : `Customer refused (${status.refusals} of ${status.refusalLimit})`}
        </button>
        <button type="button" disabled={action.busy || !card.live || status.identityConfirmed} onClick={() => void action.run(() => agentApi.identityConfirmed(callId))}>
          {status.identityConfirmed ? '✓ Identity confirmed' : 'Identity confirmed'}
        </button>
        <button type="button" disabled={action.busy || !card.live} title="Someone else came to the phone: identity must be confirmed again" onClick={() => void action.run(() => agentApi.speakerChanged(callId))}>
          Speaker changed
        </button>
      </div>
      {status.locked && (
        <Message kind="warn">
          <span data-testid="lock-reason">
            The offer is locked on this call: the customer refused {status.refusals} times (limit {status.refusalLimit}). Do not pitch again; close politely.
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
          Start verification
        </button>
        {status.verifyBlockedBy && !running && (
          <span class="blocked-reason" data-testid="verify-blocked">
            Cannot start: {status.verifyBlockedBy}
          </span>
        )}
      </div>
      <VerificationProgress status={status} />
      {status.subscriptionIds.length > 0 && (
        <div class="msg msg-ok" role="status" data-testid="subscription">
          Subscription #{status.subscriptionIds.join(', #')} confirmed by the customer: {p.name} ({p.code}), {money(p.priceMinor, p.currency)} {p.billingPeriod ? BILLING_PERIOD_WORDS[p.billingPeriod] : ''}.
        </div>
      )}
      <Message kind="error">{action.error}</Message>
    </Card>
  );
}
