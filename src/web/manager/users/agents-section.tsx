/** The agents: who they are, their target and where it comes from, their account and state; add and edit. */
import { useState } from 'preact/hooks';
import { get } from '../../shared/api.js';
import { duration } from '../../shared/format.js';
import { useResource } from '../../shared/hooks.js';
import { Card, Message } from '../../shared/ui.js';
import { AGENT_STATE_BADGE, type AgentAccount, type AgentWithSession } from '../types.js';
import { AgentForm } from './agent-form.js';
import { t } from '../../i18n/i18n.js';

export function AgentsSection({ teams, onChanged }: { teams: string[]; onChanged: () => void }) {
  const agents = useResource(async () => (await get<{ agents: AgentWithSession[] }>('/api/agents')).agents);
  const accounts = useResource(async () => (await get<{ accounts: AgentAccount[] }>('/api/agent-accounts')).accounts);
  // null: no form; 0: a new agent; else the agent edited.
  const [editing, setEditing] = useState<number | null>(null);
  const list = agents.data ?? [];
  const username = (id: number | null) => accounts.data?.find((a) => a.id === id)?.username ?? (id === null ? '–' : `#${id}`);

  const saved = () => {
    setEditing(null);
    void agents.reload();
    void accounts.reload();
    onChanged();
  };

  return (
    <Card
      title={t('dashboard.agents')}
      testId="agents-section"
      actions={
        <button type="button" onClick={() => setEditing(0)} disabled={editing === 0}>
          {t('people.agent.new')}
        </button>
      }
    >
      <Message kind="error">{agents.error ?? accounts.error}</Message>
      {editing !== null && (
        <AgentForm
          key={editing}
          agent={list.find((a) => a.id === editing) ?? null}
          accounts={accounts.data ?? []}
          teams={teams}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}
      <table>
        <thead>
          <tr>
            <th>{t('dashboard.col.agent')}</th>
            <th>{t('people.agent.extension')}</th>
            <th>{t('people.agent.staffNo')}</th>
            <th>{t('dashboard.col.team')}</th>
            <th>{t('people.role')}</th>
            <th>{t('people.dailyTarget')}</th>
            <th>{t('people.agent.account')}</th>
            <th>{t('people.now')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((a) => {
            const state = a.session?.state ?? 'logged-out';
            return (
              <tr data-testid={`agent-${a.id}`}>
                <td>{a.name}</td>
                <td>{a.extension}</td>
                <td>{a.staffNo ?? '–'}</td>
                <td>{a.team || '–'}</td>
                <td>{t(`agentRole.${a.role}`)}</td>
                <td>
                  {duration(a.targetSec)} <span class="muted">({t(`targetSource.${a.targetSource}`)})</span>
                </td>
                <td>{username(a.userId)}</td>
                <td>
                  <span class={`badge ${AGENT_STATE_BADGE[state]}`}>{t(`agentState.${state}`)}</span>
                </td>
                <td>
                  <button type="button" class="link" onClick={() => setEditing(a.id)}>
                    {t('people.edit')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
