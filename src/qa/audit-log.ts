/**
 * The QA audit trail (requirements §6): every access to a recording and every QA action on
 * a call, with who, what and when, in SQLite. Writes are synchronous, so an access that is
 * served has been logged first.
 */
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { qaAuditLog } from '../db/schema.js';

/** What was done. */
export type AuditAction =
  | 'recording.stream'
  | 'recording.segment'
  | 'call.view'
  | 'claim'
  | 'claim.extend'
  | 'claim.release'
  | 'score'
  | 'dispute.raise'
  | 'dispute.resolve'
  | 'rubric.version'
  | 'report.publish'
  | 'plan.run'
  | 'pull'
  | 'correction';

/** Who did it. */
export interface AuditActor {
  id: number | null;
  username: string;
}

export type AuditEntry = typeof qaAuditLog.$inferSelect;

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Appends one entry. */
  record(actor: AuditActor, action: AuditAction, callId: string | null, detail: Record<string, unknown> = {}): void {
    this.db
      .insert(qaAuditLog)
      .values({ at: this.clock.now(), userId: actor.id, username: actor.username, action, callId, detail })
      .run();
  }

  /** Entries, newest first, filtered by call and/or time. */
  list(filter: { callId?: string; from?: number; to?: number; limit?: number } = {}): AuditEntry[] {
    return this.db
      .select()
      .from(qaAuditLog)
      .where(
        and(
          filter.callId ? eq(qaAuditLog.callId, filter.callId) : undefined,
          filter.from !== undefined ? gte(qaAuditLog.at, filter.from) : undefined,
          filter.to !== undefined ? lt(qaAuditLog.at, filter.to) : undefined,
        ),
      )
      .orderBy(desc(qaAuditLog.id))
      .limit(filter.limit ?? 500)
      .all();
  }
}
