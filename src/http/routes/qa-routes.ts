/**
 * QA routes: the sample-size calculator, campaign QA settings, sampling plans, the queue,
 * reviewers' claims, call details and recordings (qa, manager; every access logged),
 * scoring and rubrics. Reports and disputes are in qa-report-routes.ts.
 */
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiInstance } from '../app.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { campaigns, qaCampaignSettings, qaPlanItems, QA_PULL_REASONS } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import type { AuditAction } from '../../qa/audit-log.js';
import { decideRange } from '../../qa/byte-range.js';
import { qaCallDetails } from '../../qa/call-details.js';
import { observedDefectRate } from '../../qa/defect-rates.js';
import { cycleAt } from '../../qa/local-time.js';
import { verifyPlanRun } from '../../qa/plan-audit.js';
import { eligibleCount } from '../../qa/population.js';
import type { QaModule } from '../../qa/qa-module.js';
import type { QaQueueCounts } from '../../qa/qa-queue.js';
import type { ServedRecording } from '../../qa/recording-stream.js';
import { sampleSize, zForConfidence } from '../../qa/sampling/index.js';
import { DEFAULT_FLOORS } from '../../qa/sampling/plan-options.js';
import { FATAL_KINDS } from '../../qa/scoring/fatal.js';
import { SEVERITY_POINTS } from '../../qa/scoring/score.js';
import { requireUser } from '../auth.js';
import { IdParams } from '../validation.js';
import { CallReviewSchema, ClaimExtendedSchema, ClaimViewSchema, FatalKindsSchema, OpenClaimsSchema, PlanItemSchema, PlanRunSchema, PlanRunsDoneSchema, PlanRunsSchema, PlanVerificationSchema, QaSettingsRowSchema, QaSettingsSchema, QueueSchema, RubricSchema, SampleSizeSchema, ScoreRowSchema, SweepSchema } from './qa-answer-schemas.js';
import { bodyOf, NoContent } from '../response-schemas.js';
import { CallParams, PlansQuery, RubricBody, RunPlanBody, SampleSizeQuery, ScoreBody, SegmentParams, SettingsBody } from './qa-schemas.js';

const QA_VIEW = { roles: ['qa', 'manager'] } as const;
const PullParams = z.object({ callId: z.string().uuid() });
const PullBody = z.object({ reason: z.enum(QA_PULL_REASONS), note: z.string().trim().max(2000).optional() }).strict();
const QA_WORK = { roles: ['qa'] } as const;
const MANAGER = { roles: ['manager'] } as const;
const EVERYONE = { roles: ['agent', 'qa', 'manager'] } as const;
/** A recording: the WAV, whole or the range asked for. */
const RECORDING_ANSWERS = {
  200: bodyOf('audio/wav', 'the recording (WAV)'),
  206: bodyOf('audio/wav', 'the byte range asked for (Range header)'),
};

