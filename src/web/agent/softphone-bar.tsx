/**
 * The softphone: log in (the service calls the softphone and parks it), ready, pause with a
 * reason, log out; the state and how long the agent has been in it.
 */
import { useState } from 'preact/hooks';
import { duration } from '../shared/format.js';
import { useAction, useInterval, useResource } from '../shared/hooks.js';
import { Message } from '../shared/ui.js';
import { agentApi, type LiveAgentRow } from './agent-api.js';

type State = LiveAgentRow['state'];

const STATE_LABEL: Record<State, string> = {
  'logged-out': 'Logged out',
  connecting: 'Connecting softphone',
  ready: 'Ready',
  reserved: 'Call coming in',
  'on-call': 'On call',
  'wrap-up': 'Wrap-up',
  paused: 'Paused',
};

const STATE_BADGE: Record<State, string> = {
  'logged-out': '',
  connecting: 'warn',
  ready: 'ok',
  reserved: 'warn',
  'on-call': 'ok',
  'wrap-up': 'warn',
  paused: 'bad',
};

/** The system sets IDLE (a preview card left unanswered) and DISPO (wrap-up ran out before the disposition); agents pick a real reason. */
const SYSTEM_PAUSE_CODES = new Set(['IDLE', 'DISPO']);

export function SoftphoneBar({ agentId, row, serviceNow }: { agentId: number; row: LiveAgentRow | null; serviceNow: () => number }) {
  const action = useAction();
  const codes = useResource(() => agentApi.pauseCodes(), []);
  const [reason, setReason] = useState('');
  const [, tick] = useState(0);
  useInterval(() => tick((n) => n + 1), 1000);

  const state: State = row?.state ?? 'logged-out';
  const sinceSec = row?.stateSince ? (serviceNow() - row.stateSince) / 1000 : null;
  const choices = (codes.data ?? []).filter((c) => !SYSTEM_PAUSE_CODES.has(c.code));
  const loggedIn = state !== 'logged-out';
  const onCall = state === 'reserved' || state === 'on-call';

  return (
    <section class="card softphone" data-testid="softphone">
      <div class="row">
        <h2 class="softphone-title">Softphone</h2>
        <span class={`badge state-badge ${STATE_BADGE[state]}`} data-testid="agent-state">
          {state === 'reserved' && !row?.callId ? 'Previewing a customer' : STATE_LABEL[state]}
          {state === 'paused' && row?.reason ? ` · ${row.reason}` : ''}
        </span>
        {sinceSec !== null && (
          <span class="muted" data-testid="time-in-state">
            for {duration(sinceSec)}
          </span>
        )}
        {row?.longPause && <span class="badge bad">Pause over {Math.round((row.pauseSec ?? 0) / 60)} min</span>}
        {row?.pendingPause && <span class="badge warn">Pause ({row.pendingPause}) after this call</span>}
        <span class="spacer" />
        {!loggedIn && (
          <button type="button" class="primary" disabled={action.busy || !row} onClick={() => void action.run(() => agentApi.login(agentId))}>
            Log in softphone
          </button>
        )}
        {(state === 'paused' || state === 'wrap-up') && (
          <button type="button" class="ok" disabled={action.busy} onClick={() => void action.run(() => agentApi.ready(agentId))}>
            {state === 'wrap-up' ? 'Ready for next call' : 'Ready'}
          </button>
        )}
        {loggedIn && state !== 'connecting' && (
          <>
            <select aria-label="Pause reason" class="pause-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
              <option value="">Pause reason…</option>
              {choices.map((c) => (
                <option value={c.code}>{c.label}</option>
              ))}
            </select>
            <button
              type="button"
              disabled={action.busy || reason === ''}
              title={reason === '' ? 'Choose a pause reason first' : onCall ? 'The pause starts when this call is over' : undefined}
              onClick={() => void action.run(() => agentApi.pause(agentId, reason)).then((ok) => ok && setReason(''))}
            >
              {onCall ? 'Pause after call' : 'Pause'}
            </button>
            <button type="button" disabled={action.busy} onClick={() => void action.run(() => agentApi.logout(agentId))}>
              Log out
            </button>
          </>
        )}
      </div>
      {state === 'connecting' && <Message kind="info">Your softphone is ringing: answer it to log in.</Message>}
      <Message kind="error">{action.error ?? codes.error}</Message>
    </section>
  );
}
