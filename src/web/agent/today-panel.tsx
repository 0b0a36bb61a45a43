/** The agent's calls of today and their open callbacks; customers by masked number only. */
import { dateTime, duration, time } from '../shared/format.js';
import { useAction, useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { agentApi } from './agent-api.js';

export function TodayPanel({ agentId, liveCallId, refreshKey, openCall }: { agentId: number; liveCallId: string | null; refreshKey: unknown; openCall: (callId: string) => void }) {
  const calls = useResource(() => agentApi.todayCalls(agentId), [agentId, refreshKey]);
  const callbacks = useResource(() => agentApi.callbacks(agentId), [agentId, refreshKey]);
  const cancel = useAction();
  const rows = calls.data?.calls ?? [];
  return (
    <>
      <Card title="Today’s calls" testId="today-calls">
        {rows.length === 0 ? (
          <p class="muted">No calls yet today.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Time</th>
                <th>Customer</th>
                <th class="num">Talk</th>
                <th>Outcome</th>
                <th>Disposition</th>
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
                    {c.outcome ?? 'in progress'} {c.sold && <span class="badge ok">sale</span>}
                  </td>
                  <td>
                    {c.disposition ? (
                      c.disposition.label
                    ) : c.callId === liveCallId ? (
                      <span class="muted">on this call</span>
                    ) : (
                      <button type="button" class="link" onClick={() => openCall(c.callId)}>
                        Give disposition
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
      <Card title="My callbacks" testId="callbacks">
        {(callbacks.data ?? []).length === 0 ? (
          <p class="muted">No callbacks scheduled.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Due</th>
                <th>Customer</th>
                <th>Note</th>
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
                        Cancel
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
