/**
 * Who takes which campaign: a campaign's assignments (managers), agents' qualifications
 * (managers grant and revoke them, audited by who and when), and the campaigns an agent is
 * on (the agent's console, managers).
 */
import { eq } from 'drizzle-orm';
import type { ApiInstance } from '../app.js';
import { rowSchema } from '../response-schemas.js';
import { z } from 'zod';
import { dayStart, isDay, nextDay } from '../../agents/centre-days.js';
import type { AssignmentStore } from '../../campaigns/assignment-store.js';
import { campaignsOfAgent, type CampaignRoster } from '../../campaigns/campaign-roster.js';
import { MAX_PRIORITY, MIN_PRIORITY, QUALIFICATION_CODE_PATTERN } from '../../campaigns/eligibility.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { agentQualifications, agents, campaigns } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import { requireUser } from '../auth.js';
import { IdParams } from '../validation.js';

const Priority = z.number().int().min(MIN_PRIORITY).max(MAX_PRIORITY);
const AssignmentEntry = z.union([
  z.object({ agentId: z.number().int().positive(), priority: Priority }).strict(),
  z.object({ team: z.string().trim().min(1).max(100), priority: Priority }).strict(),
]);
const AssignmentsBody = z.object({ assignments: z.array(AssignmentEntry).max(2000) }).strict();

