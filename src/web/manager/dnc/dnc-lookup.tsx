/** Looks a number up on the do-not-call lists (GET /api/do-not-call?phone=), read as the API reads it. */
import { useState } from 'preact/hooks';
import { get, query } from '../../shared/api.js';
import { useAction } from '../../shared/hooks.js';
import { Field, Message } from '../../shared/ui.js';
import type { DncEntry } from '../types.js';
import { t } from '../../i18n/i18n.js';

interface Lookup {
  phone: string;
  blocked: boolean;
  entries: DncEntry[];
}

export function DncLookup({ campaignId }: { campaignId: number | null }) {
  const [phone, setPhone] = useState('');
  const [found, setFound] = useState<Lookup | null>(null);
  const look = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    setFound(null);
    await look.run(async () => setFound(await get<Lookup>(`/api/do-not-call${query({ phone, campaignId: campaignId ?? undefined })}`)));
  }
  return (
    <form class="row" onSubmit={submit} aria-label={t('dnc.lookupTitle')} data-testid="dnc-lookup">
      <Field label={t('dnc.lookupNumber')}>
        <input name="lookupPhone" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} required />
      </Field>
      <button type="submit" disabled={look.busy || phone.trim() === ''}>
        {t('dnc.lookup')}
      </button>
      <Message kind="error">{look.error}</Message>
      {found && (
        <Message kind={found.blocked ? 'warn' : 'ok'}>
          {t('dnc.lookupResult', { phone: found.phone, state: found.blocked ? t('dnc.blocked') : t('dnc.notBlocked') })}
          {found.entries.length > 0 && t('dnc.onLists', { lists: found.entries.map((e) => (e.scope === 'global' ? t('dnc.globalList') : t('dnc.campaignList', { id: String(e.campaignId) }))).join(t('weekday.separator')) })}
        </Message>
      )}
    </form>
  );
}
