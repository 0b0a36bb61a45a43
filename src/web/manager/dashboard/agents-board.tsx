/**
 * The agents board: every agent's state and time in it, the long-pause flag and today's
 * talk time against the target, pushed by the service (GET /api/live/agents/stream,
 * `snapshot` and `long-pause` events) — no polling. Times tick on between snapshots.
 */
import { useState } from 'preact/hooks';
import { duration, time } from '../../shared/format.js';
import { useEventStream, useInterval } from '../../shared/hooks.js';
import { Card, ProgressBar } from '../../shared/ui.js';
import { pauseLabel } from '../../shared/words.js';
import { AGENT_STATE_BADGE, type LiveAgentRow, type LiveSnapshot } from '../types.js';
import { t } from '../../i18n/i18n.js';

const EVENTS = ['snapshot', 'long-pause'];

interface LongPauseAlert {
  agentId: number;
  name: string;
  reason: string | null;
  at: number;
}

export function AgentsBoard() {
  const [snapshot, setSnapshot] = useState<{ data: LiveSnapshot; receivedAt: number } | null>(null);
  const [alerts, setAlerts] = useState<LongPauseAlert[]>([]);
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 1000);
  const { connected } = useEventStream('/api/live/agents/stream', EVENTS, (name, data) => {
    if (name === 'snapshot') setSnapshot({ data: data as LiveSnapshot, receivedAt: Date.now() });
    else setAlerts((list) => [data as LongPauseAlert, ...list].slice(0, 5));
  });
  // Seconds since the snapshot was taken, so the times run on until the next one.
  const since = snapshot ? Math.max(0, Math.round((now - snapshot.receivedAt) / 1000)) : 0;

  return (
    <Card title={t('dashboard.agents')} actions={<span class={`badge ${connected ? 'ok' : 'warn'}`}>{connected ? t('common.live') : t('dashboard.connecting')}</span>} testId="agents-board">
      {alerts.length > 0 && (
        <ul class="alerts" aria-label={t('dashboard.longPauses')}>
          {alerts.map((a) => (
            <li class="msg msg-warn">
              {time(a.at)}:{t('dashboard.longPauseAlert', { name: a.name, reason: a.reason ? pauseLabel(a.reason) : t('dashboard.noReason'), limit: snapshot ? duration(snapshot.data.longPauseLimitSec) : '–' })}
            </li>
          ))}
        </ul>
      )}
      {!snapshot && <p class="muted">{t('dashboard.waiting')}</p>}
      {snapshot && snapshot.data.agents.length === 0 && <p class="muted">{t('dashboard.noAgents')}</p>}
      {snapshot && snapshot.data.agents.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('dashboard.col.agent')}</th>
              <th>{t('dashboard.col.team')}</th>
              <th>{t('dashboard.col.state')}</th>
              <th class="num">{t('dashboard.col.timeInState')}</th>
              <th class="num">{t('dashboard.col.connected')}</th>
              <th style={{ minWidth: '260px' }}>{t('dashboard.col.talkVsTarget')}</th>
              <th class="num">{t('dashboard.col.projected')}</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.data.agents.map((a) => (
              <AgentRow a={a} since={since} />
            ))}
          </tbody>
        </table>
      )}
      {snapshot && <p class="muted small">{t('dashboard.projection', { hours: snapshot.data.shiftHours })}</p>}
    </Card>
  );
}

function AgentRow({ a, since }: { a: LiveAgentRow; since: number }) {

  return (
    <tr data-testid={`agent-row-${a.agentId}`} class={a.longPause ? 'flagged' : ''}>
      <td>
        {a.name} <span class="muted">{t('agent.head.extension', { ext: a.extension })}</span>
      </td>
      <td>{a.team || <span class="muted">–</span>}</td>
      <td>
        <span class={`badge ${AGENT_STATE_BADGE[a.state]}`} data-testid="agent-state">
          {t(`agentState.${a.state}`)}
        </span>
        {a.reason && <span class="muted"> {pauseLabel(a.reason)}</span>}
        {a.pendingPause && <span class="muted"> {t('agent.softphone.pendingPause', { reason: pauseLabel(a.pendingPause) })}</span>}
        {a.longPause && (
          <span class="badge bad" data-testid="long-pause">
            {t('dashboard.longPause')}
          </span>
        )}
      </td>
      <td class="num">{a.timeInStateSec === null ? '–' : duration(a.timeInStateSec + since)}</td>
      <td class="num">{a.connectedToday}</td>
      <td>
        <ProgressBar
          value={a.talkTodaySec}
          max={a.targetSec}
          label={t('dashboard.talkVsTarget', { talk: duration(a.talkTodaySec), target: duration(a.targetSec), pct: a.progressPct === null ? '–' : `${a.progressPct}%`, source: t(`targetSource.${a.targetSource}`) })}
        />
      </td>
      <td class="num">{a.projectedAttainmentPct === null ? '–' : `${a.projectedAttainmentPct}%`}</td>
    </tr>
  );
}
