/**
 * Dispositions: each campaign's list (managers edit it; agents read the active ones), and
 * giving a call its disposition (the agent on the call, or a manager).
 */
import type { ApiInstance } from '../app.js';
import { campaignDispositions } from '../../db/schema.js';
import { rowSchema } from '../response-schemas.js';
import { ConsentStatusSchema, DispositionGivenSchema } from './consent-schemas.js';
import { z } from 'zod';
import type { DispositionStore } from '../../campaigns/disposition-store.js';
import { DISPOSITION_CATEGORIES, DISPOSITION_CODE_PATTERN } from '../../campaigns/dispositions.js';
import type { CallDispositions } from '../../consent/call-disposition.js';
import { requireUser } from '../auth.js';
import { IdParams } from '../validation.js';

const DispositionRowSchema = rowSchema(campaignDispositions);

const Code = z.string().trim().regex(DISPOSITION_CODE_PATTERN, 'lower-case letters, digits and -, up to 30');
const CodeParams = IdParams.extend({ code: Code });
const CreateBody = z.object({ code: Code, label: z.string().trim().min(1).max(100), category: z.enum(DISPOSITION_CATEGORIES) }).strict();
const PatchBody = z
  .object({
    label: z.string().trim().min(1).max(100).optional(),
    category: z.enum(DISPOSITION_CATEGORIES).optional(),
    active: z.boolean().optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'give label, category, active or position');
const ListQuery = z.object({ all: z.enum(['0', '1', 'true', 'false']).optional() });

const When = z.union([z.number().int().positive(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]);
const CallParams = z.object({ callId: z.string().min(1).max(100) });
const CallbackPart = z.object({ at: When, note: z.string().trim().max(1000).optional(), anyAgent: z.boolean().optional() }).strict();
const GiveBody = z.object({ code: Code, note: z.string().max(1000).default(''), callback: CallbackPart.optional() }).strict();
/** The older body of /consent/disposition: `disposition` for the code. */
const LegacyBody = z
  .object({ disposition: Code, note: z.string().max(1000).default(''), callback: CallbackPart.optional() })
  .strict()
  .transform(({ disposition, ...rest }) => ({ code: disposition, ...rest }));

export function dispositionRoutes(deps: { store: DispositionStore; give: CallDispositions }) {
  const { store, give } = deps;
  const manager = { config: { roles: ['manager'] as const } };
  const agentOrManager = { config: { roles: ['agent', 'manager'] as const } };

  return async function register(app: ApiInstance): Promise<void> {
    /** Active dispositions; managers may ask for inactive ones too with `?all=1`. */
    app.get('/api/campaigns/:id/dispositions', { ...agentOrManager, schema: { params: IdParams, querystring: ListQuery, response: { 200: z.object({ dispositions: z.array(DispositionRowSchema) }) } } }, async (request) => {
      const { id } = request.params;
      const { all } = request.query;
      const everything = (all === '1' || all === 'true') && requireUser(request).role !== 'agent';
      return { dispositions: store.list(id, { activeOnly: !everything }) };
    });

    app.post('/api/campaigns/:id/dispositions', { ...manager, schema: { params: IdParams, body: CreateBody, response: { 201: DispositionRowSchema } } }, async (request, reply) => {
      const { id } = request.params;
      const row = store.create(id, request.body);
      reply.code(201);
      return row;
    });

    /** Relabel, recategorise, reorder or (de)activate; codes are never deleted. */
    app.patch('/api/campaigns/:id/dispositions/:code', { ...manager, schema: { params: CodeParams, body: PatchBody, response: { 200: DispositionRowSchema } } }, async (request) => {
      const { id, code } = request.params;
      return store.update(id, code, request.body);
    });

    app.post('/api/calls/:callId/disposition', { ...agentOrManager, schema: { params: CallParams, body: GiveBody, response: { 200: DispositionGivenSchema } } }, async (request) => {
      const { callId } = request.params;
      return give.give(callId, requireUser(request), request.body);
    });

    // The consent panel's older path: same rules, answers the consent status as before.
    app.post('/api/calls/:callId/consent/disposition', { ...agentOrManager, schema: { params: CallParams, body: LegacyBody, response: { 200: ConsentStatusSchema } } }, async (request) => {
      const { callId } = request.params;
      return give.give(callId, requireUser(request), request.body).consent;
    });
  };
}
