/** Call history for managers and QA: every moment, outcome, and the recording segments. */
import { and, desc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { ZERO_LENGTH_MS } from '../../agents/figures.js';
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import type { DispositionStore } from '../../campaigns/disposition-store.js';
import type { Db } from '../../db/database.js';
import { calls, recordings, RECORDING_STATES, type RecordingState } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import { maskPhone } from '../../support/mask-phone.js';
import { requireUser } from '../auth.js';

type CallRow = typeof calls.$inferSelect;

function forRole(role: string, row: CallRow): CallRow {
  if (role === 'qa') return { ...row, phone: maskPhone(row.phone), endpoint: '' };
  return row;
}

/** Talk (agent connected → end), and whether it is zero-length (requirements §2: 不得有零时长). */
function talkOf(row: CallRow): { talkMs: number | null; zeroLength: boolean } {
  if (row.agentConnectedAt === null || row.endedAt === null) return { talkMs: null, zeroLength: false };
  const talkMs = Math.max(0, row.endedAt - row.agentConnectedAt);
  return { talkMs, zeroLength: talkMs < ZERO_LENGTH_MS };
}

/** A recording filter: one state, or `incident` = missing or broken (requirements §2: each is an incident). */
const RECORDING_FILTERS = [...RECORDING_STATES, 'incident'] as const;
const INCIDENT_STATES: RecordingState[] = ['missing', 'broken'];

const ListQuery = z.object({
  campaignId: z.coerce.number().int().positive().optional(),
  recording: z.enum(RECORDING_FILTERS).optional(),
  /** Calls originated before this instant (ms); `cursor` is exact where calls share an instant. */
  before: z.coerce.number().int().positive().optional(),
  /** The page after the call `<originatedAt>:<id>` (a previous answer's `nextCursor`). */
  cursor: z.string().regex(/^\d+:[0-9a-f-]{36}$/, 'a nextCursor of an earlier answer').optional(),
  /** Only calls with this fault: `zero-length` = connected to an agent, under a second of talk. */
  fault: z.enum(['zero-length']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Newest first, and among calls of the same millisecond (predictive dialing) by id: a total order to page on. */
function afterCursor(cursor: string) {
  const [at, id] = [Number(cursor.slice(0, cursor.indexOf(':'))), cursor.slice(cursor.indexOf(':') + 1)];
  return or(lt(calls.originatedAt, at), and(eq(calls.originatedAt, at), lt(calls.id, id)));
}

/** The disposition's label as the campaign words it (the code when it has none any more). */
function withDispositionLabel<T extends CallRow>(rows: T[], labels: Map<string, string>): Array<T & { dispositionLabel: string | null }> {
  return rows.map((r) => ({ ...r, dispositionLabel: r.disposition === null ? null : (labels.get(`${r.campaignId}:${r.disposition}`) ?? r.disposition) }));
}

export function callRoutes(deps: { db: Db; dispositions: DispositionStore }) {
  const { db, dispositions } = deps;
  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/calls', { config: { roles: ['manager', 'qa'] }, schema: { querystring: ListQuery } }, async (request) => {
      const q = request.query;
      const where = and(
        q.campaignId ? eq(calls.campaignId, q.campaignId) : undefined,
        q.before ? lt(calls.originatedAt, q.before) : undefined,
        q.cursor ? afterCursor(q.cursor) : undefined,
        q.fault === 'zero-length'
          ? and(isNotNull(calls.agentConnectedAt), isNotNull(calls.endedAt), sql`${calls.endedAt} - ${calls.agentConnectedAt} < ${ZERO_LENGTH_MS}`)
          : undefined,
        q.recording ? inArray(calls.recordingState, q.recording === 'incident' ? INCIDENT_STATES : [q.recording]) : undefined,
      );
      const { role } = requireUser(request);
      const rows = db.select().from(calls).where(where).orderBy(desc(calls.originatedAt), desc(calls.id)).limit(q.limit).all();
      const last = rows.length === q.limit ? rows[rows.length - 1] : undefined;
      return { calls: withDispositionLabel(rows, dispositions.labels(rows)).map((r) => ({ ...forRole(role, r), ...talkOf(r) })), nextCursor: last ? `${last.originatedAt}:${last.id}` : null };
    });

    app.get('/api/calls/:id', { config: { roles: ['manager', 'qa'] }, schema: { params: z.object({ id: z.string().uuid() }) } }, async (request) => {
      const { id } = request.params;
      const call = db.select().from(calls).where(eq(calls.id, id)).get();
      if (!call) throw new Errors.NotFound('call', id);
      const segments = db.select().from(recordings).where(eq(recordings.callId, id)).orderBy(recordings.segment).all();
      const [labelled] = withDispositionLabel([call], dispositions.labels([call]));
      return { ...forRole(requireUser(request).role, labelled!), ...talkOf(call), recordings: segments };
    });
  };
}
