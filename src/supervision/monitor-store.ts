/**
 * The monitoring rows (db/schema-supervision.ts): one per stretch of one mode, opened when the
 * supervisor asks and closed when they switch, stop, hang up, or the call ends.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { monitorSessions, type MonitorMode } from '../db/schema-supervision.js';

export type MonitorRow = typeof monitorSessions.$inferSelect;

/** Why a stretch ended. */
export type MonitorEndReason = 'switched' | 'stopped' | 'phone-hung-up' | 'phone-not-answered' | 'call-ended' | 'failed' | 'restart';

export class MonitorStore {
  constructor(private readonly db: Db) {}

  /** Opens a stretch; `groupId` null = a new supervision (the row's own id becomes its group). */
  open(row: { callId: string; userId: number; mode: MonitorMode; agentId: number | null; at: number; groupId: number | null }): MonitorRow {
    return this.db.transaction((tx) => {
      const created = tx
        .insert(monitorSessions)
        .values({ callId: row.callId, userId: row.userId, mode: row.mode, agentId: row.agentId, startedAt: row.at, groupId: row.groupId })
        .returning()
        .get();
      if (row.groupId !== null) return created;
      return tx.update(monitorSessions).set({ groupId: created.id }).where(eq(monitorSessions.id, created.id)).returning().get()!;
    });
  }

  close(id: number, at: number, reason: MonitorEndReason): void {
    this.db
      .update(monitorSessions)
      .set({ endedAt: at, endReason: reason })
      .where(and(eq(monitorSessions.id, id), isNull(monitorSessions.endedAt)))
      .run();
  }

  /** Closes every stretch left open (a restart: no supervision survives the process). */
  closeAllOpen(at: number): number {
    return this.db.update(monitorSessions).set({ endedAt: at, endReason: 'restart' }).where(isNull(monitorSessions.endedAt)).run().changes;
  }

  forCall(callId: string): MonitorRow[] {
    return this.db.select().from(monitorSessions).where(eq(monitorSessions.callId, callId)).orderBy(asc(monitorSessions.id)).all();
  }
}