export function qaRoutes(deps: { qa: QaModule; db: Db; clock: Clock }) {
  const { qa, db, clock } = deps;

  function campaignExists(id: number): void {
    if (!db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, id)).get()) throw new Errors.NotFound('campaign', String(id));
  }

  async function serveRecording(request: FastifyRequest, reply: FastifyReply, served: ServedRecording, action: AuditAction, callId: string, segment?: number) {
    const user = requireUser(request);
    const header = request.headers.range;
    const d = decideRange(header, served.size);
    const status = d.kind === 'full' ? 200 : d.kind === 'partial' ? 206 : 416;
    qa.audit.record(user, action, callId, { method: request.method, range: header ?? null, status, ...(segment === undefined ? {} : { segment }) });
    reply.header('accept-ranges', 'bytes').header('etag', served.etag).header('cache-control', 'private, no-store');
    if (d.kind === 'unsatisfiable') {
      const e = new Errors.QaRangeNotSatisfiable(d.reason);
      request.log.info({ callId, code: e.code, reason: d.reason }, 'qa: range not satisfiable');
      return reply.code(416).header('content-range', `bytes */${served.size}`).type('application/json; charset=utf-8').send({ error: e.code, message: e.message });
    }
    const [start, end] = d.kind === 'full' ? [0, served.size - 1] : [d.start, d.end];
    reply.code(status).type('audio/wav').header('content-length', String(end - start + 1));
    if (d.kind === 'partial') reply.header('content-range', `bytes ${start}-${end}/${served.size}`);
    // HEAD: an empty stream keeps our Content-Length (fastify's HEAD handling drains a stream, reading nothing here).
    if (request.method === 'HEAD') return reply.send(Readable.from([]));
    if (end < start) return reply.send();
    return reply.send(qa.streamer.stream(served, start, end));
  }

  return async function register(app: ApiInstance): Promise<void> {
    // --- the calculator --------------------------------------------------------------
    app.get('/api/qa/sample-size', { config: QA_VIEW, schema: { querystring: SampleSizeQuery, response: { 200: SampleSizeSchema } } }, async (request) => {
      const q = request.query;
      if ((q.p === 'observed' || q.population === undefined) && q.campaignId === undefined) {
        throw new Errors.BadRequest('query.campaignId: needed for p=observed or when population is not given');
      }
      if (q.campaignId !== undefined) campaignExists(q.campaignId);
      const cycle = cycleAt(clock.now(), qa.calendar);
      let population = q.population;
      const populationSource = population === undefined ? ('campaign-cycle-so-far' as const) : ('given' as const);
      if (population === undefined) {
        population = eligibleCount(db, { campaignId: q.campaignId as number, from: cycle.start.getTime(), to: cycle.end.getTime(), cutoff: clock.now() });
      }
      let p = 0.5;
      let pSource: 'default' | 'given' | 'observed' = 'default';
      let observed: ReturnType<typeof observedDefectRate> = null;
      if (q.p === 'observed') {
        observed = observedDefectRate(db, q.campaignId as number, cycle.label);
        if (!observed) throw new Errors.QaNoObservedRate(q.campaignId);
        p = observed.p;
        pSource = 'observed';
      } else if (q.p !== undefined) {
        p = q.p;
        pSource = 'given';
      }
      const confidence = q.confidence ?? 0.95;
      const margin = q.margin ?? 0.05;
      const n = sampleSize({ population, confidence, p, margin });
      const z = zForConfidence(confidence);
      return {
        n,
        population,
        populationSource,
        confidence,
        z,
        p,
        pSource,
        observed,
        margin,
        /** The infinite-population size before the finite-population correction. */
        n0: (z * z * p * (1 - p)) / (margin * margin),
        cycle: q.campaignId !== undefined ? cycle.label : null,
      };
    });

    // --- campaign QA settings --------------------------------------------------------
    app.get('/api/qa/campaigns/:id/settings', { config: QA_VIEW, schema: { params: IdParams, response: { 200: QaSettingsSchema } } }, async (request) => {
      const { id } = request.params;
      campaignExists(id);
      const row = db.select().from(qaCampaignSettings).where(eq(qaCampaignSettings.campaignId, id)).get();
      // The manuals' floors ride along, so a console shows what a role left out gets.
      return { ...(row ?? { campaignId: id, confidence: 0.95, margin: 0.05, pSource: 'default' as const, floors: null, updatedAt: null, updatedBy: null }), defaultFloors: DEFAULT_FLOORS };
    });

    app.put('/api/qa/campaigns/:id/settings', { config: MANAGER, schema: { params: IdParams, body: SettingsBody, response: { 200: QaSettingsRowSchema } } }, async (request) => {
      const { id } = request.params;
      const body = request.body;
      campaignExists(id);
      sampleSize({ population: 1, confidence: body.confidence, margin: body.margin });
      const values = { ...body, updatedAt: clock.now(), updatedBy: requireUser(request).id };
      return db
        .insert(qaCampaignSettings)
        .values({ campaignId: id, ...values })
        .onConflictDoUpdate({ target: qaCampaignSettings.campaignId, set: values })
        .returning()
        .get();
    });

    // --- plans -----------------------------------------------------------------------
    app.post('/api/qa/plans/run', { config: QA_VIEW, schema: { body: RunPlanBody, response: { 200: PlanRunsDoneSchema } } }, async (request) => {
      const body = request.body;
      const user = requireUser(request);
      if (body.campaignId !== undefined) {
        campaignExists(body.campaignId);
        return { runs: [await qa.planner.runCampaign(body.campaignId, 'manual', user)] };
      }
      return { runs: await qa.planner.runAll('manual', user) };
    });

    app.get('/api/qa/plans', { config: QA_VIEW, schema: { querystring: PlansQuery, response: { 200: PlanRunsSchema } } }, async (request) => {
      const q = request.query;
      return { runs: qa.planner.runs(q.campaignId, q.cycle) };
    });

    app.get('/api/qa/plans/:id', { config: QA_VIEW, schema: { params: IdParams, response: { 200: PlanRunSchema } } }, async (request) => qa.planner.run(request.params.id));

    app.post('/api/qa/plans/:id/verify', { config: QA_VIEW, schema: { params: IdParams, response: { 200: PlanVerificationSchema } } }, async (request) =>
      verifyPlanRun(db, qa.saleFacts, qa.saleFactsSource, request.params.id),
    );

    // --- the queue -------------------------------------------------------------------
    app.get('/api/qa/queue', { config: QA_VIEW, schema: { response: { 200: QueueSchema } } }, async () => {
      const byStatus = db.select({ status: qaPlanItems.status, n: sql<number>`count(*)` }).from(qaPlanItems).groupBy(qaPlanItems.status).all();
      let redis: QaQueueCounts | { error: string };
      try {
        redis = await qa.queue.counts();
      } catch (err) {
        redis = { error: (err as Error).message };
      }
      return {
        queue: qa.queue.name,
        sqlite: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
        redis,
        nextPlanRunAt: qa.scheduler?.nextRunAt ?? null,
      };
    });

    app.post('/api/qa/queue/sweep', { config: QA_VIEW, schema: { response: { 200: SweepSchema } } }, async () => qa.sweeper.sweep());

    // --- on-demand reviews (a complaint, a spot check) -------------------------------
    app.post('/api/qa/calls/:callId/pull', { config: QA_VIEW, schema: { params: PullParams, body: PullBody, response: { 201: PlanItemSchema.describe('the plan item queued for review') } } }, async (request, reply) => {
      const { callId } = request.params;
      const body = request.body;
      reply.code(201);
      return qa.pulls.pull(callId, requireUser(request), body.reason, body.note ?? '');
    });

    // --- claims ----------------------------------------------------------------------
    app.post('/api/qa/claims', { config: QA_WORK, schema: { response: { 200: ClaimViewSchema, 204: NoContent.describe('nothing to review') } } }, async (request, reply) => {
      const view = await qa.claims.claimNext(requireUser(request));
      if (!view) return reply.code(204).send(null);
      return view;
    });

    app.get('/api/qa/claims/current', { config: QA_WORK, schema: { response: { 200: OpenClaimsSchema } } }, async (request) => {
      const user = requireUser(request);
      return { claims: qa.claims.openClaims(user.id).map(({ token: _token, ...c }) => c) };
    });

    app.post('/api/qa/claims/:callId/extend', { config: QA_WORK, schema: { params: CallParams, response: { 200: ClaimExtendedSchema } } }, async (request) => {
      const { callId } = request.params;
      return qa.claims.extend(callId, requireUser(request));
    });

    app.post('/api/qa/claims/:callId/release', { config: QA_WORK, schema: { params: CallParams, response: { 204: NoContent } } }, async (request, reply) => {
      const { callId } = request.params;
      await qa.claims.release(callId, requireUser(request));
      return reply.code(204).send(null);
    });

    // --- calls and recordings --------------------------------------------------------
    app.get('/api/qa/calls/:callId', { config: QA_VIEW, schema: { params: CallParams, response: { 200: CallReviewSchema } } }, async (request) => {
      const { callId } = request.params;
      const details = qaCallDetails(db, qa.saleFacts, callId);
      qa.audit.record(requireUser(request), 'call.view', callId);
      return { ...details, scores: qa.scores.history(callId), disputes: qa.disputes.list({ callId }) };
    });

    app.get('/api/qa/calls/:callId/recording', { config: QA_VIEW, schema: { params: CallParams, response: RECORDING_ANSWERS } }, async (request, reply) => {
      const { callId } = request.params;
      return serveRecording(request, reply, await qa.streamer.callRecording(callId), 'recording.stream', callId);
    });

    app.get('/api/qa/calls/:callId/recording/segments/:segment', { config: QA_VIEW, schema: { params: SegmentParams, response: RECORDING_ANSWERS } }, async (request, reply) => {
      const { callId, segment } = request.params;
      return serveRecording(request, reply, await qa.streamer.segmentRecording(callId, segment), 'recording.segment', callId, segment);
    });

    // --- scoring ---------------------------------------------------------------------
    app.post('/api/qa/calls/:callId/score', { config: QA_WORK, schema: { params: CallParams, body: ScoreBody, response: { 201: ScoreRowSchema } } }, async (request, reply) => {
      const { callId } = request.params;
      const body = request.body;
      const score = await qa.scores.review(callId, requireUser(request), body);
      return reply.code(201).send(score);
    });

    app.get('/api/qa/calls/:callId/scores', { config: QA_VIEW, schema: { params: CallParams, response: { 200: z.object({ scores: z.array(ScoreRowSchema) }) } } }, async (request) => {
      const { callId } = request.params;
      return { scores: qa.scores.history(callId) };
    });

    app.get('/api/qa/rubrics', { config: EVERYONE, schema: { response: { 200: z.object({ rubrics: z.array(RubricSchema) }) } } }, async () => ({ rubrics: qa.rubrics.list() }));

    app.get('/api/qa/rubrics/current', { config: EVERYONE, schema: { response: { 200: RubricSchema } } }, async () => qa.rubrics.current());

    app.get('/api/qa/rubrics/:id', { config: EVERYONE, schema: { params: IdParams, response: { 200: RubricSchema } } }, async (request) => qa.rubrics.byVersion(request.params.id));

    app.post('/api/qa/rubrics', { config: MANAGER, schema: { body: RubricBody, response: { 201: RubricSchema } } }, async (request, reply) => {
      const body = request.body;
      const user = requireUser(request);
      const row = qa.rubrics.createVersion(body.name, body.definition, user.id);
      qa.audit.record(user, 'rubric.version', null, { version: row.version, rubricId: row.id });
      return reply.code(201).send(row);
    });

    app.get('/api/qa/fatal-kinds', { config: EVERYONE, schema: { response: { 200: FatalKindsSchema } } }, async () => ({ fatalKinds: FATAL_KINDS, severities: SEVERITY_POINTS }));
  };
}

