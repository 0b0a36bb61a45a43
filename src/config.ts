/**
 * Every setting of the service, read from the environment once and validated at start.
 * Nothing else reads process.env. A bad setting stops the service with a message naming it.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { INBOUND_UNKNOWN_POLICIES } from './inbound/routing.js';

const endpointTemplate = (placeholder: string) =>
  z
    .string()
    .min(1)
    .refine((s) => s.includes(placeholder), { message: `must contain ${placeholder}` })
    .refine((s) => /^[A-Za-z]+\//.test(s), { message: 'must start with a channel technology, e.g. PJSIP/' });

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const ADDRESS_OR_CIDR = /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/;
const trustProxySetting = z
  .union([z.boolean(), z.string()])
  .transform((v, ctx): boolean | string => {
    const s = String(v).trim();
    if (['false', '0', 'no', ''].includes(s)) return false;
    if (['true', 'yes'].includes(s)) return true;
    const parts = s.split(',').map((x) => x.trim());
    if (parts.every((x) => ADDRESS_OR_CIDR.test(x))) return parts.join(',');
    ctx.addIssue({ code: 'custom', message: 'false, true, or comma-separated proxy addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8)' });
    return z.NEVER;
  });

export const ConfigSchema = z.object({
  ARI_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8088'),
  ARI_USERNAME: z.string().min(1).default('dialer'),
  /** Required unless DEMO_MODE (the built-in simulator has its own). */
  ARI_PASSWORD: z.string().min(1).optional(),
  ARI_APP: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('dialer'),
  /** Every ARI REST call is abandoned after this long (ari-client never times out by itself). */
  ARI_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /**
   * Send an answered call's add, record and play on the event WebSocket (ARI REST over
   * WebSocket, Asterisk 22.4+): one round trip instead of two before the opening. An Asterisk
   * that does not answer it is detected and HTTP used; false forces HTTP.
   */
  ARI_REST_OVER_WEBSOCKET: booleanFlag.default(true),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Prefix for every Redis key and queue of this deployment. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('dialer'),
  DATABASE_PATH: z.string().min(1).default('./data/dialer.db'),
  RECORDINGS_DIR: z.string().min(1).default('./data/recordings'),
  /** Uploaded prompts (opening audio) are written here; Asterisk plays them as sound:dialer/<name>. */
  PROMPTS_DIR: z.string().min(1).default('./data/prompts'),
  /** Voice the prompt pack into PROMPTS_DIR at start, in the background (espeak-ng and sox needed; uploads are kept). */
  PROMPT_PACK_AT_START: booleanFlag.default(false),
  /** Uploaded lists are spooled here while they are imported (deleted after). */
  IMPORTS_DIR: z.string().min(1).default('./data/imports'),
  /** Largest list file an upload may be, bytes (default 1 GiB). */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024 * 1024),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  /** Mark the session cookie Secure: set when the consoles are served over HTTPS (directly or by a proxy). */
  HTTP_COOKIE_SECURE: booleanFlag.default(false),
  /**
   * Reverse proxies whose X-Forwarded-For is believed, so sign-in throttling and logs see the
   * client, not the proxy: false (none), true (any: only when nothing else can reach the
   * port), or comma-separated addresses/CIDRs of the proxies (fastify refuses hop counts).
   */
  HTTP_TRUST_PROXY: trustProxySetting.default(false),
  /** Wrong passwords for one user from one address before that pair is locked out for LOGIN_LOCK_MS. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** Wrong passwords from one address, whatever the usernames (a spray), before the address is locked out. */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Sliding window of the sign-in throttle, and how long a lock-out lasts. */
  LOGIN_LOCK_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(15 * 60_000),
  /** API tokens expire after this many days unless their creator asks for fewer. */
  API_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Dial string for a customer; {number} is the E.164 number without '+'. */
  CUSTOMER_ENDPOINT_TEMPLATE: endpointTemplate('{number}').default('PJSIP/{number}@carrier'),
  /** Dial string for an agent's softphone; {ext} is the agent's extension. */
  AGENT_ENDPOINT_TEMPLATE: endpointTemplate('{ext}').default('PJSIP/{ext}'),
  /** A customer may wait this long after the opening for an agent before the call is abandoned (FTC: 2 s). */
  AGENT_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /** Played to a customer no agent could take, before hanging up (identifies the caller). */
  SAFE_HARBOUR_MEDIA: z.string().regex(/^(sound|recording|tone|number|digits|characters):/, 'must be an ARI media URI, e.g. sound:dialer/safe-harbour').optional(),
  /** Agent wrap-up after each call for campaigns without their own wrap-up time (15 s; the agent may end it early). */
  WRAP_UP_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  /** A transfer target not up by then returns the customer to the agent (issue 13: 20 s). */
  TRANSFER_NO_ANSWER_MS: z.coerce.number().int().min(1_000).max(120_000).default(20_000),
  /** For campaigns without their own setting: a call an agent talked needs its disposition before their next call. */
  DISPOSITION_REQUIRED: booleanFlag.default(true),
  /**
   * An owned callback keeps its agent across unanswered attempts until this long after it was
   * due; then it is opened to any agent and the contact follows the retry rules.
   */
  CALLBACK_OWNER_HOLD_MS: z.coerce.number().int().min(60_000).max(90 * 86_400_000).default(86_400_000),
  /**
   * Inbound calls (issue 13; the dialplan hands them over with INBOUND_POLICY=stasis): what
   * happens to a caller who is not a contact of a campaign showing the number they dialled.
   * `message` (default): they hear that nobody can take the call and are hung up;
   * `campaign-agents`: a caller of a campaign's number is added to it and put through to a ready
   * agent of it (the message when nobody is ready or no campaign shows the number).
   */
  INBOUND_UNKNOWN_POLICY: z.enum(INBOUND_UNKNOWN_POLICIES).default('message'),
  /** A customer who calls back while no agent is free hears so and gets a callback due this much later. */
  INBOUND_CALLBACK_DELAY_MS: z.coerce.number().int().min(0).max(7 * 86_400_000).default(600_000),
  /**
   * The call centre's one time zone: agent figures, talk-time targets, QA cycles, daily reports,
   * dispute days and every time the consoles show (sent to them with /api/auth/me).
   */
  CENTRE_TIME_ZONE: z.string().refine((s) => IANAZone.isValidZone(s), 'must be an IANA time zone, e.g. Asia/Shanghai').default('Asia/Shanghai'),
  /** Daily talk-time target of an agent whose record and team set none (manuals: 3 h). */
  AGENT_DAILY_TARGET_SEC: z.coerce.number().int().min(0).max(86_400).default(10_800),
  /** A pause longer than this is flagged, live and in reports (manuals: 5 minutes). */
  AGENT_LONG_PAUSE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000),
  /** Logged-in hours a day an agent is expected to work; the end-of-day projection assumes the rest of them. */
  AGENT_SHIFT_HOURS: z.coerce.number().min(0.5).max(24).default(8),
  /** Live agent view: a full snapshot is pushed at least this often (and at once on every change). */
  LIVE_REFRESH_MS: z.coerce.number().int().min(500).max(300_000).default(10_000),
  /** Live agent view: a comment line keeps idle event streams open through proxies this often. */
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(1_000).max(300_000).default(15_000),
  /** The opening counts as finished after this long even if Asterisk never says so. */
  OPENING_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
  /** While recordings cannot be stored (disk full…), how often to try a write again (dialing resumes on success). */
  RECORDING_STORAGE_PROBE_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** How long to wait for recordings to finish after a call ends before closing it anyway. */
  RECORDING_SETTLE_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** On SIGTERM, how long live calls may go on before the service stops anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Day of the month a QA cycle starts (the manuals: the 21st to the 20th). */
  QA_CYCLE_START_DAY: z.coerce.number().int().min(1).max(28).default(21),
  /** Local time (HH:MM) of the daily QA sampling run; 'off' disables the schedule (the API can still run it). */
  QA_PLAN_TIME: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|off)$/, 'HH:MM (24 h) or off').default('21:30'),
  /** How long a reviewer's claim on a sampled call lasts before it goes back to the queue (renewable). */
  QA_CLAIM_TTL_MS: z.coerce.number().int().min(5_000).max(86_400_000).default(1_800_000),
  /** How often the QA sweeper re-enqueues sampled calls missing from Redis. */
  QA_SWEEP_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** Consent verification: how long to wait for the customer's key after a question. */
  CONSENT_KEY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(6_000),
  /** The next-day confirmation message goes out this long after the customer confirmed. */
  CONSENT_CONFIRMATION_DELAY_MS: z.coerce.number().int().min(0).max(30 * 86_400_000).default(86_400_000),
  /** A subscription may be cancelled, reversing the agent's commission, up to this long after confirmation. */
  CONSENT_COOLING_OFF_MS: z.coerce.number().int().min(0).max(365 * 86_400_000).default(7 * 86_400_000),
  /** Where confirmation messages are POSTed (an SMS gateway); unset = outbox table only. */
  CONSENT_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Delivery attempts of a confirmation message, and the first retry's delay (doubling). */
  CONSENT_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  CONSENT_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** How often unsent confirmation messages missing from Redis are queued again (the outbox table is the truth). */
  CONSENT_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Webhooks: attempts per delivery, the first retry's delay (doubling), each POST's timeout. */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** How often new records become webhook events, and lanes with pending deliveries are re-queued. */
  WEBHOOK_FEED_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  WEBHOOK_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** First admin, created on first start when no admin exists. */
  ADMIN_USERNAME: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Run the built-in ARI simulator in-process instead of talking to Asterisk. */
  DEMO_MODE: booleanFlag.default(false),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

/** Thrown when a setting is missing or invalid; the message names every bad setting. */
export class ConfigError extends Error {
  readonly code = 'DIALER_ERR_CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates a plain env-like record; the service calls it with process.env once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  // Checked apart from the schema so it is reported together with any other problem.
  const demo = parsed.success ? parsed.data.DEMO_MODE : ['1', 'true', 'yes'].includes(cleaned.DEMO_MODE ?? '');
  if (!cleaned.ARI_PASSWORD && !demo) problems.push('ARI_PASSWORD: required (the password of the ARI user in ari.conf)');
  // QA_TIME_ZONE was merged into CENTRE_TIME_ZONE (one centre, one clock): an old setting that
  // disagrees would silently move QA days, so it stops the boot instead.
  const centreZone = parsed.success ? parsed.data.CENTRE_TIME_ZONE : cleaned.CENTRE_TIME_ZONE;
  if (cleaned.QA_TIME_ZONE !== undefined && cleaned.QA_TIME_ZONE !== centreZone) {
    problems.push(`QA_TIME_ZONE: merged into CENTRE_TIME_ZONE (${centreZone ?? 'Asia/Shanghai'}); remove it or make it equal`);
  }
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  return Object.freeze(parsed.data);
}
