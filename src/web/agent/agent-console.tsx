/**
 * The agent console: finds the signed-in user's agent record, then lays out the softphone,
 * the call being worked (or the preview card), today's talk time against the target,
 * today's calls, and the agent's QA scores with their disputes; a team lead also gets the
 * live-calls board of their team. Everything live comes from the service's push of the agent's own row.
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
import { LiveCallsBoard } from '../supervision/live-calls-board.js';
import { t } from '../i18n/i18n.js';

const PREVIEW_LOOKUP_MS = 15_000;

const IDLE_STATES = ['logged-out', 'connecting', 'ready', 'paused', 'wrap-up'] as const;
type IdleState = (typeof IDLE_STATES)[number];
const isIdleState = (s: LiveAgentRow['state']): s is IdleState => (IDLE_STATES as readonly string[]).includes(s);

/** The pause the service sets when wrap-up ran out before the last call's disposition. */
const DISPOSITION_PENDING = 'DISPO';

export function AgentConsole() {
  const me = useResource(() => agentApi.me(), []);
  if (me.error) return <Message kind="error">{me.error}</Message>;
  if (!me.data) return <p class="muted">{t('common.loading')}</p>;
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
          {me.agent.name} <span class="muted">· {t('agent.head.extension', { ext: me.agent.extension })}</span>
          {me.agent.staffNo && <span class="muted" data-testid="my-staff-no"> · {t('agent.head.staffNo', { staffNo: me.agent.staffNo })}</span>}
        </h1>
        <span class="spacer" />
        <span class={`badge ${connected ? 'ok' : 'warn'}`} data-testid="live-link">
          {connected ? t('common.live') : t('common.reconnecting')}
        </span>
      </div>
      <SoftphoneBar agentId={agentId} row={row} serviceNow={serviceNow} />
      <div class="grid agent-grid">
        <div>
          <CallDesk agentId={agentId} row={row} callId={callId} setCallId={setCallId} serviceNow={serviceNow} onChanged={() => setChanges((n) => n + 1)} />
          {!callId && <PreviewPanel agentId={agentId} row={row} campaigns={preview.data ?? me.previewCampaigns} />}
          {!callId && row?.state !== 'reserved' && (
            <Card title={t('agent.idle.title')} testId="idle">
              <p class="muted">{row?.state === 'paused' && row.reason === DISPOSITION_PENDING ? t('agent.idle.dispositionPending') : idleText(row?.state ?? 'logged-out')}</p>
            </Card>
          )}
          {/* A team lead supervises their team's calls from here; a plain agent sees nothing of it. */}
          <LiveCallsBoard onlyForSupervisors />
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

function idleText(state: LiveAgentRow['state']): string {
  return isIdleState(state) ? t(`agent.idle.${state}`) : '';
}
