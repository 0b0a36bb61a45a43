/**
 * Do-not-call lists: the global list or a campaign's — look a number up, add one, page
 * through the list, upload a file of numbers (the same upload, progress and rejects as a
 * campaign's list) and see past uploads.
 */
import { useState } from 'preact/hooks';
import { get, query } from '../../shared/api.js';
import { useResource, type Resource } from '../../shared/hooks.js';
import { Card } from '../../shared/ui.js';
import { CampaignPicker } from '../campaigns/campaign-picker.js';
import { ImportHistory } from '../imports/import-history.js';
import { ListUpload } from '../imports/list-upload.js';
import type { CampaignView, ImportView } from '../types.js';
import { DncAdd } from './dnc-add.js';
import { DncEntries } from './dnc-entries.js';
import { DncLookup } from './dnc-lookup.js';
import { t } from '../../i18n/i18n.js';

export function DncTab({ campaigns, isAdmin }: { campaigns: Resource<CampaignView[]>; isAdmin: boolean }) {
  const [campaignId, setCampaignId] = useState<number | null>(null);
  // Bumped after an addition or an upload, so the list is read again.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const imports = useResource(
    async () => (await get<{ imports: ImportView[] }>(`/api/do-not-call/imports${query({ campaignId: campaignId ?? undefined })}`)).imports,
    [campaignId, version],
  );
  return (
    <div class="grid" data-testid="dnc">
      <Card title={t('dnc.title')}>
        <CampaignPicker label={t('dnc.list')} campaigns={campaigns.data ?? []} value={campaignId} onChange={setCampaignId} none={t('dnc.globalChoice')} />
        <div class="grid grid-2">
          <DncLookup campaignId={campaignId} />
          <DncAdd campaignId={campaignId} onAdded={changed} />
        </div>
        <DncEntries key={campaignId ?? 0} campaignId={campaignId} version={version} isAdmin={isAdmin} />
      </Card>
      <Card title={t('dnc.upload')}>
        <ListUpload
          key={campaignId ?? 0}
          testId="dnc-upload"
          url="/api/do-not-call/imports"
          fields={campaignId === null ? {} : { campaignId: String(campaignId) }}
          onEnded={changed}
        />
        <ImportHistory imports={imports} isAdmin={isAdmin} testId="dnc-import-history" />
      </Card>
    </div>
  );
}
