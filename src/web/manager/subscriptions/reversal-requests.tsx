/**
 * Fraudulent orders QA found (GET /api/qa/reversal-requests): each call's subscription must
 * be reversed. Listed with the subscription of the call (GET /api/subscriptions?qaReversal=any)
 * — a link to its evidence and its cancel action, or why it cannot be cancelled.
 */
import { useState } from 'preact/hooks';
import { get, query } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useResource } from '../../shared/hooks.js';
import { Card, Message, TableHead } from '../../shared/ui.js';
import { hashLink } from '../hash-path.js';
import type { QaReversalRequest, SubscriptionListRow } from '../types.js';
import { fatalKindName, StatusBadges, cancelRefusalText } from './subscription-words.js';
import { t } from '../../i18n/i18n.js';

type Shown = '' | QaReversalRequest['status'];

export function ReversalRequests({ version }: { version: number }) {
  const [status, setStatus] = useState<Shown>('open');
  const view = useResource(async () => {
    const { reversalRequests } = await get<{ reversalRequests: QaReversalRequest[] }>(`/api/qa/reversal-requests${query({ status })}`);
    const { subscriptions } = await get<{ subscriptions: SubscriptionListRow[] }>('/api/subscriptions?qaReversal=any&limit=1000');
    return { requests: reversalRequests, byCall: new Map(subscriptions.map((s) => [s.callId, s])) };
  }, [status, version]);
  const requests = view.data?.requests ?? [];

  return (
    <Card title={t('reversals.title')} testId="reversal-requests">
      <p class="muted small">{t('reversals.about')}</p>
      <label class="field inline">
        <span class="field-label">{t('reversals.requests')}</span>
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value as Shown)}>
          <option value="open">{t('reversals.open')}</option>
          <option value="withdrawn">{t('reversals.withdrawn')}</option>
          <option value="">{t('common.all')}</option>
        </select>
      </label>
      <Message kind="error">{view.error}</Message>
      {requests.length === 0 && !view.loading && <p class="muted">{t('reversals.none')}</p>}
      {requests.length > 0 && (
        <table>
          <TableHead columns={[t('reversals.requested'), t('agent.call.title'), t('reversals.found'), t('reversals.request'), t('reversals.subscription'), '']} />
          <tbody>
            {requests.map((r) => {
              const sub = view.data?.byCall.get(r.callId);
              return (
                <tr data-testid={`reversal-row-${r.callId}`} class={r.status === 'open' && sub?.summary.status === 'active' ? 'flagged' : ''}>
                  <td>{dateTime(r.requestedAt)}</td>
                  <td>
                    <a href={hashLink('calls', r.callId)}>{r.callId.slice(0, 8)}…</a>
                  </td>
                  <td>{r.kinds.map(fatalKindName).join(t('common.listSeparator'))}</td>
                  <td>{t(`reversalStatus.${r.status}`)}</td>
                  <td>
                    {sub ? (
                      <>
                        <a href={hashLink('subscriptions', sub.id)}>{t('subs.detail', { id: String(sub.id) })}</a> <StatusBadges summary={sub.summary} qaReversal={null} />
                      </>
                    ) : (
                      <span class="muted">{t('reversals.noSubscription')}</span>
                    )}
                  </td>
                  <td>
                    {sub &&
                      (sub.summary.cancelRefusal === null ? (
                        <a class="button danger" href={hashLink('subscriptions', sub.id, 'cancel')}>
                          {t('reversals.cancel')}
                        </a>
                      ) : (
                        <span class="muted small">{cancelRefusalText(sub.summary)}</span>
                      ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}
