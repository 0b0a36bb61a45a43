/**
 * Callbacks for managers, across campaigns: list (who owns each, when due, until when the
 * owner keeps it), reassign, reschedule (inside the customer's calling window), cancel; and
 * the correction task QA's failed score can open: a callback by the call's agent to that
 * customer within the time the manager sets (manual 000 halves a deduction corrected within
 * 30 minutes), audited.
 */
import { and, eq } from 'drizzle-orm';
import type { ApiInstance } from '../app.js';
import { callbacks as callbacksTable } from '../../db/schema.js';
import { rowSchema } from '../response-schemas.js';
import { z } from 'zod';
import { listCallbacks } from '../../campaigns/callback-list.js';
import type { CallbackStore } from '../../campaigns/callback-store.js';
import type { CampaignStore } from '../../campaigns/campaign-store.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { CALLBACK_STATES, calls, contacts, qaScores } from '../../db/schema.js';
import type { AuditLog } from '../../qa/audit-log.js';
import { requireUser } from '../auth.js';
import type { WindowGate } from '../../dialer/window-gate.js';
import { Errors } from '../../errors.js';
import { IdParams } from '../validation.js';

/** A callback as the API shows it (its row). */
export const CallbackRowSchema = rowSchema(callbacksTable);

const MANAGERS = ['manager'] as const;
const MAX_AHEAD_MS = 90 * 86_400_000;

const ListQuery = z.object({
  /** One state or several, comma-separated; default scheduled,dialing. */
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(CALLBACK_STATES)))
    .optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  /** An agent's id, or `none` for the callbacks open to any agent. */
  agentId: z.union([z.literal('none'), z.coerce.number().int().positive()]).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const AssignBody = z.object({ agentId: z.number().int().positive().nullable() }).strict();
const RescheduleBody = z.object({ dueAt: z.number().int().positive(), expiresAt: z.number().int().positive().optional() }).strict();
const CancelBody = z.object({ reason: z.string().trim().max(500).optional() }).strict();
const CorrectionParams = z.object({ callId: z.string().uuid() });
/** Within how many minutes the agent must call the customer back (default 30, manual 000). */
const CorrectionBody = z.object({ withinMinutes: z.number().int().min(5).max(7 * 24 * 60).default(30), note: z.string().trim().max(500).optional() }).strict();

export interface CallbackRoutesDeps {
  db: Db;
  clock: Clock;
  callbacks: CallbackStore;
  campaigns: CampaignStore;
  windows: WindowGate;
  /** QA's audit log: a correction task is written there. */
  audit: AuditLog;
}

export function callbackRoutes(deps: CallbackRoutesDeps) {
  const { db, clock, callbacks, campaigns, windows } = deps;
  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/callbacks', { config: { roles: MANAGERS }, schema: { querystring: ListQuery, response: { 200: z.object({ callbacks: z.array(CallbackRowSchema.extend({ phone: z.string(), campaignName: z.string(), agentName: z.string().nullable(), ownerUntil: z.number().describe('until when the owner keeps it before any agent may take it') })), nextCursor: z.string().nullable() }) } } }, async (request) => {
      const q = request.query;
      const agentId = q.agentId === 'none' ? null : q.agentId;
      return listCallbacks(db, { status: q.status, campaignId: q.campaignId, agentId, cursor: q.cursor }, q.limit, callbacks.ownerHoldMs);
    });

    app.post('/api/callbacks/:id/assign', { config: { roles: MANAGERS }, schema: { params: IdParams, body: AssignBody, response: { 200: CallbackRowSchema } } }, async (request) => {
      const { id } = request.params;
      return callbacks.assign(id, request.body.agentId);
    });

    app.post('/api/callbacks/:id/reschedule', { config: { roles: MANAGERS }, schema: { params: IdParams, body: RescheduleBody, response: { 200: CallbackRowSchema } } }, async (request) => {
      const { id } = request.params;
      const body = request.body;
      const now = clock.now();
      if (body.dueAt <= now) throw new Errors.BadRequest('body.dueAt: the callback must be in the future');
      if (body.dueAt > now + MAX_AHEAD_MS) throw new Errors.BadRequest('body.dueAt: at most 90 days ahead');
      const cb = callbacks.get(id);
      const contact = db.select({ phone: contacts.phone }).from(contacts).where(eq(contacts.id, cb.contactId)).get();
      if (!contact) throw new Errors.NotFound('contact', cb.contactId);
      const window = windows.statusForNumber(campaigns.get(cb.campaignId), contact.phone, body.dueAt);
      if (!window.open) {
        throw new Errors.WindowClosed(window.changesAt === null ? 'it never opens for this number' : `the next opening after that time is ${new Date(window.changesAt).toISOString()}`);
      }
      return callbacks.reschedule(id, body.dueAt, body.expiresAt);
    });

    app.post('/api/qa/calls/:callId/correction', { config: { roles: ['manager', 'qa'] }, schema: { params: CorrectionParams, body: CorrectionBody.prefault({}), response: { 201: CallbackRowSchema.describe('the correction callback, due now, for the agent scored') } } }, async (request, reply) => {
      const { callId } = request.params;
      const body = request.body;
      const score = db.select().from(qaScores).where(and(eq(qaScores.callId, callId), eq(qaScores.current, true))).get();
      if (!score) throw new Errors.NotFound('QA score of call', callId);
      if (!score.defect) throw new Errors.Conflict(`call ${callId} passed QA (${score.total} points): a correction task follows a failed score`);
      const call = db.select().from(calls).where(eq(calls.id, callId)).get()!;
      const now = clock.now();
      const user = requireUser(request);
      const row = callbacks.schedule({
        campaignId: call.campaignId,
        contactId: call.contactId,
        agentId: score.agentId,
        dueAt: now,
        expiresAt: now + body.withinMinutes * 60_000,
        note: `QA correction (score ${score.total}): call the customer back to correct${body.note ? ` — ${body.note}` : ''}`,
        fromCallId: callId,
        createdByUserId: user.id,
      });
      deps.audit.record(user, 'correction', callId, { callbackId: row.id, scoreId: score.id, agentId: score.agentId, withinMinutes: body.withinMinutes });
      reply.code(201);
      return row;
    });

    app.post('/api/callbacks/:id/cancel', { config: { roles: MANAGERS }, schema: { params: IdParams, body: CancelBody.prefault({}), response: { 200: CallbackRowSchema } } }, async (request) => {
      const { id } = request.params;
      const body = request.body;
      return callbacks.cancel(id, body.reason ?? 'cancelled by a manager');
    });
  };
}
