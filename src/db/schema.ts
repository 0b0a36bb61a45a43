/**
 * The system of record (SQLite through drizzle). Times are integer milliseconds since the
 * Unix epoch (UTC); a null time means "did not happen (yet)".
 * Change this file, then `npm run db:generate` to write a migration into src/db/migrations.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { CALL_DIRECTIONS } from './schema-inbound.js';

export const USER_ROLES = ['agent', 'manager', 'qa', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The consoles' languages; Simplified Chinese is the floor's, and the default. */
export const USER_LOCALES = ['zh-CN', 'en'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull().default(''),
  /** scrypt hash in PHC-like form: scrypt$N$r$p$salt$hash (base64). */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  /** The language the consoles speak to this user (their own choice). */
  locale: text('locale', { enum: USER_LOCALES }).notNull().default('zh-CN'),
});

export const AUTH_TOKEN_KINDS = ['session', 'api'] as const;
/** What a token may do: everything its user's role may (`full`), or read `/metrics` only (`metrics`, for a Prometheus scraper). */
export const AUTH_TOKEN_SCOPES = ['full', 'metrics'] as const;
export type AuthTokenScope = (typeof AUTH_TOKEN_SCOPES)[number];

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
    scope: text('scope', { enum: AUTH_TOKEN_SCOPES }).notNull().default('full'),
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
  /** 工号: the staff number the agent states to customers (manual 004), shown on their console. */
  staffNo: text('staff_no'),
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
export const BILLING_PERIODS = ['one-off', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
/** After a free trial the product is charged at its price, or simply ends. */
export const AFTER_TRIAL = ['converts-to-paid', 'ends'] as const;

/**
 * The manuals' standard marketing opening (requirements §2) with its merge fields: the
 * campaign's company and the called number (src/voice/opening.ts).
 */
export const DEFAULT_OPENING_TEXT = '您好,打扰您了,我是{公司}的客服代表,请问您是{号码}的机主吗?';
/** Languages the prompt pack speaks (src/voice/prompt-pack.ts). */
export const CAMPAIGN_LANGUAGES = ['zh', 'en'] as const;
/** The manuals' closings, as the default script a manager extends with the pitch. */
export const DEFAULT_SCRIPT_TEXT = [
  '确认机主身份后介绍产品:名称、资费、计费周期、免费期及到期后的收费方式、退订方式。',
  '客户同意后,点击"开始核实",由系统播放完整资费并由客户按键确认。',
  '结束语:感谢您接听电话,祝您身体健康,生活愉快,再见!',
  '客户拒绝后的结束语:很抱歉,打扰您了,祝您身体健康,再见!',
].join('\n');

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
  /** ISO 3166 region for numbers written without a country code in this campaign's lists. */
  defaultRegion: text('default_region').notNull().default('CN'),
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
  /** Several intervals a day, earliest first (e.g. 09:00–12:00 and 13:30–18:00); null = the one windowStart–windowEnd. */
  windowIntervals: text('window_intervals', { mode: 'json' }).$type<Array<{ start: string; end: string }>>(),
  /** Local dates "YYYY-MM-DD" nobody is called on (holidays). */
  windowDatesOff: text('window_dates_off', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  /** Attempts per contact, the first included. */
  maxAttempts: integer('max_attempts').notNull().default(3),
  /** Seconds before the next attempt per outcome (busy, no-answer, rejected, congestion, failed, abandoned); null = not retried. The default is DEFAULT_RETRY_DELAYS_SEC: every gap at least 15 minutes (manual 002). */
  retryDelaysSec: text('retry_delays_sec', { mode: 'json' })
    .$type<Record<string, number | null>>()
    .notNull()
    .default(sql`'{"busy":900,"no-answer":3600,"rejected":86400,"congestion":900,"failed":1800,"abandoned":3600}'`),
  /** Abandoned ÷ live answered, at most (lifetime and last 30 days). */
  abandonCap: real('abandon_cap').notNull().default(0.03),
  /** Logged refusals after which verification cannot be started on a call (requirements §3, item 4). */
  refusalLimit: integer('refusal_limit').notNull().default(3),
  /**
   * The opening's words with merge fields ({公司} {号码} {姓} {工号}): spoken from the prompt
   * pack when openingMedia is empty, and shown on the agent's screen either way.
   */
  openingText: text('opening_text').notNull().default(DEFAULT_OPENING_TEXT),
  /** The agent's script for the rest of the call (pitch, objections, closings), plain text. */
  scriptText: text('script_text').notNull().default(DEFAULT_SCRIPT_TEXT),
  /** Wrap-up after each call, seconds (the agent may end it early); null = the service's WRAP_UP_MS. */
  wrapUpSec: integer('wrap_up_sec'),
  /** An agent must give a talked call its disposition before the next call is offered; null = the service's DISPOSITION_REQUIRED. */
  dispositionRequired: integer('disposition_required', { mode: 'boolean' }),
  /** Only agents holding this qualification (e.g. "VP15-trained") take the campaign's calls; null = none needed. */
  requiredQualification: text('required_qualification'),
  /** The language the campaign's prompts are played in (ARI `lang`): zh (Mandarin) or en. */
  language: text('language', { enum: CAMPAIGN_LANGUAGES }).notNull().default('zh'),
  /** The company the agents call for: the opening's {公司} field. */
  companyName: text('company_name').notNull().default(''),
});

