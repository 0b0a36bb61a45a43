/** The campaigns the agent takes calls from, highest priority first (assignments and qualifications). */
import { useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { agentApi } from './agent-api.js';

export function MyCampaigns({ agentId, refreshKey }: { agentId: number; refreshKey: unknown }) {
  const list = useResource(() => agentApi.myCampaigns(agentId), [agentId, refreshKey]);
  const rows = list.data ?? [];
  return (
    <Card title="My campaigns" testId="my-campaigns">
      <Message kind="error">{list.error}</Message>
      {rows.length === 0 ? (
        <p class="muted">You are on no running campaign: ask a manager to assign you.</p>
      ) : (
        <ul class="plain">
          {rows.map((c) => (
            <li data-testid="my-campaign">
              {c.name} <span class="muted">· {c.dialMode}{c.status === 'paused' ? ' · paused' : ''}{c.open ? ' · open to all agents' : ` · priority ${c.priority}`}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
