/**
 * The agent's own dialing: preview (next card, dial, skip) and callbacks (schedule, list,
 * cancel). Only the signed-in user linked to the agent record may use these routes — a
 * preview card shows the customer's number, and agents see only the customer they work
 * (requirements §6); managers work callbacks through the campaign routes.
 */
import { eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { ApiInstance } from '../app.js';
import { CallbackRowSchema } from './callback-routes.js';
import { PreviewAnswer } from './agent-console-schemas.js';
import { z } from 'zod';
import type { CallbackStore } from '../../campaigns/callback-store.js';
import type { CampaignStore } from '../../campaigns/campaign-store.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { agents, calls, contacts } from '../../db/schema.js';
import type { DialLoop } from '../../dialer/dial-loop.js';
import type { PreviewService } from '../../dialer/preview-service.js';
import { Errors } from '../../errors.js';
import { requireUser } from '../auth.js';
import { IdParams } from '../validation.js';
import { maskPhone } from '../../support/mask-phone.js';
import { scheduleCallbackFromCall } from '../../dialer/callback-requests.js';

const ROLES = ['agent', 'manager'] as const;

const ContactParams = IdParams.extend({ contactId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const CallbackParams = IdParams.extend({ callbackId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const CallbackBody = z
  .object({
    /** The call in which the customer asked for it (the agent must have been on it). */
    callId: z.uuid(),
    /** When: epoch milliseconds or an ISO 8601 date-time with offset. */
    at: z.union([z.number().int().positive(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]),
    note: z.string().trim().max(1000).optional(),
    /** true: any agent may take it; default false: only this agent. */
    anyAgent: z.boolean().optional(),
  })
  .strict();

export interface AgentDialingRoutesDeps {
  db: Db;
  clock: Clock;
  preview: PreviewService;
  callbacks: CallbackStore;
  campaigns: CampaignStore;
  dialLoop: DialLoop;
}

export function agentDialingRoutes(deps: AgentDialingRoutesDeps) {
  const { db, clock, preview, callbacks, campaigns, dialLoop } = deps;

  /** The signed-in user must be the one linked to this agent record, whatever their role. */
  function ownAgent(request: FastifyRequest, agentId: number): number {
    const user = requireUser(request);
    const row = db.select({ userId: agents.userId }).from(agents).where(eq(agents.id, agentId)).get();
    if (!row || row.userId !== user.id) throw new Errors.AuthForbidden(user.role, `act as agent ${agentId}`);
    return user.id;
  }

  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/agents/:id/preview', { config: { roles: ROLES }, schema: { params: IdParams, response: { 200: PreviewAnswer } } }, async (request) => {
      const { id } = request.params;
      ownAgent(request, id);
      return { card: preview.current(id) };
    });

    app.post('/api/agents/:id/preview/next', { config: { roles: ROLES }, schema: { params: IdParams, response: { 200: PreviewAnswer } } }, async (request) => {
      const { id } = request.params;
      ownAgent(request, id);
      return { card: preview.next(id) };
    });

    app.post('/api/agents/:id/preview/:contactId/dial', { config: { roles: ROLES }, schema: { params: ContactParams, response: { 200: z.object({ callId: z.string(), contactId: z.number().int() }) } } }, async (request) => {
      const { id, contactId } = request.params;
      ownAgent(request, id);
      return preview.dial(id, contactId);
    });

    app.post('/api/agents/:id/preview/:contactId/skip', { config: { roles: ROLES }, schema: { params: ContactParams, response: { 200: z.object({ skipped: z.number().int().describe('the contact skipped') }) } } }, async (request) => {
      const { id, contactId } = request.params;
      ownAgent(request, id);
      preview.skip(id, contactId);
      return { skipped: contactId };
    });

    app.post('/api/agents/:id/callbacks', { config: { roles: ROLES }, schema: { params: IdParams, body: CallbackBody, response: { 201: CallbackRowSchema } } }, async (request, reply) => {
      const { id } = request.params;
      const userId = ownAgent(request, id);
      const body = request.body;
      const call = db.select().from(calls).where(eq(calls.id, body.callId)).get();
      if (!call || call.agentId !== id) throw new Errors.AuthForbidden(requireUser(request).role, `schedule a callback for call ${body.callId} (not this agent's call)`);
      const row = scheduleCallbackFromCall({ db, clock, callbacks, campaigns, windows: dialLoop.windows }, call, id, body, userId);
      reply.code(201);
      return row;
    });

    app.get('/api/agents/:id/callbacks', { config: { roles: ROLES }, schema: { params: IdParams, response: { 200: z.object({ callbacks: z.array(CallbackRowSchema.extend({ phoneMasked: z.string().describe('the customer by a masked number only') })) }) } } }, async (request) => {
      const { id } = request.params;
      ownAgent(request, id);
      // The agent's list names each customer by a masked number only (requirements §6).
      const rows = callbacks.listForAgent(id);
      const phones = new Map(
        rows.length ? db.select({ id: contacts.id, phone: contacts.phone }).from(contacts).where(inArray(contacts.id, rows.map((r) => r.contactId))).all().map((c) => [c.id, c.phone]) : [],
      );
      return { callbacks: rows.map((r) => ({ ...r, phoneMasked: maskPhone(phones.get(r.contactId) ?? '') })) };
    });

    app.delete('/api/agents/:id/callbacks/:callbackId', { config: { roles: ROLES }, schema: { params: CallbackParams, response: { 200: CallbackRowSchema } } }, async (request) => {
      const { id, callbackId } = request.params;
      ownAgent(request, id);
      const cb = callbacks.get(callbackId);
      if (cb.agentId !== id) throw new Errors.NotFound('callback', callbackId);
      return callbacks.cancel(callbackId);
    });
  };
}
