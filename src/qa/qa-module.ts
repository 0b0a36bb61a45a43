/**
 * The QA part of the service, assembled: queue, planner and its daily schedule, sweeper,
 * claims, recordings, scoring, disputes, reports and the audit trail, with its routes.
 * `service.ts` creates it, adds its routes, and starts and stops it.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { RouteModule } from '../http/app.js';
import { qaCalendarRoutes } from '../http/routes/qa-calendar-routes.js';
import { qaReportRoutes } from '../http/routes/qa-report-routes.js';
import { qaRoutes } from '../http/routes/qa-routes.js';
import { AuditLog } from './audit-log.js';
import { ClaimService } from './claims.js';
import { DisputeService } from './disputes.js';
import type { QaCalendar } from './local-time.js';
import { PlanScheduler } from './plan-scheduler.js';
import { QaPlanner } from './planner.js';
import { QaQueue } from './qa-queue.js';
import { RecordingStreamer } from './recording-stream.js';
import { QaPulls } from './pulls.js';
import { QaReports } from './reports/qa-reports.js';
import { RubricStore } from './rubric-store.js';
import { noSubscriptionsYet, type SaleFacts } from './sale-facts.js';
import { ScoreService } from './score-service.js';
import { QaSweeper } from './sweeper.js';

/** The settings QA reads (from Config: QA_*, REDIS_PREFIX, RECORDINGS_DIR). */
export interface QaSettings {
  timeZone: string;
  cycleStartDay: number;
  /** 'HH:MM' or 'off'. */
  planTime: string;
  claimTtlMs: number;
  sweepMs: number;
  redisPrefix: string;
  recordingsDir: string;
}

/** QA settings from the service's configuration. */
export function qaSettingsFrom(config: {
  CENTRE_TIME_ZONE: string;
  QA_CYCLE_START_DAY: number;
  QA_PLAN_TIME: string;
  QA_CLAIM_TTL_MS: number;
  QA_SWEEP_MS: number;
  REDIS_PREFIX: string;
  RECORDINGS_DIR: string;
}): QaSettings {
  return {
    timeZone: config.CENTRE_TIME_ZONE,
    cycleStartDay: config.QA_CYCLE_START_DAY,
    planTime: config.QA_PLAN_TIME,
    claimTtlMs: config.QA_CLAIM_TTL_MS,
    sweepMs: config.QA_SWEEP_MS,
    redisPrefix: config.REDIS_PREFIX,
    recordingsDir: config.RECORDINGS_DIR,
  };
}

export interface QaModuleOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: QaSettings;
  /** BullMQ's connection (ioredis with `maxRetriesPerRequest: null`); the caller closes it. */
  connection: Redis;
  /** Sale facts; default none until subscriptions exist (issue 4). */
  saleFacts?: SaleFacts;
  saleFactsSource?: string;
  /** Tests: a queue name of their own, a faster stalled check, fixed seeds. */
  queueName?: string;
  stalledIntervalMs?: number;
  newSeed?: (campaignId: number, cycleLabel: string) => string;
}

export interface QaModule {
  calendar: QaCalendar;
  queue: QaQueue;
  planner: QaPlanner;
  sweeper: QaSweeper;
  scheduler: PlanScheduler | null;
  claims: ClaimService;
  scores: ScoreService;
  rubrics: RubricStore;
  disputes: DisputeService;
  reports: QaReports;
  /** Calls pulled for review on demand, outside the sample. */
  pulls: QaPulls;
  audit: AuditLog;
  streamer: RecordingStreamer;
  saleFacts: SaleFacts;
  saleFactsSource: string;
  routes: RouteModule[];
  /** Starts the stalled-claim checker, the sweeper and the daily schedule. */
  start(): void;
  stop(): Promise<void>;
}

export function createQaModule(opts: QaModuleOptions): QaModule {
  const { db, clock, logger, settings } = opts;
  const calendar: QaCalendar = { timeZone: settings.timeZone, cycleStartDay: settings.cycleStartDay };
  const saleFacts = opts.saleFacts ?? noSubscriptionsYet;
  const saleFactsSource = opts.saleFactsSource ?? (opts.saleFacts ? 'injected' : 'none: subscriptions do not exist yet (issue 4), no call is a sale');
  const audit = new AuditLog(db, clock);
  const queue = new QaQueue({
    connection: opts.connection,
    prefix: settings.redisPrefix,
    ...(opts.queueName ? { name: opts.queueName } : {}),
    claimTtlMs: settings.claimTtlMs,
    ...(opts.stalledIntervalMs ? { stalledIntervalMs: opts.stalledIntervalMs } : {}),
    logger,
  });
  const planner = new QaPlanner({ db, clock, logger, queue, saleFacts, saleFactsSource, calendar, audit, ...(opts.newSeed ? { newSeed: opts.newSeed } : {}) });
  const sweeper = new QaSweeper({ db, queue, clock, logger, everyMs: settings.sweepMs });
  const scheduler =
    settings.planTime === 'off'
      ? null
      : new PlanScheduler({ clock, logger, timeZone: settings.timeZone, at: settings.planTime, run: () => planner.runAll('schedule') });
  const claims = new ClaimService({ db, clock, queue, audit, saleFacts, logger });
  const rubrics = new RubricStore(db, clock);
  const scores = new ScoreService({ db, clock, logger, queue, claims, rubrics, audit, timeZone: settings.timeZone });
  const disputes = new DisputeService({ db, clock, scores, audit, timeZone: settings.timeZone });
  const reports = new QaReports({ db, clock, calendar });
  const pulls = new QaPulls({ db, clock, logger, queue, audit, saleFacts, calendar });
  const streamer = new RecordingStreamer({ db, recordingsDir: settings.recordingsDir });

  const mod: QaModule = {
    calendar,
    queue,
    planner,
    sweeper,
    scheduler,
    claims,
    scores,
    rubrics,
    disputes,
    reports,
    pulls,
    audit,
    streamer,
    saleFacts,
    saleFactsSource,
    routes: [],
    start() {
      queue.startStalledChecker();
      sweeper.start();
      scheduler?.start();
    },
    async stop() {
      await scheduler?.stop();
      await sweeper.stop();
      await queue.close();
    },
  };
  mod.routes = [qaRoutes({ qa: mod, db, clock }), qaReportRoutes({ qa: mod, db, clock }), qaCalendarRoutes({ qa: mod, clock })];
  return mod;
}
