/**
 * The agents board: every agent's state and time in it, the long-pause flag and today's
 * talk time against the target, pushed by the service (GET /api/live/agents/stream,
 * `snapshot` and `long-pause` events) — no polling. Times tick on between snapshots.
 */
import { useState } from 'preact/hooks';
import { duration, time } from '../../shared/format.js';
import { useEventStream, useInterval } from '../../shared/hooks.js';
import { Card, ProgressBar } from '../../shared/ui.js';
import { AGENT_STATE_BADGE, type LiveAgentRow, type LiveSnapshot } from '../types.js';

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
    <Card title="Agents" actions={<span class={`badge ${connected ? 'ok' : 'warn'}`}>{connected ? 'live' : 'connecting…'}</span>} testId="agents-board">
      {alerts.length > 0 && (
        <ul class="alerts" aria-label="Long pauses">
          {alerts.map((a) => (
            <li class="msg msg-warn">
              {time(a.at)}: {a.name} has been paused ({a.reason ?? 'no reason'}) longer than {snapshot ? duration(snapshot.data.longPauseLimitSec) : 'the limit'}
            </li>
          ))}
        </ul>
      )}
      {!snapshot && <p class="muted">Waiting for the first snapshot…</p>}
      {snapshot && snapshot.data.agents.length === 0 && <p class="muted">No agents registered.</p>}
      {snapshot && snapshot.data.agents.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Agent</th>
              <th>Team</th>
              <th>State</th>
              <th class="num">Time in state</th>
              <th class="num">Connected today</th>
              <th style={{ minWidth: '260px' }}>Talk today vs target</th>
              <th class="num">Projected</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.data.agents.map((a) => (
              <AgentRow a={a} since={since} />
            ))}
          </tbody>
        </table>
      )}
      {snapshot && <p class="muted small">Projection: {snapshot.data.projection}.</p>}
    </Card>
  );
}

function AgentRow({ a, since }: { a: LiveAgentRow; since: number }) {
  const badge = AGENT_STATE_BADGE[a.state];
  return (
    <tr data-testid={`agent-row-${a.agentId}`} class={a.longPause ? 'flagged' : ''}>
      <td>
        {a.name} <span class="muted">ext {a.extension}</span>
      </td>
      <td>{a.team || <span class="muted">–</span>}</td>
      <td>
        <span class={`badge ${badge.kind}`} data-testid="agent-state">
          {badge.label}
        </span>
        {a.reason && <span class="muted"> {a.reason}</span>}
        {a.pendingPause && <span class="muted"> (pause {a.pendingPause} after this call)</span>}
        {a.longPause && (
          <span class="badge bad" data-testid="long-pause">
            long pause
          </span>
        )}
      </td>
      <td class="num">{a.timeInStateSec === null ? '–' : duration(a.timeInStateSec + since)}</td>
      <td class="num">{a.connectedToday}</td>
      <td>
        <ProgressBar
          value={a.talkTodaySec}
          max={a.targetSec}
          label={`${duration(a.talkTodaySec)} of ${duration(a.targetSec)} (${a.progressPct === null ? '–' : `${a.progressPct}%`}, target from ${a.targetSource})`}
        />
      </td>
      <td class="num">{a.projectedAttainmentPct === null ? '–' : `${a.projectedAttainmentPct}%`}</td>
    </tr>
  );
}
