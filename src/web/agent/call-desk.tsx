/**
 * The call being worked: the live call (pushed by the live view as the agent's callId), kept
 * on screen after it ends until the agent has given it a disposition and closed it. Its
 * consent status is pushed by the service while the card is open.
 */
import { useEffect, useState } from 'preact/hooks';
import { useAction, useEventStream, useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { ApiError } from '../shared/api.js';
import { agentApi, type AgentCallCard, type ConsentStatus, type LiveAgentRow } from './agent-api.js';
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
  const card = useResource(() => (callId ? readCard(agentId, callId) : Promise.resolve(null)), [callId, live, live ? row?.state : null]);
  // A call that ended before it reached the agent (a preview call nobody answered, a busy line)
  // has nothing to wrap up. Judged on the read after the end, never on one from while the
  // agent's softphone was still on its way (that shows no connection yet for a call they then
  // took): the read after the end says `live` false and no connection, or that the call was
  // never theirs.
  const read = card.data;
  const neverConnected = !live && (read === NOT_THEIRS || (read !== undefined && read !== null && read.callId === callId && !read.live && read.agentConnectedAt === null));
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
  const c = read && read !== NOT_THEIRS && read.callId === callId ? read : null;
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

/** The service's answer for a call the agent never had (a preview call that never reached them). */
const NOT_THEIRS = 'not-theirs' as const;

/** The card of the call, or NOT_THEIRS when the service says it is not the agent's call. */
async function readCard(agentId: number, callId: string): Promise<AgentCallCard | typeof NOT_THEIRS> {
  try {
    return await agentApi.call(agentId, callId);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return NOT_THEIRS;
    throw err;
  }
}
