/**
 * Call history: find any call (number or last 4 digits, campaign, agent, days, outcome,
 * disposition, recording state — the incidents, missing or broken recordings, on their own),
 * export what was found, and one call's detail (#calls/<id>) with its recording segments.
 */
import { useState } from 'preact/hooks';
import type { Resource } from '../../shared/hooks.js';
import { Card } from '../../shared/ui.js';
import { useHashPath } from '../hash-path.js';
import type { CampaignView } from '../types.js';
import { useAgents } from '../use-agents.js';
import { CallDetail } from './call-detail.js';
import { CallList } from './call-list.js';
import { CallSearchForm, NO_FILTERS, searchQuery, type CallFilters } from './call-search-form.js';
import { t } from '../../i18n/i18n.js';

export function CallsTab({ campaigns, selectedId, onSelect }: { campaigns: Resource<CampaignView[]>; selectedId: number | null; onSelect: (id: number | null) => void }) {
  const [callId] = useHashPath();
  const [filters, setFilters] = useState<CallFilters>(NO_FILTERS);
  const agents = useAgents();
  const campaignList = campaigns.data ?? [];
  return (
    <div class="grid" data-testid="calls">
      {callId && <CallDetail key={callId} id={callId} agents={agents} campaigns={campaignList} />}
      <Card title={t('managerTab.calls')}>
        <CallSearchForm campaigns={campaignList} campaignId={selectedId} onCampaign={onSelect} agents={agents} value={filters} onChange={setFilters} />
        <p class="muted small">{t('calls.about')}</p>
        <CallList key={searchQuery(selectedId, filters)} campaignId={selectedId} filters={filters} selectedId={callId ?? null} />
      </Card>
    </div>
  );
}