/**
 * Who takes a campaign's calls: an agent, or every agent of a team. Higher priority first: a
 * campaign's calls go to its highest-priority ready agent, and an agent in several campaigns
 * serves the highest-priority one first. A campaign without rows is open to every agent.
 */
export const campaignAssignments = sqliteTable(
  'campaign_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** Exactly one of agentId and team is set. */
    agentId: integer('agent_id').references(() => agents.id, { onDelete: 'cascade' }),
    team: text('team'),
    /** 1 (lowest) to 9 (highest). */
    priority: integer('priority').notNull().default(5),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('campaign_assignments_agent_uq').on(t.campaignId, t.agentId).where(sql`agent_id is not null`),
    uniqueIndex('campaign_assignments_team_uq').on(t.campaignId, t.team).where(sql`team is not null`),
  ],
);

/** A qualification granted to an agent by a manager (e.g. passed the VP15 product training), until revoked or expired. */
export const agentQualifications = sqliteTable(
  'agent_qualifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agentId: integer('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    /** The day it counts from (the exam passed), ms. */
    grantedAt: integer('granted_at').notNull(),
    /** After this it no longer counts; null = does not expire. */
    expiresAt: integer('expires_at'),
    note: text('note').notNull().default(''),
    grantedBy: integer('granted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: integer('revoked_at'),
    revokedBy: integer('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('agent_qualifications_agent_idx').on(t.agentId),
    // One live grant per agent and code; a revoked grant stays as history.
    uniqueIndex('agent_qualifications_live_uq').on(t.agentId, t.code).where(sql`revoked_at is null`),
  ],
);

/** What a disposition means, and so what giving it does (see src/campaigns/dispositions.ts). */
export const DISPOSITION_CATEGORIES = ['sale', 'refusal', 'callback', 'do-not-call', 'wrong-person', 'no-interest', 'other'] as const;
export type DispositionCategory = (typeof DISPOSITION_CATEGORIES)[number];

/** A campaign's dispositions, managed by managers; codes are never deleted, only deactivated. */
export const campaignDispositions = sqliteTable(
  'campaign_dispositions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    label: text('label').notNull(),
    category: text('category', { enum: DISPOSITION_CATEGORIES }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('campaign_dispositions_uq').on(t.campaignId, t.code)],
);

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
    /** The list import that added the contact (null: the JSON loader). */
    importId: integer('import_id').references((): AnySQLiteColumn => imports.id, { onDelete: 'set null' }),
    /** When the customer asked not to be called again (the number is on the global do-not-call list). */
    doNotCallAt: integer('do_not_call_at'),
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
    index('contacts_import_idx').on(t.importId),
    index('contacts_region_idx').on(t.campaignId, t.region),
    index('contacts_finished_idx').on(t.campaignId, t.finishedAt),
  ],
);

