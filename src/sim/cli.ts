/**
 * `npm run sim`: a stand-alone ARI simulator, e.g. to point a locally running dialer at.
 *
 *   SIM_PORT            port (default 8088)
 *   SIM_HOST            interface (default 127.0.0.1)
 *   SIM_USERNAME        ARI user (default dialer)
 *   SIM_PASSWORD        ARI password (default dialer)
 *   SIM_RECORDINGS_DIR  stored recordings (default ./data/sim-recordings)
 *   SIM_SCRIPTS         optional JSON file: either { "<resource>": <FarEndScript>, … } or
 *                       { "scripts": {…}, "defaultScript": …, "soundDurationsMs": {…},
 *                         "secondMs": n, "silenceTimeoutMs": n }
 *
 * This entry point is its own composition root, so it reads process.env itself.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AriSimulator } from './server.js';
import type { AriSimulatorOptions, FarEndScript, SimLogger } from './types.js';

type FileOptions = Pick<AriSimulatorOptions, 'scripts' | 'defaultScript' | 'soundDurationsMs' | 'secondMs' | 'silenceTimeoutMs'>;

function readScripts(path: string | undefined): FileOptions {
  if (!path) return {};
  const parsed: unknown = JSON.parse(readFileSync(resolve(path), 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${path}: expected a JSON object`);
  const obj = parsed as Record<string, unknown>;
  if ('scripts' in obj || 'defaultScript' in obj) return obj as FileOptions;
  return { scripts: obj as Record<string, FarEndScript> };
}

function consoleLogger(): SimLogger {
  const line =
    (level: string) =>
    (...a: unknown[]): void => {
      const [first, second] = a;
      const msg = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
      const fields = typeof first === 'object' && first !== null ? first : {};
      process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields })}\n`);
    };
  return { info: line('info'), warn: line('warn'), error: line('error'), debug: () => undefined };
}

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.SIM_PORT ?? 8088);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('SIM_PORT must be a port number');
  const fileOpts = readScripts(env.SIM_SCRIPTS);
  const sim = new AriSimulator({
    username: env.SIM_USERNAME || 'dialer',
    password: env.SIM_PASSWORD || 'dialer',
    host: env.SIM_HOST || '127.0.0.1',
    port,
    recordingsDir: env.SIM_RECORDINGS_DIR || './data/sim-recordings',
    logger: consoleLogger(),
    ...fileOpts,
  });
  const { url } = await sim.start();
  process.stdout.write(`ARI simulator listening on ${url} (ari-client: ari.connect('${url}', user, password))\n`);
  const shutdown = (): void => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
