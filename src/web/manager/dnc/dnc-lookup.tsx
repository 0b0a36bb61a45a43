/** Looks a number up on the do-not-call lists (GET /api/do-not-call?phone=), read as the API reads it. */
import { useState } from 'preact/hooks';
import { get, query } from '../../shared/api.js';
import { useAction } from '../../shared/hooks.js';
import { Field, Message } from '../../shared/ui.js';
import type { DncEntry } from '../types.js';

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
    <form class="row" onSubmit={submit} aria-label="Do-not-call lookup" data-testid="dnc-lookup">
      <Field label="Look up a number">
        <input name="lookupPhone" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} required />
      </Field>
      <button type="submit" disabled={look.busy || phone.trim() === ''}>
        Look up
      </button>
      <Message kind="error">{look.error}</Message>
      {found && (
        <Message kind={found.blocked ? 'warn' : 'ok'}>
          {found.phone}: {found.blocked ? 'blocked' : 'not blocked'}
          {found.entries.length > 0 && ` — on ${found.entries.map((e) => (e.scope === 'global' ? 'the global list' : `campaign ${e.campaignId}'s list`)).join(' and ')}`}
        </Message>
      )}
    </form>
  );
}
