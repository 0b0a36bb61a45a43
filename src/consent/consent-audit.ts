/**
 * The subscription audit trail (requirements §6): every change to and every read of
 * subscription evidence, and every refused attempt to create or edit one. Synchronous
 * SQLite writes, so whatever is served or changed has been logged first.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { subscriptionAudit } from '../db/schema.js';

/** Who acted: a signed-in user, or the system (id null). */
export interface ConsentActor {
  id: number | null;
  username: string;
}

export const SYSTEM_ACTOR: ConsentActor = Object.freeze({ id: null, username: 'system' });

export type ConsentAuditAction =
  | 'subscription.create'
  | 'subscription.read'
  | 'subscription.list'
  | 'subscription.cancel'
  | 'subscription.confirmation-sent'
  | 'subscription.forge-refused'
  | 'verification.record'
  | 'report.cancellations';

export class ConsentAudit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Appends one entry. */
  record(
    actor: ConsentActor,
    action: ConsentAuditAction,
    target: { subscriptionId?: number | null; callId?: string | null } = {},
    detail: Record<string, unknown> = {},
  ): void {
    this.db
      .insert(subscriptionAudit)
      .values({
        at: this.clock.now(),
        userId: actor.id,
        username: actor.username,
        action,
        subscriptionId: target.subscriptionId ?? null,
        callId: target.callId ?? null,
        detail,
      })
      .run();
  }

  /** Entries, newest first. */
  list(filter: { subscriptionId?: number; action?: ConsentAuditAction; limit?: number } = {}) {
    return this.db
      .select()
      .from(subscriptionAudit)
      .where(
        and(
          filter.subscriptionId !== undefined ? eq(subscriptionAudit.subscriptionId, filter.subscriptionId) : undefined,
          filter.action ? eq(subscriptionAudit.action, filter.action) : undefined,
        ),
      )
      .orderBy(desc(subscriptionAudit.id))
      .limit(filter.limit ?? 500)
      .all();
  }
}
