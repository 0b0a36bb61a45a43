/**
 * Integration harness: the ARI simulator over real HTTP/WebSocket, the whole dialer service
 * (real SQLite file with migrations, real Redis, unmodified ari-client) in a temp directory.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { NewCampaign } from '../../src/campaigns/campaign-store.js';
import { shiftedClock, type Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { agents, calls, recordings } from '../../src/db/schema.js';
import { createDialerService, type DialerService } from '../../src/service.js';
import { AriSimulator, type AriSimulatorOptions, type FarEndScript } from '../../src/sim/index.js';
import { linkPromptPack } from '../../src/voice/pack-installer.js';

export interface HarnessOptions {
  scripts?: Record<string, FarEndScript>;
  sim?: Partial<AriSimulatorOptions>;
  env?: Record<string, string>;
  /** Reuse another harness's directory and simulator (a service restart). */
  reuse?: { dir: string; sim: AriSimulator };
  /** The service's clock (give the simulator the same one through `sim.timers`); default real time starting at HARNESS_START (inside the default calling window). */
  clock?: Clock;
  /** Clock ms per pacing second (see DialerServiceOptions). */
  pacingSecondMs?: number;
  /** Dial-loop period; default 50 ms. */
  tickMs?: number;
  /** ARI WebSocket ping period (a missed pong drops the stream); default 500 ms. */
  ariPingMs?: number;
  /**
   * Give the simulator a sounds folder holding the prompt pack, shared with the service's
   * PROMPTS_DIR as Asterisk and the service share a volume: sounds play for their real length,
   * a missing one fails, and GET /sounds answers from the folder.
   */
  promptPack?: boolean;
  /** Periodic reconcile (besides the one at each connect); default 0 = off. */
  reconcileEveryMs?: number;
}

/** The service and its data, against whichever ARI (the simulator, or a real Asterisk). */
export interface ServiceHarness {
  dir: string;
  service: DialerService;
  /** Creates an agent row; returns its id. */
  addAgent(name: string, extension: string): number;
  /** Logs an agent in through the pool and waits until it is parked and ready. */
  loginAgent(agentId: number, timeoutMs?: number): Promise<void>;
  /** A running campaign (progressive unless `settings` say otherwise) with these numbers (national CN numbers or E.164). */
  runCampaign(numbers: string[], opts?: { openingMedia?: string; settings?: Partial<NewCampaign> }): number;
  /** As runCampaign, but started as the API starts it: the campaign's own words voiced, every prompt asked of Asterisk. */
  startCampaign(numbers: string[], opts?: { openingMedia?: string; settings?: Partial<NewCampaign> }): Promise<number>;
  callsOf(campaignId: number): Array<typeof calls.$inferSelect>;
  segmentsOf(callId: string): Array<typeof recordings.$inferSelect>;
  /** Waits until every contact of the campaign has a closed call and no call is live. */
  waitCampaignDone(campaignId: number, count: number, timeoutMs?: number): Promise<Array<typeof calls.$inferSelect>>;
  /** Waits until recordings of every answered call are judged. */
  waitRecordingsSettled(campaignId: number, timeoutMs?: number): Promise<void>;
  /** Stops the service and removes its Redis namespace (and its directory unless kept). */
  stop(opts?: { keepDir?: boolean }): Promise<void>;
}

export interface Harness extends ServiceHarness {
  sim: AriSimulator;
  stop(opts?: { keepSim?: boolean; keepDir?: boolean }): Promise<void>;
}

/** Where the service's ARI is. */
export interface AriEndpoint {
  url: string;
  username: string;
  password: string;
}

export type ServiceHarnessOptions = Omit<HarnessOptions, 'scripts' | 'sim' | 'reuse'> & {
  /** The service's directory (database, recordings); default a new temp dir. */
  dir?: string;
};

export const OPENING = 'sound:dialer/opening';

/** Tuesday 7 January 2025, 10:00 in Beijing: inside the default calling window (every day 09:00–20:00). */
export const HARNESS_START = Date.UTC(2025, 0, 7, 2, 0, 0);

/** Complete product terms, so a test campaign may start. */
export const TEST_PRODUCT = {
  productCode: 'VP15',
  productName: '5G value pack',
  productPriceMinor: 1500,
  productCurrency: 'CNY',
  productBillingPeriod: 'monthly',
  productFreeTrialDays: 0,
  productCancelHow: 'send TD to 10086',
} satisfies Partial<NewCampaign>;

