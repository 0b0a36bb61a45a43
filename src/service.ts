/**
 * Builds the dialer from its parts: db → redis → ARI → engines → HTTP. Used by main.ts,
 * the demo and the integration tests, so all three run the same wiring.
 */
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { AgentPool } from './agents/agent-pool.js';
import { AssignmentStore } from './campaigns/assignment-store.js';
import { CampaignRoster } from './campaigns/campaign-roster.js';
import { DispositionStore } from './campaigns/disposition-store.js';
import type { SalesLedger } from './agents/sales-ledger.js';
import { createAgentFloor, type AgentFloor } from './agents/agent-floor.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { TokenStore } from './auth/tokens.js';
import { UserStore } from './auth/users.js';
import { CallStore } from './calls/call-store.js';
import { CallTracker } from './calls/call-tracker.js';
import { Reconciler } from './calls/reconciler.js';
import { CallbackStore } from './campaigns/callback-store.js';
import { CampaignStore } from './campaigns/campaign-store.js';
import { DoNotCallStore } from './campaigns/do-not-call.js';
import { ListImporter } from './campaigns/import/list-importer.js';
import { removeLeftoverUploads } from './campaigns/import/spool.js';
import { ContactSettler } from './campaigns/contact-settler.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase, type OpenDatabaseResult } from './db/database.js';
import { oneCommit } from './db/one-commit.js';
import { DialLoop } from './dialer/dial-loop.js';
import { PreviewService } from './dialer/preview-service.js';
import type { HealthReport } from './http/app.js';
import { buildServiceHttp } from './service-http.js';
import { checkHealth } from './service-health.js';
import { startWalCheckpointer } from './db/wal-checkpointer.js';
import { createMetrics } from './metrics/metrics.js';
import { installPromptPack } from './voice/pack-installer.js';
import { CampaignStarter } from './campaigns/campaign-starter.js';
import { PromptStore } from './campaigns/prompt-store.js';
import { Synthesizer } from './voice/synthesizer.js';
import { createQaModule, qaSettingsFrom, type QaModule, type QaModuleOptions } from './qa/qa-module.js';
import { RecordingService } from './recordings/recording-service.js';
import { StorageHealth } from './recordings/storage-health.js';
import { AriAdapter } from './telephony/ari-adapter.js';
import { subscriptionSalesLedger } from './consent/sales-ledger.js';
import { createConsentModule, type ConsentModule } from './consent/consent-module.js';
import { createSupervision, type Supervision } from './supervision/supervision-module.js';
import { createTransferModule, type TransferModule } from './transfers/transfer-module.js';
import { QUEUE_NAMES } from './support/redis-keys.js';
import { createWebhooksModule, type WebhooksModule } from './webhooks/webhooks-module.js';
import { WEB_DIST_DIR } from './web/dist-dir.js';
import { InboundService } from './inbound/inbound-service.js';

export interface DialerServiceOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** The built browser consoles (npm run build:web); default dist/web. */
  webDir?: string;
  /** Dial-loop period (events also trigger passes). */
  tickMs?: number;
  /** Periodic reconcile while connected; 0 disables (reconcile still runs on each connect). */
  reconcileEveryMs?: number;
  /** ARI WebSocket ping period. */
  ariPingMs?: number;
  /** QA overrides (tests: own queue name, fast stalled check, fixed seeds; later: real sale facts). */
  qa?: Pick<QaModuleOptions, 'queueName' | 'stalledIntervalMs' | 'saleFacts' | 'saleFactsSource' | 'newSeed'>;
  /** Clock ms per second of the pacing model (1000; less where the simulator compresses time). */
  pacingSecondMs?: number;
  /** Sales and refusals for the agent figures (issue 4); none until subscriptions exist. */
  salesLedger?: SalesLedger;
  /** Fail API answers that do not match their declared response schema (tests). */
  validateResponses?: boolean;
}

