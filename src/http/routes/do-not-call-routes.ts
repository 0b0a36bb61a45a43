/**
 * Do-not-call lists: managers add and look up numbers (global or per campaign), admins remove
 * them, and the agent on a call records the customer's "do not call me" — the number goes on
 * the global list at once. File imports of do-not-call numbers are in list-routes.ts.
 */
import { eq } from 'drizzle-orm';
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import type { DoNotCallStore } from '../../campaigns/do-not-call.js';
import { isKnownRegion, normalisePhone } from '../../campaigns/phone-number.js';
import type { Db } from '../../db/database.js';
import { agents, calls, campaigns, DNC_SOURCES } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import { requireUser } from '../auth.js';

const Region = z
  .string()
  .transform((r) => r.toUpperCase())
  .refine(isKnownRegion, 'a region code libphonenumber knows, such as CN');

const AddBody = z.object({
  phone: z.string().trim().min(1).max(64),
  campaignId: z.number().int().positive().nullable().optional(),
  reason: z.string().trim().max(500).optional(),
  /** For numbers without a country code; default: the campaign's region, else CN. */
  region: Region.optional(),
});

const LookupQuery = z.object({
  phone: z.string().trim().min(1).max(64).optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  region: Region.optional(),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const EntryParams = z.object({ scope: z.enum(['global', 'campaign']), id: z.coerce.number().int().positive() });
const CallParams = z.object({ callId: z.string().uuid() });
const DispositionBody = z.object({ reason: z.string().trim().max(500).optional() }).optional();

/** What {@link doNotCallRoutes} needs. */
const DncEntrySchema = z.object({
  scope: z.enum(['global', 'campaign']),
  id: z.number().int(),
  campaignId: z.number().int().nullable().describe('null on the global list'),
  phone: z.string().describe('E.164'),
  source: z.enum(DNC_SOURCES),
  reason: z.string(),
  importId: z.number().int().nullable(),
  callId: z.string().nullable(),
  addedBy: z.number().int().nullable(),
  createdAt: z.number(),
});
const Added = z.object({ added: z.boolean(), entry: DncEntrySchema });
const Lookup = z.object({ phone: z.string(), blocked: z.boolean(), entries: z.array(DncEntrySchema) });
const Page = z.object({ entries: z.array(DncEntrySchema), next: z.number().int().nullable().describe('`after` for the next page; null on the last') });

export interface DoNotCallRoutesDeps {
  dnc: DoNotCallStore;
  db: Db;
}

/** The do-not-call routes, and the agent's do-not-call disposition on a call. */
export function doNotCallRoutes(deps: DoNotCallRoutesDeps) {
  const { dnc, db } = deps;

  /** The region numbers are read in: the given one, else the campaign's, else CN. */
  function regionFor(campaignId: number | null | undefined, given: string | undefined) {
    if (given && isKnownRegion(given)) return given;
    if (campaignId) {
      const campaign = db.select({ region: campaigns.defaultRegion }).from(campaigns).where(eq(campaigns.id, campaignId)).get();
      if (!campaign) throw new Errors.NotFound('campaign', campaignId);
      if (isKnownRegion(campaign.region)) return campaign.region;
    }
    return 'CN' as const;
  }

  function e164(phone: string, campaignId: number | null | undefined, region: string | undefined): string {
    const verdict = normalisePhone(phone, regionFor(campaignId, region), { accept: 'any' });
    if (!verdict.ok) throw new Errors.PhoneInvalid(JSON.stringify(phone), verdict.detail);
    return verdict.e164;
  }

  return async function register(app: ApiInstance): Promise<void> {
    app.post('/api/do-not-call', { config: { roles: ['manager'], errors: [Errors.PhoneInvalid] }, schema: { body: AddBody, response: { 201: Added.describe('added'), 200: Added.describe('already on the list (added: false; the entry that was there)') } } }, async (request, reply) => {
      const user = requireUser(request);
      const body = request.body;
      const phone = e164(body.phone, body.campaignId, body.region);
      const result = dnc.add({ phone, campaignId: body.campaignId ?? null, source: 'api', reason: body.reason, addedBy: user.id });
      request.log.info({ dncId: result.entry.id, scope: result.entry.scope, campaignId: result.entry.campaignId, added: result.added, userId: user.id }, 'do-not-call: number added');
      reply.code(result.added ? 201 : 200);
      return result;
    });

    app.get('/api/do-not-call', { config: { roles: ['manager'] }, schema: { querystring: LookupQuery, response: { 200: z.union([Lookup, Page]).describe('with `phone`: whether it is blocked and its entries; without: a page of the list') } } }, async (request) => {
      const q = request.query;
      if (q.phone !== undefined) {
        const phone = e164(q.phone, q.campaignId, q.region);
        const entries = dnc.find(phone, q.campaignId);
        return { phone, blocked: q.campaignId ? dnc.isBlocked(q.campaignId, phone) : entries.some((e) => e.scope === 'global'), entries };
      }
      const entries = dnc.list(q.campaignId ?? null, q.after, q.limit);
      return { entries, next: entries.length === q.limit ? entries[entries.length - 1]!.id : null };
    });

    // Taking a number off the list is rare and consequential: admins only.
    app.delete('/api/do-not-call/:scope/:id', { config: { roles: ['admin'] }, schema: { params: EntryParams, response: { 200: z.object({ removed: DncEntrySchema }) } } }, async (request) => {
      const { scope, id } = request.params;
      const removed = dnc.remove(scope, id);
      if (!removed) throw new Errors.NotFound(`do-not-call ${scope} entry`, id);
      request.log.warn({ dncId: id, scope, campaignId: removed.campaignId, userId: request.user?.id }, 'do-not-call: number removed');
      return { removed };
    });

    // The customer asked not to be called again: the agent on the call (or a manager) says so.
    app.post('/api/calls/:callId/do-not-call', { config: { roles: ['agent', 'manager'] }, schema: { params: CallParams, body: DispositionBody, response: { 200: z.object({ added: z.boolean(), scope: z.enum(['global']), entryId: z.number().int(), contactId: z.number().int() }) } } }, async (request) => {
      const user = requireUser(request);
      const { callId } = request.params;
      const body = request.body;
      const call = db
        .select({ id: calls.id, phone: calls.phone, contactId: calls.contactId, agentId: calls.agentId, campaignId: calls.campaignId })
        .from(calls)
        .where(eq(calls.id, callId))
        .get();
      if (!call) throw new Errors.NotFound('call', callId);
      if (user.role === 'agent') {
        const agent = call.agentId === null ? undefined : db.select({ userId: agents.userId }).from(agents).where(eq(agents.id, call.agentId)).get();
        if (!agent || agent.userId !== user.id) throw new Errors.AuthForbidden(user.role, `mark call ${callId} (not their call)`);
      }
      const result = dnc.addFromCall(call, user.id, body?.reason);
      request.log.info({ callId, campaignId: call.campaignId, contactId: call.contactId, added: result.added, userId: user.id }, 'do-not-call: customer asked not to be called');
      return { added: result.added, scope: 'global' as const, entryId: result.entry.id, contactId: call.contactId };
    });
  };
}
