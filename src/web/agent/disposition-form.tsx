/**
 * The agent's disposition of the call, with a note. "Sale" is offered only when the
 * customer's own verification created a subscription on this call (the service refuses it
 * otherwise, and logs the attempt).
 */
import { useState } from 'preact/hooks';
import { dateTime } from '../shared/format.js';
import { useAction } from '../shared/hooks.js';
import { Field, Message } from '../shared/ui.js';
import { agentApi, type AgentCallCard, type Disposition } from './agent-api.js';
import { listWord } from '../shared/words.js';
import { DISPOSITIONS } from './dispositions.js';
import { t } from '../i18n/i18n.js';

export function DispositionForm({ card, sold, onSaved }: { card: AgentCallCard; sold: boolean; onSaved: () => void }) {
  const action = useAction();
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [note, setNote] = useState('');
  const choices = DISPOSITIONS.filter((d) => d !== 'sale' || sold);
  const saved = card.disposition;

  async function submit(e: Event) {
    e.preventDefault();
    if (!disposition) return;
    if (await action.run(() => agentApi.disposition(card.callId, disposition, note))) {
      setNote('');
      onSaved();
    }
  }

  return (
    <form onSubmit={submit} data-testid="disposition-form">
      <h3>{t('agent.disposition.title')}</h3>
      {saved && (
        <Message kind="ok">
          <span data-testid="saved-disposition">
            {t('agent.disposition.saved', { disposition: listWord('disposition', saved.disposition) })}
            {saved.note ? ` — “${saved.note}”` : ''} ({dateTime(saved.at)})
          </span>
        </Message>
      )}
      <div class="form-grid">
        <Field label={t('agent.disposition.title')} hint={sold ? undefined : t('agent.disposition.saleHint')}>
          <select value={disposition} onChange={(e) => setDisposition(e.currentTarget.value as Disposition | '')} required>
            <option value="">{t('common.choose')}</option>
            {choices.map((d) => (
              <option value={d}>{t(`disposition.${d}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('agent.disposition.note')}>
          <input value={note} maxLength={1000} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
      </div>
      <button type="submit" class="primary" disabled={action.busy || !disposition}>
        {saved ? t('agent.disposition.change') : t('agent.disposition.save')}
      </button>
      <Message kind="error">{action.error}</Message>
    </form>
  );
}
