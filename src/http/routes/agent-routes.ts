/**
 * Agents: the registry (managers) and session control (the agent themself, or a manager).
 */
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { ApiInstance } from '../app.js';
import { AgentRecordSchema, AgentWithSession, SessionAnswer } from './agent-schemas.js';
import { z } from 'zod';
import type { AgentPool } from '../../agents/agent-pool.js';
import type { AgentRegistry } from '../../agents/agent-registry.js';
import type { PauseCodeStore } from '../../agents/pause-codes.js';
import type { CallTracker } from '../../calls/call-tracker.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { AGENT_ROLES, agents } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import { requireUser } from '../auth.js';
import { IdParams } from '../validation.js';

const AgentBody = z.object({
  name: z.string().trim().min(1).max(200),
  extension: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, _ . - (the softphone extension)'),
  pin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits').optional(),
  team: z.string().max(100).optional(),
  role: z.enum(AGENT_ROLES).optional(),
  userId: z.number().int().positive().nullable().optional(),
  dailyTargetSec: z.number().int().min(0).max(86_400).nullable().optional(),
  /** Softphone dial string when not the endpoint template with the extension (e.g. PJSIP/desk-12). */
  endpoint: z.string().regex(/^[A-Za-z]+\/[^\s,]{1,200}$/, 'a dial string such as PJSIP/7001').nullable().optional(),
  /** 工号: letters and digits, spoken character by character in an opening ({工号}). */
  staffNo: z.string().trim().regex(/^[A-Za-z0-9]{1,16}$/, 'letters and digits, up to 16 (the 工号)').nullable().optional(),
});

const AgentPatch = AgentBody.partial().extend({ pin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits').nullable().optional() }).strict();

const PauseBody = z.object({ reason: z.string().trim().toUpperCase().min(1).max(20) }).strict();

export function agentRoutes(deps: { agents: AgentPool; tracker: CallTracker; db: Db; clock: Clock; registry: AgentRegistry; pauseCodes: PauseCodeStore }) {
  const { agents: pool, tracker, db, registry, pauseCodes } = deps;

  /** Agents may act only on their own agent record; managers on any. */
  function authorise(request: FastifyRequest, agentId: number): void {
    const user = requireUser(request);
    if (user.role !== 'agent') return;
    const row = db.select({ userId: agents.userId }).from(agents).where(eq(agents.id, agentId)).get();
    if (!row || row.userId !== user.id) throw new Errors.AuthForbidden(user.role, `control agent ${agentId}`);
  }

  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/agents', { config: { roles: ['manager'] }, schema: { response: { 200: z.object({ agents: z.array(AgentWithSession) }) } } }, async () => {
      return { agents: registry.list().map((a) => ({ ...a, session: pool.get(a.id) })) };
    });

    app.post('/api/agents', { config: { roles: ['manager'] }, schema: { body: AgentBody, response: { 201: AgentRecordSchema } } }, async (request, reply) => {
      const body = request.body;
      reply.code(201);
      return registry.create(body);
    });

    app.get('/api/agents/:id', { config: { roles: ['agent', 'manager'] }, schema: { params: IdParams, response: { 200: AgentWithSession } } }, async (request) => {
      const { id } = request.params;
      authorise(request, id);
      return { ...registry.get(id), session: pool.get(id) };
    });

    app.patch('/api/agents/:id', { config: { roles: ['manager'] }, schema: { params: IdParams, body: AgentPatch, response: { 200: AgentWithSession } } }, async (request) => {
      const { id } = request.params;
      const patch = request.body;
      return { ...(await registry.update(id, patch)), session: pool.get(id) };
    });

    app.get('/api/agents/:id/session', { config: { roles: ['agent', 'manager'] }, schema: { params: IdParams, response: { 200: SessionAnswer } } }, async (request) => {
      const { id } = request.params;
      authorise(request, id);
      return { session: pool.get(id) };
    });

    app.post('/api/agents/:id/login', { config: { roles: ['agent', 'manager'] }, schema: { params: IdParams, response: { 200: SessionAnswer } } }, async (request) => {
      const { id } = request.params;
      authorise(request, id);
      return { session: await pool.login(id) };
    });

    app.post('/api/agents/:id/logout', { config: { roles: ['agent', 'manager'] }, schema: { params: IdParams, response: { 200: SessionAnswer } } }, async (request) => {
      const { id } = request.params;
      authorise(request, id);
      await pool.logout(id);
      return { session: pool.get(id) };
    });

    app.post('/api/agents/:id/pause', { config: { roles: ['agent', 'manager'] }, schema: { params: IdParams, body: PauseBody, response: { 200: SessionAnswer } } }, async (request) => {
      const { id } = request.params;
      authorise(request, id);
      const { reason } = request.body;
      return { session: pool.pause(id, pauseCodes.requireActive(reason)) };
    });

    app.post('/api/agents/:id/hangup', { config: { roles: ['agent', 'manager'] }, schema: { params: IdParams, response: { 200: z.object({ callId: z.string().describe('the call hung up') }) } } }, async (request) => {
      const { id } = request.params;
      authorise(request, id);
      const session = pool.get(id);
      if (!session) throw new Errors.AgentNotLoggedIn(id);
      const call = session.callId ? tracker.get(session.callId) : undefined;
      if (!call) throw new Errors.Conflict(`agent ${id} is not on a call`);
      call.endByAgent();
      return { callId: call.callId };
    });

    app.post('/api/agents/:id/ready', { config: { roles: ['agent', 'manager'] }, schema: { params: IdParams, response: { 200: SessionAnswer } } }, async (request) => {
      const { id } = request.params;
      authorise(request, id);
      return { session: pool.resume(id) };
    });
  };
}
