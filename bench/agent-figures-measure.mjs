// The measuring half of bench/agent-figures.ts, in plain JavaScript so that it runs both ways:
// as shipped (`node bench/agent-figures-measure.mjs dist/server …`, the compiled service the
// image runs) and under the development loader (`node --import tsx … src …`).
// Args: <service root: dist/server or src> <month.db> <agents per group>; prints one JSON line.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, path, perGroup] = process.argv.slice(2);
const load = (module) => import(pathToFileURL(resolve(root, module)).href);
const { AgentRegistry } = await load('agents/agent-registry.js');
const { AgentReportService } = await load('agents/agent-report-service.js');
const { AgentSessionsStore } = await load('agents/agent-sessions-store.js');
const { noSalesLedger } = await load('agents/sales-ledger.js');
const { systemClock } = await load('clock.js');
const { openDatabase } = await load('db/database.js');
const { default: pino } = await import('pino');

const RUNS = 3;
/** The report is asked for on 1 April 2025 (Asia/Shanghai): the whole month is over. */
const NOW = Date.UTC(2025, 2, 31, 16, 0, 0);
const clock = { ...systemClock, now: () => NOW };
const database = openDatabase(path);
const logger = pino({ level: 'silent' });
const service = new AgentReportService({
  db: database.db,
  clock,
  registry: new AgentRegistry({ db: database.db, clock, defaultTargetSec: 10_800 }),
  sessions: new AgentSessionsStore({ db: database.db, clock, logger }),
  sales: noSalesLedger,
  timeZone: 'Asia/Shanghai',
  longPauseMs: 300_000,
  agentsPerGroup: Number(perGroup),
});
const times = [];
let digest = '';
let days = 0;
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const report = service.report('2025-03-01', '2025-03-31');
  times.push(performance.now() - t0);
  days = report.days.length;
  digest = createHash('sha256').update(JSON.stringify(report)).digest('hex').slice(0, 16);
}
database.close();
times.sort((a, b) => a - b);
console.log(JSON.stringify({ ms: times[Math.floor(RUNS / 2)], maxRss: process.resourceUsage().maxRSS * 1024, digest, days }));
