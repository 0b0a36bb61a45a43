/**
 * Live calls and the supervisor's buttons on each (issue 13): Listen, Whisper, Barge, Take
 * over, Stop. The service calls the supervisor's own phone and joins it in the chosen mode;
 * switching mode keeps the phone and the call up. The list is refreshed every 2 s (calls
 * come and go faster than a manager reads them) and after every click.
 *
 * One board for every console: the manager's dashboard, a team lead's agent console (their
 * team's calls) and the QA console (Listen only). The buttons are the modes the service says
 * this user may use; with `onlyForSupervisors` the board shows nothing (and stops polling)
 * for a user who may use none, e.g. a plain agent.
 */
import { useState } from 'preact/hooks';
import { del, get, post, put } from '../shared/api.js';
import { duration } from '../shared/format.js';
import { useInterval, useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { errorText } from '../i18n/error-text.js';
import { t } from '../i18n/i18n.js';

type Mode = 'listen' | 'whisper' | 'barge' | 'takeover';

interface SupervisionView {
  id: number;
  callId: string;
  mode: Mode;
  state: 'ringing' | 'joined';
  since: number;
}

interface LiveCallRow {
  callId: string;
  campaignName: string;
  agentName: string | null;
  liveSec: number | null;
  mine: SupervisionView | null;
  takenOver: boolean;
}

interface LiveCalls {
  calls: LiveCallRow[];
  modes: Mode[];
  phone: string | null;
  /** The phone is the user's logged-in agent softphone: nothing can start now. */
  phoneInUse: boolean;
}

const REFRESH_MS = 2000;

export function LiveCallsBoard({ onlyForSupervisors = false }: { onlyForSupervisors?: boolean }) {
  const live = useResource(() => get<LiveCalls>('/api/supervision/calls'), []);
  const [error, setError] = useState<string | null>(null);
  const nothingToDo = live.data !== undefined && live.data.modes.length === 0;
  useInterval(() => void live.reload(), onlyForSupervisors && nothingToDo ? null : REFRESH_MS);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    }
    await live.reload();
  };
  const choose = (row: LiveCallRow, mode: Mode) =>
    act(async () => {
      if (mode === 'takeover' && !window.confirm(t('supervision.confirmTakeover'))) return;
      if (row.mine) await post(`/api/supervision/${row.mine.id}/mode`, { mode });
      else await post('/api/supervision', { callId: row.callId, mode });
    });
  const stop = (row: LiveCallRow) => act(() => del(`/api/supervision/${row.mine!.id}`));

  const data = live.data;
  if (onlyForSupervisors && (!data || nothingToDo)) return null;
  return (
    <Card title={t('supervision.title')} testId="supervision-calls">
      <Message kind="error">{error ?? live.error}</Message>
      {data && (data.phone ? <p class="muted small">{t('supervision.phone', { ext: data.phone })}</p> : <PhoneForm intro={t('supervision.noPhone')} onSaved={() => void live.reload()} />)}
      {data?.phoneInUse && (
        <div data-testid="supervision-phone-in-use">
          <Message kind="warn">{t('supervision.phoneInUse', { ext: data.phone ?? '' })}</Message>
          <PhoneForm intro={t('supervision.ownPhone')} onSaved={() => void live.reload()} />
        </div>
      )}
      {data && data.calls.length === 0 && <p class="muted">{t('supervision.none')}</p>}
      {data && data.calls.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('supervision.col.agent')}</th>
              <th>{t('supervision.col.campaign')}</th>
              <th class="num">{t('supervision.col.duration')}</th>
              <th>{t('supervision.col.you')}</th>
              <th>{t('supervision.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.calls.map((row) => (
              <tr key={row.callId} data-testid={`live-call-${row.callId}`}>
                <td>{row.agentName ?? <span class="muted">{t('supervision.noAgent')}</span>}</td>
                <td>{row.campaignName}</td>
                <td class="num">{row.liveSec === null ? '–' : duration(row.liveSec)}</td>
                <td data-testid="supervision-state">
                  {row.mine && t(row.mine.state === 'ringing' ? 'supervision.state.ringing' : 'supervision.state.joined', { mode: t(`supervision.mode.${row.mine.mode}`) })}
                  {row.takenOver && <span class="badge warn">{t('supervision.takenOver')}</span>}
                </td>
                <td class="actions">
                  {data.modes.map((mode) => (
                    <button type="button" data-testid={`supervise-${mode}`} disabled={row.mine?.mode === mode || row.mine?.mode === 'takeover' || row.takenOver || !data.phone || (!row.mine && data.phoneInUse)} onClick={() => void choose(row, mode)}>
                      {t(`supervision.mode.${mode}`)}
                    </button>
                  ))}
                  {row.mine && (
                    <button type="button" class="secondary" data-testid="supervise-stop" onClick={() => void stop(row)}>
                      {t('supervision.stop')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** A supervisor without a phone (or whose phone is their logged-in agent softphone) sets the extension of a softphone of their own here. */
function PhoneForm({ intro, onSaved }: { intro: string; onSaved: () => void }) {
  const [ext, setExt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await put('/api/supervision/phone', { extension: ext.trim() });
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} data-testid="supervisor-phone">
      <p class="muted">{intro}</p>
      <Message kind="error">{error}</Message>
      <label>
        {t('supervision.phoneLabel')} <input name="extension" value={ext} onInput={(e) => setExt((e.target as HTMLInputElement).value)} />
      </label>{' '}
      <button type="submit">{t('supervision.phoneSave')}</button>
    </form>
  );
}