/**
 * How many contacts each campaign has in each status, kept by SQLite triggers on `contacts`
 * (migration 0009), so listing campaigns never counts their contacts.
 */
export const campaignContactCounts = sqliteTable(
  'campaign_contact_counts',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    status: text('status', { enum: CONTACT_STATUSES }).notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [uniqueIndex('campaign_contact_counts_pk').on(t.campaignId, t.status)],
);

export const INCIDENT_KINDS = ['recording-storage'] as const;

/** Trouble the floor must see (storage that cannot take recordings, …): opened when it starts, closed when it ends. */
export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: INCIDENT_KINDS }).notNull(),
    /** What went wrong, in the service's words (the OS error, the path). */
    detail: text('detail').notNull(),
    openedAt: integer('opened_at').notNull(),
    closedAt: integer('closed_at'),
    /** Calls touched while it was open (recordings kept waiting). */
    calls: integer('calls').notNull().default(0),
  },
  (t) => [index('incidents_open_idx').on(t.closedAt, t.kind)],
);

export const CALL_OUTCOMES = [
  'answered',
  'busy',
  'no-answer',
  'rejected',
  'congestion',
  'failed',
  /** The number does not exist (Q.850 cause 1, SIP 404): never retried. */
  'unallocated',
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
    /** The agent who dialed it from a preview card (a fact of the call, whatever the campaign's mode later). */
    dialedByAgentId: integer('dialed_by_agent_id'),
    /** The agent's latest disposition (code and category at the time; history in consent_actions). */
    disposition: text('disposition'),
    dispositionCategory: text('disposition_category', { enum: DISPOSITION_CATEGORIES }),
    dispositionAt: integer('disposition_at'),
    /** The number's last 4 digits, for finding a call by what a customer reads out (virtual, indexed). */
    phoneTail: text('phone_tail').generatedAlwaysAs(sql`substr(phone, -4)`, { mode: 'virtual' }),
    /** Outbound (placed by the dialer) or inbound (the customer called the campaign's number; issue 13). */
    direction: text('direction', { enum: CALL_DIRECTIONS }).notNull().default('outbound'),
  },
  (t) => [
    index('calls_campaign_idx').on(t.campaignId, t.originatedAt),
    index('calls_phone_idx').on(t.phone, t.originatedAt),
    index('calls_phone_tail_idx').on(t.phoneTail, t.originatedAt),
    index('calls_originated_idx').on(t.originatedAt),
    index('calls_state_idx').on(t.state),
    index('calls_agent_idx').on(t.agentId, t.agentConnectedAt),
    index('calls_dialed_by_idx').on(t.dialedByAgentId, t.originatedAt),
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
    /** The segment was never recorded: its record request failed or Asterisk reported RecordingFailed. */
    startFailed: integer('start_failed', { mode: 'boolean' }).notNull().default(false),
    /** RecordingFinished's `duration`: whole seconds of audio Asterisk wrote to the file (not wall time). */
    reportedDurationSec: integer('reported_duration_sec'),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    storedAt: integer('stored_at'),
  },
  (t) => [uniqueIndex('recordings_call_segment_uq').on(t.callId, t.segment)],
);