/** Polls a condition (no fixed sleeps): resolves with its value or fails with `what`. */
export async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = opts.reuse?.dir ?? mkdtempSync(join(tmpdir(), 'dialer-it-'));
  const promptsDir = join(dir, 'prompts');
  if (opts.promptPack && !opts.reuse) {
    const pack = process.env.TEST_PROMPT_PACK_DIR;
    if (!pack) throw new Error('promptPack: TEST_PROMPT_PACK_DIR is not set (test/support/global-prompts.ts)');
    await linkPromptPack(pack, promptsDir);
  }
  const sim =
    opts.reuse?.sim ??
    new AriSimulator({
      username: 'dialer',
      password: 'sim-secret',
      recordingsDir: join(dir, 'asterisk-recordings'),
      scripts: opts.scripts,
      // Softphones (and any unscripted number) answer at once and stay up.
      defaultScript: { kind: 'answer', ringMs: 0 },
      soundDurationsMs: { [OPENING]: 300, 'sound:dialer/safe-harbour': 200 },
      // ARI "seconds" are 20 ms: a 15 s ring timeout lasts 300 ms.
      secondMs: 20,
      ...(opts.promptPack ? { soundsDir: promptsDir } : {}),
      ...opts.sim,
    });
  const url = opts.reuse ? simUrl(sim) : (await sim.start()).url;
  urls.set(sim, url);
  // A restarted service goes on from the same wall time as the one it replaces.
  const clock = opts.clock ?? (opts.reuse ? clocks.get(sim) : undefined) ?? shiftedClock(HARNESS_START);
  clocks.set(sim, clock);
  const base = await startServiceHarness({ url, username: 'dialer', password: 'sim-secret' }, { ...opts, dir, clock });
  return {
    ...base,
    sim,
    async stop(o = {}) {
      await base.stop({ keepDir: true });
      if (!o.keepSim) await sim.stop();
      if (!o.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The whole dialer service (real SQLite, real Redis, unmodified ari-client) against `ari`. */
export async function startServiceHarness(ari: AriEndpoint, opts: ServiceHarnessOptions = {}): Promise<ServiceHarness> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'dialer-it-'));
  const config = loadConfig({
    ARI_URL: ari.url,
    ARI_USERNAME: ari.username,
    ARI_PASSWORD: ari.password,
    REDIS_URL: process.env.TEST_REDIS_URL,
    // Each harness its own Redis namespace (queues), so parallel test files never share a queue.
    REDIS_PREFIX: `it-${randomUUID().slice(0, 8)}`,
    DATABASE_PATH: join(dir, 'dialer.db'),
    RECORDINGS_DIR: join(dir, 'recordings'),
    // The prompts folder (startHarness links the pack here for `promptPack`).
    PROMPTS_DIR: join(dir, 'prompts'),
    CUSTOMER_ENDPOINT_TEMPLATE: 'PJSIP/{number}@carrier',
    AGENT_ENDPOINT_TEMPLATE: 'PJSIP/{ext}',
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    RECORDING_SETTLE_MS: '3000',
    // Telephony suites run agents through call after call: no wrap-up, no disposition gate
    // unless a test asks for them (the floor's own suites do, per campaign).
    WRAP_UP_MS: '0',
    DISPOSITION_REQUIRED: 'false',
    ...opts.env,
  });
  const clock = opts.clock ?? shiftedClock(HARNESS_START);
  const service = await createDialerService({
    config,
    clock,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    tickMs: opts.tickMs ?? 50,
    reconcileEveryMs: opts.reconcileEveryMs ?? 0,
    ariPingMs: opts.ariPingMs ?? 500,
    pacingSecondMs: opts.pacingSecondMs,
    validateResponses: true,
  });
  await service.start({ listen: false });
  await service.telephony.waitConnected(5000);
  const { db } = service.database;

  const h: ServiceHarness = {
    dir,
    service,
    addAgent(name, extension) {
      return db.insert(agents).values({ name, extension, createdAt: Date.now() }).returning().get().id;
    },
    async loginAgent(agentId, timeoutMs) {
      await service.agents.login(agentId);
      await waitFor(`agent ${agentId} ready`, () => service.agents.get(agentId)?.state === 'ready', timeoutMs);
    },
    runCampaign(numbers, o = {}) {
      const c = service.campaigns.create({ name: 'it', openingMedia: o.openingMedia ?? OPENING, ringTimeoutSec: 15, ...TEST_PRODUCT, ...o.settings });
      const loaded = service.campaigns.addContacts(c.id, numbers.map((phone) => ({ phone })));
      if (loaded.rejected.length) throw new Error(`bad test numbers: ${JSON.stringify(loaded.rejected)}`);
      service.campaigns.setStatus(c.id, 'running');
      service.dialLoop.kick();
      return c.id;
    },
    async startCampaign(numbers, o = {}) {
      const c = service.campaigns.create({ name: 'it', openingMedia: o.openingMedia ?? OPENING, ringTimeoutSec: 15, ...TEST_PRODUCT, ...o.settings });
      const loaded = service.campaigns.addContacts(c.id, numbers.map((phone) => ({ phone })));
      if (loaded.rejected.length) throw new Error(`bad test numbers: ${JSON.stringify(loaded.rejected)}`);
      await service.starter.start(c.id);
      service.dialLoop.kick();
      return c.id;
    },
    callsOf(campaignId) {
      return db.select().from(calls).where(eq(calls.campaignId, campaignId)).all();
    },
    segmentsOf(callId) {
      return db.select().from(recordings).where(eq(recordings.callId, callId)).orderBy(recordings.segment).all();
    },
    async waitCampaignDone(campaignId, count, timeoutMs = 15_000) {
      return waitFor(
        `${count} closed calls in campaign ${campaignId}`,
        () => {
          const rows = h.callsOf(campaignId);
          return rows.length >= count && rows.every((r) => r.state === 'ended') && service.tracker.size === 0 ? rows : null;
        },
        timeoutMs,
      );
    },
    async waitRecordingsSettled(campaignId, timeoutMs = 10_000) {
      await waitFor(
        'recordings judged',
        () => h.callsOf(campaignId).every((r) => r.answeredAt === null || (r.recordingState !== null && r.recordingState !== 'pending')),
        timeoutMs,
      );
    },
    async stop(o = {}) {
      await service.stop();
      await deleteKeys(config.REDIS_URL, config.REDIS_PREFIX);
      if (!o.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Removes a harness's Redis namespace (its queues) after the service stopped. */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const urls = new WeakMap<AriSimulator, string>();
const clocks = new WeakMap<AriSimulator, Clock>();
function simUrl(sim: AriSimulator): string {
  const url = urls.get(sim);
  if (!url) throw new Error('simulator not started by a harness');
  return url;
}
