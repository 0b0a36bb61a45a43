/**
 * 「不要再打了」: the customer on the live call asks not to be called again. One press asks
 * for confirmation; confirming puts the number on the do-not-call list at once (the service
 * records who, when and on which call).
 */
import { useState } from 'preact/hooks';
import { useAction } from '../shared/hooks.js';
import { Message } from '../shared/ui.js';
import { agentApi } from './agent-api.js';
import { t } from '../i18n/i18n.js';

export function DoNotCallButton({ callId, phone }: { callId: string; phone: string }) {
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);

  async function confirm() {
    if (await action.run(() => agentApi.doNotCall(callId, 'the customer asked on the call not to be called again'))) {
      setConfirming(false);
      setDone(true);
    }
  }

  if (done) {
    return (
      <Message kind="ok">
        <span data-testid="dnc-done">{t('agent.dnc.done', { phone })}</span>
      </Message>
    );
  }
  return (
    <div class="dnc" data-testid="dnc">
      {confirming ? (
        <div class="row">
          <span>{t('agent.dnc.confirm', { phone })}</span>
          <button type="button" class="danger" disabled={action.busy} onClick={() => void confirm()} data-testid="dnc-confirm">
            {t('agent.dnc.yes')}
          </button>
          <button type="button" disabled={action.busy} onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)} data-testid="dnc-button">
          {t('agent.dnc.button')}
        </button>
      )}
      <Message kind="error">{action.error}</Message>
    </div>
  );
}
