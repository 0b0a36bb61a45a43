/**
 * A failed score's correction task (VICIdial's QC FAIL → callback; manual 000): the agent
 * must call the customer back within the minutes set here. The service schedules the callback
 * for the call's agent and writes it to the QA audit log; it refuses a score that passed.
 */
import { useState } from 'preact/hooks';
import type { CallbackRow } from '../../campaigns/callback-store.js';
import { post } from '../shared/api.js';
import { dateTime } from '../shared/format.js';
import { useAction } from '../shared/hooks.js';
import { Field, Message } from '../shared/ui.js';
import { t } from '../i18n/i18n.js';

/** The manual's 30 minutes: a call back within them halves the deductions. */
const DEFAULT_MINUTES = '30';

export function CorrectionTask({ callId, total }: { callId: string; total: number }) {
  const [minutes, setMinutes] = useState(DEFAULT_MINUTES);
  const [note, setNote] = useState('');
  const [opened, setOpened] = useState<CallbackRow | null>(null);
  const action = useAction();
  const open = () =>
    void action.run(async () => {
      const body = { withinMinutes: Number(minutes), ...(note.trim() ? { note: note.trim() } : {}) };
      setOpened(await post<CallbackRow>(`/api/qa/calls/${encodeURIComponent(callId)}/correction`, body));
    });
  return (
    <section class="correction-task" data-testid="correction-task" aria-label={t('qaCorrection.title')}>
      <h3>{t('qaCorrection.title')}</h3>
      <p class="muted">{t('qaCorrection.intro', { total })}</p>
      {opened ? (
        <Message kind="ok">
          <span data-testid="correction-opened">{t('qaCorrection.opened', { id: opened.id, by: dateTime(opened.expiresAt) })}</span>
        </Message>
      ) : (
        <div class="row">
          <Field label={t('qaCorrection.within')} hint={t('qaCorrection.withinHint')}>
            <input type="number" name="withinMinutes" min={5} step={5} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
          </Field>
          <Field label={t('qaCorrection.note')}>
            <input name="correctionNote" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </Field>
          <button type="button" class="primary" disabled={action.busy} onClick={open}>
            {t('qaCorrection.open')}
          </button>
        </div>
      )}
      <Message kind="error">{action.error}</Message>
    </section>
  );
}
