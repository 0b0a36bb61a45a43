/**
 * A campaign's live figures for the manager: calls now, today, last 30 days and lifetime
 * (dialed, answered, abandoned, abandon rate against the cap), the agents on the floor,
 * contacts left and a projected finish.
 *
 * "Today" starts at midnight in the campaign's time zone. Abandoned and answered are counted
 * as pacing counts them (pacing-book.ts). Agents are shared by all campaigns, so the agent
 * figures are the floor's. The projection takes the contacts finished (done or out of
 * attempts) in the last hour, per hour of open calling window in that hour, and lays the
 * contacts left over the coming open hours of the campaign's window (in its own zone).
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { AgentPool } from '../agents/agent-pool.js';
import type { CallTracker } from '../calls/call-tracker.js';
import { finishAfterOpenTime, openTimeBetween } from '../campaigns/calling-window.js';
import { windowOf, type CampaignRow } from '../campaigns/campaign-settings.js';
import { contactCounts, contactsLeftOf, contactsTotalOf } from '../campaigns/contact-counts.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { callbacks, calls, contacts, type CONTACT_STATUSES } from '../db/schema.js';
import type { CampaignPacingView, DialLoop } from './dial-loop.js';
import { ABANDONED_SQL, LIVE_SQL, THIRTY_DAYS_MS } from './pacing-book.js';
import { explainPacing, type PacingExplanation } from './pacing-explain.js';

/** Calls placed, answered by a person and abandoned over a period. */
export interface PeriodFigures {
  since: number | null;
  dialed: number;
  answered: number;
  abandoned: number;
  /** abandoned ÷ answered; null with no answers yet. */
  abandonRate: number | null;
}

export interface LiveFigures {
  campaignId: number;
  status: CampaignRow['status'];
  dialMode: CampaignRow['dialMode'];
  at: number;
  /** The window in the campaign's own zone (callees elsewhere follow their own). */
  window: { open: boolean; changesAt: number | null; timeZone: string };
  now: { dialing: number; ringing: number; waitingForAgent: number; withAgent: number };
  today: PeriodFigures;
  last30Days: PeriodFigures;
  lifetime: PeriodFigures;
  abandonCap: number;
  /** The stricter of the 30-day and lifetime rates is above the cap. */
  overCap: boolean;
  agents: { loggedIn: number; ready: number; reserved: number; onCall: number; wrapUp: number; paused: number; connecting: number };
  contacts: { total: number; left: number } & Record<(typeof CONTACT_STATUSES)[number], number>;
  callbacksScheduled: number;
  pacing: CampaignPacingView | null;
  /** The last pacing pass in the manager's words (answer-rate estimates, risk limit, why). */
  pacingExplained: PacingExplanation | null;
  projection: { finishedLastHour: number; perOpenHour: number | null; finishAt: number | null; note: string };
}

const HOUR = 3_600_000;
/** Less open window than this in the last hour and the rate is not trusted. */
const MIN_BASIS_MS = 5 * 60_000;

export interface LiveFiguresDeps {
  db: Db;
  clock: Clock;
  agents: AgentPool;
  tracker: CallTracker;
  dialLoop: DialLoop;
}

/** Computes the live figures of one campaign. */
export function liveFigures(deps: LiveFiguresDeps, c: CampaignRow): LiveFigures {
  const { db, clock, agents, tracker, dialLoop } = deps;
  const at = clock.now();
  const w = windowOf(c);
  const period = (since: number | null): PeriodFigures => {
    const row = db
      .select({ dialed: sql<number>`count(*)`, answered: LIVE_SQL, abandoned: ABANDONED_SQL })
      .from(calls)
      .where(and(eq(calls.campaignId, c.id), eq(calls.direction, 'outbound'), since === null ? undefined : gte(calls.originatedAt, since)))
      .get();
    const answered = Number(row?.answered ?? 0);
    const abandoned = Number(row?.abandoned ?? 0);
    return { since, dialed: Number(row?.dialed ?? 0), answered, abandoned, abandonRate: answered > 0 ? abandoned / answered : null };
  };
  const midnight = DateTime.fromMillis(at, { zone: c.timeZone }).startOf('day').toMillis();
  const today = period(midnight);
  const last30Days = period(at - THIRTY_DAYS_MS);
  const lifetime = period(null);

  const live = { dialing: 0, ringing: 0, waitingForAgent: 0, withAgent: 0 };
  for (const s of tracker.list()) {
    if (s.spec.campaignId !== c.id) continue;
    if (s.phase === 'dialing') live.dialing += 1;
    else if (s.phase === 'ringing') live.ringing += 1;
    else if (s.phase === 'answered') live.waitingForAgent += 1;
    else if (s.phase === 'connected') live.withAgent += 1;
  }

  const floor = { loggedIn: 0, ready: 0, reserved: 0, onCall: 0, wrapUp: 0, paused: 0, connecting: 0 };
  for (const a of agents.list()) {
    floor.loggedIn += 1;
    const key = a.state === 'on-call' ? 'onCall' : a.state === 'wrap-up' ? 'wrapUp' : a.state;
    floor[key] += 1;
  }

  // Kept counts (campaigns/contact-counts.ts): a 1 M-contact campaign costs no more than a small one.
  const byStatus = contactCounts(db, c.id);
  const total = contactsTotalOf(byStatus);
  const left = contactsLeftOf(byStatus);
  const callbacksScheduled = Number(
    db.select({ n: sql<number>`count(*)` }).from(callbacks).where(and(eq(callbacks.campaignId, c.id), eq(callbacks.status, 'scheduled'))).get()?.n ?? 0,
  );

  const rates = [lifetime.abandonRate ?? 0, last30Days.abandonRate ?? 0];
  return {
    campaignId: c.id,
    status: c.status,
    dialMode: c.dialMode,
    at,
    window: { ...dialLoop.windows.campaignStatus(c, at), timeZone: c.timeZone },
    now: live,
    today,
    last30Days,
    lifetime,
    abandonCap: c.abandonCap,
    overCap: Math.max(...rates) > c.abandonCap,
    agents: floor,
    contacts: { total, left, ...byStatus },
    callbacksScheduled,
    pacing: dialLoop.lastDecision(c.id),
    pacingExplained: explainPacing(dialLoop.lastDecision(c.id), c.abandonCap),
    projection: project(db, c, at, left, w),
  };
}

function project(db: Db, c: CampaignRow, at: number, left: number, w: ReturnType<typeof windowOf>): LiveFigures['projection'] {
  const finishedLastHour = Number(
    db
      .select({ n: sql<number>`count(*)` })
      .from(contacts)
      .where(and(eq(contacts.campaignId, c.id), gte(contacts.finishedAt, at - HOUR)))
      .get()?.n ?? 0,
  );
  if (left === 0) return { finishedLastHour, perOpenHour: null, finishAt: at, note: 'no contacts left' };
  if (c.status !== 'running') return { finishedLastHour, perOpenHour: null, finishAt: null, note: `campaign is ${c.status}` };
  const zones = [w.timeZone];
  const basis = openTimeBetween(w, zones, at - HOUR, at);
  if (basis < MIN_BASIS_MS || finishedLastHour === 0) {
    return { finishedLastHour, perOpenHour: null, finishAt: null, note: 'not enough recent dialing to project from' };
  }
  const perOpenHour = (finishedLastHour / basis) * HOUR;
  const finishAt = finishAfterOpenTime(w, zones, at, Math.round((left / perOpenHour) * HOUR));
  return { finishedLastHour, perOpenHour, finishAt, note: finishAt === null ? 'the calling window does not open' : 'at the last hour\'s rate, counting open window time only' };
}
