/**
 * Composition root: validated config → the dialer service (db, redis, ARI, engines, HTTP).
 * In DEMO_MODE the built-in ARI simulator stands in for Asterisk.
 */
import pino from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startDemoEnvironment, type DemoEnvironment } from './demo/demo-environment.js';
import { createDialerService } from './service.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  let demo: DemoEnvironment | null = null;
  if (config.DEMO_MODE) {
    // No Asterisk: the built-in ARI simulator (and a private Redis if none is configured).
    demo = await startDemoEnvironment({ redisUrl: process.env.REDIS_URL });
    config = loadConfig({
      ...process.env,
      ARI_URL: demo.ariUrl,
      ARI_USERNAME: demo.ariUsername,
      ARI_PASSWORD: demo.ariPassword,
      REDIS_URL: demo.redisUrl,
    });
  }
  const logger = pino({ level: config.LOG_LEVEL, name: 'dialer' });
  if (demo) logger.warn({ ari: demo.ariUrl }, 'dialer: DEMO_MODE — talking to the built-in ARI simulator, not Asterisk');
  const service = await createDialerService({ config, logger });
  await service.start();
  logger.info({ port: config.HTTP_PORT, ari: config.ARI_URL }, 'dialer: started');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'dialer: stopping: no new calls; waiting for live calls to end');
    service
      .drain(config.SHUTDOWN_GRACE_MS)
      .then(() => service.stop())
      .then(() => demo?.stop())
      .then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'dialer: unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
