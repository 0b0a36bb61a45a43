/**
 * What the agent console reads besides the session routes: who the signed-in agent is, the
 * call card of the call they are on (the only place a customer's full number is shown), and
 * their calls of today (numbers masked).
 *
 *   GET /api/me/agent                     → the signed-in user's agent record, session, preview campaigns
 *   GET /api/agents/:id/current-call      → { call: AgentCallCard | null }
 *   GET /api/agents/:id/calls             → today's calls of the agent
 *   GET /api/agents/:id/calls/:callId     → one of the agent's calls (number masked unless live)
 *   GET /api/agents/:id/calls/:callId/history → the customer's history (earlier calls, subscriptions,
 *                                           do-not-call), only while the agent is on that call
 *
 * An agent reads only their own agent record's calls; a manager any agent's.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import type { AgentCallCards } from '../../agents/agent-call-cards.js';
import type { CustomerHistory } from '../../inbound/customer-history.js';
import type { AgentPool } from '../../agents/agent-pool.js';
import type { AgentRegistry } from '../../agents/agent-registry.js';
import type { Db } from '../../db/database.js';
import { campaigns } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import { requireUser } from '../auth.js';
import { IdParams } from '../validation.js';
import { CustomerHistorySchema } from './agent-schemas.js';
import { AgentCallCardSchema, AgentCallsTodaySchema, MeAgentSchema } from './agent-console-schemas.js';

const CallParams = IdParams.extend({ callId: z.string().min(1).max(100) });

export interface AgentConsoleRoutesDeps {
  db: Db;
  registry: AgentRegistry;
  pool: AgentPool;
  cards: AgentCallCards;
  /** The customer's history on a live call (src/inbound, issue 13). */
  history: CustomerHistory;
}

export function agentConsoleRoutes(deps: AgentConsoleRoutesDeps) {
  const { db, registry, pool, cards, history } = deps;

  /** An agent user may read only the agent records linked to them; a manager any. */
  function authorise(request: FastifyRequest, agentId: number): void {
    const user = requireUser(request);
    registry.get(agentId);
    if (user.role !== 'agent') return;
    if (!registry.agentsOfUser(user.id).some((a) => a.id === agentId)) throw new Errors.AuthForbidden(user.role, `read the calls of agent ${agentId}`);
  }

  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/me/agent', { config: { roles: ['agent'] }, schema: { response: { 200: MeAgentSchema } } }, async (request) => {
      const user = requireUser(request);
      // A user linked to several agent records works as the first (oldest) one.
      const [agent] = registry.agentsOfUser(user.id).sort((a, b) => a.id - b.id);
      if (!agent) throw new Errors.AgentNoRecord(user.username);
      const previewCampaigns = db
        .select({ id: campaigns.id, name: campaigns.name })
        .from(campaigns)
        .where(and(eq(campaigns.status, 'running'), eq(campaigns.dialMode, 'preview')))
        .orderBy(asc(campaigns.id))
        .all();
      return { agent, session: pool.get(agent.id), previewCampaigns };
    });

    app.get('/api/agents/:id/current-call', { config: { roles: ['agent', 'manager'] }, schema: { params: IdParams, response: { 200: z.object({ call: AgentCallCardSchema.nullable() }) } } }, async (request) => {
      const { id } = request.params;
      authorise(request, id);
      return { call: cards.current(id) };
    });

    app.get('/api/agents/:id/calls', { config: { roles: ['agent', 'manager'] }, schema: { params: IdParams, response: { 200: AgentCallsTodaySchema } } }, async (request) => {
      const { id } = request.params;
      authorise(request, id);
      return cards.today(id);
    });

    app.get('/api/agents/:id/calls/:callId', { config: { roles: ['agent', 'manager'] }, schema: { params: CallParams, response: { 200: AgentCallCardSchema } } }, async (request) => {
      const { id, callId } = request.params;
      authorise(request, id);
      return cards.card(id, callId);
    });

    app.get('/api/agents/:id/calls/:callId/history', { config: { roles: ['agent', 'manager'] }, schema: { params: CallParams, response: { 200: CustomerHistorySchema } } }, async (request) => {
      const { id, callId } = request.params;
      authorise(request, id);
      // Only the customer the agent is talking to now (requirements §7).
      const card = cards.card(id, callId);
      if (!card.live) throw new Errors.NotFound('live call of this agent', callId);
      return history.of({ id: callId, phone: card.phone, campaignId: card.campaign.id });
    });
  };
}
