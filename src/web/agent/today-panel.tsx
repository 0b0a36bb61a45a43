/** The agent's calls of today and their open callbacks; customers by masked number only. */
import { dateTime, duration, time } from '../shared/format.js';
import { useAction, useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { agentApi } from './agent-api.js';
import { dispositionLabel, listWord } from '../shared/words.js';
import { t } from '../i18n/i18n.js';

export function TodayPanel({ agentId, liveCallId, refreshKey, openCall }: { agentId: number; liveCallId: string | null; refreshKey: unknown; openCall: (callId: string) => void }) {
  const calls = useResource(() => agentApi.todayCalls(agentId), [agentId, refreshKey]);
  const callbacks = useResource(() => agentApi.callbacks(agentId), [agentId, refreshKey]);
  const cancel = useAction();
  const rows = calls.data?.calls ?? [];
  return (
    <>
      <Card title={t('agent.calls.title')} testId="today-calls">
        {rows.length === 0 ? (
          <p class="muted">{t('agent.calls.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('agent.calls.time')}</th>
                <th>{t('agent.calls.customer')}</th>
                <th class="num">{t('agent.calls.talk')}</th>
                <th>{t('agent.calls.outcome')}</th>
                <th>{t('agent.disposition.title')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.callId}>
                  <td>{time(c.agentConnectedAt)}</td>
                  <td>
                    {c.phoneMasked}
                    <div class="muted small">{c.campaignName}</div>
                  </td>
                  <td class="num">{c.talkSec === null ? '–' : duration(c.talkSec)}</td>
                  <td>
                    {c.outcome ? listWord('outcome', c.outcome) : t('agent.calls.inProgress')} {c.sold && <span class="badge ok">{t('agent.calls.sale')}</span>}
                  </td>
                  <td>
                    {c.disposition ? (
                      dispositionLabel(c.disposition.disposition, c.disposition.label)
                    ) : c.callId === liveCallId ? (
                      <span class="muted">{t('agent.calls.onThisCall')}</span>
                    ) : (
                      <button type="button" class="link" onClick={() => openCall(c.callId)}>
                        {t('agent.calls.giveDisposition')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Message kind="error">{calls.error}</Message>
      </Card>
      <Card title={t('agent.callbacks.title')} testId="callbacks">
        {(callbacks.data ?? []).length === 0 ? (
          <p class="muted">{t('agent.callbacks.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('agent.callbacks.due')}</th>
                <th>{t('agent.calls.customer')}</th>
                <th>{t('agent.disposition.note')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(callbacks.data ?? []).map((cb) => (
                <tr key={cb.id}>
                  <td>{dateTime(cb.dueAt)}</td>
                  <td>{cb.phoneMasked}</td>
                  <td>{cb.note}</td>
                  <td>
                    {cb.status === 'scheduled' && (
                      <button type="button" class="link" disabled={cancel.busy} onClick={() => void cancel.run(() => agentApi.cancelCallback(agentId, cb.id)).then(() => callbacks.reload())}>
                        {t('common.cancel')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Message kind="error">{callbacks.error ?? cancel.error}</Message>
      </Card>
    </>
  );
}
