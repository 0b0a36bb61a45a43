/**
 * The system of record (SQLite through drizzle). Times are integer milliseconds since the
 * Unix epoch (UTC); a null time means "did not happen (yet)".
 * Change this file, then `npm run db:generate` to write a migration into src/db/migrations.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  createdAt: integer('created_at').notNull(),
});

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'completed', 'archived'] as const;
export const DIAL_MODES = ['preview', 'progressive', 'predictive'] as const;
export const BILLING_PERIODS = ['one-off', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
/** After a free trial the product is charged at its price, or simply ends. */
export const AFTER_TRIAL = ['converts-to-paid', 'ends'] as const;

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
  // The product offered (what the system discloses before any subscription).
  productCode: text('product_code'),
  productName: text('product_name'),
  /** Price in the currency's minor unit (fen for CNY): 1500 = ¥15.00. */
  productPriceMinor: integer('product_price_minor'),
  /** ISO 4217 currency code. */
  productCurrency: text('product_currency').notNull().default('CNY'),
  productBillingPeriod: text('product_billing_period', { enum: BILLING_PERIODS }),
  /** Days of free trial; 0 = none. */
  productFreeTrialDays: integer('product_free_trial_days').notNull().default(0),
  /** What happens when a free trial ends (required when there is one). */
  productAfterTrial: text('product_after_trial', { enum: AFTER_TRIAL }),
  /** How the customer cancels, in the words the agent and the disclosure use. */
  productCancelHow: text('product_cancel_how'),
  /** ARI media of the closing (thanks) and of the closing after a refusal. */
  closingMedia: text('closing_media'),
  refusalClosingMedia: text('refusal_closing_media'),
  /** Played to a customer no agent could take, then hung up; null = the service-wide SAFE_HARBOUR_MEDIA. */
  safeHarbourMedia: text('safe_harbour_media'),
  /** Calling window: ISO weekdays (1 = Monday … 7 = Sunday), local HH:MM start (inclusive) and end (exclusive), IANA zone. */
  windowDays: text('window_days', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[1,2,3,4,5,6,7]'`),
  windowStart: text('window_start').notNull().default('09:00'),
  windowEnd: text('window_end').notNull().default('20:00'),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  /** Attempts per contact, the first included. */
  maxAttempts: integer('max_attempts').notNull().default(3),
  /** Seconds before the next attempt per outcome (busy, no-answer, rejected, congestion, failed, abandoned); null = not retried. */
  retryDelaysSec: text('retry_delays_sec', { mode: 'json' })
    .$type<Record<string, number | null>>()
    .notNull()
    .default(sql`'{"busy":600,"no-answer":3600,"rejected":86400,"congestion":300,"failed":1800,"abandoned":3600}'`),
  /** Abandoned ÷ live answered, at most (lifetime and last 30 days). */
  abandonCap: real('abandon_cap').notNull().default(0.03),
});

/**
 * pending: waiting for its (next) attempt; dialing: a call is up; held: shown to an agent in
 * preview; callback: a scheduled callback owns it; done: reached; failed: attempts used up.
 */
export const CONTACT_STATUSES = ['pending', 'dialing', 'held', 'callback', 'done', 'failed'] as const;

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
    /** ISO country of the number (ZZ = none), for its calling window; null until the dialer fills it. */
    region: text('region'),
    /** The agent previewing this contact (status held), since heldAt. */
    heldByAgentId: integer('held_by_agent_id'),
    heldAt: integer('held_at'),
    /** When the contact became done or failed. */
    finishedAt: integer('finished_at'),
  },
  (t) => [
    uniqueIndex('contacts_campaign_phone_uq').on(t.campaignId, t.phone),
    index('contacts_due_idx').on(t.campaignId, t.status, t.nextAttemptAt),
    index('contacts_region_idx').on(t.campaignId, t.region),
    index('contacts_finished_idx').on(t.campaignId, t.finishedAt),
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

export const CALLBACK_STATES = ['scheduled', 'dialing', 'done', 'cancelled'] as const;
export type CallbackState = (typeof CALLBACK_STATES)[number];

/** A callback the customer asked for: owned by one agent, or open to any (agentId null). */
export const callbacks = sqliteTable(
  'callbacks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** The agent who must take it; null = any agent. */
    agentId: integer('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    dueAt: integer('due_at').notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: CALLBACK_STATES }).notNull().default('scheduled'),
    /** The call during which it was arranged, and the call that served it. */
    fromCallId: text('from_call_id').references(() => calls.id),
    callId: text('call_id').references(() => calls.id),
    createdByUserId: integer('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('callbacks_due_idx').on(t.status, t.dueAt),
    index('callbacks_agent_idx').on(t.agentId, t.status),
    index('callbacks_contact_idx').on(t.contactId),
  ],
);