const Day = z.string().refine(isDay, 'a date YYYY-MM-DD');
const GrantBody = z
  .object({
    code: z.string().trim().regex(QUALIFICATION_CODE_PATTERN, 'letters, digits, _ . - (up to 40), e.g. VP15-trained'),
    /** The day it counts from (centre time); default today. */
    grantedOn: Day.optional(),
    /** The last day it counts (centre time); null or absent: does not expire. */
    expiresAfter: Day.nullable().optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
const GrantParams = IdParams.extend({ grantId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const QualificationSchema = rowSchema(agentQualifications);

/** A campaign's assignments, and every agent with whether (and why not) they may take it now. */
const AssignmentViewSchema = z.object({
  campaignId: z.number().int(),
  requiredQualification: z.string().nullable(),
  open: z.boolean().describe('no assignments: every (qualified) agent takes its calls'),
  assignments: z.array(z.object({ id: z.number().int(), agentId: z.number().int().nullable(), agentName: z.string().nullable(), team: z.string().nullable(), priority: z.number().int() })),
  agents: z.array(
    z.object({
      agentId: z.number().int(),
      name: z.string(),
      team: z.string(),
      priority: z.number().int().nullable(),
      refusal: z.string().nullable(),
      refusalCode: z.enum(['not-assigned', 'unqualified']).nullable(),
    }),
  ),
});

export interface AssignmentRoutesDeps {
  db: Db;
  clock: Clock;
  store: AssignmentStore;
  roster: CampaignRoster;
  timeZone: string;
}

export function assignmentRoutes(deps: AssignmentRoutesDeps) {
  const { db, clock, store, roster, timeZone } = deps;
  const manager = { config: { roles: ['manager'] as const } };

  /** The campaign's assignments, and every agent with whether (and why not) they may take it now. */
  function assignmentView(campaignId: number) {
    const campaign = db.select({ id: campaigns.id, requiredQualification: campaigns.requiredQualification }).from(campaigns).where(eq(campaigns.id, campaignId)).get();
    if (!campaign) throw new Errors.NotFound('campaign', campaignId);
    const rows = store.list(campaignId);
    const people = db.select({ id: agents.id, name: agents.name, team: agents.team }).from(agents).all();
    const names = new Map(people.map((a) => [a.id, a.name]));
    const current = roster.current();
    const now = clock.now();
    return {
      campaignId,
      requiredQualification: campaign.requiredQualification,
      /** No assignments: every (qualified) agent takes the campaign's calls. */
      open: rows.length === 0,
      assignments: rows.map((r) => ({ id: r.id, agentId: r.agentId, agentName: r.agentId === null ? null : (names.get(r.agentId) ?? null), team: r.team, priority: r.priority })),
      agents: people.map((a) => ({ agentId: a.id, name: a.name, team: a.team, priority: current.priority(a.id, campaignId, now), refusal: current.refusal(a.id, campaignId, now), refusalCode: current.refusalCode(a.id, campaignId, now) })),
    };
  }

  function agentExists(agentId: number): void {
    if (!db.select({ id: agents.id }).from(agents).where(eq(agents.id, agentId)).get()) throw new Errors.NotFound('agent', agentId);
  }

  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/campaigns/:id/assignments', { ...manager, schema: { params: IdParams, response: { 200: AssignmentViewSchema } } }, async (request) => {
      const { id } = request.params;
      return assignmentView(id);
    });

    /** Replaces the list; an empty list opens the campaign to every agent again. */
    app.put('/api/campaigns/:id/assignments', { ...manager, schema: { params: IdParams, body: AssignmentsBody, response: { 200: AssignmentViewSchema } } }, async (request) => {
      const { id } = request.params;
      const body = request.body;
      const user = requireUser(request);
      store.replace(id, body.assignments, user.id);
      request.log.info({ campaignId: id, assignments: body.assignments.length, userId: user.id }, 'assignments: replaced');
      return assignmentView(id);
    });

    app.get('/api/qualifications', { ...manager, schema: { response: { 200: z.object({ qualifications: z.array(QualificationSchema.extend({ valid: z.boolean().describe('granted and not expired now') })) }) } } }, async () => {
      const now = clock.now();
      return { qualifications: store.qualifications().map((q) => ({ ...q, valid: q.grantedAt <= now && (q.expiresAt === null || now < q.expiresAt) })) };
    });

    app.get('/api/agents/:id/qualifications', { ...manager, schema: { params: IdParams, response: { 200: z.object({ qualifications: z.array(QualificationSchema) }) } } }, async (request) => {
      const { id } = request.params;
      agentExists(id);
      return { qualifications: store.qualifications(id) };
    });

    app.post('/api/agents/:id/qualifications', { ...manager, schema: { params: IdParams, body: GrantBody, response: { 201: QualificationSchema } } }, async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const user = requireUser(request);
      const grantedAt = body.grantedOn ? dayStart(body.grantedOn, timeZone) : clock.now();
      const expiresAt = body.expiresAfter ? dayStart(nextDay(body.expiresAfter), timeZone) : null;
      const row = store.grant(id, { code: body.code, grantedAt, expiresAt, note: body.note }, user.id);
      request.log.info({ agentId: id, code: body.code, grantId: row.id, userId: user.id }, 'qualifications: granted');
      reply.code(201);
      return row;
    });

    app.delete('/api/agents/:id/qualifications/:grantId', { ...manager, schema: { params: GrantParams, response: { 200: QualificationSchema.describe('the grant, now revoked') } } }, async (request) => {
      const { id, grantId } = request.params;
      const user = requireUser(request);
      const row = store.revoke(id, grantId, user.id);
      request.log.info({ agentId: id, code: row.code, grantId, userId: user.id }, 'qualifications: revoked');
      return row;
    });

    /** The campaigns the agent takes calls from now (their console); agents see only their own. */
    app.get('/api/agents/:id/campaigns', { config: { roles: ['agent', 'manager'] }, schema: { params: IdParams, response: { 200: z.object({ campaigns: z.array(z.object({ campaignId: z.number().int(), name: z.string(), status: z.string(), dialMode: z.string(), priority: z.number().int().describe('0: open to every agent'), open: z.boolean() })) }) } } }, async (request) => {
      const { id } = request.params;
      const user = requireUser(request);
      const row = db.select({ userId: agents.userId }).from(agents).where(eq(agents.id, id)).get();
      if (!row) throw new Errors.NotFound('agent', id);
      if (user.role === 'agent' && row.userId !== user.id) throw new Errors.AuthForbidden(user.role, `read agent ${id}'s campaigns`);
      return { campaigns: campaignsOfAgent(db, roster.current(), id, clock.now()) };
    });
  };
}
