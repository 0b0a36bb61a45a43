/**
 * Call history for managers and QA: find any call (number or its last 4 digits, agent,
 * campaign, centre days, outcome, disposition, recording), page through it, export it as CSV,
 * and open one with every moment, its recording segments, who handled it (transfers) and who
 * supervised it. QA sees numbers masked.
 */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { ApiInstance } from '../app.js';
import { bodyOf, rowSchema } from '../response-schemas.js';
import { z } from 'zod';
import { csvCell } from '../../agents/figures-csv.js';
import { callHandling } from '../../calls/call-handling.js';
import { CallSearchService, type CallSearch, type FoundCall } from '../../calls/call-search.js';
import type { Db } from '../../db/database.js';
import { CALL_DIRECTIONS, CALL_OUTCOMES, calls, DISPOSITION_CATEGORIES, HANDLER_VIAS, MONITOR_MODES, recordings, RECORDING_STATES } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import { maskPhone } from '../../support/mask-phone.js';
import { requireUser } from '../auth.js';

type Role = string;

function forRole<R extends { phone: string; endpoint: string }>(role: Role, row: R): R {
  if (role === 'qa') return { ...row, phone: maskPhone(row.phone), endpoint: '' };
  return row;
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day YYYY-MM-DD');

const SearchQuery = z.object({
  /** The full number (any way it is written) or its last 4 digits. */
  phone: z.string().trim().min(1).max(64).optional(),
  agentId: z.coerce.number().int().positive().optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  from: Day.optional(),
  to: Day.optional(),
  outcome: z.enum(CALL_OUTCOMES).optional(),
  direction: z.enum(CALL_DIRECTIONS).optional(),
  disposition: z.string().trim().min(1).max(64).optional(),
  dispositionCategory: z.enum(DISPOSITION_CATEGORIES).optional(),
  recording: z.enum([...RECORDING_STATES, 'incident']).optional(),
  /** Calls originated before this instant (ms); `cursor` is exact where calls share an instant. */
  before: z.coerce.number().int().positive().optional(),
  cursor: z.string().regex(/^\d+:[0-9a-f-]{36}$/, 'a nextCursor of an earlier answer').optional(),
  /** Only calls with this fault: `zero-length` = connected to an agent, under a second of talk. */
  fault: z.enum(['zero-length']).optional(),
});
const ListQuery = SearchQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** The columns of the CSV export (numbers masked for QA). */
/** A call as a search finds it: its row, talk, names, and a readable title (the number masked for QA). */
const FoundCallSchema = rowSchema(calls).extend({
  talkMs: z.number().nullable(),
  zeroLength: z.boolean().describe('connected to an agent, under a second of talk'),
  dispositionLabel: z.string().nullable(),
  campaignName: z.string().nullable(),
  agentName: z.string().nullable(),
  title: z.string(),
});

/** One call: its row, its recording segments, its handoff list and its supervision stretches. */
const CallDetailSchema = FoundCallSchema.extend({
  recordings: z.array(rowSchema(recordings)).describe('the recording segments, in order'),
  handlers: z
    .array(
      z.object({
        agentId: z.number().nullable(),
        userId: z.number().nullable().describe('a handler who is no agent: a manager reached on their supervisor phone'),
        name: z.string().nullable(),
        extension: z.string().nullable(),
        via: z.enum(HANDLER_VIAS),
        fromAt: z.number(),
        toAt: z.number().nullable(),
      }),
    )
    .describe('who had the customer, from when to when (empty when the call was never transferred: its agent had it throughout)'),
  monitoring: z
    .array(
      z.object({
        userId: z.number(),
        name: z.string(),
        mode: z.enum(MONITOR_MODES),
        agentId: z.number().nullable(),
        startedAt: z.number(),
        endedAt: z.number().nullable(),
        endReason: z.string().nullable(),
      }),
    )
    .describe('every stretch of supervision (listen, whisper, barge, take over), in order'),
});

const CSV_HEADER = ['call_id', 'title', 'originated_at', 'campaign', 'agent', 'phone', 'outcome', 'disposition', 'disposition_label', 'disposition_category', 'talk_sec', 'recording', 'recording_problem'];

function csvLine(c: FoundCall, role: Role): string {
  const cells = [
    c.id,
    c.title,
    new Date(c.originatedAt).toISOString(),
    c.campaignName,
    c.agentName,
    role === 'qa' ? maskPhone(c.phone) : c.phone,
    c.outcome,
    c.disposition,
    c.dispositionLabel,
    c.dispositionCategory,
    c.talkMs === null ? null : Math.round(c.talkMs / 1000),
    c.recordingState,
    c.recordingProblem,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export interface CallRoutesDeps {
  db: Db;
  /** CENTRE_TIME_ZONE: the days a search's from/to name. */
  timeZone: string;
}

export function callRoutes(deps: CallRoutesDeps) {
  const { db } = deps;
  const search = new CallSearchService(db, { timeZone: deps.timeZone });
  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/calls', { config: { roles: ['manager', 'qa'] }, schema: { querystring: ListQuery, response: { 200: z.object({ calls: z.array(FoundCallSchema), nextCursor: z.string().nullable().describe('`cursor` for the next page; null on the last') }) } } }, async (request) => {
      const { limit, ...q } = request.query;
      const { role } = requireUser(request);
      const page = search.page(q as CallSearch, limit);
      return { calls: page.calls.map((r) => forRole(role, r)), nextCursor: page.nextCursor };
    });

    // The whole result of a search, read a page at a time while it is sent.
    app.get('/api/calls/export', { config: { roles: ['manager', 'qa'] }, schema: { querystring: SearchQuery, response: { 200: bodyOf('text/csv', 'every call of the search as CSV (UTF-8 with a byte-order mark), a line per call') } } }, async (request, reply) => {
      const q = request.query as CallSearch;
      const { role } = requireUser(request);
      search.page(q, 1); // a bad filter is a 400 here, before the download starts
      function* lines(): Generator<string> {
        yield `\uFEFF${CSV_HEADER.join(',')}\r\n`;
        for (const rows of search.all(q)) yield rows.map((r) => csvLine(r, role)).join('');
      }
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="calls.csv"');
      return reply.send(Readable.from(lines()));
    });

    app.get('/api/calls/:id', { config: { roles: ['manager', 'qa'] }, schema: { params: z.object({ id: z.string().uuid() }), response: { 200: CallDetailSchema } } }, async (request) => {
      const { id } = request.params;
      const row = search.byId(id);
      if (!row) throw new Errors.NotFound('call', id);
      const segments = db.select().from(recordings).where(eq(recordings.callId, id)).orderBy(recordings.segment).all();
      return { ...forRole(requireUser(request).role, row), recordings: segments, ...callHandling(db, id) };
    });
  };
}
