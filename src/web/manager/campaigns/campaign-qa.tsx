/**
 * The campaign's QA sampling: the confidence and margin of the sample (COPC, 95% by default)
 * and the per-agent floors of a cycle by role (the manuals' 3 sales + 1 non-sale, a trainee
 * 3 + 2). A blank floor keeps the manuals'; the planner takes a shortfall of sales from
 * non-sales.
 */
import { useState } from 'preact/hooks';
import { get, put } from '../../shared/api.js';
import { useAction, useResource } from '../../shared/hooks.js';
import { Field, Message, TableHead } from '../../shared/ui.js';
import { t } from '../../i18n/i18n.js';

const ROLES = ['agent', 'trainee', 'team-lead'] as const;
type Role = (typeof ROLES)[number];
type Floor = { sale: number; nonSale: number };

interface QaSettingsView {
  confidence: number;
  margin: number;
  pSource: 'default' | 'observed';
  floors: Partial<Record<Role, Floor>> | null;
  defaultFloors: Record<Role, Floor>;
}

type FloorsDraft = Record<Role, { sale: string; nonSale: string }>;

const pct = (v: number) => String(Math.round(v * 10_000) / 100);

export function CampaignQa({ campaignId }: { campaignId: number }) {
  const settings = useResource(() => get<QaSettingsView>(`/api/qa/campaigns/${campaignId}/settings`), [campaignId]);
  return (
    <section data-testid="campaign-qa" aria-label={t('campaignQa.title')}>
      <h3>{t('campaignQa.title')}</h3>
      <p class="muted">{t('campaignQa.intro')}</p>
      <Message kind="error">{settings.error}</Message>
      {settings.data && <QaSettingsForm key={campaignId} campaignId={campaignId} view={settings.data} onSaved={() => void settings.reload()} />}
    </section>
  );
}

function QaSettingsForm({ campaignId, view, onSaved }: { campaignId: number; view: QaSettingsView; onSaved: () => void }) {
  const [confidence, setConfidence] = useState(pct(view.confidence));
  const [margin, setMargin] = useState(pct(view.margin));
  const [floors, setFloors] = useState<FloorsDraft>(
    Object.fromEntries(ROLES.map((r) => [r, { sale: view.floors?.[r] ? String(view.floors[r].sale) : '', nonSale: view.floors?.[r] ? String(view.floors[r].nonSale) : '' }])) as FloorsDraft,
  );
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const setFloor = (role: Role, patch: Partial<FloorsDraft[Role]>) => {
    setSaved(false);
    setFloors((f) => ({ ...f, [role]: { ...f[role], ...patch } }));
  };
  const save = () =>
    void action.run(async () => {
      // A role whose two fields are blank keeps the manuals' floor; one blank field takes the manuals' number for it.
      const given = ROLES.filter((r) => floors[r].sale.trim() !== '' || floors[r].nonSale.trim() !== '').map((r) => {
        const n = (typed: string, fallback: number) => (typed.trim() === '' ? fallback : Number(typed));
        return [r, { sale: n(floors[r].sale, view.defaultFloors[r].sale), nonSale: n(floors[r].nonSale, view.defaultFloors[r].nonSale) }] as const;
      });
      await put(`/api/qa/campaigns/${campaignId}/settings`, {
        confidence: Number(confidence) / 100,
        margin: Number(margin) / 100,
        pSource: view.pSource,
        floors: given.length ? Object.fromEntries(given) : null,
      });
      setSaved(true);
      onSaved();
    });
  return (
    <>
      <div class="row">
        <Field label={t('campaignQa.confidence')}>
          <input type="number" name="qaConfidence" min={50} max={99.9} step={0.1} value={confidence} onInput={(e) => (setSaved(false), setConfidence(e.currentTarget.value))} />
        </Field>
        <Field label={t('campaignQa.margin')}>
          <input type="number" name="qaMargin" min={0.5} max={50} step={0.5} value={margin} onInput={(e) => (setSaved(false), setMargin(e.currentTarget.value))} />
        </Field>
      </div>
      <table data-testid="qa-floors">
        <TableHead columns={[t('campaignQa.role'), `#${t('campaignQa.sales')}`, `#${t('campaignQa.nonSales')}`]} />
        <tbody>
          {ROLES.map((r) => (
            <tr data-role={r}>
              <td>{t(`agentRole.${r}`)}</td>
              <td class="num">
                <input type="number" min={0} max={100} name={`floor-${r}-sale`} aria-label={t('campaignQa.salesOf', { role: t(`agentRole.${r}`) })} placeholder={String(view.defaultFloors[r].sale)} value={floors[r].sale} onInput={(e) => setFloor(r, { sale: e.currentTarget.value })} />
              </td>
              <td class="num">
                <input type="number" min={0} max={100} name={`floor-${r}-nonSale`} aria-label={t('campaignQa.nonSalesOf', { role: t(`agentRole.${r}`) })} placeholder={String(view.defaultFloors[r].nonSale)} value={floors[r].nonSale} onInput={(e) => setFloor(r, { nonSale: e.currentTarget.value })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t('campaignQa.blankHint')}</p>
      <div class="row">
        <button type="button" class="primary" disabled={action.busy} onClick={save}>
          {t('campaignQa.save')}
        </button>
        {saved && <span data-testid="campaign-qa-saved">{t('campaignQa.saved')}</span>}
      </div>
      <Message kind="error">{action.error}</Message>
    </>
  );
}
