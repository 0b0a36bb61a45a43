/**
 * The system of record (SQLite through drizzle). Times are integer milliseconds since the
 * Unix epoch (UTC); a null time means "did not happen (yet)".
 * Change this file, then `npm run db:generate` to write a migration into src/db/migrations.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const USER_ROLES = ['agent', 'manager', 'qa', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull().default(''),
  /** scrypt hash in PHC-like form: scrypt$N$r$p$salt$hash (base64). */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const AUTH_TOKEN_KINDS = ['session', 'api'] as const;

/** Browser sessions and API bearer tokens; only the sha256 of the token is stored. */
export const authTokens = sqliteTable(
  'auth_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: AUTH_TOKEN_KINDS }).notNull(),
    label: text('label').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('auth_tokens_user_idx').on(t.userId)],
);

export const AGENT_ROLES = ['agent', 'trainee', 'team-lead'] as const;

export const agents = sqliteTable('agents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The login account this agent signs in to the console with, if any. */
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  name: text('name').notNull(),
  /** Softphone extension, substituted for {ext} in the agent endpoint template. */
  extension: text('extension').notNull().unique(),
  /** scrypt hash of the PIN typed at the login extension; null = dial-in login disabled. */
  pinHash: text('pin_hash'),
  team: text('team').notNull().default(''),
  role: text('role', { enum: AGENT_ROLES }).notNull().default('agent'),
  /** Daily talk-time target in seconds; null = team/global default (3 h). */
  dailyTargetSec: integer('daily_target_sec'),
  /** Dial string of the softphone when it is not the endpoint template filled with the extension. */
  endpoint: text('endpoint'),
  createdAt: integer('created_at').notNull(),
});

/** Team settings, keyed by the team name agents carry (agents.team). */
export const teams = sqliteTable('teams', {
  name: text('name').primaryKey(),
  /** Daily talk-time target of the team's agents, seconds; null = the service default. */
  dailyTargetSec: integer('daily_target_sec'),
  updatedAt: integer('updated_at').notNull(),
});

/** The managed list of pause (示忙) reasons; codes are never deleted, only deactivated. */
export const pauseCodes = sqliteTable('pause_codes', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const AGENT_SESSION_VIA = ['api', 'dial-in'] as const;

/** One agent login (softphone parked for the shift) from start to end. */
export const agentSessions = sqliteTable(
  'agent_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agentId: integer('agent_id')
      .notNull()
      .references(() => agents.id),
    via: text('via', { enum: AGENT_SESSION_VIA }).notNull(),
    channelId: text('channel_id').notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    /** Why it ended: logout, softphone hung up, service stopped, … */
    endReason: text('end_reason'),
  },
  (t) => [index('agent_sessions_agent_idx').on(t.agentId, t.startedAt), index('agent_sessions_open_idx').on(t.endedAt)],
);

export const AGENT_LOG_STATES = ['connecting', 'ready', 'reserved', 'on-call', 'wrap-up', 'paused', 'logged-out'] as const;
export type AgentLogState = (typeof AGENT_LOG_STATES)[number];

/**
 * Every state an agent entered, with when and why: the source of the agent figures. A state
 * lasts until the next row of the same session; `logged-out` closes the session.
 */
export const agentStateLog = sqliteTable(
  'agent_state_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => agentSessions.id),
    agentId: integer('agent_id')
      .notNull()
      .references(() => agents.id),
    state: text('state', { enum: AGENT_LOG_STATES }).notNull(),
    /** Pause code while paused; why the session ended for logged-out. */
    reason: text('reason'),
    /** The call being offered, talked or wrapped up. */
    callId: text('call_id'),
    at: integer('at').notNull(),
  },
  (t) => [index('agent_state_log_session_idx').on(t.sessionId, t.at), index('agent_state_log_agent_idx').on(t.agentId, t.at)],
);

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'completed', 'archived'] as const;
export const DIAL_MODES = ['preview', 'progressive', 'predictive'] as const;

