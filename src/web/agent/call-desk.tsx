/**
 * The call being worked: the live call (pushed by the live view as the agent's callId), kept
 * on screen after it ends until the agent has given it a disposition and closed it. Its
 * consent status is pushed by the service while the card is open.
 */
import { useEffect, useState } from 'preact/hooks';
import { useAction, useEventStream, useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { agentApi, type ConsentStatus, type LiveAgentRow } from './agent-api.js';
import { CallbackForm } from './callback-form.js';
import { CallCard } from './call-card.js';
import { ConsentPanel } from './consent-panel.js';
import { DispositionForm } from './disposition-form.js';
import { DoNotCallButton } from './do-not-call-button.js';
import { CustomerHistoryPanel } from './customer-history.js';
import { TransferPanel } from './transfer-panel.js';
import { t } from '../i18n/i18n.js';

const CONSENT_EVENTS = ['consent'];

export interface CallDeskProps {
  agentId: number;
  row: LiveAgentRow | null;
  /** The call to work on (a live call arriving replaces it). */
  callId: string | null;
  setCallId: (callId: string | null) => void;
  serviceNow: () => number;
  /** Something the agent's lists show changed (disposition, callback). */
  onChanged: () => void;
}

export function CallDesk({ agentId, row, callId, setCallId, serviceNow, onChanged }: CallDeskProps) {
  const liveCallId = row?.callId ?? null;
  useEffect(() => {
    if (liveCallId) setCallId(liveCallId);
  }, [liveCallId]);
  const live = callId !== null && callId === liveCallId;
  // Loaded again when the agent's state moves during the call (a preview call is answered),
  // and when it ends: the number is then masked, the outcome known.
  const card = useResource(() => (callId ? agentApi.call(agentId, callId) : Promise.resolve(null)), [callId, live, live ? row?.state : null]);
  // A call that ends before it reached the agent (a preview call nobody answered) has nothing to wrap up.
  const neverConnected = !live && card.data?.callId === callId && card.data.live && card.data.agentConnectedAt === null;
  useEffect(() => {
    if (neverConnected) setCallId(null);
  }, [neverConnected]);
  // The consent status: read once (a refusal comes back with its reason), then pushed on every change.
  const firstStatus = useResource(() => (callId ? agentApi.consent(callId) : Promise.resolve(null)), [callId]);
  const [pushed, setPushed] = useState<ConsentStatus | null>(null);
  useEffect(() => setPushed(null), [callId]);
  useEventStream(callId ? agentApi.consentStreamUrl(callId) : null, CONSENT_EVENTS, (_name, data) => setPushed(data as ConsentStatus));
  const status = pushed ?? (firstStatus.data?.callId === callId ? firstStatus.data : null);
  const hangup = useAction();

  if (!callId) return null;
  const c = card.data?.callId === callId ? card.data : null;
  if (card.error && !live) {
    return (
      <Card title={t('agent.call.title')} actions={<button type="button" onClick={() => setCallId(null)}>{t('common.close')}</button>}>
        <Message kind="error">{card.error}</Message>
      </Card>
    );
  }
  if (!c) return card.error ? <Message kind="error">{card.error}</Message> : <p class="muted">{t('agent.call.loading')}</p>;
  const sold = (status?.subscriptionIds.length ?? c.subscriptions.length) > 0;
  const changed = () => {
    void card.reload();
    onChanged();
  };

  return (
    <div class="call-desk">
      <CallCard card={c} />
      {live && <DoNotCallButton key={c.callId} callId={c.callId} phone={c.phone} />}
      {live && c.direction === 'inbound' && <CustomerHistoryPanel agentId={agentId} callId={c.callId} />}
      <Message kind="error">{status ? null : firstStatus.error}</Message>
      <ConsentPanel card={c} status={status} />
      {live && row?.state === 'on-call' && <TransferPanel key={c.callId} callId={c.callId} />}
      <Card
        title={t('agent.wrapUp.title')}
        testId="wrap-up"
        actions={
          live ? (
            <button type="button" class="danger" disabled={hangup.busy} onClick={() => void hangup.run(() => agentApi.hangup(agentId))}>
              {t('agent.wrapUp.hangUp')}
            </button>
          ) : (
            <button type="button" onClick={() => setCallId(null)} title={c.disposition ? undefined : t('agent.wrapUp.noDispositionYet')}>
              {t('agent.wrapUp.closeCard')}
            </button>
          )
        }
      >
        <Message kind="error">{hangup.error}</Message>
        <DispositionForm card={c} sold={sold} serviceNow={serviceNow} onSaved={changed} />
        <CallbackForm key={c.callId} agentId={agentId} card={c} serviceNow={serviceNow} onScheduled={changed} />
      </Card>
    </div>
  );
}
