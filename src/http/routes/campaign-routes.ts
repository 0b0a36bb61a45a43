/**
 * Manager API for campaigns: settings (create, edit, clone), the lifecycle (start, pause,
 * complete, archive — refused with the reason when not allowed), live figures, callbacks,
 * and the minimal contact loader.
 */
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import type { CallbackStore } from '../../campaigns/callback-store.js';
import { CampaignSettingsSchema, CloneCampaignSchema, CreateCampaignSchema, type CampaignRow } from '../../campaigns/campaign-settings.js';
import type { CampaignStore } from '../../campaigns/campaign-store.js';
import type { EndingCallbacks } from '../../campaigns/ending-callbacks.js';
import { editRefusal, transitionRefusal, type CampaignAction } from '../../campaigns/lifecycle.js';
import { CALLBACK_STATES } from '../../db/schema.js';
import type { LiveFigures } from '../../dialer/live-figures.js';
import { Errors } from '../../errors.js';
import { IdParams } from '../validation.js';

const MANAGERS = ['manager'] as const;
const ACTIONS: readonly CampaignAction[] = ['start', 'pause', 'complete', 'archive'];

const ContactsBody = z.object({
  contacts: z
    .array(z.object({ phone: z.string().min(1).max(64), fields: z.record(z.string(), z.string().max(2000)).optional() }))
    .min(1)
    .max(10_000),
});

