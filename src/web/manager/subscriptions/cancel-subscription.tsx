/**
 * Cancelling a subscription (POST /api/subscriptions/:id/cancel), in two steps: first the
 * reason and what the cancellation will do — reverse the agent's commission, and count as
 * "cancelled on receiving the message" when the confirmation message has gone out
 * (requirements §3) — then the confirmation. A subscription the service will not cancel
 * (already cancelled, past the cooling-off window) has the button disabled with the reason;
 * a refusal the service gives anyway is shown as it says it.
 */
import { useState } from 'preact/hooks';
import { post } from '../../shared/api.js';
import { dateTime, money } from '../../shared/format.js';
import { useAction } from '../../shared/hooks.js';
import { Field, Message } from '../../shared/ui.js';
import type { CancelResult, SubscriptionDetail } from '../types.js';
import { t } from '../../i18n/i18n.js';
import { cancelRefusalText } from './subscription-words.js';

/** What the cancellation did, as the service reports it. */
function outcomeWords(r: CancelResult, currency: string): string {
  const reversed = r.commission.filter((c) => c.kind === 'reversed').reduce((sum, c) => sum + c.amountMinor, 0);
  const commission = reversed < 0 ? t('cancel.commissionReversed', { amount: money(reversed, currency) }) : t('cancel.noCommission');
  return t('cancel.done', { id: String(r.subscriptionId), commission, after: r.afterConfirmation ? t('cancel.afterMessage') : '' });
}

export function CancelSubscription({ sub, startOpen, onCancelled }: { sub: SubscriptionDetail; startOpen: boolean; onCancelled: () => void }) {
  const [open, setOpen] = useState(startOpen);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const act = useAction();
  const { summary } = sub;
  const refusal = cancelRefusalText(summary);

  async function confirm() {
    let result: CancelResult | null = null;
    if (await act.run(async () => (result = await post<CancelResult>(`/api/subscriptions/${sub.id}/cancel`, { reason: reason.trim() })))) {
      setDone(outcomeWords(result!, sub.currency));
      setOpen(false);
      onCancelled();
    }
  }

  return (
    <section class="cancel-subscription" data-testid="cancel-subscription" aria-label={t('common.cancel')}>
      <Message kind="ok">{done}</Message>
      <Message kind="error">{act.error}</Message>
      {!open && (
        <div class="row">
          <button type="button" class="danger" disabled={refusal !== null} onClick={() => setOpen(true)}>
            {t('cancel.button')}
          </button>
          {refusal !== null ? (
            <span class="muted small" data-testid="cancel-refusal">
              {t('cancel.cannot', { reason: refusal })}
            </span>
          ) : (
            <span class="muted small">{t('cancel.until', { at: dateTime(summary.cancellableUntil) })}</span>
          )}
        </div>
      )}
      {open && refusal === null && (
        <form
          class="card confirm"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <h3>{t('cancel.confirmTitle', { id: String(sub.id) })}</h3>
          <ul class="consequences" data-testid="cancel-consequences">
            <li>
              {summary.commission.netMinor > 0
                ? t('cancel.willReverse', { amount: money(summary.commission.netMinor, sub.currency) })
                : t('cancel.nothingToReverse')}
            </li>
            <li>
              {summary.followUp.state === 'sent'
                ? t('cancel.messageSent', { at: dateTime(summary.followUp.sentAt) })
                : t('cancel.messageNotSent')}
            </li>
          </ul>
          <Field label={t('cancel.reason')} hint={t('cancel.reasonHint')}>
            <textarea value={reason} maxLength={1000} rows={2} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          <div class="row">
            <button type="submit" class="danger" disabled={act.busy || reason.trim() === ''} title={reason.trim() === '' ? t('cancel.reasonFirst') : undefined}>
              {t('cancel.confirm')}
            </button>
            <button type="button" disabled={act.busy} onClick={() => setOpen(false)}>
              {t('cancel.keep')}
            </button>
            {reason.trim() === '' && <span class="muted small">{t('cancel.reasonToConfirm')}</span>}
          </div>
        </form>
      )}
    </section>
  );
}
