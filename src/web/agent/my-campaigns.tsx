/** The campaigns the agent takes calls from, highest priority first (assignments and qualifications). */
import { useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { agentApi } from './agent-api.js';
import { t } from '../i18n/i18n.js';
import { listWord } from '../shared/words.js';

export function MyCampaigns({ agentId, refreshKey }: { agentId: number; refreshKey: unknown }) {
  const list = useResource(() => agentApi.myCampaigns(agentId), [agentId, refreshKey]);
  const rows = list.data ?? [];
  return (
    <Card title={t('agent.myCampaigns.title')} testId="my-campaigns">
      <Message kind="error">{list.error}</Message>
      {rows.length === 0 ? (
        <p class="muted">{t('agent.myCampaigns.none')}</p>
      ) : (
        <ul class="plain">
          {rows.map((c) => (
            <li data-testid="my-campaign">
              {c.name} <span class="muted">· {listWord('dialMode', c.dialMode)}
                {c.status === 'paused' ? ` · ${t('campaignStatus.paused')}` : ''}
                {c.open ? ` · ${t('agent.myCampaigns.open')}` : ` · ${t('agent.myCampaigns.priority', { priority: c.priority })}`}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
