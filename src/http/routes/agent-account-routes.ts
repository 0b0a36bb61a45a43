/**
 * The console accounts a manager may link to an agent record (its "linked user"): users of
 * the agent role, with the agent record each is linked to already. Managers may not list
 * staff accounts (GET /api/users is admin-only); this shows them only what linking needs.
 *
 *   GET /api/agent-accounts → { accounts: [{ id, username, displayName, disabled, agentIds }] }
 */
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import type { AgentRegistry } from '../../agents/agent-registry.js';
import type { UserStore } from '../../auth/users.js';

/** An agent-role account as a manager sees it. */
const AgentAccountSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  agentIds: z.array(z.number().int()).describe('agent records linked to this account (usually none or one)'),
});

export interface AgentAccount {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  /** Agent records linked to this account (usually none or one). */
  agentIds: number[];
}

/** Route module of the linkable agent accounts. */
export function agentAccountRoutes(deps: { users: UserStore; registry: AgentRegistry }) {
  const { users, registry } = deps;
  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/agent-accounts', { config: { roles: ['manager'] }, schema: { response: { 200: z.object({ accounts: z.array(AgentAccountSchema) }) } } }, async (): Promise<{ accounts: AgentAccount[] }> => {
      const linked = new Map<number, number[]>();
      for (const a of registry.list()) if (a.userId !== null) linked.set(a.userId, [...(linked.get(a.userId) ?? []), a.id]);
      const accounts = users
        .list()
        .filter((u) => u.role === 'agent')
        .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, disabled: u.disabled, agentIds: linked.get(u.id) ?? [] }));
      return { accounts };
    });
  };
}
