/**
 * Disputes: agents dispute a score on the day its daily report is published, and QA
 * re-reviews the same day — listen again, then uphold the score or amend it (a new score
 * that supersedes the old one; both stay in the history).
 */
import { useRef, useState } from 'preact/hooks';
import { dateTime } from '../shared/format.js';
import { useResource } from '../shared/hooks.js';
import { Card, Field, Message } from '../shared/ui.js';
import { CallReview, positionOf } from './call-review.js';
import { qaApi, type DisputeRow, type DisputeStatus } from './qa-api.js';
import { shortId } from './qa-format.js';
import { TableHead } from './table-head.js';
import { ScoreHistory } from './score-history.js';
import { ResolveDispute } from './resolve-dispute.js';
import { t } from '../i18n/i18n.js';

const FILTERS: ReadonlyArray<DisputeStatus | ''> = ['open', ''];

export function DisputesTab() {
  const [status, setStatus] = useState<DisputeStatus | ''>('open');
  const [selected, setSelected] = useState<DisputeRow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = useResource(() => qaApi.disputes(status || undefined), [status]);
  return (
    <>
      <Card
        title={t('qaTab.disputes')}
        testId="disputes"
        actions={
          <label class="row">
            {t('qa.disputes.show')}
            <select value={status} onChange={(e) => setStatus(e.currentTarget.value as DisputeStatus | '')} aria-label={t('qa.disputes.status')}>
              {FILTERS.map((f) => (
                <option value={f}>{f === 'open' ? t('qa.disputes.open') : t('common.all')}</option>
              ))}
            </select>
          </label>
        }
      >
        <Message kind="error">{list.error}</Message>
        <Message kind="ok">{done}</Message>
        {list.data && list.data.disputes.length === 0 && <p class="muted">{status === 'open' ? t('qa.disputes.noneOpen') : t('qa.disputes.none')}</p>}
        {list.data && list.data.disputes.length > 0 && (
          <table data-testid="disputes-table">
            <TableHead columns={[t('qa.disputes.dispute'), t('agent.call.title'), t('dashboard.col.agent'), t('qa.disputes.raised'), t('rejects.reason'), t('campaigns.col.status'), '']} />
            <tbody>
              {list.data.disputes.map((d) => (
                <tr class={selected?.id === d.id ? 'selected' : ''} data-dispute={d.id}>
                  <td>{d.id}</td>
                  <td title={d.callId}>{shortId(d.callId)}</td>
                  <td>{d.agentName ?? `#${d.agentId}`}</td>
                  <td>{dateTime(d.raisedAt)}</td>
                  <td>{d.reason}</td>
                  <td>
                    <span class={`badge ${d.status === 'open' ? 'warn' : 'ok'}`}>{t(`disputeStatus.${d.status}`)}</span>
                    {d.resolution && <div class="muted">{d.resolution}</div>}
                  </td>
                  <td>
                    {d.status === 'open' && (
                      <button type="button" onClick={() => (setDone(null), setSelected(d))}>
                        {t('qa.disputes.reReview')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {selected && (
        <DisputeReview
          key={selected.id}
          dispute={selected}
          onResolved={(message) => {
            setSelected(null);
            setDone(message);
            void list.reload();
          }}
        />
      )}
    </>
  );
}

function DisputeReview({ dispute, onResolved }: { dispute: DisputeRow; onResolved: (message: string) => void }) {
  const view = useResource(() => qaApi.callDetails(dispute.callId), [dispute.callId]);
  const audioRef = useRef<HTMLAudioElement>(null);
  if (view.error) return <Message kind="error">{view.error}</Message>;
  if (!view.data) return <p class="muted">{t('agent.call.loading')}</p>;
  const disputed = view.data.scores.find((s) => s.id === dispute.scoreId) ?? null;
  return (
    <>
      <Card title={t('qa.disputes.title', { id: String(dispute.id), call: shortId(dispute.callId) })} testId="dispute-review">
        <Field label={t('qa.disputes.agentReason')}>
          <p class="quote">{dispute.reason}</p>
        </Field>
        <ScoreHistory scores={view.data.scores} highlight={dispute.scoreId} />
      </Card>
      <CallReview view={view.data} audioRef={audioRef} />
      <ResolveDispute dispute={dispute} disputed={disputed} currentMs={positionOf(audioRef)} onResolved={onResolved} />
    </>
  );
}
