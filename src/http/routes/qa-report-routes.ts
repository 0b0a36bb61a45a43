/**
 * QA reports (JSON or CSV with ?format=csv), daily report publication, disputes (agents for
 * their own calls; QA re-reviews), agents' own scores, reversal requests and the audit trail.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { qaReversalRequests, QA_REVERSAL_STATUSES } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import { agentScores, type AgentScores } from '../../qa/agent-scores.js';
import { cycleByLabel } from '../../qa/local-time.js';
import type { QaModule } from '../../qa/qa-module.js';
import { cycleAgentsCsv, cycleCampaignsCsv, dailyCsv, trendCsv } from '../../qa/reports/report-csv.js';
import { requireUser } from '../auth.js';
import { IdParams } from '../validation.js';
import { AgentScoresSchema, CycleReportSchema, DailyReportSchema, DefectRatesSchema, PublishedSchema, ResolvedSchema, ReversalRequestsSchema, TrendReportSchema } from './qa-report-answer-schemas.js';
import { DisputeListSchema, DisputeRowSchema, QaAuditSchema } from './qa-answer-schemas.js';
import { jsonOrCsv } from '../response-schemas.js';
import { AuditQuery, CallParams, CycleParams, DateParams, DisputeBody, DisputesQuery, ReportQuery, ResolveBody } from './qa-schemas.js';

const QA_VIEW = { roles: ['qa', 'manager'] } as const;
const MANAGER = { roles: ['manager'] } as const;

function csv(reply: FastifyReply, filename: string, body: string) {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(body);
}

export function qaReportRoutes(deps: { qa: QaModule; db: Db; clock: Clock }) {
  const { qa, db, clock } = deps;
  const tz = qa.calendar.timeZone;

  /** The agent record of an agent user; 403 when the user has none. */
  function ownAgentId(userId: number, role: string): number {
    const agent = qa.disputes.agentOf(userId);
    if (!agent) throw new Errors.AuthForbidden(role, 'see QA scores (no agent record is linked to this user)');
    return agent.id;
  }

  return async function register(app: ApiInstance): Promise<void> {
    app.post('/api/qa/reports/daily/:date/publish', { config: QA_VIEW, schema: { params: DateParams, response: { 200: PublishedSchema } } }, async (request) => {
      const { date } = request.params;
      const user = requireUser(request);
      const published = qa.reports.publishDaily(date, user);
      if (!published.alreadyPublished) qa.audit.record(user, 'report.publish', null, { date });
      return published;
    });

    app.get('/api/qa/reports/daily/:date', { config: QA_VIEW, schema: { params: DateParams, querystring: ReportQuery, response: { 200: jsonOrCsv(DailyReportSchema, 'the rows per agent') } } }, async (request, reply) => {
      const { date } = request.params;
      const q = request.query;
      const report = qa.reports.daily(date, q.campaignId === undefined ? {} : { campaignId: q.campaignId });
      return q.format === 'csv' ? csv(reply, `qa-daily-${date}.csv`, dailyCsv(report)) : report;
    });

    app.get('/api/qa/reports/cycle/:label', { config: QA_VIEW, schema: { params: CycleParams, querystring: ReportQuery, response: { 200: jsonOrCsv(CycleReportSchema, 'the campaigns or (section=agents) the agents') } } }, async (request, reply) => {
      const { label } = request.params;
      const q = request.query;
      const report = qa.reports.cycle(label, q.campaignId === undefined ? {} : { campaignId: q.campaignId });
      if (q.format === 'json') return report;
      return q.section === 'agents'
        ? csv(reply, `qa-cycle-${label}-agents.csv`, cycleAgentsCsv(report))
        : csv(reply, `qa-cycle-${label}-campaigns.csv`, cycleCampaignsCsv(report));
    });

    app.get('/api/qa/reports/trend/:label', { config: QA_VIEW, schema: { params: CycleParams, querystring: ReportQuery, response: { 200: jsonOrCsv(TrendReportSchema, 'a line per day and series') } } }, async (request, reply) => {
      const { label } = request.params;
      const q = request.query;
      const report = qa.reports.trend(label, {
        ...(q.campaignId === undefined ? {} : { campaignId: q.campaignId }),
        ...(q.agentId === undefined ? {} : { agentId: q.agentId }),
      });
      return q.format === 'csv' ? csv(reply, `qa-trend-${label}.csv`, trendCsv(report)) : report;
    });

    app.get('/api/qa/reports/defect-rates/:label', { config: QA_VIEW, schema: { params: CycleParams, querystring: ReportQuery, response: { 200: jsonOrCsv(DefectRatesSchema, 'the campaigns of the cycle report') } } }, async (request, reply) => {
      const { label } = request.params;
      const q = request.query;
      const report = qa.reports.cycle(label, q.campaignId === undefined ? {} : { campaignId: q.campaignId });
      if (q.format === 'csv') return csv(reply, `qa-defect-rates-${label}.csv`, cycleCampaignsCsv(report));
      return {
        cycle: report.cycle,
        asOf: report.asOf,
        campaigns: report.campaigns.map((c) => ({ campaignId: c.campaignId, campaignName: c.campaignName, population: c.population, scored: c.scored, defects: c.defects, defectRate: c.defectRate })),
      };
    });

    // --- disputes --------------------------------------------------------------------
    app.post('/api/qa/calls/:callId/disputes', { config: { roles: ['agent'] }, schema: { params: CallParams, body: DisputeBody, response: { 201: DisputeRowSchema } } }, async (request, reply) => {
      const { callId } = request.params;
      const { reason } = request.body;
      return reply.code(201).send(qa.disputes.raise(callId, requireUser(request), reason));
    });

    app.get('/api/qa/disputes', { config: { roles: ['agent', 'qa', 'manager'] }, schema: { querystring: DisputesQuery, response: { 200: DisputeListSchema } } }, async (request) => {
      const q = request.query;
      const user = requireUser(request);
      const agentId = user.role === 'agent' ? ownAgentId(user.id, user.role) : undefined;
      return {
        disputes: qa.disputes.list({ ...(agentId === undefined ? {} : { agentId }), ...(q.status ? { status: q.status } : {}), ...(q.callId ? { callId: q.callId } : {}) }),
      };
    });

    app.post('/api/qa/disputes/:id/resolve', { config: QA_VIEW, schema: { params: IdParams, body: ResolveBody, response: { 200: ResolvedSchema } } }, async (request) => {
      const { id } = request.params;
      const body = request.body;
      return qa.disputes.resolve(id, requireUser(request), body);
    });

    // --- an agent's own scores -------------------------------------------------------
    app.get('/api/qa/my/scores', { config: { roles: ['agent'] }, schema: { querystring: z.object({ cycle: z.string().regex(/^\d{4}-\d{2}$/).optional() }), response: { 200: AgentScoresSchema } } }, async (request): Promise<AgentScores> => {
      const q = request.query;
      const user = requireUser(request);
      const cycle = q.cycle ? cycleByLabel(q.cycle, qa.calendar) : null;
      return agentScores(db, {
        agentId: ownAgentId(user.id, user.role),
        now: clock.now(),
        timeZone: tz,
        rubricById: (id) => qa.rubrics.byId(id),
        ...(cycle ? { reviewedBetween: { from: cycle.start.getTime(), to: cycle.end.getTime() } } : {}),
      });
    });

    // --- reversal requests and the audit trail ---------------------------------------
    app.get('/api/qa/reversal-requests', { config: MANAGER, schema: { querystring: z.object({ status: z.enum(QA_REVERSAL_STATUSES).optional() }), response: { 200: ReversalRequestsSchema } } }, async (request) => {
      const q = request.query;
      return { reversalRequests: db.select().from(qaReversalRequests).where(and(q.status ? eq(qaReversalRequests.status, q.status) : undefined)).orderBy(desc(qaReversalRequests.requestedAt)).all() };
    });

    app.get('/api/qa/audit', { config: MANAGER, schema: { querystring: AuditQuery, response: { 200: QaAuditSchema } } }, async (request) => {
      const q = request.query;
      return {
        entries: qa.audit.list({
          limit: q.limit,
          ...(q.callId ? { callId: q.callId } : {}),
          ...(q.from !== undefined ? { from: q.from } : {}),
          ...(q.to !== undefined ? { to: q.to } : {}),
        }),
      };
    });
  };
}
