/**
 * Subscriptions matching the filters (GET /api/subscriptions, audited as a list read), newest
 * first, a page at a time: product and terms, agent, campaign, when confirmed, state, and the
 * follow-up message. A row opens the subscription's evidence.
 */
import { get, query } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useResource, type Resource } from '../../shared/hooks.js';
import { Message, TableHead } from '../../shared/ui.js';
import { dayRange } from '../../shared/format.js';
import { hashLink } from '../hash-path.js';
import { PagerBar, useCursorPager } from '../pager.js';
import type { AgentRecord, CampaignView, SubscriptionListRow } from '../types.js';
import { agentName } from '../use-agents.js';
import type { SubscriptionFilterForm } from './subscription-filters.js';
import { followUpWords, StatusBadges, termsLine, termsOf } from './subscription-words.js';
import { t } from '../../i18n/i18n.js';

const PAGE = 25;

export function SubscriptionList({
  filter,
  version,
  agents,
  campaigns,
  selectedId,
}: {
  filter: SubscriptionFilterForm;
  /** Bumped after a cancellation: read again. */
  version: number;
  agents: Resource<AgentRecord[]>;
  campaigns: CampaignView[];
  selectedId: number | null;
}) {
  // The service pages newest first; the cursor is its nextBeforeId of the page before (0: the newest page).
  const pager = useCursorPager();
  const list = useResource(async () => {
    const q = query({ agentId: filter.agentId, callId: filter.callId, ...dayRange(filter.from, filter.to), beforeId: pager.after || undefined, limit: PAGE });
    return get<{ subscriptions: SubscriptionListRow[]; nextBeforeId: number | null }>(`/api/subscriptions${q}`);
  }, [filter, version, pager.after]);
  const shown = list.data?.subscriptions ?? [];
  const campaignName = (id: number) => campaigns.find((c) => c.id === id)?.name ?? `#${id}`;

  return (
    <section data-testid="subscription-list" aria-label={t('managerTab.subscriptions')}>
      <Message kind="error">{list.error}</Message>
      {shown.length === 0 && !list.loading && <p class="muted">{t('subs.none')}</p>}
      {shown.length > 0 && (
        <table>
          <TableHead columns={[t('subs.col.id'), t('subs.col.confirmed'), t('agent.product.name'), t('subs.col.terms'), t('dashboard.col.agent'), t('agent.preview.campaign'), t('campaigns.col.status'), t('subs.col.message'), '']} />
          <tbody>
            {shown.map((s) => (
              <tr data-testid={`subscription-row-${s.id}`} class={s.id === selectedId ? 'selected' : s.qaReversal?.status === 'open' ? 'flagged' : ''}>
                <td>{s.id}</td>
                <td>{dateTime(s.confirmedAt)}</td>
                <td>
                  {s.productName} <span class="muted">({s.productCode})</span>
                </td>
                <td>{termsLine(termsOf(s))}</td>
                <td>{agentName(agents, s.agentId)}</td>
                <td>{campaignName(s.campaignId)}</td>
                <td>
                  <StatusBadges summary={s.summary} qaReversal={s.qaReversal} />
                </td>
                <td data-testid="subscription-follow-up">{followUpWords(s.summary.followUp)}</td>
                <td>
                  <a href={hashLink('subscriptions', s.id)}>{t('subs.evidence')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PagerBar pager={pager} shown={shown.length} pageSize={PAGE} next={list.data?.nextBeforeId} busy={list.loading} />
    </section>
  );
}
