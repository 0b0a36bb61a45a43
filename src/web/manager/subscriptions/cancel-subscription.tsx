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

/** What the cancellation did, as the service reports it. */
function outcomeWords(r: CancelResult, currency: string): string {
  const reversed = r.commission.filter((c) => c.kind === 'reversed').reduce((t, c) => t + c.amountMinor, 0);
  const commission = reversed < 0 ? `the agent's commission is reversed (${money(reversed, currency)})` : 'no commission to reverse';
  return `Subscription ${r.subscriptionId} cancelled: ${commission}${r.afterConfirmation ? ', cancelled after the confirmation message' : ''}.`;
}

export function CancelSubscription({ sub, startOpen, onCancelled }: { sub: SubscriptionDetail; startOpen: boolean; onCancelled: () => void }) {
  const [open, setOpen] = useState(startOpen);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const act = useAction();
  const { summary } = sub;
  const refusal = summary.cancelRefusal;

  async function confirm() {
    let result: CancelResult | null = null;
    if (await act.run(async () => (result = await post<CancelResult>(`/api/subscriptions/${sub.id}/cancel`, { reason: reason.trim() })))) {
      setDone(outcomeWords(result!, sub.currency));
      setOpen(false);
      onCancelled();
    }
  }

  return (
    <section class="cancel-subscription" data-testid="cancel-subscription" aria-label="Cancel">
      <Message kind="ok">{done}</Message>
      <Message kind="error">{act.error}</Message>
      {!open && (
        <div class="row">
          <button type="button" class="danger" disabled={refusal !== null} onClick={() => setOpen(true)}>
            Cancel subscription…
          </button>
          {refusal !== null ? (
            <span class="muted small" data-testid="cancel-refusal">
              Cannot be cancelled: {refusal}.
            </span>
          ) : (
            <span class="muted small">May be cancelled until {dateTime(summary.cancellableUntil)}.</span>
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
          <h3>Cancel subscription {sub.id}?</h3>
          <ul class="consequences" data-testid="cancel-consequences">
            <li>
              {summary.commission.netMinor > 0
                ? `The agent's commission of ${money(summary.commission.netMinor, sub.currency)} will be reversed.`
                : 'The agent earned no commission on this sale: nothing to reverse.'}
            </li>
            <li>
              {summary.followUp.state === 'sent'
                ? `The confirmation message went out ${dateTime(summary.followUp.sentAt)}: this counts as cancelled after the confirmation message (agreed on the call, cancelled on receiving the message).`
                : 'The confirmation message has not gone out: it will not be sent.'}
            </li>
          </ul>
          <Field label="Reason for cancelling" hint="Kept with the cancellation and in the audit trail.">
            <textarea value={reason} maxLength={1000} rows={2} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          <div class="row">
            <button type="submit" class="danger" disabled={act.busy || reason.trim() === ''} title={reason.trim() === '' ? 'give the reason first' : undefined}>
              Confirm cancellation
            </button>
            <button type="button" disabled={act.busy} onClick={() => setOpen(false)}>
              Keep subscription
            </button>
            {reason.trim() === '' && <span class="muted small">Give the reason to confirm.</span>}
          </div>
        </form>
      )}
    </section>
  );
}