export const IMPORT_KINDS = ['contacts', 'do-not-call'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * One list import (a CSV of contacts for a campaign, or of do-not-call numbers), with its
 * progress: the counts are those committed so far, updated with every committed batch, so a
 * failed import says exactly what it left behind (everything up to `lastLine`).
 */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    /** The campaign (contacts, or a campaign's do-not-call list); null = the global do-not-call list. */
    campaignId: integer('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** sha256 (hex) of the file's bytes; null until known for a streamed source. */
    sha256: text('sha256'),
    /** Size of the file when known in advance; bytesRead grows while it runs. */
    bytes: integer('bytes'),
    bytesRead: integer('bytes_read').notNull().default(0),
    /** The phone column as the manager gave it (name or 1-based index), or null for auto-detect. */
    phoneColumnSpec: text('phone_column_spec'),
    /** The header name of the column used. */
    phoneColumn: text('phone_column').notNull(),
    defaultRegion: text('default_region').notNull(),
    /** ascii, utf-8, utf-8-bom or gb18030 (as detected). */
    encoding: text('encoding'),
    status: text('status', { enum: IMPORT_STATUSES }).notNull(),
    /** Data rows (records after the header) committed so far; = accepted + rejected. */
    rowsRead: integer('rows_read').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** Rejected rows by reason code. */
    counts: text('counts', { mode: 'json' }).$type<Record<string, number>>().notNull().default(sql`'{}'`),
    /** Last physical line of the file whose row is committed. */
    lastLine: integer('last_line').notNull().default(1),
    error: text('error'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** Who runs it: `service`, or `cli:<pid>` for the command-line importer. */
    runner: text('runner').notNull().default('service'),
    startedAt: integer('started_at').notNull(),
    /** Updated with every committed batch; a running import whose heartbeat stops is marked failed. */
    heartbeatAt: integer('heartbeat_at').notNull(),
    finishedAt: integer('finished_at'),
    /** Set when a manager discarded what the import added. */
    discardedAt: integer('discarded_at'),
    discarded: integer('discarded'),
  },
  (t) => [index('imports_campaign_idx').on(t.campaignId, t.sha256), index('imports_status_idx').on(t.status)],
);

/** Every row an import did not accept, with its line, raw value and reason. */
export const importRejects = sqliteTable(
  'import_rejects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    reason: text('reason').notNull(),
    detail: text('detail').notNull().default(''),
    /** The phone cell as written (or the start of the row, for rows that could not be read); at most 200 characters. */
    raw: text('raw').notNull(),
  },
  (t) => [index('import_rejects_import_idx').on(t.importId)],
);

export const DNC_SOURCES = ['api', 'import', 'disposition'] as const;
export type DncSource = (typeof DNC_SOURCES)[number];

