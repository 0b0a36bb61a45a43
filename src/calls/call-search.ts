/**
 * Finding any call (issue 14 item 4): by the customer's full number or its last 4 digits,
 * agent, campaign, a range of centre days, outcome, direction, disposition and recording state, newest
 * first and paged by a cursor. Every filter is an indexed column or a per-row lookup on the
 * rows of one page, so a page costs the same however many calls there are.
 *
 * The disposition is the call's own column (the agent's latest, with its category); its label
 * is the campaign's wording of the code.
 */
import { and, desc, eq, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import { ZERO_LENGTH_MS } from '../agents/figures.js';
import { dayStart, isDay, nextDay } from '../agents/centre-days.js';
import { normalisePhone } from '../campaigns/phone-number.js';
import type { Db } from '../db/database.js';
import { agents, calls, campaignDispositions, campaigns, type CallDirection, type CallOutcome, type DispositionCategory, type RecordingState } from '../db/schema.js';
import { Errors } from '../errors.js';
import { maskPhone } from '../support/mask-phone.js';

export type CallRow = typeof calls.$inferSelect;

/** A recording filter: one state, or `incident` = missing or broken (requirements §2: each is an incident). */
export type RecordingFilter = RecordingState | 'incident';
const INCIDENT_STATES: RecordingState[] = ['missing', 'broken'];

/** What a search may ask for; every field optional. */
export interface CallSearch {
  /** A full number (any way it is written) or exactly its last 4 digits. */
  phone?: string;
  agentId?: number;
  campaignId?: number;
  /** Centre days `YYYY-MM-DD`, inclusive, in the centre's time zone. */
  from?: string;
  to?: string;
  outcome?: CallOutcome;
  /** Outbound (dialled) or inbound (customers calling back) calls only. */
  direction?: CallDirection;
  /** A disposition code (as the campaigns name it). */
  disposition?: string;
  dispositionCategory?: DispositionCategory;
  recording?: RecordingFilter;
  fault?: 'zero-length';
  /** Calls originated before this instant (ms). */
  before?: number;
  /** The page after the call `<originatedAt>:<id>` (a previous answer's `nextCursor`). */
  cursor?: string;
}

/** A found call with what the call list shows beside it. */
export type FoundCall = CallRow & {
  talkMs: number | null;
  zeroLength: boolean;
  /** The disposition's label as the campaign words it (the code when it has none any more). */
  dispositionLabel: string | null;
  campaignName: string | null;
  agentName: string | null;
  /** The readable title: customer (masked, for every role), campaign and when, e.g. "+86138****8001 · VP15 · 2025-01-06 09:00". */
  title: string;
};

export interface CallSearchOptions {
  /** Centre days are read in this zone (CENTRE_TIME_ZONE). */
  timeZone: string;
  /** Numbers written without a country code are read in this region. */
  defaultRegion?: CountryCode;
}

/** Talk (agent connected → end), and whether it is zero-length (requirements §2: 不得有零时长). */
export function talkOf(row: Pick<CallRow, 'agentConnectedAt' | 'endedAt'>): { talkMs: number | null; zeroLength: boolean } {
  if (row.agentConnectedAt === null || row.endedAt === null) return { talkMs: null, zeroLength: false };
  const talkMs = Math.max(0, row.endedAt - row.agentConnectedAt);
  return { talkMs, zeroLength: talkMs < ZERO_LENGTH_MS };
}

/** What a `phone` filter means: the last 4 digits, or one E.164 number. */
export function phoneFilter(raw: string, region: CountryCode = 'CN'): { tail: string } | { e164: string } {
  const s = raw.trim();
  if (/^\d{4}$/.test(s)) return { tail: s };
  const verdict = normalisePhone(s, region, { accept: 'any' });
  if (!verdict.ok) throw new Errors.BadRequest(`query.phone: give the full number or its last 4 digits (${verdict.detail})`);
  return { e164: verdict.e164 };
}

/** `[start, end)` instants of the centre days `from`..`to`; each side open when not given. */
export function dayBounds(from: string | undefined, to: string | undefined, timeZone: string): { start?: number; end?: number } {
  for (const [name, d] of [['from', from], ['to', to]] as const) {
    if (d !== undefined && !isDay(d)) throw new Errors.BadRequest(`query.${name}: a day YYYY-MM-DD, e.g. 2025-01-06`);
  }
  if (from && to && to < from) throw new Errors.BadRequest(`query.to: ${to} is before query.from ${from}`);
  return { start: from ? dayStart(from, timeZone) : undefined, end: to ? dayStart(nextDay(to), timeZone) : undefined };
}

function afterCursor(cursor: string): SQL | undefined {
  const m = /^(\d+):([0-9a-f-]{36})$/.exec(cursor);
  if (!m) throw new Errors.BadRequest('query.cursor: a nextCursor of an earlier answer');
  const at = Number(m[1]);
  return or(lt(calls.originatedAt, at), and(eq(calls.originatedAt, at), lt(calls.id, m[2]!)));
}

/** The where clause of a search. */
export function searchWhere(q: CallSearch, options: CallSearchOptions): SQL | undefined {
  const phone = q.phone ? phoneFilter(q.phone, options.defaultRegion) : undefined;
  const { start, end } = dayBounds(q.from, q.to, options.timeZone);
  return and(
    phone && 'tail' in phone ? eq(calls.phoneTail, phone.tail) : undefined,
    phone && 'e164' in phone ? eq(calls.phone, phone.e164) : undefined,
    q.agentId ? eq(calls.agentId, q.agentId) : undefined,
    q.campaignId ? eq(calls.campaignId, q.campaignId) : undefined,
    start !== undefined ? sql`${calls.originatedAt} >= ${start}` : undefined,
    end !== undefined ? lt(calls.originatedAt, end) : undefined,
    q.before ? lt(calls.originatedAt, q.before) : undefined,
    q.cursor ? afterCursor(q.cursor) : undefined,
    q.outcome ? eq(calls.outcome, q.outcome) : undefined,
    q.direction ? eq(calls.direction, q.direction) : undefined,
    q.disposition ? eq(calls.disposition, q.disposition) : undefined,
    q.dispositionCategory ? eq(calls.dispositionCategory, q.dispositionCategory) : undefined,
    q.fault === 'zero-length'
      ? and(isNotNull(calls.agentConnectedAt), isNotNull(calls.endedAt), sql`${calls.endedAt} - ${calls.agentConnectedAt} < ${ZERO_LENGTH_MS}`)
      : undefined,
    q.recording ? inArray(calls.recordingState, q.recording === 'incident' ? INCIDENT_STATES : [q.recording]) : undefined,
  );
}

/** A readable call title: the customer (masked), the campaign and the local time it was dialed. */
export function callTitle(maskedPhone: string, campaignName: string | null, originatedAt: number, timeZone: string): string {
  const when = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(originatedAt);
  return [maskedPhone, campaignName, when].filter(Boolean).join(' · ');
}

/** Runs searches over the calls table. */
export class CallSearchService {
  constructor(
    private readonly db: Db,
    private readonly options: CallSearchOptions,
  ) {}

  /** One page, newest first, and the cursor of the next (null: the last page). */
  page(q: CallSearch, limit: number): { calls: FoundCall[]; nextCursor: string | null } {
    const found = this.select(searchWhere(q, this.options), limit);
    const last = found.length === limit ? found[found.length - 1] : undefined;
    return { calls: found, nextCursor: last ? `${last.originatedAt}:${last.id}` : null };
  }

  /** One call as a search shows it; null when there is none. */
  byId(id: string): FoundCall | null {
    return this.select(eq(calls.id, id), 1)[0] ?? null;
  }

  private select(where: SQL | undefined, limit: number): FoundCall[] {
    const rows = this.db
      .select({ call: calls, dispositionLabel: campaignDispositions.label, campaignName: campaigns.name, agentName: agents.name })
      .from(calls)
      .leftJoin(campaigns, eq(campaigns.id, calls.campaignId))
      .leftJoin(agents, eq(agents.id, calls.agentId))
      // One row per call: (campaign, code) is unique.
      .leftJoin(campaignDispositions, and(eq(campaignDispositions.campaignId, calls.campaignId), eq(campaignDispositions.code, calls.disposition)))
      .where(where)
      .orderBy(desc(calls.originatedAt), desc(calls.id))
      .limit(limit)
      .all();
    return rows.map((r) => ({
      ...r.call,
      ...talkOf(r.call),
      dispositionLabel: r.call.disposition === null ? null : (r.dispositionLabel ?? r.call.disposition),
      campaignName: r.campaignName,
      agentName: r.agentName,
      title: callTitle(maskPhone(r.call.phone), r.campaignName, r.call.originatedAt, this.options.timeZone),
    }));
  }

  /** Every call the search finds, a page at a time (for an export streamed as it is read). */
  *all(q: CallSearch, pageSize = 1000): Generator<FoundCall[]> {
    let cursor: string | undefined = q.cursor;
    for (;;) {
      const { calls: rows, nextCursor } = this.page({ ...q, cursor }, pageSize);
      if (rows.length) yield rows;
      if (!nextCursor) return;
      cursor = nextCursor;
    }
  }
}
