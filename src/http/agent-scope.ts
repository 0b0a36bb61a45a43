/**
 * Which agents a signed-in user may see in the live view and the figures: managers (and
 * admins) all of them; an agent themself; an agent who is a team lead, their whole team.
 */
import type { AgentRegistry } from '../agents/agent-registry.js';
import type { AuthUser } from '../auth/tokens.js';

/** `all`, or the ids the user may see. */
export type AgentScope = { all: true } | { all: false; agentIds: ReadonlySet<number> };

/** The scope of a signed-in user. */
export function agentScopeOf(user: AuthUser, registry: AgentRegistry): AgentScope {
  if (user.role === 'manager' || user.role === 'admin') return { all: true };
  if (user.role !== 'agent') return { all: false, agentIds: new Set() };
  const own = registry.agentsOfUser(user.id);
  const ids = new Set(own.map((a) => a.id));
  for (const lead of own.filter((a) => a.role === 'team-lead' && a.team !== '')) {
    for (const member of registry.list({ team: lead.team })) ids.add(member.id);
  }
  return { all: false, agentIds: ids };
}

/** Whether the scope includes an agent. */
export function inScope(scope: AgentScope, agentId: number): boolean {
  return scope.all || scope.agentIds.has(agentId);
}
