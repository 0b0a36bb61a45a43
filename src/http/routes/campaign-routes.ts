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
import { CALLBACK_STATES, campaigns, CAMPAIGN_STATUSES, CONTACT_STATUSES, DIAL_MODES } from '../../db/schema.js';
import type { LiveFigures } from '../../dialer/live-figures.js';
import { described, rowSchema } from '../response-schemas.js';
import { CallbackRowSchema } from './callback-routes.js';
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

const RefusalsSchema = z
  .object({ edit: z.string().nullable(), start: z.string().nullable(), pause: z.string().nullable(), complete: z.string().nullable(), archive: z.string().nullable() })
  .describe('why each change is refused in the current status (null: allowed)');

/** A campaign: its settings, contacts left, and what may be done with it now. */
const CampaignViewSchema = rowSchema(campaigns).extend({
  contactsLeft: z.number().int(),
  contactsPending: z.number().int(),
  openCallbacks: z.number().int(),
  refusals: RefusalsSchema,
});

const EndingResultSchema = z.object({
  cancelled: z.number().int(),
  moved: z.number().int(),
  notMoved: z.array(z.object({ callbackId: z.number().int(), reason: z.string() })),
});

const PeriodSchema = z.object({ since: z.number().nullable(), dialed: z.number().int(), answered: z.number().int(), abandoned: z.number().int(), abandonRate: z.number().nullable() });

const LiveFiguresSchema = z.object({
  campaignId: z.number().int(),
  status: z.enum(CAMPAIGN_STATUSES),
  dialMode: z.enum(DIAL_MODES),
  at: z.number(),
  window: z.object({ open: z.boolean(), changesAt: z.number().nullable(), timeZone: z.string() }),
  now: z.object({ dialing: z.number().int(), ringing: z.number().int(), waitingForAgent: z.number().int(), withAgent: z.number().int() }),
  today: PeriodSchema,
  last30Days: PeriodSchema,
  lifetime: PeriodSchema,
  abandonCap: z.number(),
  overCap: z.boolean(),
  agents: z.object({ loggedIn: z.number().int(), ready: z.number().int(), reserved: z.number().int(), onCall: z.number().int(), wrapUp: z.number().int(), paused: z.number().int(), connecting: z.number().int() }),
  contacts: z.object({ total: z.number().int(), left: z.number().int(), ...Object.fromEntries(CONTACT_STATUSES.map((s) => [s, z.number().int()])) }) as unknown as z.ZodType<LiveFigures['contacts']>,
  callbacksScheduled: z.number().int(),
  pacing: described<LiveFigures['pacing']>("the pacer's view of the campaign (object), or null"),
  pacingExplained: described<LiveFigures['pacingExplained']>("the last pacing pass in the manager's words (object), or null"),
  projection: z.object({ finishedLastHour: z.number(), perOpenHour: z.number().nullable(), finishAt: z.number().nullable(), note: z.string() }),
});

const ContactLoadSchema = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  doNotCall: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), phone: z.string(), code: z.string(), reason: z.string() })),
});

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
    app.get('/api/campaigns', { config: { roles: MANAGERS }, schema: { response: { 200: z.object({ campaigns: z.array(CampaignViewSchema) }) } } }, async () => ({ campaigns: campaigns.list().map(view) }));

    app.post('/api/campaigns', { config: { roles: MANAGERS }, schema: { body: CreateCampaignSchema, response: { 201: CampaignViewSchema } } }, async (request, reply) => {
      const body = request.body;
      reply.code(201);
      return view(campaigns.create(body));
    });

    app.get('/api/campaigns/:id', { config: { roles: MANAGERS }, schema: { params: IdParams, response: { 200: CampaignViewSchema } } }, async (request) => {
      const { id } = request.params;
      return view(campaigns.get(id));
    });

    app.patch('/api/campaigns/:id', { config: { roles: MANAGERS, errors: [Errors.CampaignNotEditable, Errors.CampaignInvalid] }, schema: { params: IdParams, body: CampaignSettingsSchema, response: { 200: CampaignViewSchema } } }, async (request) => {
      const { id } = request.params;
      return view(campaigns.update(id, request.body));
    });

    app.post('/api/campaigns/:id/clone', { config: { roles: MANAGERS }, schema: { params: IdParams, body: CloneCampaignSchema.prefault({}), response: { 201: CampaignViewSchema } } }, async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      reply.code(201);
      return view(campaigns.clone(id, body.name));
    });

    for (const action of ACTIONS) {
      const ending = action === 'complete' || action === 'archive';
      const errors = action === 'start' ? [Errors.CampaignBadTransition, Errors.CampaignNotRunnable] : [Errors.CampaignBadTransition];
      const response = { 200: ending ? CampaignViewSchema.extend({ callbacks: EndingResultSchema.optional() }) : CampaignViewSchema };
      const schema = ending ? { params: IdParams, body: EndingBody, response } : { params: IdParams, response };
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

    app.get('/api/campaigns/:id/live', { config: { roles: MANAGERS }, schema: { params: IdParams, response: { 200: LiveFiguresSchema } } }, async (request) => {
      const { id } = request.params;
      return deps.liveFigures(campaigns.get(id));
    });

    app.post('/api/campaigns/:id/contacts', { config: { roles: MANAGERS }, schema: { params: IdParams, body: ContactsBody, response: { 200: ContactLoadSchema } } }, async (request) => {
      const { id } = request.params;
      const body = request.body;
      return campaigns.addContacts(id, body.contacts);
    });

    app.get('/api/campaigns/:id/callbacks', { config: { roles: MANAGERS }, schema: { params: IdParams, querystring: CallbackQuery, response: { 200: z.object({ callbacks: z.array(CallbackRowSchema) }) } } }, async (request) => {
      const { id } = request.params;
      const q = request.query;
      campaigns.get(id);
      return { callbacks: callbacks.listForCampaign(id, q.status ? [q.status] : undefined) };
    });

    app.post('/api/campaigns/:id/callbacks/:callbackId/assign', { config: { roles: MANAGERS }, schema: { params: CallbackParams, body: AssignBody, response: { 200: CallbackRowSchema } } }, async (request) => {
      const { id, callbackId } = request.params;
      const body = request.body;
      if (callbacks.get(callbackId).campaignId !== id) throw new Errors.NotFound('callback', callbackId);
      return callbacks.assign(callbackId, body.agentId);
    });

    app.post('/api/campaigns/:id/callbacks/:callbackId/cancel', { config: { roles: MANAGERS }, schema: { params: CallbackParams, response: { 200: CallbackRowSchema } } }, async (request) => {
      const { id, callbackId } = request.params;
      if (callbacks.get(callbackId).campaignId !== id) throw new Errors.NotFound('callback', callbackId);
      return callbacks.cancel(callbackId);
    });
  };
}
