/**
 * The transfers module wired from its parts: the handoff store, the target list and the
 * service that runs transfers. Its routes are http/routes/transfer-routes.ts.
 */
import type { Logger } from 'pino';
import type { AgentPool } from '../agents/agent-pool.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Telephony } from '../telephony/telephony.js';
import { HandoffStore } from './handoff-store.js';
import { TransferService, type TransferConsentGate } from './transfer-service.js';
import { TransferTargets } from './transfer-targets.js';

export interface TransferModuleOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  telephony: Telephony;
  tracker: CallTracker;
  agents: AgentPool;
  consent: TransferConsentGate;
  agentEndpointTemplate: string;
  noAnswerMs: number;
  /** Whether a user's supervisor phone is supervising a call now. */
  supervising: (userId: number) => boolean;
}

export interface TransferModule {
  store: HandoffStore;
  targets: TransferTargets;
  service: TransferService;
}

export function createTransferModule(o: TransferModuleOptions): TransferModule {
  const store = new HandoffStore(o.db);
  // A supervisor phone is busy while it supervises, or while a transfer rings it or hands it a customer.
  const phoneBusy = (userId: number): boolean => o.supervising(userId) || service.userOnPhone(userId);
  const targets = new TransferTargets(o.db, o.agents, o.agentEndpointTemplate, phoneBusy);
  const service: TransferService = new TransferService({
    telephony: o.telephony,
    agents: o.agents,
    tracker: o.tracker,
    store,
    targets,
    consent: o.consent,
    clock: o.clock,
    logger: o.logger,
    noAnswerMs: o.noAnswerMs,
  });
  return { store, targets, service };
}
