/**
 * One subscription's evidence (GET /api/subscriptions/:id — the service audits the read),
 * then its audit trail, read after it so the trail includes this read: which call, which
 * product and terms as played, when, where in the recording, the verification's steps, the
 * follow-up message, the commission ledger, QA's reversal request, and the cancel action.
 */
import { useEffect } from 'preact/hooks';
import { get } from '../../shared/api.js';
import { useResource, type Resource } from '../../shared/hooks.js';
import { Card, Message } from '../../shared/ui.js';
import { hashLink } from '../hash-path.js';
import type { AgentRecord, CampaignView, SubscriptionAuditEntry, SubscriptionDetail as Detail, VerificationStep } from '../types.js';
import { agentName } from '../use-agents.js';
import { AuditTrail } from './audit-trail.js';
import { CancelSubscription } from './cancel-subscription.js';
import { EvidenceOffsets, VerificationSteps } from './evidence-offsets.js';
import { SubscriptionFacts } from './subscription-facts.js';
import { t } from '../../i18n/i18n.js';

export function SubscriptionDetail({
  id,
  startCancel,
  agents,
  campaigns,
  onCancelled,
}: {
  id: number;
  /** Opened from a "Cancel…" link: the cancel form is shown at once. */
  startCancel: boolean;
  agents: Resource<AgentRecord[]>;
  campaigns: CampaignView[];
  onCancelled: () => void;
}) {
  const view = useResource(async () => {
    const sub = await get<Detail>(`/api/subscriptions/${id}`);
    const { entries } = await get<{ entries: SubscriptionAuditEntry[] }>(`/api/subscriptions/${id}/audit`);
    return { sub, audit: entries };
  }, [id]);
  const sub = view.data?.sub;
  // Opened from a link further down the page: bring it into view.
  useEffect(() => document.querySelector('[data-testid="subscription-detail"]')?.scrollIntoView({ block: 'start' }), [id]);
  return (
    <Card title={t('subs.detail', { id: String(id) })} testId="subscription-detail" actions={<a href={hashLink('subscriptions')}>{t('common.close')}</a>}>
      <Message kind="error">{view.error}</Message>
      {!sub && view.loading && <p class="muted">{t('common.loading')}</p>}
      {sub && (
        <>
          <div class="grid grid-2">
            <SubscriptionFacts sub={sub} agent={agentName(agents, sub.agentId)} campaign={campaigns.find((c) => c.id === sub.campaignId)?.name ?? `#${sub.campaignId}`} />
            <div>
              <EvidenceOffsets sub={sub} />
              <VerificationSteps steps={sub.steps as unknown as VerificationStep[]} />
            </div>
          </div>
          <CancelSubscription
            key={`${sub.id}-${startCancel}`}
            sub={sub}
            startOpen={startCancel}
            onCancelled={() => {
              void view.reload();
              onCancelled();
            }}
          />
          <AuditTrail entries={view.data?.audit ?? []} />
        </>
      )}
    </Card>
  );
}
