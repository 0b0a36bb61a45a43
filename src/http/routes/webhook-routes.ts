/**
 * Manager API for webhooks: endpoints (register, change, rotate the secret, remove), the event
 * types, each endpoint's deliveries with their last attempts, and re-sending a delivery.
 */
import { z } from 'zod';
import { WEBHOOK_DELIVERY_STATES, WEBHOOK_EVENT_TYPES } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import type { WebhookDelivery } from '../../webhooks/webhook-delivery.js';
import { WEBHOOK_PAYLOAD_VERSION, type WebhookStore } from '../../webhooks/webhook-store.js';
import { SIGNATURE_HEADER } from '../../webhooks/signature.js';
import type { ApiInstance } from '../app.js';
import { IdParams } from '../validation.js';

const MANAGERS = ['manager'] as const;

const WebhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
  .max(2000)
  .describe('where events are POSTed');
const EventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length);

const CreateEndpointBody = z.strictObject({
  url: WebhookUrl,
  events: EventTypes,
  description: z.string().trim().max(200).optional(),
  active: z.boolean().optional(),
});

const UpdateEndpointBody = z.strictObject({
  url: WebhookUrl.optional(),
  events: EventTypes.optional(),
  description: z.string().trim().max(200).optional(),
  active: z.boolean().optional(),
  rotateSecret: z.literal(true).optional().describe('issue a new signing secret (the old one stops at once)'),
});

const DeliveriesQuery = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeId: z.coerce.number().int().positive().optional(),
});

const Endpoint = z.object({
  id: z.number().int(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  secret: z.string().describe(`the HMAC-SHA256 key of the ${SIGNATURE_HEADER} header`),
  active: z.boolean(),
  createdBy: z.number().int().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const Attempt = z.object({
  id: z.number().int(),
  deliveryId: z.number().int(),
  at: z.number(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
});

const Delivery = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  endpointId: z.number().int(),
  lane: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATES),
  attempts: z.number().int(),
  lastAttemptAt: z.number().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.number().nullable(),
  createdAt: z.number(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  webhookEventId: z.string(),
  orderingKey: z.string(),
  attemptsLog: z.array(Attempt).describe('the last 5 attempts, newest first'),
});

export function webhookRoutes(deps: { store: WebhookStore; delivery: WebhookDelivery }) {
  const { store, delivery } = deps;
  return async function register(app: ApiInstance): Promise<void> {
    app.get(
      '/api/webhooks/event-types',
      { config: { roles: MANAGERS }, schema: { response: { 200: z.object({ version: z.number(), eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)), signatureHeader: z.string() }) } } },
      async () => ({ version: WEBHOOK_PAYLOAD_VERSION, eventTypes: [...WEBHOOK_EVENT_TYPES], signatureHeader: SIGNATURE_HEADER }),
    );

    app.get('/api/webhooks', { config: { roles: MANAGERS }, schema: { response: { 200: z.object({ webhooks: z.array(Endpoint) }) } } }, async () => ({
      webhooks: store.listEndpoints(),
    }));

    app.post('/api/webhooks', { config: { roles: MANAGERS }, schema: { body: CreateEndpointBody, response: { 201: Endpoint } } }, async (request, reply) => {
      const endpoint = store.createEndpoint(request.body, request.user?.id ?? null);
      request.log.info({ webhookId: endpoint.id, events: endpoint.events }, 'webhooks: endpoint registered');
      return reply.code(201).send(endpoint);
    });

    app.get('/api/webhooks/:id', { config: { roles: MANAGERS }, schema: { params: IdParams, response: { 200: Endpoint } } }, async (request) =>
      store.getEndpoint(request.params.id),
    );

    app.patch('/api/webhooks/:id', { config: { roles: MANAGERS }, schema: { params: IdParams, body: UpdateEndpointBody, response: { 200: Endpoint } } }, async (request) => {
      const endpoint = store.updateEndpoint(request.params.id, request.body);
      request.log.info({ webhookId: endpoint.id, rotated: request.body.rotateSecret === true }, 'webhooks: endpoint changed');
      return endpoint;
    });

    app.delete('/api/webhooks/:id', { config: { roles: MANAGERS }, schema: { params: IdParams, response: { 200: z.object({ ok: z.boolean() }) } } }, async (request) => {
      store.deleteEndpoint(request.params.id);
      request.log.info({ webhookId: request.params.id }, 'webhooks: endpoint removed');
      return { ok: true };
    });

    app.get(
      '/api/webhooks/:id/deliveries',
      { config: { roles: MANAGERS }, schema: { params: IdParams, querystring: DeliveriesQuery, response: { 200: z.object({ deliveries: z.array(Delivery), nextBeforeId: z.number().nullable() }) } } },
      async (request) => {
        const { status, limit, beforeId } = request.query;
        const deliveries = store.deliveries(request.params.id, { status, limit, beforeId });
        return { deliveries, nextBeforeId: deliveries.length === limit ? deliveries.at(-1)!.id : null };
      },
    );

    app.post(
      '/api/webhook-deliveries/:id/resend',
      { config: { roles: MANAGERS, errors: [Errors.Conflict] }, schema: { params: IdParams, response: { 200: Delivery } } },
      async (request) => {
        const d = store.resend(request.params.id);
        await delivery.enqueue([d.lane]);
        request.log.info({ deliveryId: d.id }, 'webhooks: delivery re-sent');
        return d;
      },
    );
  };
}
