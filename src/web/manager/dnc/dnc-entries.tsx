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
import { t } from '../../i18n/i18n.js';

const PAGE = 50;

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
      setRemoved(e.scope === 'global' ? t('dnc.removedGlobal', { phone: e.phone }) : t('dnc.removedCampaign', { phone: e.phone }));
      await page.reload();
    }
  }

  return (
    <section data-testid="dnc-entries" aria-label={t('dnc.entries')}>
      <Message kind="error">{page.error ?? remove.error}</Message>
      <Message kind="ok">{removed}</Message>
      {!isAdmin && <p class="muted small">{t('dnc.removeAdminOnly', { reason: t('dnc.removeRefusal') })}</p>}
      {entries.length === 0 && !page.loading && <p class="muted">{t('dnc.empty')}</p>}
      {entries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('dnc.number')}</th>
              <th>{t('dnc.source')}</th>
              <th>{t('rejects.reason')}</th>
              <th>{t('dnc.addedAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr data-testid="dnc-row">
                <td>{e.phone}</td>
                <td>{t(`dncSource.${e.source}`)}</td>
                <td>{e.reason || <span class="muted">–</span>}</td>
                <td>{dateTime(e.createdAt)}</td>
                <td>
                  <button type="button" class="danger" disabled={!isAdmin || remove.busy} title={isAdmin ? t('dnc.removeHint') : t('dnc.removeRefusal')} onClick={() => void removeEntry(e)}>
                    {t('dnc.remove')}
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
