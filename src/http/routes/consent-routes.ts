/**
 * Consent during a call (the agent console) and subscriptions (managers, QA).
 * There is deliberately no route that creates or edits a subscription: every such attempt
 * (POST/PUT/PATCH/DELETE on subscriptions) is answered 403 with the reason, and logged.
 */
import type { ApiInstance } from '../app.js';
import { eventStreamOf } from '../response-schemas.js';
import { ConsentStatusSchema } from './consent-schemas.js';
import { CancellationsReportSchema, CancelledSchema, ForgeryRefusedSchema, SubscriptionAuditSchema, SubscriptionListSchema, SubscriptionSchema } from './subscription-schemas.js';
import { z } from 'zod';
import type { ConsentService } from '../../consent/consent-service.js';
import { MAX_LIST_ROWS, type SubscriptionStore } from '../../consent/subscription-store.js';
import type { Clock } from '../../clock.js';
import { requireUser, ANY_ROLE } from '../auth.js';
import { EventStreams } from '../event-stream.js';
import { IdParams } from '../validation.js';

const CallParams = z.object({ callId: z.string().min(1).max(100) });
const RefusalBody = z.object({ note: z.string().max(1000).default('') }).strict();
const CancelBody = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();
const ListQuery = z.object({
  callId: z.string().min(1).max(100).optional(),
  agentId: z.coerce.number().int().positive().optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  /** Only subscriptions whose call QA asked to reverse: an open request, or any. */
  qaReversal: z.enum(['open', 'any']).optional(),
  /** The next page: subscriptions older than this id (the answer's nextBeforeId). */
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_ROWS).default(100),
});
const RangeQuery = z.object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) });

const FORGERY_REASON = 'subscriptions are created only by the system, from a completed verification with the customer’s own keypresses; they are never created or edited through the API';

export function consentRoutes(deps: { consent: ConsentService; subscriptions: SubscriptionStore; clock: Clock; heartbeatMs: number }) {
  const { consent, subscriptions: store } = deps;
  const agentOrManager = { config: { roles: ['agent', 'manager'] as const } };
  const streams = new EventStreams({ clock: deps.clock, heartbeatMs: deps.heartbeatMs });

  return async function register(app: ApiInstance): Promise<void> {
    streams.register(app);

    app.get('/api/calls/:callId/consent', { ...agentOrManager, schema: { params: CallParams, response: { 200: ConsentStatusSchema } } }, async (request) => {
      const { callId } = request.params;
      return consent.statusFor(callId, requireUser(request));
    });
    // The same status pushed as `event: consent` on every change (the console's live verification progress).
    app.get('/api/calls/:callId/consent/stream', { ...agentOrManager, schema: { params: CallParams, response: { 200: eventStreamOf('`consent` events, each the body of GET /api/calls/{callId}/consent, on every change') } } }, async (request, reply) => {
      const { callId } = request.params;
      const user = requireUser(request);
      const first = consent.statusFor(callId, user);
      const stream = streams.start(request, reply);
      stream.send('consent', first);
      stream.onEnd(
        consent.onChange((changed) => {
          if (changed === callId) stream.send('consent', consent.status(callId));
        }),
      );
    });
    app.post('/api/calls/:callId/consent/identity-confirmed', { ...agentOrManager, schema: { params: CallParams, response: { 200: ConsentStatusSchema } } }, async (request) => {
      const { callId } = request.params;
      return consent.confirmIdentity(callId, requireUser(request));
    });
    app.post('/api/calls/:callId/consent/speaker-changed', { ...agentOrManager, schema: { params: CallParams, response: { 200: ConsentStatusSchema } } }, async (request) => {
      const { callId } = request.params;
      return consent.speakerChanged(callId, requireUser(request));
    });
    app.post('/api/calls/:callId/consent/refusals', { ...agentOrManager, schema: { params: CallParams, body: RefusalBody.prefault({}), response: { 201: ConsentStatusSchema } } }, async (request, reply) => {
      const { callId } = request.params;
      const body = request.body;
      reply.code(201);
      return consent.logRefusal(callId, requireUser(request), body.note);
    });
    app.post('/api/calls/:callId/consent/verification', { ...agentOrManager, schema: { params: CallParams, response: { 202: ConsentStatusSchema.describe('verification started: follow it on the consent stream') } } }, async (request, reply) => {
      const { callId } = request.params;
      reply.code(202);
      return consent.startVerification(callId, requireUser(request));
    });

    app.get('/api/subscriptions', { config: { roles: ['manager', 'qa'] }, schema: { querystring: ListQuery, response: { 200: SubscriptionListSchema } } }, async (request) => {
      const q = request.query;
      const rows = store.list(q, requireUser(request));
      return { subscriptions: rows, nextBeforeId: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
    });
    app.get('/api/subscriptions/:id', { config: { roles: ['manager', 'qa'] }, schema: { params: IdParams, response: { 200: SubscriptionSchema } } }, async (request) => {
      const { id } = request.params;
      return store.read(id, requireUser(request));
    });
    app.get('/api/subscriptions/:id/audit', { config: { roles: ['manager'] }, schema: { params: IdParams, response: { 200: SubscriptionAuditSchema } } }, async (request) => {
      const { id } = request.params;
      return { entries: consent.auditOf(id) };
    });
    app.post('/api/subscriptions/:id/cancel', { config: { roles: ['manager'] }, schema: { params: IdParams, body: CancelBody, response: { 200: CancelledSchema } } }, async (request) => {
      const { id } = request.params;
      const body = request.body;
      return store.cancel(id, requireUser(request), body.reason);
    });
    app.get('/api/reports/cancellations', { config: { roles: ['manager'] }, schema: { querystring: RangeQuery, response: { 200: CancellationsReportSchema } } }, async (request) => {
      const q = request.query;
      return { from: q.from, to: q.to, agents: store.cancellationsReport(q.from, q.to, requireUser(request)) };
    });

    // Every way of creating or editing a subscription through the API: refused and logged.
    const refuse = (what: string) => async (request: import('fastify').FastifyRequest) => {
      const user = requireUser(request);
      const params = request.params as { callId?: string };
      const body = request.body as { callId?: unknown } | undefined;
      // Attributed to the call named in the path or the body, when there is one.
      const callId = params.callId ?? (typeof body?.callId === 'string' ? body.callId.slice(0, 100) : null);
      consent.refuseForgery(user, callId, `${what} ${request.url}`, FORGERY_REASON);
    };
    // They never succeed, so they declare only the refusal (the document shows no success answer).
    const refuseOnly = { response: { 403: ForgeryRefusedSchema } };
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      app.route({ method, url: '/api/subscriptions/:id', config: { roles: ANY_ROLE }, schema: refuseOnly, handler: refuse(method) });
      app.route({ method, url: '/api/calls/:callId/subscriptions', config: { roles: ANY_ROLE }, schema: refuseOnly, handler: refuse(method) });
    }
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      app.route({ method, url: '/api/subscriptions', config: { roles: ANY_ROLE }, schema: refuseOnly, handler: refuse(method) });
    }
  };
}