export interface DialerService extends AgentFloor {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: OpenDatabaseResult;
  redis: Redis;
  telephony: AriAdapter;
  agents: AgentPool;
  tracker: CallTracker;
  recordings: RecordingService;
  /** Whether recordings can be stored; trouble holds dialing and opens an incident. */
  storage: StorageHealth;
  campaigns: CampaignStore;
  /** The prompts folder (PROMPTS_DIR, Asterisk's sounds layout). */
  prompts: PromptStore;
  /** Starts campaigns after asking Asterisk for their prompts. */
  starter: CampaignStarter;
  /** Do-not-call lists; the dial loop asks `isBlocked` before each dial. */
  dnc: DoNotCallStore;
  /** Number-list and do-not-call file imports. */
  importer: ListImporter;
  callbacks: CallbackStore;
  calls: CallStore;
  preview: PreviewService;
  /** Who takes which campaign (assignments, qualifications), wrap-up, dispositions owed. */
  roster: CampaignRoster;
  assignments: AssignmentStore;
  dispositions: DispositionStore;
  users: UserStore;
  dialLoop: DialLoop;
  reconciler: Reconciler;
  qa: QaModule;
  /** Verification, subscriptions, follow-up (issue 4). */
  consent: ConsentModule;
  /** Webhook endpoints, the outbox and its delivery (issue 16). */
  webhooks: WebhooksModule;
  /** Supervisors on live calls: listen, whisper, barge, take over (issue 13). */
  supervision: Supervision;
  /** Customers calling the campaigns' numbers (issue 13). */
  inbound: InboundService;
  /** Transfers, conferences and the handoff list (issue 13). */
  transfers: TransferModule;
  http: FastifyInstance;
  health(): Promise<HealthReport>;
  /** Connects to ARI, reconciles, starts dialing and (unless `listen: false`) the HTTP port. */
  start(opts?: { listen?: boolean }): Promise<void>;
  /**
   * Graceful shutdown: stop placing calls, let live calls end (up to `graceMs`), then hang
   * up the agents' softphones. Calls still up after the grace are closed as `interrupted`
   * and their customers hung up.
   */
  drain(graceMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function createDialerService(options: DialerServiceOptions): Promise<DialerService> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, name: 'dialer' });

  const database = openDatabase(config.DATABASE_PATH);
  const { db } = database;
  // WAL checkpoints in a worker thread, not inside a commit on the call path (db/wal-checkpointer.ts).
  const checkpointer = startWalCheckpointer(database.sqlite, config.DATABASE_PATH, {
    onError: (message) => logger.warn({ message }, 'database: WAL checkpoint failed'),
  });
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', (err) => logger.debug({ err }, 'redis: connection error'));
  // BullMQ's own connection: it needs maxRetriesPerRequest null and an offline queue.
  const bullConnection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  bullConnection.on('error', (err) => logger.debug({ err }, 'redis (bullmq): connection error'));

  const telephony = new AriAdapter({
    url: config.ARI_URL,
    username: config.ARI_USERNAME,
    password: config.ARI_PASSWORD ?? '',
    app: config.ARI_APP,
    requestTimeoutMs: config.ARI_REQUEST_TIMEOUT_MS,
    restOverWebSocket: config.ARI_REST_OVER_WEBSOCKET,
    pingIntervalMs: options.ariPingMs ?? 10_000,
    // An event's writes (call row, recordings, agent log…) in one commit, not one each.
    deliver: (toListeners) => oneCommit(database.sqlite, toListeners),
    logger,
  });
  // Who takes which campaign, wrap-up per campaign, dispositions owed (the pool asks it on every offer).
  const roster = new CampaignRoster({ db, clock, defaultWrapUpMs: config.WRAP_UP_MS, defaultDispositionRequired: config.DISPOSITION_REQUIRED });
  const assignments = new AssignmentStore(db, clock, () => roster.invalidate());
  const dispositions = new DispositionStore(db, clock);
  const agents = new AgentPool({
    access: roster,
    telephony,
    db,
    clock,
    logger,
    endpointTemplate: config.AGENT_ENDPOINT_TEMPLATE,
    badPinMedia: 'sound:dialer/agent-pin-wrong',
    // PINs are short: 5 wrong ones lock the extension's dial-in login for 15 minutes.
    pinThrottle: new LoginThrottle({ clock, maxFailures: 5, windowMs: 15 * 60_000 }),
  });
  const storage = new StorageHealth({ db, clock, logger, dir: config.RECORDINGS_DIR, probeEveryMs: config.RECORDING_STORAGE_PROBE_MS });
  const recordings = new RecordingService({ db, telephony, clock, logger, recordingsDir: config.RECORDINGS_DIR, storage });
  const calls = new CallStore(db, new ContactSettler(db, clock, config.CALLBACK_OWNER_HOLD_MS));
  const callbacks = new CallbackStore(db, clock, config.CALLBACK_OWNER_HOLD_MS);
  const tracker = new CallTracker({ telephony, agents, recordings, clock, logger });
  const machine = {
    agentWaitMs: config.AGENT_WAIT_MS,
    openingTimeoutMs: config.OPENING_TIMEOUT_MS,
    recordingSettleMs: config.RECORDING_SETTLE_MS,
    safeHarbourMedia: config.SAFE_HARBOUR_MEDIA ?? null,
  };
  // Do-not-call lists: checked at import and again by the dial loop right before each dial.
  const dnc = new DoNotCallStore(db, clock);
  const dialLoop = new DialLoop({
    db,
    doNotCall: dnc,
    telephony,
    agents,
    tracker,
    store: calls,
    callbacks,
    sessionDeps: { telephony, agents, recordings, store: calls, clock, logger, machine },
    clock,
    logger,
    customerEndpointTemplate: config.CUSTOMER_ENDPOINT_TEMPLATE,
    agentWaitMs: config.AGENT_WAIT_MS,
    wrapUpMs: config.WRAP_UP_MS,
    pacingSecondMs: options.pacingSecondMs,
    tickMs: options.tickMs,
    hold: () => (storage.trouble ? 'recordings cannot be stored' : null),
  });
  storage.onChange((ok) => {
    if (!ok) return;
    // Storage is back: fetch what waited on Asterisk, then dial again.
    recordings.recoverPending().catch((err: unknown) => logger.error({ err }, 'recordings: recovery after storage trouble failed'));
    dialLoop.kick();
  });
  const inbound = new InboundService({
    db,
    clock,
    logger,
    telephony,
    agents,
    tracker,
    callbacks,
    sessionDeps: { telephony, agents, recordings, store: calls, clock, logger, machine },
    unknownPolicy: config.INBOUND_UNKNOWN_POLICY,
    callbackDelayMs: config.INBOUND_CALLBACK_DELAY_MS,
  });
  const reconciler = new Reconciler({ telephony, tracker, agents, store: calls, recordings, clock, logger });
  const importer = new ListImporter({ db, clock, logger, dnc });
  const campaigns = new CampaignStore(db, clock, { defaultSafeHarbourMedia: config.SAFE_HARBOUR_MEDIA ?? null, onChange: () => roster.invalidate() });
  // The voice: prompts in Asterisk's sounds layout under PROMPTS_DIR, a campaign's own words voiced on demand.
  const prompts = new PromptStore(config.PROMPTS_DIR, new Synthesizer());
  const starter = new CampaignStarter({ campaigns, prompts, telephony, logger });
  const preview = new PreviewService({ db, agents, dialLoop, callbacks, campaigns, clock, logger });
  const users = new UserStore({ db, clock, logger });
  const tokens = new TokenStore({ db, clock });
  const metrics = createMetrics({
    db,
    clock,
    tracker,
    agents,
    telephony,
    campaigns,
    // Read at scrape time, once the modules below exist.
    queues: {
      [QUEUE_NAMES.qaSampling]: () => qa.queue.depth(),
      [QUEUE_NAMES.consentFollowUp]: () => consent.followUp.depth(),
      [QUEUE_NAMES.webhooks]: () => webhooks.delivery.depth(),
    },
  });
  const webhooks = createWebhooksModule({ db, clock, logger, config, tracker, calls, connection: bullConnection });
  // The confirmation message is a webhook event, unless the older CONSENT_WEBHOOK_URL is set.
  const notifier = config.CONSENT_WEBHOOK_URL ? undefined : webhooks.confirmationNotifier;
  const consent = createConsentModule({
    db,
    clock,
    logger,
    config,
    telephony,
    tracker,
    agents,
    connection: bullConnection,
    playedAudio: (lang, media) => prompts.playedAudio(lang, media),
    notifier,
  });
  const supervision = createSupervision({ db, clock, logger, telephony, tracker, consent: consent.service, agents, endpointTemplate: config.AGENT_ENDPOINT_TEMPLATE });
  const transfers = createTransferModule({
    db,
    clock,
    logger,
    telephony,
    tracker,
    agents,
    consent: consent.service,
    agentEndpointTemplate: config.AGENT_ENDPOINT_TEMPLATE,
    noAnswerMs: config.TRANSFER_NO_ANSWER_MS,
    supervising: (userId) => supervision.supervision.list().some((v) => v.userId === userId),
  });
  const qa = createQaModule({
    db,
    clock,
    logger,
    settings: qaSettingsFrom(config),
    connection: bullConnection,
    saleFacts: consent.saleFacts,
    saleFactsSource: consent.saleFactsSource,
    ...options.qa,
  });
  const { agentRegistry, pauseCodes, agentSessions, agentReports, liveView } = createAgentFloor({
    db,
    clock,
    logger,
    config,
    pool: agents,
    tracker,
    sales: options.salesLedger ?? subscriptionSalesLedger(db),
  });

  telephony.on('event', (ev) => tracker.handle(ev));
  telephony.on('disconnected', () => reconciler.noteStreamLost(clock.now()));
  telephony.on('connected', () => {
    reconciler.run().catch((err: unknown) => logger.error({ err }, 'reconcile: failed'));
  });

  const health = (): Promise<HealthReport> => checkHealth({ telephony, redis, sqlite: database.sqlite, storage });

  const parts = {
    config,
    logger,
    clock,
    database,
    redis,
    telephony,
    agents,
    agentRegistry,
    agentSessions,
    agentReports,
    pauseCodes,
    liveView,
    tracker,
    recordings,
    storage,
    campaigns,
    roster,
    assignments,
    dispositions,
    prompts,
    starter,
    dnc,
    importer,
    callbacks,
    calls,
    preview,
    users,
    dialLoop,
    reconciler,
    qa,
    consent,
    supervision,
    webhooks,
    inbound,
    transfers,
  };
  const http = await buildServiceHttp({
    ...parts,
    tokens,
    health,
    metrics: metrics.render,
    webDir: options.webDir ?? WEB_DIST_DIR,
    validateResponses: options.validateResponses ?? false,
  });

  let reconcileTimer: ReturnType<typeof setInterval> | null = null;

  return {
    ...parts,
    http,
    health,
    async start(opts = {}) {
      await users.ensureFirstAdmin({ username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD });
      // Imports a previous run left mid-way are marked failed (saying what they committed).
      importer.recover({ atStart: true });
      await removeLeftoverUploads(config.IMPORTS_DIR);
      pauseCodes.ensureDefaults();
      agentSessions.closeStale();
      await redis.connect().catch((err: unknown) => logger.warn({ err }, 'redis: not reachable at start; will retry'));
      // Before anything dials: calls a crash left "in progress" are closed now, not when ARI returns.
      const stale = reconciler.closeStaleCalls();
      if (stale) logger.warn({ calls: stale }, 'reconcile: closed calls left in progress by an earlier run as interrupted');
      // A full or unwritable recordings disk holds dialing from the first call.
      await storage.check();
      if (config.PROMPT_PACK_AT_START) {
        // The voice of the product (the Docker image ships espeak-ng and sox); a manager's uploads are kept.
        installPromptPack({ out: config.PROMPTS_DIR }).then(
          (r) => logger.info({ ...r, dir: config.PROMPTS_DIR }, 'voice: prompt pack installed'),
          (err: unknown) => logger.error({ err, dir: config.PROMPTS_DIR }, 'voice: the prompt pack could not be voiced; run npm run prompts -- --out PROMPTS_DIR'),
        );
      }
      storage.start();
      telephony.start();
      dialLoop.start();
      qa.start();
      consent.start();
      webhooks.start();
      const every = options.reconcileEveryMs ?? 30_000;
      if (every > 0) {
        reconcileTimer = setInterval(() => {
          if (telephony.isConnected) reconciler.run().catch((err: unknown) => logger.error({ err }, 'reconcile: failed'));
        }, every);
        reconcileTimer.unref();
      }
      if (opts.listen !== false) await http.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
    },
    async drain(graceMs) {
      dialLoop.stop();
      const deadline = Date.now() + graceMs;
      while (tracker.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      if (tracker.size > 0) {
        // Past the grace: the calls still up are closed now as interrupted (not left "connected"
        // until the next start), then their customers are hung up.
        const left = tracker.abandonAll();
        logger.warn({ calls: left.length }, 'dialer: calls still up after the shutdown grace; closing them as interrupted');
        for (const s of left) calls.closeInterrupted(s.callId, clock.now(), 'service stopped: the shutdown grace ran out');
        await Promise.all(left.map((s) => withTimeout(telephony.hangup(s.channelId, 'normal'), 2_000).catch(() => undefined)));
      }
      await agents.logoutAll().catch((err: unknown) => logger.warn({ err }, 'dialer: logging agents out failed'));
    },
    async stop() {
      dialLoop.stop();
      if (reconcileTimer) clearInterval(reconcileTimer);
      await http.close();
      await importer.stop('the service stopped');
      // BullMQ waits for Redis to close its workers: with Redis down, stop anyway after a while
      // (the connections are cut below; the database is the truth for what was queued).
      await withTimeout(qa.stop(), 3_000).catch((err: unknown) => logger.warn({ err }, 'dialer: QA queue did not close cleanly'));
      liveView.stop();
      await withTimeout(consent.stop(), 3_000).catch((err: unknown) => logger.warn({ err }, 'dialer: follow-up queue did not close cleanly'));
      await withTimeout(webhooks.stop(), 3_000).catch((err: unknown) => logger.warn({ err }, 'dialer: webhook queue did not close cleanly'));
      await telephony.stop();
      agentSessions.closeAll('service stopped');
      redis.disconnect();
      bullConnection.disconnect();
      storage.stop();
      await checkpointer.stop();
      database.close();
    },
  };
}

/** Rejects when `p` takes longer than `ms` (a shutdown step must not hang on a dead peer). */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
