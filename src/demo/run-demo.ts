/**
 * `npm run demo`: a newcomer's first look, no Asterisk needed. Starts the ARI simulator and
 * the dialer, runs a scripted campaign (25 numbers of mixed outcomes, 3 agents) and prints
 * calls by outcome, recordings verified and per-agent talk time. The day's scripted customers
 * subscribe by keypress, refuse three times or ask not to be called again, worked by the
 * demo's desks through the agent API; then one customer cancels and QA finds a fraudulent
 * order on a complaint, so subscriptions, commission, cancellations and QA reversals have data.
 * `npm run demo -- --serve` keeps the service running afterwards, with a user per role, to
 * explore the consoles (http://127.0.0.1:3000/) and the API.
 */
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config.js';
import { agents } from '../db/schema.js';
import { liveFigures } from '../dialer/live-figures.js';
import { createDialerService } from '../service.js';
import { signInDemo, type DemoCaller } from './demo-api.js';
import { DEMO_AGENTS, DEMO_NUMBERS, DEMO_PRODUCT, DEMO_RING_TIMEOUT_SEC, DEMO_SECOND_MS, DEMO_VOICE, demoClock, demoScripts, deskRoleOf, LIVE_FLOOR_NUMBERS } from './demo-campaign.js';
import { closeTheDay, setUpLiveFloors } from './demo-day.js';
import { DemoDesk } from './demo-desk.js';
import { startDemoEnvironment } from './demo-environment.js';
import { formatSummary, summarise } from './summary.js';

const serve = process.argv.includes('--serve');
const ADMIN_PASSWORD = 'demo-admin-password';
/** Demo sign-ins, one per role (the agents' users are linked to the demo agents). */
const DEMO_STAFF = [
  { username: 'manager', password: 'demo-manager-password', role: 'manager' as const, displayName: 'Demo manager' },
  { username: 'qa', password: 'demo-qa-password', role: 'qa' as const, displayName: 'Demo QA reviewer' },
];
const AGENT_PASSWORD = 'demo-agent-password';

