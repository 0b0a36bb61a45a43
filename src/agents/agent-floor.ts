/**
 * The agents' side of the floor beyond the pool: the registry (records, teams, targets), pause
 * codes, the session log, the figures and the live view that managers and team leads watch.
 */
import type { Logger } from 'pino';
import type { CallTracker } from '../calls/call-tracker.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { AgentPool } from './agent-pool.js';
import { AgentRegistry } from './agent-registry.js';
import { AgentReportService } from './agent-report-service.js';
import { AgentSessionsStore } from './agent-sessions-store.js';
import { LiveView } from './live-view.js';
import { PauseCodeStore } from './pause-codes.js';
import type { SalesLedger } from './sales-ledger.js';

export interface AgentFloor {
  agentRegistry: AgentRegistry;
  pauseCodes: PauseCodeStore;
  agentSessions: AgentSessionsStore;
  agentReports: AgentReportService;
  liveView: LiveView;
}

export interface AgentFloorOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'AGENT_DAILY_TARGET_SEC' | 'CENTRE_TIME_ZONE' | 'AGENT_LONG_PAUSE_MS' | 'AGENT_SHIFT_HOURS' | 'LIVE_REFRESH_MS'>;
  pool: AgentPool;
  tracker: CallTracker;
  sales: SalesLedger;
}

export function createAgentFloor(o: AgentFloorOptions): AgentFloor {
  const { db, clock, logger, config } = o;
  const agentRegistry = new AgentRegistry({ db, clock, defaultTargetSec: config.AGENT_DAILY_TARGET_SEC });
  const pauseCodes = new PauseCodeStore({ db, clock });
  const agentSessions = new AgentSessionsStore({ db, clock, logger }).attach(o.pool);
  const agentReports = new AgentReportService({
    db,
    clock,
    registry: agentRegistry,
    sessions: agentSessions,
    sales: o.sales,
    timeZone: config.CENTRE_TIME_ZONE,
    longPauseMs: config.AGENT_LONG_PAUSE_MS,
  });
  const liveView = new LiveView({
    pool: o.pool,
    registry: agentRegistry,
    reports: agentReports,
    clock,
    logger,
    timeZone: config.CENTRE_TIME_ZONE,
    longPauseMs: config.AGENT_LONG_PAUSE_MS,
    shiftMs: config.AGENT_SHIFT_HOURS * 3_600_000,
    refreshMs: config.LIVE_REFRESH_MS,
  });
  o.tracker.onCallEnded(() => liveView.callEnded());
  return { agentRegistry, pauseCodes, agentSessions, agentReports, liveView };
}
