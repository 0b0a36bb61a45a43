/**
 * The real-Asterisk tier's harness: SIPp customers behind the `carrier` trunk, a real Asterisk
 * rendered from the project's own config, baresip softphones for the agents, and the whole
 * dialer service (real SQLite, real Redis) driving it over ARI.
 */
import { join } from 'node:path';
import { startServiceHarness, type ServiceHarness, type ServiceHarnessOptions } from '../../support/harness.js';
import { AriRecorder } from './ari-recorder.js';
import { findAsterisk, type AsteriskDist } from './asterisk-dist.js';
import { ARI_PASSWORD, ARI_USER, AsteriskInstance } from './asterisk-instance.js';
import { BaresipAgent } from './baresip-agent.js';
import { CARRIER_HOST, SippCarrier } from './sipp-carrier.js';
import type { BehaviourTable } from './sipp-scenario.js';
import { installTestSounds } from './test-sounds.js';

const found = findAsterisk();

/** The Asterisk this machine can test with, or null (the tier is skipped; in CI the global set-up fails first). */
export const DIST: AsteriskDist | null = found.dist;

export interface RealTierOptions {
  customers: BehaviourTable;
  /** Agent extensions: one baresip softphone each, and an agent row in the service. */
  agents?: string[];
  /** Supervisors' phone extensions: registered baresip softphones sending a 1 kHz tone, with no agent row. */
  supervisors?: string[];
  /** Of those extensions, the phones that ring without answering by themselves (nobody picks up). */
  manualAnswer?: string[];
  inboundPolicy?: 'reject' | 'stasis';
  service?: ServiceHarnessOptions;
}

export interface RealTier {
  asterisk: AsteriskInstance;
  carrier: SippCarrier;
  phones: Map<string, BaresipAgent>;
  /** Agent ids by extension. */
  agentIds: Map<string, number>;
  h: ServiceHarness;
  events: AriRecorder;
  /** Starts the service again on the same directory and Asterisk (after a kill or a stop). */
  restartService(opts?: ServiceHarnessOptions): Promise<ServiceHarness>;
  stop(): Promise<void>;
}

/** The tone supervisors' phones send (agents' send 440 Hz). */
export const SUPERVISOR_TONE_HZ = 1000;

export const agentPassword = (ext: string): string => `tier-agent-${ext}-secret`;

export async function startRealTier(opts: RealTierOptions): Promise<RealTier> {
  if (!DIST) throw new Error('no Asterisk on this machine');
  const exts = opts.agents ?? [];
  const carrier = await SippCarrier.create();
  await carrier.start(opts.customers);
  const asterisk = await AsteriskInstance.create(DIST, {
    agents: [...exts, ...(opts.supervisors ?? [])].map((ext) => ({ ext, password: agentPassword(ext) })),
    carrier: { host: CARRIER_HOST, port: carrier.port },
    inboundPolicy: opts.inboundPolicy,
    sounds: installTestSounds,
  });
  const phones = new Map<string, BaresipAgent>();
  const cleanup = async (): Promise<void> => {
    for (const p of phones.values()) await p.stop();
    await asterisk.destroy(Boolean(process.env.TIER_KEEP));
    await carrier.stop();
  };
  try {
    await asterisk.start();
    for (const ext of exts) {
      const phone = await BaresipAgent.create({ ext, password: agentPassword(ext), sipPort: asterisk.sipPort, autoAnswer: !opts.manualAnswer?.includes(ext) });
      phones.set(ext, phone);
      await phone.start();
    }
    for (const ext of opts.supervisors ?? []) {
      const phone = await BaresipAgent.create({ ext, password: agentPassword(ext), sipPort: asterisk.sipPort, toneHz: SUPERVISOR_TONE_HZ });
      phones.set(ext, phone);
      await phone.start();
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
  const events = new AriRecorder(asterisk.ariUrl, ARI_USER, ARI_PASSWORD);
  await events.start();
  const serviceOptions = (o?: ServiceHarnessOptions): ServiceHarnessOptions => ({
    ...opts.service,
    ...o,
    // The service's prompts folder is Asterisk's sounds folder (<lang>/dialer/<name>.wav), as in compose.
    env: { PROMPTS_DIR: asterisk.soundsDir, ...opts.service?.env, ...o?.env },
  });
  const ari = { url: asterisk.ariUrl, username: ARI_USER, password: ARI_PASSWORD };
  const h = await startServiceHarness(ari, serviceOptions());
  const agentIds = new Map(exts.map((ext) => [ext, h.addAgent(`agent ${ext}`, ext)]));
  const tier: RealTier = {
    asterisk,
    carrier,
    phones,
    agentIds,
    h,
    events,
    async restartService(o) {
      tier.h = await startServiceHarness(ari, { ...serviceOptions(o), dir: tier.h.dir });
      return tier.h;
    },
    async stop() {
      events.stop();
      await tier.h.stop().catch(() => undefined);
      await cleanup();
    },
  };
  return tier;
}
