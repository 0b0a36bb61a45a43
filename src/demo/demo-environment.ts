/**
 * What stands in for Asterisk and Redis in demo mode: the built-in ARI simulator and, when
 * no REDIS_URL is given, a private redis-server (if one is installed).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AriSimulator, type FarEndScript } from '../sim/index.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { installPromptPack, linkPromptPack } from '../voice/pack-installer.js';
import { PlayLog } from './play-log.js';

export interface DemoEnvironment {
  dir: string;
  /** The sounds folder the simulator plays from: the service's PROMPTS_DIR. */
  soundsDir: string;
  /** What the simulator played. */
  plays: PlayLog;
  sim: AriSimulator;
  ariUrl: string;
  ariUsername: string;
  ariPassword: string;
  redisUrl: string | undefined;
  stop(): Promise<void>;
}

/** Where the demo keeps the voiced pack between runs. */
export const PROMPT_PACK_CACHE = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'dialer-prompt-pack');

export async function startDemoEnvironment(opts: { scripts?: Record<string, FarEndScript>; redisUrl?: string; secondMs?: number }): Promise<DemoEnvironment> {
  const dir = mkdtempSync(join(tmpdir(), 'dialer-demo-'));
  // The prompt pack, voiced once per checkout, then linked into this demo's own sounds folder.
  const pack = await installPromptPack({ out: PROMPT_PACK_CACHE });
  if (pack.written) console.log(`Voiced ${pack.written} prompts of the pack with espeak-ng and sox (once; kept in ${PROMPT_PACK_CACHE})`);
  const soundsDir = join(dir, 'sounds');
  await linkPromptPack(PROMPT_PACK_CACHE, soundsDir);
  const plays = new PlayLog();
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
    soundsDir,
    logger: plays.logger,
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
    soundsDir,
    plays,
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
