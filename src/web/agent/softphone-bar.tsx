/**
 * The softphone: log in (the service calls the softphone and parks it), ready, pause with a
 * reason, log out; the state and how long the agent has been in it.
 */
import { useState } from 'preact/hooks';
import { duration } from '../shared/format.js';
import { useAction, useInterval, useResource } from '../shared/hooks.js';
import { Message } from '../shared/ui.js';
import { pauseLabel } from '../shared/words.js';
import { agentApi, type LiveAgentRow } from './agent-api.js';
import { t } from '../i18n/i18n.js';

type State = LiveAgentRow['state'];

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
        <h2 class="softphone-title">{t('agent.softphone.title')}</h2>
        <span class={`badge state-badge ${STATE_BADGE[state]}`} data-testid="agent-state">
          {state === 'reserved' && !row?.callId ? t('agent.softphone.previewing') : t(`agentState.${state}`)}
          {state === 'paused' && row?.reason ? ` · ${pauseLabel(row.reason, (codes.data ?? []).find((c) => c.code === row.reason)?.label)}` : ''}
        </span>
        {sinceSec !== null && (
          <span class="muted" data-testid="time-in-state">
            {t('agent.softphone.for', { duration: duration(sinceSec) })}
          </span>
        )}
        {row?.longPause && <span class="badge bad">{t('agent.softphone.longPause', { duration: duration(row.pauseSec ?? 0) })}</span>}
        {row?.pendingPause && <span class="badge warn">{t('agent.softphone.pendingPause', { reason: pauseLabel(row.pendingPause, (codes.data ?? []).find((c) => c.code === row.pendingPause)?.label) })}</span>}
        <span class="spacer" />
        {!loggedIn && (
          <button type="button" class="primary" disabled={action.busy || !row} onClick={() => void action.run(() => agentApi.login(agentId))}>
            {t('agent.softphone.logIn')}
          </button>
        )}
        {(state === 'paused' || state === 'wrap-up') && (
          <button type="button" class="ok" disabled={action.busy} onClick={() => void action.run(() => agentApi.ready(agentId))}>
            {state === 'wrap-up' ? t('agent.softphone.readyNext') : t('agent.softphone.ready')}
          </button>
        )}
        {loggedIn && state !== 'connecting' && (
          <>
            <select aria-label={t('agent.softphone.pauseReason')} class="pause-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
              <option value="">{t('agent.softphone.pauseReasonChoose')}</option>
              {choices.map((c) => (
                <option value={c.code}>{pauseLabel(c.code, c.label)}</option>
              ))}
            </select>
            <button
              type="button"
              disabled={action.busy || reason === ''}
              title={reason === '' ? t('agent.softphone.chooseReasonFirst') : onCall ? t('agent.softphone.pauseStartsAfter') : undefined}
              onClick={() => void action.run(() => agentApi.pause(agentId, reason)).then((ok) => ok && setReason(''))}
            >
              {onCall ? t('agent.softphone.pauseAfterCall') : t('agent.softphone.pause')}
            </button>
            <button type="button" disabled={action.busy} onClick={() => void action.run(() => agentApi.logout(agentId))}>
              {t('agent.softphone.logOut')}
            </button>
          </>
        )}
      </div>
      {state === 'connecting' && <Message kind="info">{t('agent.softphone.ringing')}</Message>}
      <Message kind="error">{action.error ?? codes.error}</Message>
    </section>
  );
}
