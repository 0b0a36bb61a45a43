/** Adds one number to a do-not-call list (POST /api/do-not-call); the API says if it was listed already. */
import { useState } from 'preact/hooks';
import { post } from '../../shared/api.js';
import { useAction } from '../../shared/hooks.js';
import { Field, Message } from '../../shared/ui.js';
import type { DncEntry } from '../types.js';
import { t } from '../../i18n/i18n.js';

export function DncAdd({ campaignId, onAdded }: { campaignId: number | null; onAdded: () => void }) {
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const add = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    setDone(null);
    await add.run(async () => {
      const r = await post<{ added: boolean; entry: DncEntry }>('/api/do-not-call', { phone, campaignId, ...(reason.trim() ? { reason } : {}) });
      setDone(r.added ? t('dnc.added', { phone: r.entry.phone }) : t('dnc.already', { phone: r.entry.phone }));
      setPhone('');
      setReason('');
      onAdded();
    });
  }
  return (
    <form class="row" onSubmit={submit} aria-label={t('dnc.addTitle')} data-testid="dnc-add">
      <Field label={t('dnc.numberToAdd')}>
        <input name="dncPhone" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} required />
      </Field>
      <Field label={t('rejects.reason')}>
        <input name="dncReason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={500} />
      </Field>
      <button class="primary" type="submit" disabled={add.busy || phone.trim() === ''}>
        {t('dnc.add')}
      </button>
      <Message kind="error">{add.error}</Message>
      <Message kind="ok">{done}</Message>
    </form>
  );
}
