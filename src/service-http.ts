/**
 * The service's HTTP side: the fastify app with every route module, each given the parts it
 * needs. service.ts builds the parts; domain folders never import http/ (it registers them).
 */
import type { FastifyInstance } from 'fastify';
import { CallDispositions } from './consent/call-disposition.js';
import { AgentCallCards } from './agents/agent-call-cards.js';
import { LoginThrottle } from './auth/login-throttle.js';
import type { TokenStore } from './auth/tokens.js';
import { EndingCallbacks } from './campaigns/ending-callbacks.js';
import { PromptUsage } from './campaigns/prompt-usage.js';
import { liveFigures } from './dialer/live-figures.js';
import { buildHttpApp, type HealthReport } from './http/app.js';
import { agentAccountRoutes } from './http/routes/agent-account-routes.js';
import { agentConsoleRoutes } from './http/routes/agent-console-routes.js';
import { agentDialingRoutes } from './http/routes/agent-dialing-routes.js';
import { agentFiguresRoutes } from './http/routes/agent-figures-routes.js';
import { agentRoutes } from './http/routes/agent-routes.js';
import { agentSettingsRoutes } from './http/routes/agent-settings-routes.js';
import { assignmentRoutes } from './http/routes/assignment-routes.js';
import { callRoutes } from './http/routes/call-routes.js';
import { callbackRoutes } from './http/routes/callback-routes.js';
import { campaignRoutes } from './http/routes/campaign-routes.js';
import { consoleRoutes } from './http/routes/console-routes.js';
import { dispositionRoutes } from './http/routes/disposition-routes.js';
import { doNotCallRoutes } from './http/routes/do-not-call-routes.js';
import { importRejectsRoutes } from './http/routes/import-rejects-routes.js';
import { incidentRoutes } from './http/routes/incident-routes.js';
import { listRoutes } from './http/routes/list-routes.js';
import { liveRoutes } from './http/routes/live-routes.js';
import { promptRoutes } from './http/routes/prompt-routes.js';
import { supervisionRoutes } from './http/routes/supervision-routes.js';
import { transferRoutes } from './http/routes/transfer-routes.js';
import { webhookRoutes } from './http/routes/webhook-routes.js';
import { CustomerHistory } from './inbound/customer-history.js';
import type { DialerService } from './service.js';

/** What the routes are given: the service's parts, and a few the service does not expose. */
export interface ServiceHttpParts extends Omit<DialerService, 'http' | 'health' | 'start' | 'drain' | 'stop'> {
  tokens: TokenStore;
  health(): Promise<HealthReport>;
  /** The Prometheus text (GET /metrics). */
  metrics(): Promise<string>;
  webDir: string;
  validateResponses: boolean;
}

export async function buildServiceHttp(p: ServiceHttpParts): Promise<FastifyInstance> {
  const { config, logger, clock, database, telephony, agents, agentRegistry, agentReports, pauseCodes, liveView, tracker, recordings, storage, campaigns, roster, assignments, dispositions, prompts, dnc, importer, callbacks, calls, preview, users, dialLoop, qa, consent, supervision, webhooks, transfers } = p;
  const db = database.db;
  return buildHttpApp({
    db,
    clock,
    logger,
    health: p.health,
    metrics: p.metrics,
    users,
    tokens: p.tokens,
    cookieSecure: config.HTTP_COOKIE_SECURE,
    trustProxy: config.HTTP_TRUST_PROXY,
    loginThrottle: new LoginThrottle({ clock, maxFailures: config.LOGIN_MAX_FAILURES, windowMs: config.LOGIN_LOCK_MS }),
    addressThrottle: new LoginThrottle({ clock, maxFailures: config.LOGIN_MAX_FAILURES_PER_ADDRESS, windowMs: config.LOGIN_LOCK_MS }),
    apiTokenTtlDays: config.API_TOKEN_TTL_DAYS,
    validateResponses: p.validateResponses,
    centreTimeZone: config.CENTRE_TIME_ZONE,
    routes: [
      promptRoutes({ prompts, usage: new PromptUsage(db, config.SAFE_HARBOUR_MEDIA ?? null) }),
      listRoutes({ importer, importsDir: config.IMPORTS_DIR, maxBytes: config.IMPORT_MAX_BYTES }),
      importRejectsRoutes({ importer }),
      doNotCallRoutes({ dnc, db }),
      ...qa.routes,
      campaignRoutes({ campaigns, callbacks, ending: new EndingCallbacks(db, clock, callbacks, campaigns), start: (id) => p.starter.start(id), liveFigures: (c) => liveFigures({ db, clock, agents, tracker, dialLoop }, c) }),
      agentRoutes({ agents, tracker, db, clock, registry: agentRegistry, pauseCodes }),
      agentSettingsRoutes({ registry: agentRegistry, pauseCodes }),
      agentFiguresRoutes({ reports: agentReports, registry: agentRegistry, clock }),
      liveRoutes({ live: liveView, registry: agentRegistry, clock, heartbeatMs: config.LIVE_HEARTBEAT_MS }),
      agentAccountRoutes({ users, registry: agentRegistry }),
      agentDialingRoutes({ db, clock, preview, callbacks, campaigns, dialLoop }),
      agentConsoleRoutes({ db, registry: agentRegistry, pool: agents, cards: new AgentCallCards({ db, clock, pool: agents, timeZone: config.CENTRE_TIME_ZONE }), history: new CustomerHistory(db) }),
      callRoutes({ db, timeZone: config.CENTRE_TIME_ZONE }),
      incidentRoutes({ incidents: (o) => storage.incidents(o) }),
      callbackRoutes({ db, clock, callbacks, campaigns, windows: dialLoop.windows, audit: qa.audit }),
      consent.routes,
      assignmentRoutes({ db, clock, store: assignments, roster, timeZone: config.CENTRE_TIME_ZONE }),
      dispositionRoutes({
        store: dispositions,
        give: new CallDispositions({ db, consent: consent.service, dispositions, dnc, logger, callbackDeps: { db, clock, callbacks, campaigns, windows: dialLoop.windows } }),
      }),
      webhookRoutes({ store: webhooks.store, delivery: webhooks.delivery }),
      supervisionRoutes({ db, clock, tracker, ...supervision }),
      transferRoutes({ transfers: transfers.service, targets: transfers.targets, store: transfers.store, registry: agentRegistry, tracker, clock, heartbeatMs: config.LIVE_HEARTBEAT_MS }),
      consoleRoutes({ webDir: p.webDir }),
    ],
  });
}
