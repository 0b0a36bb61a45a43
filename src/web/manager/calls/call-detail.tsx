/**
 * One call (GET /api/calls/:id): the customer's number (managers see it in full, here only),
 * every moment of the call, how it ended, and its recording segments — each listenable when
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
import { DispositionCell, OutcomeBadge, RecordingBadge } from './call-words.js';

/** The moments of a call, in the order they happen. */
const MOMENTS: ReadonlyArray<[keyof Detail, string]> = [
  ['originatedAt', 'Originated'],
  ['ringingAt', 'Ringing'],
  ['answeredAt', 'Answered'],
  ['recordingStartedAt', 'Recording started'],
  ['openingStartedAt', 'Opening started'],
  ['openingFinishedAt', 'Opening finished'],
  ['agentConnectedAt', 'Agent connected'],
  ['endedAt', 'Ended'],
];

export function CallDetail({ id, agents, campaigns }: { id: string; agents: Resource<AgentRecord[]>; campaigns: CampaignView[] }) {
  const call = useResource(() => get<Detail>(`/api/calls/${encodeURIComponent(id)}`), [id]);
  const c = call.data;
  return (
    <Card title={c ? c.title : 'Call'} testId="call-detail" actions={<a href={hashLink('calls')}>Close</a>}>
      <Message kind="error">{call.error}</Message>
      {c && (
        <div class="grid grid-2">
          <dl class="facts">
            <dt>Customer</dt>
            <dd data-testid="call-phone">{c.phone}</dd>
            <dt>Campaign</dt>
            <dd>{campaigns.find((x) => x.id === c.campaignId)?.name ?? `campaign #${c.campaignId}`}</dd>
            <dt>Agent</dt>
            <dd>{agentName(agents, c.agentId)}</dd>
            <dt>Outcome</dt>
            <dd>
              <OutcomeBadge call={c} /> {c.dialStatus && <span class="muted">dial status {c.dialStatus}</span>}
            </dd>
            <dt>Disposition</dt>
            <dd data-testid="call-detail-disposition">
              <DispositionCell call={c} />
              {c.dispositionAt !== null && <span class="muted"> ({dateTime(c.dispositionAt)})</span>}
            </dd>
            <dt>Ended by</dt>
            <dd>
              {c.hangupBy ?? '–'}
              {c.hangupCauseText && <span class="muted"> ({c.hangupCauseText})</span>}
            </dd>
            <dt>Disposition</dt>
            <dd data-testid="call-disposition">{c.disposition ?? '–'}</dd>
            <dt>Call id</dt>
            <dd>
              <code>{c.id}</code>
            </dd>
            <dt>Talk time</dt>
            <dd>{c.agentConnectedAt && c.endedAt ? duration((c.endedAt - c.agentConnectedAt) / 1000) : '–'}</dd>
            <dt>Recording</dt>
            <dd data-testid="call-recording">
              <RecordingBadge state={c.recordingState} problem={c.recordingProblem} />
            </dd>
          </dl>
          <table data-testid="call-moments">
            <tbody>
              {MOMENTS.map(([key, label]) => (
                <tr>
                  <th>{label}</th>
                  <td>{dateTime(c[key] as number | null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {c && <Segments call={c} />}
      {c && c.outcome === 'answered' && c.agentId !== null && <PullForReview callId={c.id} />}
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
        <span class="field-label">QA review reason</span>
        <select name="reason" value={reason} onChange={(e) => setReason(e.currentTarget.value as 'complaint' | 'spot-check')}>
          <option value="complaint">complaint</option>
          <option value="spot-check">spot check</option>
        </select>
      </label>
      <button type="button" disabled={act.busy || done} onClick={() => void act.run(async () => (await post(`/api/qa/calls/${encodeURIComponent(callId)}/pull`, { reason }), setDone(true)))}>
        Send to QA review
      </button>
      {done && <Message kind="ok">Sent to QA: first in the review queue, counted apart from the sample.</Message>}
      <Message kind="error">{act.error}</Message>
    </div>
  );
}

function Segments({ call }: { call: Detail }) {
  if (call.recordings.length === 0) return <p class="muted" data-testid="recording-segments">No recording segments.</p>;
  return (
    <table data-testid="recording-segments">
      <TableHead columns={['Segment', 'State', 'Started', 'Finished', '#Length', '#Bytes', 'SHA-256', 'Listen']} />
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
