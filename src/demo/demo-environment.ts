/**
 * What stands in for Asterisk and Redis in demo mode: the built-in ARI simulator and, when
 * no REDIS_URL is given, a private redis-server (if one is installed).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AriSimulator, type FarEndScript } from '../sim/index.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { DEMO_OPENING } from './demo-campaign.js';

export interface DemoEnvironment {
  dir: string;
  sim: AriSimulator;
  ariUrl: string;
  ariUsername: string;
  ariPassword: string;
  redisUrl: string | undefined;
  stop(): Promise<void>;
}

export async function startDemoEnvironment(opts: { scripts?: Record<string, FarEndScript>; redisUrl?: string; secondMs?: number }): Promise<DemoEnvironment> {
  const dir = mkdtempSync(join(tmpdir(), 'dialer-demo-'));
  const ariUsername = 'dialer';
  const ariPassword = 'demo-only-ari-password';
  const sim = new AriSimulator({
    username: ariUsername,
    password: ariPassword,
    recordingsDir: join(dir, 'asterisk-recordings'),
    scripts: opts.scripts,
    // Softphones, and numbers without a script, answer after a moment and stay on the line
    // until the other side (or the agent, through the API) hangs up.
    defaultScript: { kind: 'answer', ringMs: 1000 },
    soundDurationsMs: { [DEMO_OPENING]: 1500 },
    secondMs: opts.secondMs ?? 1000,
  });
  const { url } = await sim.start();
  let redis: PrivateRedis | undefined;
  let redisUrl = opts.redisUrl;
  if (!redisUrl) {
    redis = await startPrivateRedis().catch(() => undefined);
    redisUrl = redis?.url;
  }
  return {
    dir,
    sim,
    ariUrl: url,
    ariUsername,
    ariPassword,
    redisUrl,
    async stop() {
      await sim.stop();
      await redis?.stop();
    },
  };
}