/** Numbers no campaign may dial. */
export const doNotCallGlobal = sqliteTable(
  'do_not_call_global',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** E.164 with the leading '+'. */
    phone: text('phone').notNull().unique(),
    source: text('source', { enum: DNC_SOURCES }).notNull(),
    reason: text('reason').notNull().default(''),
    importId: integer('import_id').references(() => imports.id, { onDelete: 'set null' }),
    /** The call in which the customer asked (source 'disposition'). */
    callId: text('call_id'),
    addedBy: integer('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('do_not_call_global_import_idx').on(t.importId)],
);

/** Numbers one campaign may not dial. */
export const doNotCallCampaign = sqliteTable(
  'do_not_call_campaign',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    source: text('source', { enum: DNC_SOURCES }).notNull(),
    reason: text('reason').notNull().default(''),
    importId: integer('import_id').references(() => imports.id, { onDelete: 'set null' }),
    callId: text('call_id'),
    addedBy: integer('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('do_not_call_campaign_uq').on(t.campaignId, t.phone), index('do_not_call_campaign_import_idx').on(t.importId)],
);

// ---------------------------------------------------------------------------------------
// QA (requirements §4): sampling plans, claims, scores, disputes, reports, audit.

export const QA_P_SOURCES = ['default', 'observed'] as const;

/** A campaign's QA sampling settings; a campaign without a row uses the defaults. */
export const qaCampaignSettings = sqliteTable('qa_campaign_settings', {
  campaignId: integer('campaign_id')
    .primaryKey()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  confidence: real('confidence').notNull().default(0.95),
  margin: real('margin').notNull().default(0.05),
  /** 'default': p = 0.5; 'observed': the campaign's last observed defect rate. */
  pSource: text('p_source', { enum: QA_P_SOURCES }).notNull().default('default'),
  /** Per-agent floors by role, e.g. {"agent":{"sale":3,"nonSale":1},"trainee":{"sale":3,"nonSale":2}}; null = the manuals' defaults. */
  floors: text('floors', { mode: 'json' }).$type<Record<string, { sale: number; nonSale: number }>>(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

/** One row per campaign and cycle: the seed every daily run of that cycle uses. */
export const qaCycles = sqliteTable(
  'qa_cycles',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** 'YYYY-MM' (the month the cycle ends in). */
    label: text('label').notNull(),
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
    seed: text('seed').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('qa_cycles_campaign_label_uq').on(t.campaignId, t.label)],
);

/** on-demand: one call pulled for review by QA or a manager (a complaint, a spot check), outside the sample. */
export const QA_PLAN_TRIGGERS = ['schedule', 'manual', 'on-demand'] as const;

/** One run of the sampling plan (daily or on demand); reproducible from what it stores. */
export const qaPlanRuns = sqliteTable(
  'qa_plan_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    cycleLabel: text('cycle_label').notNull(),
    seed: text('seed').notNull(),
    /** The core's algorithm version, e.g. 'qa-plan/1'. */
    algorithm: text('algorithm').notNull(),
    trigger: text('trigger', { enum: QA_PLAN_TRIGGERS }).notNull(),
    ranBy: integer('ran_by').references(() => users.id, { onDelete: 'set null' }),
    ranAt: integer('ran_at').notNull(),
    /** The population was the cycle's eligible calls that had ended by this instant. */
    cutoffAt: integer('cutoff_at').notNull(),
    populationSize: integer('population_size').notNull(),
    targetSize: integer('target_size').notNull(),
    alreadySampled: integer('already_sampled').notNull(),
    newlySampled: integer('newly_sampled').notNull(),
    totalSampled: integer('total_sampled').notNull(),
    /** The plan options as resolved (confidence, p, margin, p's source). */
    options: text('options', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** Inputs summary and the plan's per-agent figures and notes (JSON). */
    summary: text('summary', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('qa_plan_runs_campaign_idx').on(t.campaignId, t.cycleLabel)],
);

export const QA_ITEM_STATUSES = ['pending', 'scored'] as const;
/** sample: chosen by the sampling plan; on-demand: pulled for review (counted apart from the sample). */
export const QA_ITEM_ORIGINS = ['sample', 'on-demand'] as const;
export const QA_PULL_REASONS = ['complaint', 'spot-check'] as const;

/** A sampled call. The call id is the key: no call is ever sampled twice. */
export const qaPlanItems = sqliteTable(
  'qa_plan_items',
  {
    callId: text('call_id')
      .primaryKey()
      .references(() => calls.id),
    runId: integer('run_id')
      .notNull()
      .references(() => qaPlanRuns.id),
    campaignId: integer('campaign_id').notNull(),
    cycleLabel: text('cycle_label').notNull(),
    agentId: integer('agent_id').notNull(),
    /** Why it was sampled (the core's SampleReason list). */
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull(),
    weight: real('weight').notNull(),
    isSale: integer('is_sale', { mode: 'boolean' }).notNull(),
    durationSec: integer('duration_sec').notNull(),
    answeredAt: integer('answered_at').notNull(),
    sampledAt: integer('sampled_at').notNull(),
    status: text('status', { enum: QA_ITEM_STATUSES }).notNull().default('pending'),
    origin: text('origin', { enum: QA_ITEM_ORIGINS }).notNull().default('sample'),
    /** Why an on-demand review was asked for, and by whom. */
    pullReason: text('pull_reason', { enum: QA_PULL_REASONS }),
    pulledBy: integer('pulled_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('qa_plan_items_cycle_idx').on(t.campaignId, t.cycleLabel),
    index('qa_plan_items_status_idx').on(t.status),
    index('qa_plan_items_agent_idx').on(t.agentId, t.sampledAt),
  ],
);

export const QA_CLAIM_END_REASONS = ['scored', 'released', 'expired'] as const;

/** Who claimed a sampled call, with the queue lock's token and expiry. */
export const qaClaims = sqliteTable(
  'qa_claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    callId: text('call_id')
      .notNull()
      .references(() => qaPlanItems.callId),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    /** The BullMQ lock token of the claim (never sent to clients). */
    token: text('token').notNull(),
    claimedAt: integer('claimed_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    endedAt: integer('ended_at'),
    endReason: text('end_reason', { enum: QA_CLAIM_END_REASONS }),
  },
  (t) => [
    index('qa_claims_call_idx').on(t.callId),
    index('qa_claims_reviewer_idx').on(t.reviewerId, t.endedAt),
    // At most one open claim per call.
    uniqueIndex('qa_claims_open_uq').on(t.callId).where(sql`ended_at is null`),
  ],
);

/** Scoring rubrics; every edit is a new version and scores keep theirs. */
export const qaRubrics = sqliteTable('qa_rubrics', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  version: integer('version').notNull().unique(),
  name: text('name').notNull(),
  /** Categories and items with their points, and the pass mark (JSON, see src/qa/scoring). */
  definition: text('definition', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: integer('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
});

export const QA_SCORE_KINDS = ['review', 're-review'] as const;

/** A review of a sampled call. Rows are never changed except `current`; a re-review adds one. */
export const qaScores = sqliteTable(
  'qa_scores',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    callId: text('call_id')
      .notNull()
      .references(() => qaPlanItems.callId),
    agentId: integer('agent_id').notNull(),
    campaignId: integer('campaign_id').notNull(),
    rubricId: integer('rubric_id')
      .notNull()
      .references(() => qaRubrics.id),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: QA_SCORE_KINDS }).notNull(),
    reviewedAt: integer('reviewed_at').notNull(),
    /** Local date (QA time zone) of the review: the daily report it belongs to. */
    reviewDate: text('review_date').notNull(),
    total: integer('total').notNull(),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    fatal: integer('fatal', { mode: 'boolean' }).notNull(),
    /** fatal or below the rubric's pass mark. */
    defect: integer('defect', { mode: 'boolean' }).notNull(),
    /** Deductions, fatal errors and the per-item result (JSON). */
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    comment: text('comment').notNull().default(''),
    /** The latest score of the call. */
    current: integer('current', { mode: 'boolean' }).notNull(),
    supersedesId: integer('supersedes_id'),
    disputeId: integer('dispute_id'),
  },
  (t) => [
    index('qa_scores_call_idx').on(t.callId),
    index('qa_scores_date_idx').on(t.reviewDate),
    index('qa_scores_agent_idx').on(t.agentId, t.reviewedAt),
    // One current score per call.
    uniqueIndex('qa_scores_current_uq').on(t.callId).where(sql`current = 1`),
  ],
);

export const QA_DISPUTE_STATUSES = ['open', 'upheld', 'amended'] as const;

/** An agent's dispute of a score, and QA's re-review. */
export const qaDisputes = sqliteTable(
  'qa_disputes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scoreId: integer('score_id')
      .notNull()
      .unique()
      .references(() => qaScores.id),
    callId: text('call_id').notNull(),
    agentId: integer('agent_id').notNull(),
    raisedBy: integer('raised_by')
      .notNull()
      .references(() => users.id),
    raisedAt: integer('raised_at').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: QA_DISPUTE_STATUSES }).notNull().default('open'),
    resolvedAt: integer('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolution: text('resolution'),
    newScoreId: integer('new_score_id'),
  },
  (t) => [index('qa_disputes_agent_idx').on(t.agentId), index('qa_disputes_status_idx').on(t.status)],
);

/** Publication of a day's QA report: disputes are taken on this day only. */
export const qaDailyReports = sqliteTable('qa_daily_reports', {
  /** Local date 'YYYY-MM-DD' (QA time zone) of the reviews the report covers. */
  date: text('date').primaryKey(),
  publishedAt: integer('published_at').notNull(),
  publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
});

export const QA_REVERSAL_STATUSES = ['open', 'withdrawn'] as const;

/**
 * A fraudulent order found by QA: the call's subscription must be reversed. Subscriptions
 * are another module's (issue 4); it acts on the open rows, keyed by call id.
 */
export const qaReversalRequests = sqliteTable('qa_reversal_requests', {
  callId: text('call_id')
    .primaryKey()
    .references(() => qaPlanItems.callId),
  scoreId: integer('score_id')
    .notNull()
    .references(() => qaScores.id),
  /** The fraudulent-order kinds found (requirements §3). */
  kinds: text('kinds', { mode: 'json' }).$type<string[]>().notNull(),
  status: text('status', { enum: QA_REVERSAL_STATUSES }).notNull().default('open'),
  requestedAt: integer('requested_at').notNull(),
  requestedBy: integer('requested_by').references(() => users.id),
  withdrawnAt: integer('withdrawn_at'),
});

/** Every access to a recording and every QA action on a call: who, what, when. */
export const qaAuditLog = sqliteTable(
  'qa_audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    username: text('username').notNull(),
    action: text('action').notNull(),
    callId: text('call_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  },
  (t) => [index('qa_audit_call_idx').on(t.callId, t.at), index('qa_audit_at_idx').on(t.at)],
);

/** expired: an owned callback whose owner could not reach the customer before its expiry (the contact went back to the retry rules). */
export const CALLBACK_STATES = ['scheduled', 'dialing', 'done', 'cancelled', 'expired'] as const;
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
    /** Until when an owned callback keeps its agent across unanswered attempts; null = the service default after dueAt. */
    expiresAt: integer('expires_at'),
    /** Attempts made on this callback (an owned callback is tried again while it has not expired). */
    attempts: integer('attempts').notNull().default(0),
    note: text('note').notNull().default(''),
    /** Why it was cancelled, moved or expired, in words (a manager's choice when a campaign ended, …). */
    closedReason: text('closed_reason'),
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

// ── Consent and subscriptions (issue 4; requirements §3). Evidence tables are append-only:
// SQLite triggers (migration consent_triggers) refuse UPDATE and DELETE on them.

export const CONSENT_ACTION_KINDS = [
  'identity-confirmed',
  'speaker-changed',
  'refusal',
  'verification-started',
  'verification-ended',
  'disposition',
  'refused-attempt',
] as const;
export type ConsentActionKind = (typeof CONSENT_ACTION_KINDS)[number];

/** What the agent (and the system) did on a call towards a sale, in order. Append-only. */
export const consentActions = sqliteTable(
  'consent_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id),
    agentId: integer('agent_id').references(() => agents.id),
    userId: integer('user_id').references(() => users.id),
    kind: text('kind', { enum: CONSENT_ACTION_KINDS }).notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    at: integer('at').notNull(),
  },
  (t) => [index('consent_actions_call_idx').on(t.callId, t.id)],
);

/** One verification run by the system, written once when it ends, whatever its outcome. Append-only. */
export const verifications = sqliteTable(
  'verifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id),
    agentId: integer('agent_id').references(() => agents.id),
    outcome: text('outcome').notNull(),
    /** The terms snapshot played (TermsSnapshot). */
    terms: text('terms', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    steps: text('steps', { mode: 'json' }).$type<Array<Record<string, unknown>>>().notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at').notNull(),
  },
  (t) => [index('verifications_call_idx').on(t.callId)],
);

/** Where in the call's recording a moment falls: the segment, the offset in it, and from the first segment's start. */
export interface RecordingOffset {
  at: number;
  segment: number | null;
  segmentOffsetMs: number | null;
  callOffsetMs: number | null;
}

/** A confirmed subscription and its evidence. Exists only from a completed verification. Append-only. */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    verificationId: integer('verification_id')
      .notNull()
      .unique()
      .references(() => verifications.id),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    agentId: integer('agent_id')
      .notNull()
      .references(() => agents.id),
    productCode: text('product_code').notNull(),
    productName: text('product_name').notNull(),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    terms: text('terms', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    steps: text('steps', { mode: 'json' }).$type<Array<Record<string, unknown>>>().notNull(),
    identityKeyChannel: text('identity_key_channel').notNull(),
    consentKeyChannel: text('consent_key_channel').notNull(),
    /** Evidence moments with their recording offsets: disclosureStart, disclosureEnd, identityKey, consentKey. */
    offsets: text('offsets', { mode: 'json' }).$type<Record<string, RecordingOffset>>().notNull(),
    confirmedAt: integer('confirmed_at').notNull(),
  },
  (t) => [index('subscriptions_agent_idx').on(t.agentId, t.confirmedAt), index('subscriptions_call_idx').on(t.callId)],
);

export const SUBSCRIPTION_EVENT_KINDS = ['created', 'confirmation-scheduled', 'confirmation-sent', 'cancelled', 'reversal-requested'] as const;

/** The life of a subscription as events; its status is derived from them. Append-only. */
export const subscriptionEvents = sqliteTable(
  'subscription_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id),
    kind: text('kind', { enum: SUBSCRIPTION_EVENT_KINDS }).notNull(),
    userId: integer('user_id').references(() => users.id),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    at: integer('at').notNull(),
  },
  (t) => [index('subscription_events_sub_idx').on(t.subscriptionId, t.id)],
);

