/** The agents (GET /api/agents), for the tabs that name an agent or filter by one. */
import { get } from '../shared/api.js';
import { useResource, type Resource } from '../shared/hooks.js';
import type { AgentRecord } from './types.js';

export function useAgents(): Resource<AgentRecord[]> {
  return useResource(async () => (await get<{ agents: AgentRecord[] }>('/api/agents')).agents);
}

/** An agent's name by id ("#7" while the list loads, or for one since removed). */
export function agentName(agents: Resource<AgentRecord[]>, id: number | null): string {
  if (id === null) return '–';
  return agents.data?.find((a) => a.id === id)?.name ?? `#${id}`;
}
