/**
 * One call (GET /api/calls/:id): the customer's number (managers see it in full, here only),
 * every moment of the call, how it ended, who handled and who supervised it, and its recording segments — each listenable when
 * verified (the QA recording route, which audits every fetch; nothing is fetched until played).
 */
import { useState } from 'preact/hooks';
import { get, post } from '../../shared/api.js';
import { dateTime, duration, time } from '../../shared/format.js';
import { useAction, useResource, type Resource } from '../../shared/hooks.js';
import { Card, Message, TableHead } from '../../shared/ui.js';
import { hashLink } from '../hash-path.js';
import type { AgentRecord, CallDetail as Detail, CampaignView } from '../types.js';
import { agentName } from '../use-agents.js';
import { CallHandling } from './call-handling.js';
import { CallQa } from './call-qa.js';
import { DispositionCell, OutcomeBadge, RecordingBadge } from './call-words.js';
import { t } from '../../i18n/i18n.js';
import { listWord } from '../../shared/words.js';

/** The moments of a call, in the order they happen. */
const MOMENTS = ['originatedAt', 'ringingAt', 'answeredAt', 'recordingStartedAt', 'openingStartedAt', 'openingFinishedAt', 'agentConnectedAt', 'endedAt'] as const satisfies ReadonlyArray<keyof Detail>;

export function CallDetail({ id, agents, campaigns }: { id: string; agents: Resource<AgentRecord[]>; campaigns: CampaignView[] }) {
  const call = useResource(() => get<Detail>(`/api/calls/${encodeURIComponent(id)}`), [id]);
  const c = call.data;
  return (
    <Card title={c ? c.title : t('calls.detail', { id })} testId="call-detail" actions={<a href={hashLink('calls')}>{t('common.close')}</a>}>
      <Message kind="error">{call.error}</Message>
      {c && (
        <div class="grid grid-2">
          <dl class="facts">
            <dt>{t('agent.calls.customer')}</dt>
            <dd data-testid="call-phone">{c.phone}</dd>
            <dt>{t('agent.preview.campaign')}</dt>
            <dd>{campaigns.find((x) => x.id === c.campaignId)?.name ?? `#${c.campaignId}`}</dd>
            <dt>{t('dashboard.col.agent')}</dt>
            <dd>{agentName(agents, c.agentId)}</dd>
            <dt>{t('agent.calls.outcome')}</dt>
            <dd>
              <OutcomeBadge call={c} /> {c.dialStatus && <span class="muted">{t('calls.dialStatus', { status: c.dialStatus })}</span>}
            </dd>
            <dt>{t('agent.disposition.title')}</dt>
            <dd data-testid="call-detail-disposition">
              <DispositionCell call={c} />
              {c.dispositionAt !== null && <span class="muted"> ({dateTime(c.dispositionAt)})</span>}
            </dd>
            <dt>{t('calls.endedBy')}</dt>
            <dd>
              {listWord('hangupBy', c.hangupBy)}
              {c.hangupCauseText && <span class="muted"> ({c.hangupCauseText})</span>}
            </dd>
            <dt>{t('floor.call.dispositionCode')}</dt>
            <dd data-testid="call-disposition">{c.disposition ?? '–'}</dd>
            <dt>{t('floor.call.id')}</dt>
            <dd>
              <code>{c.id}</code>
            </dd>
            <dt>{t('agent.today.talk')}</dt>
            <dd>{c.agentConnectedAt && c.endedAt ? duration((c.endedAt - c.agentConnectedAt) / 1000) : '–'}</dd>
            <dt>{t('calls.recording')}</dt>
            <dd data-testid="call-recording">
              <RecordingBadge state={c.recordingState} problem={c.recordingProblem} />
            </dd>
          </dl>
          <table data-testid="call-moments">
            <tbody>
              {MOMENTS.map((key) => (
                <tr>
                  <th>{t(`callMoment.${key}`)}</th>
                  <td>{dateTime(c[key] as number | null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {c && <CallHandling call={c} />}
      {c && <Segments call={c} />}
      {c && c.outcome === 'answered' && c.agentId !== null && <PullForReview callId={c.id} />}
      {c && c.outcome === 'answered' && c.agentId !== null && <CallQa callId={c.id} />}
    </Card>
  );
}

/** Sends the call to QA for review outside the sample (a complaint, a spot check). */
function PullForReview({ callId }: { callId: string }) {
  const act = useAction();
  const [reason, setReason] = useState<'complaint' | 'spot-check'>('complaint');
  const [done, setDone] = useState(false);
  return (
    <div class="row" data-testid="pull-for-review">
      <label class="field inline">
        <span class="field-label">{t('floor.pull.reason')}</span>
        <select name="reason" value={reason} onChange={(e) => setReason(e.currentTarget.value as 'complaint' | 'spot-check')}>
          <option value="complaint">{t('floor.pull.reason.complaint')}</option>
          <option value="spot-check">{t('floor.pull.reason.spot-check')}</option>
        </select>
      </label>
      <button type="button" disabled={act.busy || done} onClick={() => void act.run(async () => (await post(`/api/qa/calls/${encodeURIComponent(callId)}/pull`, { reason }), setDone(true)))}>
        {t('floor.pull.send')}
      </button>
      {done && <Message kind="ok">{t('floor.pull.sent')}</Message>}
      <Message kind="error">{act.error}</Message>
    </div>
  );
}

function Segments({ call }: { call: Detail }) {
  if (call.recordings.length === 0) return <p class="muted" data-testid="recording-segments">{t('calls.noSegments')}</p>;
  return (
    <table data-testid="recording-segments">
      <TableHead columns={[t('evidence.segment'), t('dashboard.col.state'), t('imports.col.started'), t('calls.finished'), `#${t('prompts.length')}`, `#${t('calls.bytes')}`, 'SHA-256', t('calls.listen')]} />
      <tbody>
        {call.recordings.map((s) => (
          <tr data-testid={`segment-${s.segment}`} class={s.state === 'missing' || s.state === 'broken' ? 'flagged' : ''}>
            <td>{s.segment}</td>
            <td>
              <RecordingBadge state={s.state} problem={s.problem} />
            </td>
            <td>{time(s.startedAt)}</td>
            <td>{time(s.finishedAt)}</td>
            <td class="num">{s.durationMs === null ? '–' : duration(s.durationMs / 1000)}</td>
            <td class="num">{s.bytes ?? '–'}</td>
            <td>{s.sha256 ? <code title={s.sha256}>{s.sha256.slice(0, 12)}…</code> : '–'}</td>
            <td>{s.state === 'verified' && <audio controls preload="none" src={`/api/qa/calls/${encodeURIComponent(call.id)}/recording/segments/${s.segment}`} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
