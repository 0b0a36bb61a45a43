/** Manager API for campaigns and the minimal contact loader. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CampaignStore } from '../../campaigns/campaign-store.js';
import { isKnownRegion } from '../../campaigns/phone-number.js';
import { DIAL_MODES } from '../../db/schema.js';
import { IdParams, parseBody, parseParams } from '../validation.js';

const MANAGERS = ['manager'] as const;

const MediaUri = z.string().trim().regex(/^(sound|recording|tone|number|digits|characters):\S+/, 'an ARI media URI such as sound:dialer/opening');

const CampaignBody = z.object({
  name: z.string().trim().min(1).max(200),
  openingMedia: z.string().trim().min(1).max(1000).refine((v) => v.split(',').every((m) => MediaUri.safeParse(m).success), 'comma-separated ARI media URIs such as sound:dialer/opening'),
  dialMode: z.enum(DIAL_MODES).optional(),
  callerId: z.string().max(80).optional(),
  // Compliance: a number must be let ring at least 15 s.
  ringTimeoutSec: z.number().int().min(15).max(120).optional(),
  dialEndpointTemplate: z.string().regex(/^[A-Za-z]+\/.*\{number\}/, 'a dial string containing {number}, e.g. PJSIP/{number}@carrier').nullable().optional(),
  /** Region of list numbers written without a country code. */
  defaultRegion: z.string().transform((r) => r.toUpperCase()).refine(isKnownRegion, 'a region code such as CN').optional(),
});

const ContactsBody = z.object({
  contacts: z
    .array(z.object({ phone: z.string().min(1).max(64), fields: z.record(z.string(), z.string().max(2000)).optional() }))
    .min(1)
    .max(10_000),
});

export function campaignRoutes(deps: { campaigns: CampaignStore }) {
  const { campaigns } = deps;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/campaigns', { config: { roles: MANAGERS } }, async () => ({ campaigns: campaigns.list() }));

    app.post('/api/campaigns', { config: { roles: MANAGERS } }, async (request, reply) => {
      const body = parseBody(CampaignBody, request.body);
      reply.code(201);
      return campaigns.create(body);
    });

    app.get('/api/campaigns/:id', { config: { roles: MANAGERS } }, async (request) => {
      const { id } = parseParams(IdParams, request.params);
      return { ...campaigns.get(id), contactsPending: campaigns.pendingCount(id) };
    });

    app.post('/api/campaigns/:id/start', { config: { roles: MANAGERS } }, async (request) => {
      const { id } = parseParams(IdParams, request.params);
      return campaigns.setStatus(id, 'running');
    });

    app.post('/api/campaigns/:id/pause', { config: { roles: MANAGERS } }, async (request) => {
      const { id } = parseParams(IdParams, request.params);
      return campaigns.setStatus(id, 'paused');
    });

    app.post('/api/campaigns/:id/contacts', { config: { roles: MANAGERS } }, async (request) => {
      const { id } = parseParams(IdParams, request.params);
      const body = parseBody(ContactsBody, request.body);
      return campaigns.addContacts(id, body.contacts);
    });
  };
}
