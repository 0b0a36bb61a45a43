/**
 * Campaigns: the list (status, dial mode, contacts left), a new draft by name, and the
 * chosen campaign's lifecycle buttons and settings form.
 */
import { useState } from 'preact/hooks';
import { post } from '../../shared/api.js';
import { useAction, type Resource } from '../../shared/hooks.js';
import { Card, Field, Message } from '../../shared/ui.js';
import { STATUS_BADGE, type CampaignView } from '../types.js';
import { CampaignActions } from './campaign-actions.js';
import { CampaignFormView } from './campaign-form.js';
import { CampaignAgents } from './campaign-agents.js';
import { CampaignDispositions } from './campaign-dispositions.js';
import { CampaignQa } from './campaign-qa.js';
import { t } from '../../i18n/i18n.js';

export function CampaignsTab({ campaigns, selectedId, onSelect }: { campaigns: Resource<CampaignView[]>; selectedId: number | null; onSelect: (id: number | null) => void }) {
  const list = campaigns.data ?? [];
  const selected = list.find((c) => c.id === selectedId) ?? null;
  const changed = async (c: CampaignView) => {
    await campaigns.reload();
    onSelect(c.id);
  };

  return (
    <div class="grid">
      <Card title={t('campaigns.title')} testId="campaign-list">
        <Message kind="error">{campaigns.error}</Message>
        {list.length === 0 && !campaigns.loading && <p class="muted">{t('campaigns.none')}</p>}
        {list.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>{t('campaigns.col.campaign')}</th>
                <th>{t('campaigns.col.status')}</th>
                <th>{t('field.dialMode')}</th>
                <th class="num">{t('campaigns.col.left')}</th>
                <th class="num">{t('campaigns.col.pending')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr class={c.id === selectedId ? 'selected' : ''} data-testid={`campaign-row-${c.id}`}>
                  <td>
                    <button type="button" class="link" onClick={() => onSelect(c.id)}>
                      {c.name}
                    </button>{' '}
                    <span class="muted">#{c.id}</span>
                  </td>
                  <td>
                    <span class={`badge ${STATUS_BADGE[c.status]}`} data-testid="campaign-status">
                      {t(`campaignStatus.${c.status}`)}
                    </span>
                  </td>
                  <td>{t(`dialMode.${c.dialMode}`)}</td>
                  <td class="num">{c.contactsLeft}</td>
                  <td class="num">{c.contactsPending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <NewCampaign onCreated={changed} />
      </Card>
      {selected && (
        <Card
          title={
            <>
              {selected.name} <span class={`badge ${STATUS_BADGE[selected.status]}`}>{t(`campaignStatus.${selected.status}`)}</span>
            </>
          }
          testId="campaign-detail"
        >
          <p class="muted">
            {t(`dialModeLong.${selected.dialMode}`)} · {t('campaigns.left', { count: selected.contactsLeft, pending: selected.contactsPending })}
          </p>
          <CampaignActions campaign={selected} campaigns={list} onChanged={changed} onCloned={changed} />
          <CampaignAgents campaign={selected} />
          <CampaignDispositions campaignId={selected.id} />
          <CampaignQa campaignId={selected.id} />
          <CampaignFormView campaign={selected} onSaved={changed} />
        </Card>
      )}
    </div>
  );
}

/** A new draft: only the name; the draft then opens in the full form with the service's defaults. */
function NewCampaign({ onCreated }: { onCreated: (c: CampaignView) => Promise<void> }) {
  const [name, setName] = useState('');
  const create = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    await create.run(async () => {
      await onCreated(await post<CampaignView>('/api/campaigns', { name }));
      setName('');
    });
  }
  return (
    <form class="row new-campaign" onSubmit={submit} aria-label={t('campaigns.new')}>
      <Field label={t('campaigns.newName')}>
        <input name="newCampaignName" value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={200} />
      </Field>
      <button class="primary" type="submit" disabled={create.busy || name.trim() === ''}>
        {t('campaigns.create')}
      </button>
      <Message kind="error">{create.error}</Message>
    </form>
  );
}
