/**
 * The live calls a supervisor may act on (the manager dashboard's supervision card): each
 * answered call with its campaign, agent and how long it has been up, and the supervisor's
 * own supervision of it if any. Customers' numbers are not shown: supervisors hear the call,
 * they do not need the number (requirements §7).
 */
import { eq, inArray } from 'drizzle-orm';
import type { AuthUser } from '../auth/tokens.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { Db } from '../db/database.js';
import { agents, calls, campaigns } from '../db/schema.js';
import type { MonitorMode } from '../db/schema-supervision.js';
import { modesFor } from './monitor-rules.js';
import type { SupervisionService, SupervisionView } from './supervision-service.js';
import type { SupervisorPhones } from './supervisor-phones.js';

export interface LiveCallRow {
  callId: string;
  campaignId: number;
  campaignName: string;
  agentId: number | null;
  agentName: string | null;
  team: string | null;
  answeredAt: number | null;
  /** Seconds since the customer answered, by the service's clock (the console's may differ). */
  liveSec: number | null;
  /** This supervisor's supervision of the call, if any. */
  mine: SupervisionView | null;
  /** Someone else took the call over. */
  takenOver: boolean;
}

export interface LiveCallsAnswer {
  calls: LiveCallRow[];
  /** The modes this user may use at all (which buttons the dashboard shows). */
  modes: readonly MonitorMode[];
  /** The extension the service calls this user on, null when they have none. */
  phone: string | null;
  /** That phone is the user's logged-in agent softphone: no supervision can start now (monitor-rules.ts). */
  phoneInUse: boolean;
}

export function liveCallsFor(deps: { db: Db; tracker: CallTracker; phones: SupervisorPhones; supervision: SupervisionService }, user: AuthUser, now: number): LiveCallsAnswer {
  const { kind, team } = deps.phones.kindOf(user);
  // Someone who may not supervise (a plain agent) sees no calls at all, and no modes.
  if (kind === 'none') return { calls: [], modes: [], phone: null, phoneInUse: false };
  const live = deps.tracker.list().filter((s) => s.phase === 'answered' || s.phase === 'connected');
  const ids = live.map((s) => s.callId);
  const rows = ids.length
    ? deps.db
        .select({ id: calls.id, campaignId: calls.campaignId, campaignName: campaigns.name, answeredAt: calls.answeredAt, agentId: calls.agentId, agentName: agents.name, team: agents.team })
        .from(calls)
        .innerJoin(campaigns, eq(campaigns.id, calls.campaignId))
        .leftJoin(agents, eq(agents.id, calls.agentId))
        .where(inArray(calls.id, ids))
        .all()
    : [];
  const supervisions = deps.supervision.list();
  const out: LiveCallRow[] = rows
    // A team lead sees their own team's calls only.
    .filter((r) => kind !== 'team-lead' || (r.team !== null && r.team === team))
    .map((r) => ({
      callId: r.id,
      campaignId: r.campaignId,
      campaignName: r.campaignName,
      agentId: r.agentId,
      agentName: r.agentName,
      team: r.team,
      answeredAt: r.answeredAt,
      liveSec: r.answeredAt === null ? null : Math.max(0, Math.round((now - r.answeredAt) / 1000)),
      mine: supervisions.find((v) => v.callId === r.id && v.userId === user.id) ?? null,
      takenOver: supervisions.some((v) => v.callId === r.id && v.userId !== user.id && v.mode === 'takeover'),
    }))
    .sort((a, b) => (a.answeredAt ?? 0) - (b.answeredAt ?? 0));
  return { calls: out, modes: modesFor(kind), phone: deps.phones.phoneOf(user.id)?.extension ?? null, phoneInUse: deps.phones.phoneInUse(user.id) };
}
