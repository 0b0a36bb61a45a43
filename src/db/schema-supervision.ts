/**
 * Supervision of live calls (issue 13): the supervisors' own phones and every monitoring
 * session (listen, whisper, barge, take over) with who, which call, and when. Re-exported by
 * schema.ts.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { calls, users } from './schema.js';

/** What a supervisor does on a call: hear both sides unheard, speak to the agent only, join, or replace the agent. */
export const MONITOR_MODES = ['listen', 'whisper', 'barge', 'takeover'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

/** A supervisor's (manager's, QA's) softphone: the extension the service calls to join them to a call. */
export const supervisorPhones = sqliteTable('supervisor_phones', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Substituted for {ext} in the agent endpoint template (the same PJSIP world as the agents'). */
  extension: text('extension').notNull().unique(),
  /** A dial string of its own, when the phone is not the template filled with the extension. */
  endpoint: text('endpoint'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * One stretch of one mode: switching mode closes the row and opens the next one, so a call's
 * rows read as its supervision history. `endedAt` null = still going.
 */
export const monitorSessions = sqliteTable(
  'monitor_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** The supervision this stretch belongs to (the first row's id): one phone call, several modes. */
    groupId: integer('group_id'),
    mode: text('mode', { enum: MONITOR_MODES }).notNull(),
    /** The agent on the call when the stretch began (null when none was). */
    agentId: integer('agent_id'),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    /** Why the stretch ended: switched, stopped, phone-hung-up, call-ended, failed. */
    endReason: text('end_reason'),
  },
  (t) => [index('monitor_sessions_call_idx').on(t.callId, t.id), index('monitor_sessions_user_idx').on(t.userId, t.startedAt)],
);
