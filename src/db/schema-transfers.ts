/**
 * Transfers and conferences (issue 13 item 2): every transfer an agent starts, and the call's
 * handoff list — who handled the customer, from when to when. Re-exported by schema.ts.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** blind: the agent leaves at once; warm: consult first, customer on hold; conference: the target joins the customer and agent at once. */
export const TRANSFER_MODES = ['blind', 'warm', 'conference'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

/** How a transfer ended: handed over, the agent went back to the customer, nobody answered, or it broke. */
export const TRANSFER_OUTCOMES = ['completed', 'cancelled', 'no-answer', 'failed', 'call-ended'] as const;
export type TransferOutcome = (typeof TRANSFER_OUTCOMES)[number];

/** How a handler came to the call. */
export const HANDLER_VIAS = ['dialer', 'blind', 'warm', 'conference'] as const;
export type HandlerVia = (typeof HANDLER_VIAS)[number];

/** One transfer (or conference) an agent started on a call. */
export const transfers = sqliteTable(
  'transfers',
  {
    id: text('id').primaryKey(),
    callId: text('call_id').notNull(),
    mode: text('mode', { enum: TRANSFER_MODES }).notNull(),
    fromAgentId: integer('from_agent_id').notNull(),
    /**
     * The target: an agent (rung at their extension when not logged in), a bare extension, or
     * a supervisor (a manager's supervisor phone, rung at its extension; targetUserId).
     */
    targetKind: text('target_kind', { enum: ['agent', 'extension', 'supervisor'] }).notNull(),
    targetAgentId: integer('target_agent_id'),
    /** The user of a supervisor target. */
    targetUserId: integer('target_user_id'),
    targetExtension: text('target_extension'),
    startedAt: integer('started_at').notNull(),
    /** The target was on the line (consultation or the customer's bridge). */
    answeredAt: integer('answered_at'),
    /** All three talked together (a warm transfer's Complete, or a conference). */
    conferencedAt: integer('conferenced_at'),
    endedAt: integer('ended_at'),
    outcome: text('outcome', { enum: TRANSFER_OUTCOMES }),
    reason: text('reason'),
  },
  (t) => [index('transfers_call_idx').on(t.callId, t.startedAt)],
);

/** The call's handoff list: each handler with the time they had the customer. */
export const callHandlers = sqliteTable(
  'call_handlers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    callId: text('call_id').notNull(),
    /** Null for a handler who is no agent (a bare extension, a supervisor). */
    agentId: integer('agent_id'),
    /** A handler who is a user but no agent (a manager reached on their supervisor phone); they have no talk time. */
    userId: integer('user_id'),
    extension: text('extension'),
    via: text('via', { enum: HANDLER_VIAS }).notNull(),
    transferId: text('transfer_id'),
    fromAt: integer('from_at').notNull(),
    /** Null while they are still on the call. */
    toAt: integer('to_at'),
  },
  (t) => [index('call_handlers_call_idx').on(t.callId, t.fromAt), index('call_handlers_agent_idx').on(t.agentId, t.fromAt)],
);
