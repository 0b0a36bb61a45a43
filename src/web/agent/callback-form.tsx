/**
 * Schedules a callback the customer asked for. The time is picked in the campaign's time
 * zone (the zone its calling window is written in), whatever this computer's zone is, and
 * sent as an instant; the service checks it against the customer's own calling window.
 */
import { DateTime } from 'luxon';
import { useState } from 'preact/hooks';
import { useAction } from '../shared/hooks.js';
import { Field, Message } from '../shared/ui.js';
import { weekdayKey } from '../shared/words.js';
import { agentApi, type AgentCallCard } from './agent-api.js';
import { t, tDynamic } from '../i18n/i18n.js';

type Campaign = AgentCallCard['campaign'];

const LOCAL_INPUT = "yyyy-LL-dd'T'HH:mm";

/** The next calling day's window opening, in the campaign's zone, as a datetime-local value. */
export function defaultCallbackTime(now: number, c: Campaign): string {
  let day = DateTime.fromMillis(now, { zone: c.timeZone }).plus({ days: 1 });
  const off = (d: DateTime) => !c.windowDays.includes(d.weekday) || c.windowDatesOff.includes(d.toISODate() ?? '');
  for (let i = 0; i < 7 + c.windowDatesOff.length && off(day); i++) day = day.plus({ days: 1 });
  const [hour = 9, minute = 0] = c.windowStart.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 }).toFormat(LOCAL_INPUT);
}

/** A datetime-local value read in the campaign's zone; null when it is not a time. */
export function callbackInstant(value: string, timeZone: string): number | null {
  const t = DateTime.fromISO(value, { zone: timeZone });
  return t.isValid ? t.toMillis() : null;
}

function windowText(c: Campaign): string {
  const days = c.windowDays.length === 7 ? t('weekday.every') : c.windowDays.map((d) => tDynamic(weekdayKey(d))).join(t('weekday.separator'));
  const hours = c.windowIntervals.map((i) => `${i.start}–${i.end}`).join(t('weekday.separator'));
  const text = `${hours}, ${days}`;
  return c.windowDatesOff.length ? t('floor.window.datesOffSuffix', { window: text, dates: c.windowDatesOff.join(t('weekday.separator')) }) : text;
}

export function CallbackForm({ agentId, card, serviceNow, onScheduled }: { agentId: number; card: AgentCallCard; serviceNow: () => number; onScheduled: () => void }) {
  const c = card.campaign;
  const action = useAction();
  const [when, setWhen] = useState(() => defaultCallbackTime(serviceNow(), c));
  const [note, setNote] = useState('');
  const [anyAgent, setAnyAgent] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setDone(null);
    const at = callbackInstant(when, c.timeZone);
    const ok = await action.run(async () => {
      if (at === null) throw new Error(t('agent.callback.chooseTime'));
      await agentApi.scheduleCallback(agentId, { callId: card.callId, at, note, anyAgent });
    });
    if (ok) {
      setDone(anyAgent ? t('agent.callback.doneAny', { when: when.replace('T', ' '), zone: c.timeZone }) : t('agent.callback.doneMine', { when: when.replace('T', ' '), zone: c.timeZone }));
      setNote('');
      onScheduled();
    }
  }

  return (
    <form onSubmit={submit} data-testid="callback-form">
      <h3>{t('agent.preview.callback')}</h3>
      <div class="form-grid">
        <Field label={t('agent.callback.when', { zone: c.timeZone })} hint={t('agent.callback.whenHint', { window: windowText(c) })}>
          <input type="datetime-local" value={when} onInput={(e) => setWhen(e.currentTarget.value)} required />
        </Field>
        <Field label={t('agent.callback.note')}>
          <input value={note} maxLength={1000} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
      </div>
      <label class="row checkbox">
        <input type="checkbox" checked={anyAgent} onChange={(e) => setAnyAgent(e.currentTarget.checked)} /> {t('agent.callback.anyAgent')}
      </label>
      <button type="submit" disabled={action.busy}>
        {t('agent.callback.schedule')}
      </button>
      <Message kind="ok">{done}</Message>
      <Message kind="error">{action.error}</Message>
    </form>
  );
}