/** The agent's commission as a ledger: an earning per sale, a negative entry when reversed. Append-only. */
export const commissionEntries = sqliteTable(
  'commission_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id),
    agentId: integer('agent_id')
      .notNull()
      .references(() => agents.id),
    kind: text('kind', { enum: ['earned', 'reversed'] }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('commission_entries_sub_kind_uq').on(t.subscriptionId, t.kind), index('commission_entries_agent_idx').on(t.agentId, t.at)],
);

/** Messages to customers through the pluggable notifier (built in: this outbox, and a webhook). */
/**
 * A message's delivery: pending (due or not), sending (claimed by one delivery), sent, failed
 * (retried), or cancelled (the subscription was cancelled first; never sent).
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;

/** Messages to send (the confirmation of each subscription): the database is the truth; Redis only carries the timer. */
export const notificationOutbox = sqliteTable(
  'notification_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    /** When the message is due (written with the subscription, in its transaction). */
    dueAt: integer('due_at'),
    /** While `sending`: the delivery holding it; another may take over after this time. */
    claimedUntil: integer('claimed_until'),
  },
  (t) => [uniqueIndex('notification_outbox_sub_kind_uq').on(t.subscriptionId, t.kind), index('notification_outbox_status_due_idx').on(t.status, t.dueAt)],
);

/** Every change to and every read of subscription evidence, and every refused attempt to forge one. Append-only. */
export const subscriptionAudit = sqliteTable(
  'subscription_audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: integer('user_id'),
    username: text('username').notNull(),
    action: text('action').notNull(),
    subscriptionId: integer('subscription_id'),
    callId: text('call_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  },
  (t) => [index('subscription_audit_sub_idx').on(t.subscriptionId, t.at), index('subscription_audit_at_idx').on(t.at)],
);

export * from './schema-webhooks.js';
export * from './schema-supervision.js';
export * from './schema-inbound.js';
export * from './schema-transfers.js';
