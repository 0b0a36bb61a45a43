/** Number lists of a campaign: upload one (progress, then its rejects) and the imports so far. */
import { get } from '../../shared/api.js';
import { useResource, type Resource } from '../../shared/hooks.js';
import { Card, Message } from '../../shared/ui.js';
import { CampaignPicker } from '../campaigns/campaign-picker.js';
import { ImportHistory } from '../imports/import-history.js';
import { ListUpload } from '../imports/list-upload.js';
import type { CampaignView, ImportView } from '../types.js';
import { t } from '../../i18n/i18n.js';

export function ListsTab({ campaigns, selectedId, onSelect, isAdmin }: { campaigns: Resource<CampaignView[]>; selectedId: number | null; onSelect: (id: number | null) => void; isAdmin: boolean }) {
  const campaign = campaigns.data?.find((c) => c.id === selectedId) ?? null;
  const imports = useResource(
    async () => (selectedId === null ? [] : (await get<{ imports: ImportView[] }>(`/api/campaigns/${selectedId}/imports`)).imports),
    [selectedId],
  );
  return (
    <Card title={t('lists.title')} testId="lists">
      <Message kind="error">{campaigns.error}</Message>
      <CampaignPicker campaigns={campaigns.data ?? []} value={selectedId} onChange={onSelect} />
      {campaign && (
        <p class="muted">
          {t('lists.about', { name: campaign.name, count: campaign.contactsLeft, region: campaign.defaultRegion })}
        </p>
      )}
      <ListUpload
        key={selectedId ?? 0}
        url={`/api/campaigns/${selectedId ?? 0}/imports`}
        unavailable={selectedId === null ? t('lists.chooseCampaign') : null}
        onEnded={() => {
          void imports.reload();
          void campaigns.reload();
        }}
      />
      {selectedId !== null && <ImportHistory imports={imports} isAdmin={isAdmin} />}
    </Card>
  );
}
