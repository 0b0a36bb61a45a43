/** Builds the supervision parts (phones, the monitoring rows, the service) for the composition root. */
import type { Logger } from 'pino';
import type { AgentPool } from '../agents/agent-pool.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { Clock } from '../clock.js';
import type { ConsentService } from '../consent/consent-service.js';
import type { Db } from '../db/database.js';
import type { Telephony } from '../telephony/telephony.js';
import { MonitorStore } from './monitor-store.js';
import { SupervisionService } from './supervision-service.js';
import { SupervisorPhones } from './supervisor-phones.js';

export interface Supervision {
  supervision: SupervisionService;
  phones: SupervisorPhones;
  store: MonitorStore;
}

export function createSupervision(o: { db: Db; clock: Clock; logger: Logger; telephony: Telephony; tracker: CallTracker; consent: ConsentService; agents: Pick<AgentPool, 'get'>; endpointTemplate: string }): Supervision {
  const store = new MonitorStore(o.db);
  const phones = new SupervisorPhones(o.db, o.clock, o.endpointTemplate, (agentId) => o.agents.get(agentId) !== null);
  const supervision = new SupervisionService({ telephony: o.telephony, tracker: o.tracker, consent: o.consent, store, phones, clock: o.clock, logger: o.logger });
  return { supervision, phones, store };
}
