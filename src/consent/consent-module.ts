/**
 * The consent module wired from its parts (issue 4): the audit trail, the subscription
 * store, the verification service, the follow-up queue, QA's sale facts and the routes.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { AgentPool } from '../agents/agent-pool.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { consentRoutes } from '../http/routes/consent-routes.js';
import type { SaleFacts } from '../qa/sale-facts.js';
import type { Telephony } from '../telephony/telephony.js';
import { ConsentAudit } from './consent-audit.js';
import { ConsentService, type ConsentServiceOptions } from './consent-service.js';
import { ConsentFollowUp, WebhookNotifier, type Notifier } from './followup.js';
import { SUBSCRIPTION_SALE_FACTS_SOURCE, subscriptionSaleFacts } from './sale-facts.js';
import { SubscriptionStore } from './subscription-store.js';

export interface ConsentModuleOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Config;
  telephony: Telephony;
  tracker: CallTracker;
  agents: AgentPool;
  connection: Redis;
  /** Default: the outbox table + CONSENT_WEBHOOK_URL. */
  notifier?: Notifier;
  /** Fingerprints a disclosure's audio for its evidence (campaigns/prompt-store.ts). */
  playedAudio?: ConsentServiceOptions['playedAudio'];
}

export interface ConsentModule {
  audit: ConsentAudit;
  subscriptions: SubscriptionStore;
  service: ConsentService;
  followUp: ConsentFollowUp;
  saleFacts: SaleFacts;
  saleFactsSource: string;
  routes: (app: FastifyInstance) => Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export function createConsentModule(o: ConsentModuleOptions): ConsentModule {
  const { db, clock, logger, config } = o;
  const audit = new ConsentAudit(db, clock);
  const subscriptions = new SubscriptionStore({ db, clock, logger, audit, coolingOffMs: config.CONSENT_COOLING_OFF_MS, timeZone: config.CENTRE_TIME_ZONE, confirmationDelayMs: config.CONSENT_CONFIRMATION_DELAY_MS });
  const service = new ConsentService({
    db,
    clock,
    logger,
    telephony: o.telephony,
    tracker: o.tracker,
    agents: o.agents,
    store: subscriptions,
    audit,
    keyTimeoutMs: config.CONSENT_KEY_TIMEOUT_MS,
    maxAsks: 2,
    playbackGuardMs: 120_000,
    ...(o.playedAudio ? { playedAudio: o.playedAudio } : {}),
  });
  const notifier = o.notifier ?? new WebhookNotifier({ webhookUrl: config.CONSENT_WEBHOOK_URL });
  const followUp = new ConsentFollowUp({
    db,
    clock,
    logger,
    store: subscriptions,
    audit,
    notifier,
    connection: o.connection,
    prefix: config.REDIS_PREFIX,
    sweepEveryMs: config.CONSENT_SWEEP_MS,
    attempts: config.CONSENT_WEBHOOK_ATTEMPTS,
    backoffMs: config.CONSENT_WEBHOOK_BACKOFF_MS,
  });
  subscriptions.onCreated((sub) => {
    // The outbox row is committed with the sale: a failure here only delays the message to the next sweep.
    followUp.schedule(sub).catch((err: unknown) => logger.warn({ err, subscriptionId: sub.id }, 'consent: confirmation message not queued; the sweeper will queue it'));
  });
  return {
    audit,
    subscriptions,
    service,
    followUp,
    saleFacts: subscriptionSaleFacts(db, subscriptions, audit),
    saleFactsSource: SUBSCRIPTION_SALE_FACTS_SOURCE,
    routes: consentRoutes({ consent: service, subscriptions, clock, heartbeatMs: config.LIVE_HEARTBEAT_MS }),
    start: () => followUp.start(),
    stop: () => followUp.stop(),
  };
}
