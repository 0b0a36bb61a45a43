/**
 * Who had a call and who supervised it, with names, for the call's detail (GET /api/calls/:id):
 * the handoff list (transfers/handoff-store.ts — each handler, agent or manager, from/to, how
 * they came to the call) and the monitoring stretches (supervision/monitor-store.ts — who, in
 * which mode, from/to). A call without a transfer has no handoff rows: its one handler is the
 * call's agent.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { agents, callHandlers, monitorSessions, users } from '../db/schema.js';
import type { MonitorMode } from '../db/schema-supervision.js';
import type { HandlerVia } from '../db/schema-transfers.js';

export interface HandlerEntry {
  agentId: number | null;
  /** A handler who is a user but no agent (a manager on their supervisor phone). */
  userId: number | null;
  /** The agent's or the user's name; null for a bare extension. */
  name: string | null;
  extension: string | null;
  via: HandlerVia;
  fromAt: number;
  toAt: number | null;
}

export interface MonitorEntry {
  userId: number;
  name: string;
  mode: MonitorMode;
  /** The agent on the call when the stretch began. */
  agentId: number | null;
  startedAt: number;
  endedAt: number | null;
  endReason: string | null;
}

export interface CallHandling {
  handlers: HandlerEntry[];
  monitoring: MonitorEntry[];
}

const userName = (u: { displayName: string | null; username: string | null } | null) => (u?.displayName || u?.username) ?? null;

export function callHandling(db: Db, callId: string): CallHandling {
  const handlers = db
    .select({ h: callHandlers, agentName: agents.name, displayName: users.displayName, username: users.username })
    .from(callHandlers)
    .leftJoin(agents, eq(agents.id, callHandlers.agentId))
    .leftJoin(users, eq(users.id, callHandlers.userId))
    .where(eq(callHandlers.callId, callId))
    .orderBy(asc(callHandlers.fromAt), asc(callHandlers.id))
    .all()
    .map(({ h, agentName, displayName, username }) => ({
      agentId: h.agentId,
      userId: h.userId,
      name: agentName ?? userName({ displayName, username }),
      extension: h.extension,
      via: h.via,
      fromAt: h.fromAt,
      toAt: h.toAt,
    }));
  const monitoring = db
    .select({ m: monitorSessions, displayName: users.displayName, username: users.username })
    .from(monitorSessions)
    .innerJoin(users, eq(users.id, monitorSessions.userId))
    .where(eq(monitorSessions.callId, callId))
    .orderBy(asc(monitorSessions.id))
    .all()
    .map(({ m, displayName, username }) => ({
      userId: m.userId,
      name: userName({ displayName, username }) ?? '',
      mode: m.mode,
      agentId: m.agentId,
      startedAt: m.startedAt,
      endedAt: m.endedAt,
      endReason: m.endReason,
    }));
  return { handlers, monitoring };
}
