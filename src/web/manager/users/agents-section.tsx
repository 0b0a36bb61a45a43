/** The agents: who they are, their target and where it comes from, their account and state; add and edit. */
import { useState } from 'preact/hooks';
import { get } from '../../shared/api.js';
import { duration } from '../../shared/format.js';
import { useResource } from '../../shared/hooks.js';
import { Card, Message } from '../../shared/ui.js';
import { AGENT_ROLE_LABELS, AGENT_STATE_BADGE, type AgentAccount, type AgentWithSession } from '../types.js';
import { AgentForm } from './agent-form.js';

export function AgentsSection({ teams, onChanged }: { teams: string[]; onChanged: () => void }) {
  const agents = useResource(async () => (await get<{ agents: AgentWithSession[] }>('/api/agents')).agents);
  const accounts = useResource(async () => (await get<{ accounts: AgentAccount[] }>('/api/agent-accounts')).accounts);
  // null: no form; 0: a new agent; else the agent edited.
  const [editing, setEditing] = useState<number | null>(null);
  const list = agents.data ?? [];
  const username = (id: number | null) => accounts.data?.find((a) => a.id === id)?.username ?? (id === null ? '–' : `user ${id}`);

  const saved = () => {
    setEditing(null);
    void agents.reload();
    void accounts.reload();
    onChanged();
  };

  return (
    <Card
      title="Agents"
      testId="agents-section"
      actions={
        <button type="button" onClick={() => setEditing(0)} disabled={editing === 0}>
          New agent
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
            <th>Agent</th>
            <th>Ext</th>
            <th>工号</th>
            <th>Team</th>
            <th>Role</th>
            <th>Daily target</th>
            <th>Console account</th>
            <th>Now</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((a) => {
            const state = AGENT_STATE_BADGE[a.session?.state ?? 'logged-out'];
            return (
              <tr data-testid={`agent-${a.id}`}>
                <td>{a.name}</td>
                <td>{a.extension}</td>
                <td>{a.staffNo ?? '–'}</td>
                <td>{a.team || '–'}</td>
                <td>{AGENT_ROLE_LABELS[a.role]}</td>
                <td>
                  {duration(a.targetSec)} <span class="muted">({a.targetSource})</span>
                </td>
                <td>{username(a.userId)}</td>
                <td>
                  <span class={`badge ${state.kind}`}>{state.label}</span>
                </td>
                <td>
                  <button type="button" class="link" onClick={() => setEditing(a.id)}>
                    Edit
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
