/**
 * One do-not-call list (global, or a campaign's), a page at a time, and taking a number off
 * it — admins only, as the API says; managers see the button disabled with the reason.
 */
import { useState } from 'preact/hooks';
import { del, get, query } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useAction, useResource } from '../../shared/hooks.js';
import { Message } from '../../shared/ui.js';
import { PagerBar, useCursorPager } from '../pager.js';
import type { DncEntry } from '../types.js';

const PAGE = 50;
export const REMOVE_REFUSAL = 'only an admin may take a number off a do-not-call list';

/** `version` changes after an addition or an upload: the page is read again. */
export function DncEntries({ campaignId, version, isAdmin }: { campaignId: number | null; version: number; isAdmin: boolean }) {
  const pager = useCursorPager();
  const page = useResource(
    () => get<{ entries: DncEntry[]; next: number | null }>(`/api/do-not-call${query({ campaignId: campaignId ?? undefined, after: pager.after, limit: PAGE })}`),
    [campaignId, pager.after, version],
  );
  const remove = useAction();
  const [removed, setRemoved] = useState<string | null>(null);
  const entries = page.data?.entries ?? [];

  async function removeEntry(e: DncEntry) {
    setRemoved(null);
    if (await remove.run(() => del(`/api/do-not-call/${e.scope}/${e.id}`))) {
      setRemoved(`${e.phone} taken off the ${e.scope === 'global' ? 'global' : 'campaign'} list.`);
      await page.reload();
    }
  }

  return (
    <section data-testid="dnc-entries" aria-label="Do-not-call entries">
      <Message kind="error">{page.error ?? remove.error}</Message>
      <Message kind="ok">{removed}</Message>
      {!isAdmin && <p class="muted small">Taking a number off a list: {REMOVE_REFUSAL}.</p>}
      {entries.length === 0 && !page.loading && <p class="muted">The list is empty.</p>}
      {entries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Number</th>
              <th>Source</th>
              <th>Reason</th>
              <th>Added</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr data-testid="dnc-row">
                <td>{e.phone}</td>
                <td>{e.source}</td>
                <td>{e.reason || <span class="muted">–</span>}</td>
                <td>{dateTime(e.createdAt)}</td>
                <td>
                  <button type="button" class="danger" disabled={!isAdmin || remove.busy} title={isAdmin ? 'take the number off this list' : REMOVE_REFUSAL} onClick={() => void removeEntry(e)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PagerBar pager={pager} shown={entries.length} pageSize={PAGE} next={page.data?.next} busy={page.loading} />
    </section>
  );
}
