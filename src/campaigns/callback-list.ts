/**
 * The managers' view of callbacks across campaigns: who owns each, when it is due, until when
 * its owner keeps it, the customer and the campaign; soonest first, a page at a time.
 */
import { and, asc, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { agents, callbacks, campaigns, contacts, type CallbackState } from '../db/schema.js';
import { Errors } from '../errors.js';
import { expiryOf, type CallbackRow } from './callback-store.js';

export interface CallbackFilter {
  /** Default: the open ones (scheduled and dialing). */
  status?: readonly CallbackState[];
  campaignId?: number;
  /** An agent's own callbacks; `null` = the ones open to any agent. */
  agentId?: number | null;
  /** The page after `<dueAt>:<id>` (a previous answer's `nextCursor`). */
  cursor?: string;
}

/** A callback as the manager's list shows it. */
export type CallbackListRow = CallbackRow & { phone: string; campaignName: string; agentName: string | null; ownerUntil: number };

function afterCursor(cursor: string): SQL | undefined {
  const m = /^(\d+):(\d+)$/.exec(cursor);
  if (!m) throw new Errors.BadRequest('query.cursor: a nextCursor of an earlier answer');
  const [dueAt, id] = [Number(m[1]), Number(m[2])];
  return or(gt(callbacks.dueAt, dueAt), and(eq(callbacks.dueAt, dueAt), gt(callbacks.id, id)));
}

export function listCallbacks(db: Db, f: CallbackFilter, limit: number, ownerHoldMs: number): { callbacks: CallbackListRow[]; nextCursor: string | null } {
  const status = f.status?.length ? [...f.status] : (['scheduled', 'dialing'] as CallbackState[]);
  const rows = db
    .select({ cb: callbacks, phone: contacts.phone, campaignName: campaigns.name, agentName: agents.name })
    .from(callbacks)
    .innerJoin(contacts, eq(contacts.id, callbacks.contactId))
    .innerJoin(campaigns, eq(campaigns.id, callbacks.campaignId))
    .leftJoin(agents, eq(agents.id, callbacks.agentId))
    .where(
      and(
        inArray(callbacks.status, status),
        f.campaignId ? eq(callbacks.campaignId, f.campaignId) : undefined,
        f.agentId === undefined ? undefined : f.agentId === null ? isNull(callbacks.agentId) : eq(callbacks.agentId, f.agentId),
        f.cursor ? afterCursor(f.cursor) : undefined,
      ),
    )
    .orderBy(asc(callbacks.dueAt), asc(callbacks.id))
    .limit(limit)
    .all();
  const out = rows.map((r) => ({ ...r.cb, phone: r.phone, campaignName: r.campaignName, agentName: r.agentName, ownerUntil: expiryOf(r.cb, ownerHoldMs) }));
  const last = out.length === limit ? out[out.length - 1] : undefined;
  return { callbacks: out, nextCursor: last ? `${last.dueAt}:${last.id}` : null };
}
