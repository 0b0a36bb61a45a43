/**
 * The agent console: finds the signed-in user's agent record, then lays out the softphone,
 * the call being worked (or the preview card), today's talk time against the target,
 * today's calls, and the agent's QA scores with their disputes. Everything live comes from the service's push of the agent's own row.
 */
import { useState } from 'preact/hooks';
import { useInterval, useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { agentApi, type LiveAgentRow, type MyAgent } from './agent-api.js';
import { CallDesk } from './call-desk.js';
import { MyCampaigns } from './my-campaigns.js';
import { MyQuality } from './my-quality.js';
import { PreviewPanel } from './preview-panel.js';
import { SoftphoneBar } from './softphone-bar.js';
import { TalkTarget } from './talk-target.js';
import { TodayPanel } from './today-panel.js';
import { useMyLiveRow } from './use-my-live-row.js';

const PREVIEW_LOOKUP_MS = 15_000;

const IDLE_TEXT: Partial<Record<LiveAgentRow['state'], string>> = {
  'logged-out': 'Log in your softphone to take calls.',
  connecting: 'Answer your softphone to log in.',
  ready: 'You are ready: the next customer who answers comes to you, with their card here.',
  paused: 'You are paused: no calls come to you until you are ready.',
  'wrap-up': 'Wrap-up: say ready when you are done with the last call.',
};

/** The pause the service sets when wrap-up ran out before the last call's disposition. */
const DISPOSITION_PENDING = 'DISPO';
const DISPOSITION_PENDING_TEXT = 'Paused: the last call still needs its disposition. Open it from Today’s calls, give it one, then say ready.';

export function AgentConsole() {
  const me = useResource(() => agentApi.me(), []);
  if (me.error) return <Message kind="error">{me.error}</Message>;
  if (!me.data) return <p class="muted">Loading…</p>;
  return <AgentDesk me={me.data} />;
}

function AgentDesk({ me }: { me: MyAgent }) {
  const agentId = me.agent.id;
  const { row, connected, serviceNow } = useMyLiveRow(agentId);
  // On a reload during wrap-up, the call being wrapped up is worked on again.
  const [callId, setCallId] = useState<string | null>(me.session?.callId ?? me.session?.wrapUpCallId ?? null);
  const [changes, setChanges] = useState(0);
  // Campaigns in preview mode start and stop at any time: looked up again on each change of
  // state, and every so often while the agent waits.
  const preview = useResource(() => agentApi.me().then((m) => m.previewCampaigns), [row?.state]);
  useInterval(() => void preview.reload(), row?.state === 'ready' ? PREVIEW_LOOKUP_MS : null);

  return (
    <div class="agent-console">
      <div class="row agent-head">
        <h1>
          {me.agent.name} <span class="muted">· ext. {me.agent.extension}</span>
          {me.agent.staffNo && <span class="muted" data-testid="my-staff-no"> · 工号 {me.agent.staffNo}</span>}
        </h1>
        <span class="spacer" />
        <span class={`badge ${connected ? 'ok' : 'warn'}`} data-testid="live-link">
          {connected ? 'Live' : 'Reconnecting…'}
        </span>
      </div>
      <SoftphoneBar agentId={agentId} row={row} serviceNow={serviceNow} />
      <div class="grid agent-grid">
        <div>
          <CallDesk agentId={agentId} row={row} callId={callId} setCallId={setCallId} serviceNow={serviceNow} onChanged={() => setChanges((n) => n + 1)} />
          {!callId && <PreviewPanel agentId={agentId} row={row} campaigns={preview.data ?? me.previewCampaigns} />}
          {!callId && row?.state !== 'reserved' && (
            <Card title="Waiting for a call" testId="idle">
              <p class="muted">{row?.state === 'paused' && row.reason === DISPOSITION_PENDING ? DISPOSITION_PENDING_TEXT : (IDLE_TEXT[row?.state ?? 'logged-out'] ?? '')}</p>
            </Card>
          )}
        </div>
        <div>
          <MyCampaigns agentId={agentId} refreshKey={row?.state} />
          <TalkTarget row={row} />
          <TodayPanel agentId={agentId} liveCallId={row?.callId ?? null} refreshKey={`${row?.state}-${row?.callId}-${row?.connectedToday}-${changes}`} openCall={setCallId} />
          <MyQuality />
        </div>
      </div>
    </div>
  );
}
