/**
 * Agent sessions and their state log in SQLite: one `agent_sessions` row per login and one
 * `agent_state_log` row per state entered, with when and why. It listens to the agent pool
 * and is the source of every agent figure (figures.ts reads what it writes).
 */
import { and, asc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { RowWriter } from '../db/prepared.js';
import { agentSessions, agentStateLog, type AgentLogState } from '../db/schema.js';
import type { AgentPool, AgentSessionView } from './agent-pool.js';
import type { StateLogEntry } from './figures.js';

export type AgentSessionRow = typeof agentSessions.$inferSelect;

/** Writes what the agent pool does to `agent_sessions` / `agent_state_log`, and reads it back. */
export class AgentSessionsStore {
  /** agentId → id of the session row being written. */
  private readonly open = new Map<number, number>();
  private readonly log: Logger;
  /** Every state an agent enters is a row: built once (db/prepared.ts). */
  private readonly stateLog: RowWriter<typeof agentStateLog, typeof agentStateLog.id>;

  constructor(private readonly opts: { db: Db; clock: Clock; logger: Logger }) {
    this.log = opts.logger.child({ module: 'agent-sessions' });
    this.stateLog = new RowWriter(opts.db, agentStateLog, agentStateLog.id);
  }

  /** Records everything the pool does from now on. */
  attach(pool: AgentPool): this {
    pool.on('session-started', (info) => this.sessionStarted(info));
    pool.on('changed', (view) => this.stateChanged(view));
    pool.on('session-ended', (info) => this.sessionEnded(info));
    return this;
  }

  sessionStarted(info: { agentId: number; channelId: string; via: 'api' | 'dial-in'; at: number }): number {
    const { db } = this.opts;
    const id = db.transaction((tx) => {
      const row = tx.insert(agentSessions).values({ agentId: info.agentId, via: info.via, channelId: info.channelId, startedAt: info.at }).returning({ id: agentSessions.id }).get();
      tx.insert(agentStateLog).values({ sessionId: row.id, agentId: info.agentId, state: 'connecting', at: info.at }).run();
      return row.id;
    });
    this.open.set(info.agentId, id);
    return id;
  }

  stateChanged(view: AgentSessionView): void {
    const sessionId = this.open.get(view.agentId);
    if (sessionId === undefined) {
      this.log.warn({ agentId: view.agentId, state: view.state }, 'agent-sessions: state change of an agent without an open session; not logged');
      return;
    }
    this.append(sessionId, view.agentId, view.state, view.stateSince, view.reason, view.callId ?? view.wrapUpCallId);
  }

  sessionEnded(info: { agentId: number; at: number; reason: string }): void {
    const sessionId = this.open.get(info.agentId);
    if (sessionId === undefined) return;
    this.open.delete(info.agentId);
    this.close(sessionId, info.agentId, info.at, info.reason);
  }

  /** The session being written for an agent, if logged in. */
  openSessionId(agentId: number): number | null {
    return this.open.get(agentId) ?? null;
  }

  /**
   * Sessions an earlier run left open (a crash: nobody saw them end) are closed at the last
   * moment they were seen, their last state-log entry — the conservative choice: time after
   * that was not observed, so it is not counted. Call at start, before any login.
   */
  closeStale(): number {
    const { db } = this.opts;
    const stale = db.select().from(agentSessions).where(isNull(agentSessions.endedAt)).all().filter((s) => ![...this.open.values()].includes(s.id));
    for (const s of stale) {
      const last = db.select({ at: agentStateLog.at }).from(agentStateLog).where(eq(agentStateLog.sessionId, s.id)).orderBy(asc(agentStateLog.at), asc(agentStateLog.id)).all().pop();
      this.close(s.id, s.agentId, last?.at ?? s.startedAt, 'service restarted (session left open by an earlier run)');
    }
    if (stale.length) this.log.warn({ sessions: stale.length }, 'agent-sessions: closed sessions left open by an earlier run');
    return stale.length;
  }

  /** Closes every open session now (service shutdown: the softphones are not ours any more). */
  closeAll(reason: string): void {
    const at = this.opts.clock.now();
    for (const [agentId, sessionId] of this.open) this.close(sessionId, agentId, at, reason);
    this.open.clear();
  }

  /** Sessions overlapping `[from, to)`. */
  sessions(from: number, to: number, agentIds?: readonly number[]): AgentSessionRow[] {
    const overlap = and(lt(agentSessions.startedAt, to), or(isNull(agentSessions.endedAt), gt(agentSessions.endedAt, from)));
    const where = agentIds ? and(overlap, inArray(agentSessions.agentId, [...agentIds])) : overlap;
    return this.opts.db.select().from(agentSessions).where(where).orderBy(asc(agentSessions.id)).all();
  }

  /** Every state-log entry of the sessions overlapping `[from, to)`, in the order written. */
  stateEntries(from: number, to: number, agentIds?: readonly number[]): StateLogEntry[] {
    const ids = this.sessions(from, to, agentIds).map((s) => s.id);
    const out: StateLogEntry[] = [];
    // SQLite limits bound parameters; a month of a big floor has many sessions.
    for (let i = 0; i < ids.length; i += 500) {
      const rows = this.opts.db
        .select({ sessionId: agentStateLog.sessionId, agentId: agentStateLog.agentId, state: agentStateLog.state, reason: agentStateLog.reason, callId: agentStateLog.callId, at: agentStateLog.at })
        .from(agentStateLog)
        .where(inArray(agentStateLog.sessionId, ids.slice(i, i + 500)))
        .orderBy(asc(agentStateLog.sessionId), asc(agentStateLog.id))
        .all();
      // Not push(...rows): spreading a month of a session batch (10⁵ rows) overflows the stack.
      for (const row of rows) out.push(row);
    }
    return out;
  }

  private append(sessionId: number, agentId: number, state: AgentLogState, at: number, reason: string | null, callId: string | null): void {
    this.stateLog.insert({ sessionId, agentId, state, at, reason, callId });
  }

  private close(sessionId: number, agentId: number, at: number, reason: string): void {
    this.opts.db.transaction((tx) => {
      tx.insert(agentStateLog).values({ sessionId, agentId, state: 'logged-out', reason, at }).run();
      tx.update(agentSessions).set({ endedAt: at, endReason: reason }).where(eq(agentSessions.id, sessionId)).run();
    });
  }
}