export const campaigns = sqliteTable('campaigns', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
  dialMode: text('dial_mode', { enum: DIAL_MODES }).notNull().default('progressive'),
  /** ARI media URI(s) of the standard opening, e.g. `sound:dialer/opening-42` (comma-separated list allowed). */
  openingMedia: text('opening_media').notNull(),
  callerId: text('caller_id').notNull().default(''),
  ringTimeoutSec: integer('ring_timeout_sec').notNull().default(25),
  /** Overrides the service-wide customer endpoint template (a trunk per campaign). */
  dialEndpointTemplate: text('dial_endpoint_template'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const CONTACT_STATUSES = ['pending', 'dialing', 'done', 'failed'] as const;

export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** E.164 with the leading '+'. */
    phone: text('phone').notNull(),
    /** The list's other columns, kept for the agent's screen (JSON object). */
    fields: text('fields', { mode: 'json' }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
    status: text('status', { enum: CONTACT_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    lastOutcome: text('last_outcome'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('contacts_campaign_phone_uq').on(t.campaignId, t.phone),
    index('contacts_due_idx').on(t.campaignId, t.status, t.nextAttemptAt),
  ],
);

export const CALL_OUTCOMES = [
  'answered',
  'busy',
  'no-answer',
  'rejected',
  'congestion',
  'failed',
  'abandoned',
  'interrupted',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const CALL_STATES = ['dialing', 'ringing', 'answered', 'connected', 'ended'] as const;
export const RECORDING_STATES = ['pending', 'verified', 'missing', 'broken'] as const;
export type RecordingState = (typeof RECORDING_STATES)[number];

/** One row per customer call attempt, with every moment of it. */
export const calls = sqliteTable(
  'calls',
  {
    id: text('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    agentId: integer('agent_id').references(() => agents.id),
    phone: text('phone').notNull(),
    endpoint: text('endpoint').notNull(),
    channelId: text('channel_id').notNull(),
    bridgeId: text('bridge_id'),
    state: text('state', { enum: CALL_STATES }).notNull(),
    originatedAt: integer('originated_at').notNull(),
    ringingAt: integer('ringing_at'),
    answeredAt: integer('answered_at'),
    recordingStartedAt: integer('recording_started_at'),
    openingStartedAt: integer('opening_started_at'),
    openingFinishedAt: integer('opening_finished_at'),
    agentConnectedAt: integer('agent_connected_at'),
    endedAt: integer('ended_at'),
    /** Last Dial event status: RINGING, ANSWER, BUSY, NOANSWER, CONGESTION, CHANUNAVAIL, CANCEL. */
    dialStatus: text('dial_status'),
    hangupCause: integer('hangup_cause'),
    hangupCauseText: text('hangup_cause_text'),
    /** Who ended the call: customer, agent or system (the dialer itself). */
    hangupBy: text('hangup_by', { enum: ['customer', 'agent', 'system'] }),
    outcome: text('outcome', { enum: CALL_OUTCOMES }),
    recordingState: text('recording_state', { enum: RECORDING_STATES }),
    /** Why the recording is missing/broken, in words, when it is. */
    recordingProblem: text('recording_problem'),
  },
  (t) => [
    index('calls_campaign_idx').on(t.campaignId, t.originatedAt),
    index('calls_state_idx').on(t.state),
    index('calls_agent_idx').on(t.agentId, t.agentConnectedAt),
  ],
);

/** A bridge recording segment; a call has one per restart of its recording. */
export const recordings = sqliteTable(
  'recordings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id),
    segment: integer('segment').notNull(),
    /** Name of the recording on Asterisk. */
    ariName: text('ari_name').notNull().unique(),
    /** Relative to the recordings directory. */
    path: text('path'),
    bytes: integer('bytes'),
    durationMs: integer('duration_ms'),
    sha256: text('sha256'),
    state: text('state', { enum: RECORDING_STATES }).notNull().default('pending'),
    problem: text('problem'),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    storedAt: integer('stored_at'),
  },
  (t) => [uniqueIndex('recordings_call_segment_uq').on(t.callId, t.segment)],
);
