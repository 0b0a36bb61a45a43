/**
 * ari-client (and the swagger-client it bundles) can throw from inside socket callbacks,
 * where no caller can catch it. This guard keeps such an error from killing the dialer,
 * while any other uncaught exception still ends the process as Node would by default.
 */
import type { Logger } from 'pino';

const ARI_CLIENT_FRAMES = /node_modules[\\/](ari-client|swagger-client|shred|backoff-func)[\\/]/;

export function isFromAriClient(err: unknown): boolean {
  if (typeof err === 'string') return true; // ari-client rejects/throws bare strings; nothing else of ours does
  return err instanceof Error && typeof err.stack === 'string' && ARI_CLIENT_FRAMES.test(err.stack);
}

/** Installs the guard; returns a function that removes it. */
export function installAriClientGuard(log: Logger): () => void {
  const onUncaught = (err: unknown) => {
    if (isFromAriClient(err)) {
      log.error({ err }, 'ari-client threw outside any request; ignored');
      return;
    }
    // We are not the only handler (a test runner, say): leave the decision to it.
    if (process.listenerCount('uncaughtException') > 1) return;
    log.fatal({ err }, 'uncaught exception');
    process.exitCode = 1;
    // Give the logger a tick to flush, then exit as Node would have.
    setImmediate(() => process.exit(1));
  };
  process.on('uncaughtException', onUncaught);
  return () => process.off('uncaughtException', onUncaught);
}
