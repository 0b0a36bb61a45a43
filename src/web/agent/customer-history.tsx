/**
 * The customer's history on an inbound call (a customer calling back): their earlier calls with
 * the centre, their subscriptions and whether they are on a do-not-call list. Read once per call.
 */
import { useResource } from '../shared/hooks.js';
import { date, dateTime, duration } from '../shared/format.js';
import { Card, Message } from '../shared/ui.js';
import { listWord } from '../shared/words.js';
import { agentApi } from './agent-api.js';
import { t } from '../i18n/i18n.js';

export function CustomerHistoryPanel({ agentId, callId }: { agentId: number; callId: string }) {
  const history = useResource(() => agentApi.history(agentId, callId), [agentId, callId]);
  const h = history.data;
  return (
    <Card title={t('agent.history.title')} testId="customer-history" actions={<span class="badge warn">{t('agent.inbound.badge')}</span>}>
      <Message kind="error">{history.error}</Message>
      {h && (
        <>
          <h3>{t('agent.history.doNotCall')}</h3>
          <p data-testid="history-dnc" class={h.doNotCall.global || h.doNotCall.campaign ? 'warn' : 'muted'}>
            {h.doNotCall.global
              ? t('agent.history.dncGlobal', { date: date(h.doNotCall.global) })
              : h.doNotCall.campaign
                ? t('agent.history.dncCampaign', { date: date(h.doNotCall.campaign) })
                : t('agent.history.dncNone')}
          </p>
          <h3>{t('agent.history.subscriptions')}</h3>
          {h.subscriptions.length === 0 ? (
            <p class="muted">{t('agent.history.noSubscriptions')}</p>
          ) : (
            <ul data-testid="history-subscriptions">
              {h.subscriptions.map((s) => (
                <li key={s.id}>
                  {s.productName} · {s.cancelledAt ? t('agent.history.cancelledAt', { date: date(s.cancelledAt) }) : t('agent.history.activeSince', { date: date(s.confirmedAt) })}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('agent.history.calls')}</h3>
          {h.calls.length === 0 ? (
            <p class="muted">{t('agent.history.noCalls')}</p>
          ) : (
            <table data-testid="history-calls">
              <thead>
                <tr>
                  <th>{t('agent.history.when')}</th>
                  <th>{t('agent.history.direction')}</th>
                  <th>{t('agent.history.campaign')}</th>
                  <th>{t('agent.history.agent')}</th>
                  <th>{t('agent.history.outcome')}</th>
                  <th class="num">{t('agent.history.talk')}</th>
                  <th>{t('agent.history.disposition')}</th>
                </tr>
              </thead>
              <tbody>
                {h.calls.map((c) => (
                  <tr key={c.callId}>
                    <td>{dateTime(c.at)}</td>
                    <td>{listWord('direction', c.direction)}</td>
                    <td>{c.campaignName}</td>
                    <td>{c.agentName ?? '–'}</td>
                    <td>{listWord('outcome', c.outcome)}</td>
                    <td class="num">{c.talkSec === null ? '–' : duration(c.talkSec)}</td>
                    <td>{c.disposition ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Card>
  );
}