async function main(): Promise<void> {
  // Ring timeouts are compressed (one ARI second = 100 ms) so the demo takes seconds, not minutes.
  const env = await startDemoEnvironment({ scripts: demoScripts(), redisUrl: process.env.REDIS_URL, secondMs: DEMO_SECOND_MS });
  const config = loadConfig({
    ARI_URL: env.ariUrl,
    ARI_USERNAME: env.ariUsername,
    ARI_PASSWORD: env.ariPassword,
    REDIS_URL: env.redisUrl,
    DATABASE_PATH: join(env.dir, 'dialer.db'),
    RECORDINGS_DIR: join(env.dir, 'recordings'),
    // The simulator plays from the same folder, as Asterisk and the service share a volume.
    PROMPTS_DIR: env.soundsDir,
    SAFE_HARBOUR_MEDIA: 'sound:dialer/safe-harbour',
    HTTP_PORT: process.env.HTTP_PORT ?? '3000',
    HTTP_HOST: '127.0.0.1',
    ADMIN_PASSWORD,
    // Incidents are listed in the summary; set LOG_LEVEL=info to watch the service work.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'fatal',
    RECORDING_SETTLE_MS: '3000',
  });
  const logger = pino({ level: config.LOG_LEVEL, name: 'dialer' });
  const clock = demoClock();
  const service = await createDialerService({ config, logger, clock, tickMs: 200 });
  await service.start({ listen: serve });
  await service.telephony.waitConnected(10_000);
  console.log(`ARI simulator at ${env.ariUrl}; data in ${env.dir}${env.redisUrl ? '' : ' (no Redis found: health will say degraded)'}`);
  console.log(`Demo clock: ${new Date(clock.now()).toISOString()} (10:00 Beijing time, inside the calling window)`);

  const { db } = service.database;
  for (const staff of DEMO_STAFF) await service.users.create(staff);
  const agentUsernames: string[] = [];
  const agentIds: number[] = [];
  const desks = new Map<number, DemoCaller>();
  for (const a of DEMO_AGENTS) {
    const username = a.name.toLowerCase().replace(/\s+/g, '.');
    agentUsernames.push(username);
    const user = await service.users.create({ username, password: AGENT_PASSWORD, role: 'agent', displayName: a.name });
    const { id } = db.insert(agents).values({ ...a, userId: user.id, createdAt: Date.now() }).returning().get();
    agentIds.push(id);
    desks.set(id, await signInDemo(service, username, AGENT_PASSWORD));
    await service.agents.login(id);
  }
  const manager = await signInDemo(service, DEMO_STAFF[0]!.username, DEMO_STAFF[0]!.password);
  const qa = await signInDemo(service, DEMO_STAFF[1]!.username, DEMO_STAFF[1]!.password);
  // The agents at their desks, for the day's scripted customers.
  const desk = new DemoDesk({ service, sim: env.sim, agents: desks, roleOf: deskRoleOf });
  desk.start();
  // No disposition gate, no wrap-up: the desks work only the day's scripted customers; the rest run on their scripts.
  const campaign = service.campaigns.create({ name: 'Demo: 5G value pack', ringTimeoutSec: DEMO_RING_TIMEOUT_SEC, maxAttempts: 1, ...DEMO_VOICE, ...DEMO_PRODUCT, dispositionRequired: false, wrapUpSec: 0 });
  const loaded = service.campaigns.addContacts(campaign.id, DEMO_NUMBERS.map((n) => ({ phone: n.national, fields: { note: n.label } })));
  console.log(`Campaign "${campaign.name}": ${loaded.accepted} contacts, ${DEMO_AGENTS.length} agents. Dialing…`);
  // Started as the console does: Asterisk (here the simulator) is asked for every prompt first.
  await service.starter.start(campaign.id);

  const started = Date.now();
  let lastLine = '';
  for (;;) {
    const rows = service.calls.notEnded().length;
    const pending = service.campaigns.pendingCount(campaign.id);
    const s = summarise(db, campaign.id);
    const done = Object.entries(s.byOutcome).filter(([k]) => k !== 'in progress').reduce((n, [, v]) => n + v, 0);
    const line = `  ${done}/${DEMO_NUMBERS.length} calls closed, ${rows} in progress, ${pending} waiting`;
    if (line !== lastLine) console.log(line);
    lastLine = line;
    const judged = Object.values(s.recordings).reduce((n, v) => n + v, 0) - (s.recordings.pending ?? 0);
    const answered = (s.byOutcome.answered ?? 0) + (s.byOutcome.abandoned ?? 0);
    if (done === DEMO_NUMBERS.length && rows === 0 && judged >= answered) break;
    if (Date.now() - started > 180_000) throw new Error('demo did not finish within 3 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  await desk.stop();
  const live = liveFigures({ db, clock, agents: service.agents, tracker: service.tracker, dialLoop: service.dialLoop }, service.campaigns.get(campaign.id));
  service.campaigns.setStatus(campaign.id, 'completed');
  console.log(formatSummary(summarise(db, campaign.id)));
  console.log('\nAt the desks:');
  for (const d of desk.results) console.log(`  ${d.phone}  ${d.role}: ${d.result}`);
  const day = await closeTheDay({ manager, qa, desks: desk.results });
  if (day.cancelledSubscriptionId !== null) console.log(`  Subscription #${day.cancelledSubscriptionId} cancelled by the customer: its commission is reversed`);
  if (day.reversalCallId !== null) console.log(`  QA found a fraudulent order on a complaint (call ${day.reversalCallId}): reversal requested`);
  for (const p of day.problems) console.log(`  (${p})`);
  const rate = live.lifetime.abandonRate === null ? 'n/a' : `${(live.lifetime.abandonRate * 100).toFixed(1)}%`;
  console.log(`\nLive figures: ${live.lifetime.dialed} dialed, ${live.lifetime.answered} answered, ${live.lifetime.abandoned} abandoned (rate ${rate}, cap ${(live.abandonCap * 100).toFixed(0)}%), ${live.contacts.left} contacts left`);
  console.log(`\nVoice: ${env.plays.summary()}, from the prompt pack in ${env.soundsDir}`);
  console.log(`Recordings are under ${config.RECORDINGS_DIR}`);

  if (serve) {
    // Sample the finished campaign for QA, so the QA console has recordings to claim.
    const plan = await service.qa.planner.runCampaign(campaign.id, 'manual');
    // Two live-floor campaigns side by side, each with its own agents (the first half of the
    // desks on one, the rest on the other): their calls never mix. Agents at the consoles
    // give each call its disposition (15 s wrap-up, then paused until they do).
    const half = Math.ceil(agentIds.length / 2);
    const floors = setUpLiveFloors(
      service,
      [
        { name: 'Demo: live floor (start me)', numbers: LIVE_FLOOR_NUMBERS.slice(0, 20), agentIds: agentIds.slice(0, half) },
        { name: 'Demo: live floor B (start me too)', numbers: LIVE_FLOOR_NUMBERS.slice(20), agentIds: agentIds.slice(half) },
      ],
      { ringTimeoutSec: DEMO_RING_TIMEOUT_SEC, ...DEMO_VOICE, ...DEMO_PRODUCT },
    );
    const floor = floors[0]!;
    const base = `http://127.0.0.1:${config.HTTP_PORT}`;
    console.log(`\nConsoles at ${base}/ (QA sample: ${plan.enqueued} recordings queued). Sign in as:`);
    console.log(`  manager / ${DEMO_STAFF[0]!.password}     → ${base}/manager/`);
    console.log(`  qa / ${DEMO_STAFF[1]!.password}               → ${base}/qa/`);
    console.log(`  ${agentUsernames.join(', ')} / ${AGENT_PASSWORD} → ${base}/agent/`);
    console.log(`  admin / ${ADMIN_PASSWORD}         → every console, and staff accounts`);
    console.log(`Start "${floor.name}" and "${floors[1]!.name}" in the manager console to watch calls live; their customers talk 15–40 s with the agents, each campaign with its own agents.`);
    console.log('Ctrl-C to stop.');
    const stop = () => void service.stop().then(() => env.stop()).then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }
  await service.agents.logoutAll();
  await service.stop();
  await env.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
