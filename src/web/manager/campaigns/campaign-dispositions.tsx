/** The campaign's dispositions: add one (code, label, category), relabel, retire or bring back. */
import { useState } from 'preact/hooks';
import type { DispositionRow } from '../../../campaigns/disposition-store.js';
import { DISPOSITION_CATEGORIES, type DispositionCategory } from '../../../db/schema.js';
import { get, patch, post } from '../../shared/api.js';
import { useAction, useResource } from '../../shared/hooks.js';
import { Field, Message, TableHead } from '../../shared/ui.js';
import { dispositionLabel } from '../../shared/words.js';
import { t } from '../../i18n/i18n.js';

export function CampaignDispositions({ campaignId }: { campaignId: number }) {
  const list = useResource(() => get<{ dispositions: DispositionRow[] }>(`/api/campaigns/${campaignId}/dispositions?all=1`).then((r) => r.dispositions), [campaignId]);
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [category, setCategory] = useState<DispositionCategory>('other');
  const action = useAction();
  const run = (f: () => Promise<unknown>) =>
    void action.run(async () => {
      await f();
      await list.reload();
    });
  return (
    <section data-testid="campaign-dispositions" aria-label={t('dispositions.title')}>
      <h3>{t('dispositions.title')}</h3>
      <p class="muted">{t('dispositions.intro')}</p>
      <table>
        <TableHead columns={[t('dispositions.code'), t('dispositions.label'), t('dispositions.category'), '']} />
        <tbody>
          {(list.data ?? []).map((d) => (
            <tr data-testid={`disposition-${d.code}`} class={d.active ? '' : 'muted'}>
              <td>
                <code>{d.code}</code>
              </td>
              <td>{dispositionLabel(d.code, d.label)}</td>
              <td>{t(`dispositionCategory.${d.category}`)}</td>
              <td>
                <button type="button" onClick={() => run(() => patch(`/api/campaigns/${campaignId}/dispositions/${d.code}`, { active: !d.active }))}>
                  {d.active ? t('dispositions.retire') : t('dispositions.bringBack')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <Field label={t('dispositions.code')} hint={t('dispositions.codeHint')}>
          <input value={code} onInput={(e) => setCode(e.currentTarget.value)} name="dispositionCode" />
        </Field>
        <Field label={t('dispositions.label')}>
          <input value={label} onInput={(e) => setLabel(e.currentTarget.value)} name="dispositionLabel" />
        </Field>
        <Field label={t('dispositions.category')}>
          <select value={category} onChange={(e) => setCategory(e.currentTarget.value as DispositionCategory)} name="dispositionCategory">
            {DISPOSITION_CATEGORIES.map((c) => (
              <option value={c}>{t(`dispositionCategory.${c}`)}</option>
            ))}
          </select>
        </Field>
        <button
          type="button"
          disabled={!code || !label || action.busy}
          onClick={() =>
            run(async () => {
              await post(`/api/campaigns/${campaignId}/dispositions`, { code, label, category });
              setCode('');
              setLabel('');
            })
          }
        >
          {t('dispositions.add')}
        </button>
      </div>
      <Message kind="error">{action.error ?? list.error}</Message>
    </section>
  );
}
