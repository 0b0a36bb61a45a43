/**
 * Subscriptions (requirements §3, §6): the list with its filters, one subscription's evidence
 * and audit trail with the cancel action (#subscriptions/<id>, #subscriptions/<id>/cancel),
 * QA's reversal requests, and the cancellations report. There is no create or edit: only
 * the system creates a subscription, from the customer's own confirmation on the call.
 */
import { useState } from 'preact/hooks';
import type { Resource } from '../../shared/hooks.js';
import { Card } from '../../shared/ui.js';
import { useHashPath } from '../hash-path.js';
import type { CampaignView } from '../types.js';
import { useAgents } from '../use-agents.js';
import { CancellationsReport } from './cancellations-report.js';
import { ReversalRequests } from './reversal-requests.js';
import { SubscriptionDetail } from './subscription-detail.js';
import { NO_FILTER, SubscriptionFilters, type SubscriptionFilterForm } from './subscription-filters.js';
import { SubscriptionList } from './subscription-list.js';
import { t } from '../../i18n/i18n.js';

export function SubscriptionsTab({ campaigns }: { campaigns: Resource<CampaignView[]> }) {
  const [idPart, action] = useHashPath();
  const selectedId = Number(idPart) > 0 ? Number(idPart) : null;
  const agents = useAgents();
  const [filter, setFilter] = useState<SubscriptionFilterForm>(NO_FILTER);
  // Bumped after a cancellation: the list, the requests and the report are read again.
  const [version, setVersion] = useState(0);
  const campaignList = campaigns.data ?? [];
  return (
    <div class="grid" data-testid="subscriptions">
      {selectedId !== null && (
        <SubscriptionDetail key={selectedId} id={selectedId} startCancel={action === 'cancel'} agents={agents} campaigns={campaignList} onCancelled={() => setVersion((v) => v + 1)} />
      )}
      <Card title={t('managerTab.subscriptions')}>
        <p class="muted small">{t('subs.about')}</p>
        <SubscriptionFilters agents={agents.data ?? []} value={filter} onApply={setFilter} />
        <SubscriptionList key={JSON.stringify(filter)} filter={filter} version={version} agents={agents} campaigns={campaignList} selectedId={selectedId} />
      </Card>
      <ReversalRequests version={version} />
      <CancellationsReport version={version} agents={agents} />
    </div>
  );
}