const CallbackParams = IdParams.extend({ callbackId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const CallbackQuery = z.object({ status: z.enum(CALLBACK_STATES).optional() });
const AssignBody = z.object({ agentId: z.number().int().positive().nullable() }).strict();
/** Completing or archiving: what to do with the campaign's scheduled callbacks (required when it has any). */
const EndingChoice = z.discriminatedUnion('callbacks', [
  z.object({ callbacks: z.literal('cancel') }).strict(),
  z.object({ callbacks: z.literal('move'), toCampaignId: z.number().int().positive() }).strict(),
]);
/** No body, an empty one (a console posting `{}`), or the choice. */
const EndingBody = z.union([z.strictObject({}), EndingChoice]).optional();

/**
 * Why each change is refused in the campaign's status (null: allowed), so a console can
 * disable what cannot be done and say why, in the lifecycle's own words. Starting also
 * needs what startProblems checks; that refusal comes when it is tried.
 */
export type CampaignRefusals = Record<CampaignAction | 'edit', string | null>;

function refusalsOf(c: CampaignRow): CampaignRefusals {
  const refusals = { edit: editRefusal(c.status) } as CampaignRefusals;
  for (const action of ACTIONS) refusals[action] = transitionRefusal(c.status, action);
  return refusals;
}

/** A campaign as the API shows it: its settings, contacts left and what may be done with it now. */
export type CampaignView = CampaignRow & { contactsLeft: number; contactsPending: number; openCallbacks: number; refusals: CampaignRefusals };

export interface CampaignRoutesDeps {
  campaigns: CampaignStore;
  callbacks: CallbackStore;
  /** The scheduled callbacks of a campaign that is being completed or archived. */
  ending: EndingCallbacks;
  /** Starts a campaign after checking Asterisk has its prompts (campaigns/campaign-starter.ts). */
  start: (id: number) => Promise<CampaignRow>;
  /** The live figures of a campaign (dialer/live-figures.ts). */
  liveFigures: (campaign: CampaignRow) => LiveFigures;
}

export function campaignRoutes(deps: CampaignRoutesDeps) {
  const { campaigns, callbacks } = deps;
  const view = (c: CampaignRow): CampaignView => ({
    ...c,
    contactsLeft: campaigns.contactsLeft(c.id),
    contactsPending: campaigns.pendingCount(c.id),
    openCallbacks: deps.ending.open(c.id).length,
    refusals: refusalsOf(c),
  });
  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/campaigns', { config: { roles: MANAGERS } }, async () => ({ campaigns: campaigns.list().map(view) }));

    app.post('/api/campaigns', { config: { roles: MANAGERS }, schema: { body: CreateCampaignSchema } }, async (request, reply) => {
      const body = request.body;
      reply.code(201);
      return view(campaigns.create(body));
    });

    app.get('/api/campaigns/:id', { config: { roles: MANAGERS }, schema: { params: IdParams } }, async (request) => {
      const { id } = request.params;
      return view(campaigns.get(id));
    });

    app.patch('/api/campaigns/:id', { config: { roles: MANAGERS, errors: [Errors.CampaignNotEditable, Errors.CampaignInvalid] }, schema: { params: IdParams, body: CampaignSettingsSchema } }, async (request) => {
      const { id } = request.params;
      return view(campaigns.update(id, request.body));
    });

    app.post('/api/campaigns/:id/clone', { config: { roles: MANAGERS }, schema: { params: IdParams, body: CloneCampaignSchema.prefault({}) } }, async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      reply.code(201);
      return view(campaigns.clone(id, body.name));
    });

    for (const action of ACTIONS) {
      const ending = action === 'complete' || action === 'archive';
      const errors = action === 'start' ? [Errors.CampaignBadTransition, Errors.CampaignNotRunnable] : [Errors.CampaignBadTransition];
      const schema = ending ? { params: IdParams, body: EndingBody } : { params: IdParams };
      app.post(`/api/campaigns/:id/${action}`, { config: { roles: MANAGERS, errors }, schema }, async (request) => {
        const { id } = request.params;
        if (action === 'start') return view(await deps.start(id));
        if (!ending) return view(campaigns.act(id, action));
        // Ending a campaign asks what becomes of its callbacks: checked before, done after the step.
        const body = request.body as z.infer<typeof EndingBody>;
        const choice = body && 'callbacks' in body ? (body as z.infer<typeof EndingChoice>) : undefined;
        const refusal = transitionRefusal(campaigns.get(id).status, action);
        if (refusal) throw new Errors.CampaignBadTransition(id, action, refusal);
        deps.ending.check(id, action, choice);
        const done = campaigns.act(id, action);
        const result = deps.ending.apply(id, choice);
        return { ...view(done), callbacks: result };
      });
    }

    app.get('/api/campaigns/:id/live', { config: { roles: MANAGERS }, schema: { params: IdParams } }, async (request) => {
      const { id } = request.params;
      return deps.liveFigures(campaigns.get(id));
    });

    app.post('/api/campaigns/:id/contacts', { config: { roles: MANAGERS }, schema: { params: IdParams, body: ContactsBody } }, async (request) => {
      const { id } = request.params;
      const body = request.body;
      return campaigns.addContacts(id, body.contacts);
    });

    app.get('/api/campaigns/:id/callbacks', { config: { roles: MANAGERS }, schema: { params: IdParams, querystring: CallbackQuery } }, async (request) => {
      const { id } = request.params;
      const q = request.query;
      campaigns.get(id);
      return { callbacks: callbacks.listForCampaign(id, q.status ? [q.status] : undefined) };
    });

    app.post('/api/campaigns/:id/callbacks/:callbackId/assign', { config: { roles: MANAGERS }, schema: { params: CallbackParams, body: AssignBody } }, async (request) => {
      const { id, callbackId } = request.params;
      const body = request.body;
      if (callbacks.get(callbackId).campaignId !== id) throw new Errors.NotFound('callback', callbackId);
      return callbacks.assign(callbackId, body.agentId);
    });

    app.post('/api/campaigns/:id/callbacks/:callbackId/cancel', { config: { roles: MANAGERS }, schema: { params: CallbackParams } }, async (request) => {
      const { id, callbackId } = request.params;
      if (callbacks.get(callbackId).campaignId !== id) throw new Errors.NotFound('callback', callbackId);
      return callbacks.cancel(callbackId);
    });
  };
}
