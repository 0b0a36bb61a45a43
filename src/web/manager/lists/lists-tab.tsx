/** Number lists of a campaign: upload one (progress, then its rejects) and the imports so far. */
import { get } from '../../shared/api.js';
import { useResource, type Resource } from '../../shared/hooks.js';
import { Card, Message } from '../../shared/ui.js';
import { CampaignPicker } from '../campaigns/campaign-picker.js';
import { ImportHistory } from '../imports/import-history.js';
import { ListUpload } from '../imports/list-upload.js';
import type { CampaignView, ImportView } from '../types.js';

export function ListsTab({ campaigns, selectedId, onSelect, isAdmin }: { campaigns: Resource<CampaignView[]>; selectedId: number | null; onSelect: (id: number | null) => void; isAdmin: boolean }) {
  const campaign = campaigns.data?.find((c) => c.id === selectedId) ?? null;
  const imports = useResource(
    async () => (selectedId === null ? [] : (await get<{ imports: ImportView[] }>(`/api/campaigns/${selectedId}/imports`)).imports),
    [selectedId],
  );
  return (
    <Card title="Number lists" testId="lists">
      <Message kind="error">{campaigns.error}</Message>
      <CampaignPicker campaigns={campaigns.data ?? []} value={selectedId} onChange={onSelect} />
      {campaign && (
        <p class="muted">
          {campaign.name}: {campaign.contactsLeft} contacts left. Numbers are read in region {campaign.defaultRegion}; duplicates and do-not-call numbers are rejected, never dialed.
        </p>
      )}
      <ListUpload
        key={selectedId ?? 0}
        url={`/api/campaigns/${selectedId ?? 0}/imports`}
        unavailable={selectedId === null ? 'Choose the campaign the list is for.' : null}
        onEnded={() => {
          void imports.reload();
          void campaigns.reload();
        }}
      />
      {selectedId !== null && <ImportHistory imports={imports} isAdmin={isAdmin} />}
    </Card>
  );
}
