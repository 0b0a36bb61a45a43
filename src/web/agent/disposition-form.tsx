/**
 * The agent's disposition of the call, from the campaign's own list, with a note. What the
 * disposition's category asks for is asked here: a callback needs the time the customer
 * gave; "do not call" puts the number on the list at once; a sale is offered only when the
 * customer's own verification created a subscription on this call (the service refuses it
 * otherwise, and logs the attempt). The next call waits for this.
 */
import { useEffect, useState } from 'preact/hooks';
import { dateTime } from '../shared/format.js';
import { useAction, useResource } from '../shared/hooks.js';
import { Field, Message } from '../shared/ui.js';
import { agentApi, type AgentCallCard } from './agent-api.js';
import { callbackInstant, defaultCallbackTime } from './callback-form.js';
import { dispositionLabel } from '../shared/words.js';
import { t } from '../i18n/i18n.js';

export function DispositionForm({ card, sold, serviceNow, onSaved }: { card: AgentCallCard; sold: boolean; serviceNow: () => number; onSaved: () => void }) {
  const action = useAction();
  const list = useResource(() => agentApi.dispositions(card.campaign.id), [card.campaign.id]);
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [when, setWhen] = useState(() => defaultCallbackTime(serviceNow(), card.campaign));
  const [anyAgent, setAnyAgent] = useState(false);
  useEffect(() => setCode(''), [card.callId]);
  const choices = (list.data ?? []).filter((d) => d.category !== 'sale' || sold);
  const chosen = choices.find((d) => d.code === code) ?? null;
  const saved = card.disposition;

  async function submit(e: Event) {
    e.preventDefault();
    if (!chosen) return;
    const ok = await action.run(async () => {
      let callback;
      if (chosen.category === 'callback') {
        const at = callbackInstant(when, card.campaign.timeZone);
        if (at === null) throw new Error(t('agent.callback.chooseTime'));
        callback = { at, anyAgent, note };
      }
      await agentApi.giveDisposition(card.callId, { code: chosen.code, note, ...(callback ? { callback } : {}) });
    });
    if (ok) {
      setNote('');
      onSaved();
    }
  }

  return (
    <form onSubmit={submit} data-testid="disposition-form">
      <h3>{t('agent.disposition.title')}</h3>
      {saved ? (
        <Message kind="ok">
          <span data-testid="saved-disposition">
            {t('agent.disposition.saved', { disposition: dispositionLabel(saved.disposition, saved.label) })}
            {saved.note ? ` — “${saved.note}”` : ''} ({dateTime(saved.at)})
          </span>
        </Message>
      ) : (
        !card.live && <Message kind="info">{t('agent.disposition.needed')}</Message>
      )}
      <div class="form-grid">
        <Field label={t('agent.disposition.title')} hint={sold ? undefined : t('agent.disposition.saleHint')}>
          <select value={code} onChange={(e) => setCode(e.currentTarget.value)} required data-testid="disposition-select">
            <option value="">{t('common.choose')}</option>
            {choices.map((d) => (
              <option value={d.code}>{dispositionLabel(d.code, d.label)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('agent.disposition.note')}>
          <input value={note} maxLength={1000} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
        {chosen?.category === 'callback' && (
          <Field label={t('agent.callback.when', { zone: card.campaign.timeZone })} hint={t('agent.disposition.callbackHint')}>
            <input type="datetime-local" value={when} onInput={(e) => setWhen(e.currentTarget.value)} required data-testid="disposition-callback-at" />
          </Field>
        )}
      </div>
      {chosen?.category === 'callback' && (
        <label class="row checkbox">
          <input type="checkbox" checked={anyAgent} onChange={(e) => setAnyAgent(e.currentTarget.checked)} /> {t('agent.callback.anyAgent')}
        </label>
      )}
      {chosen?.category === 'do-not-call' && <Message kind="info">{t('agent.disposition.doNotCallNote')}</Message>}
      <button type="submit" class="primary" disabled={action.busy || !chosen}>
        {saved ? t('agent.disposition.change') : t('agent.disposition.save')}
      </button>
      <Message kind="error">{action.error ?? list.error}</Message>
    </form>
  );
}
