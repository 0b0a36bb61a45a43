/**
 * WAL checkpoints in a worker thread. SQLite copies the write-ahead log back into the database
 * file (a checkpoint) from inside whichever commit pushes the log past its limit; with
 * `synchronous = NORMAL` that copy syncs both files to disk, and on the call path it blocked
 * the event loop for 4–10 ms every few hundred commits (bench/calls.ts): a customer answering
 * just then waited that much longer for the opening. A second connection in a worker thread
 * checkpoints instead, every `everyMs`, without blocking the service's writes (WAL mode lets
 * a checkpoint run beside a writer).
 *
 * The service's own connection keeps a high automatic limit as a backstop, so a log never
 * grows without bound if the worker stops.
 */
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointerOptions {
  /** How often the worker checkpoints. */
  everyMs: number;
  /** The service connection's own automatic checkpoint, in pages, should the worker fall behind. */
  backstopPages: number;
  /** Told when the worker cannot open the database, or a checkpoint fails (it keeps trying). */
  onError?: (message: string) => void;
}

export const WAL_CHECKPOINTER_DEFAULTS: WalCheckpointerOptions = { everyMs: 1_000, backstopPages: 20_000 };

export interface WalCheckpointer {
  /** Stops the worker after a last checkpoint; the service's connection can then close. */
  stop(): Promise<void>;
}

// Plain CommonJS, run with `eval`: the same in tests, under tsx and in the built service.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const report = (err) => parentPort.postMessage({ error: String((err && err.message) || err) });
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 1000');
} catch (err) {
  report(err);
  db = null;
}
const checkpoint = () => {
  if (!db) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    report(err);
  }
};
const timer = db ? setInterval(checkpoint, workerData.everyMs) : null;
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  if (db) db.close();
  parentPort.close();
});
`;

/** Starts checkpointing `path` (opened by `sqlite`) in a worker; a ':memory:' database needs none. */
export function startWalCheckpointer(sqlite: Database.Database, path: string, options: Partial<WalCheckpointerOptions> = {}): WalCheckpointer {
  const o = { ...WAL_CHECKPOINTER_DEFAULTS, ...options };
  if (path === ':memory:' || sqlite.memory) return { stop: () => Promise.resolve() };
  sqlite.pragma(`wal_autocheckpoint = ${o.backstopPages}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, everyMs: o.everyMs } });
  // The worker must never keep a stopping process alive.
  worker.unref();
  worker.on('message', (m: { error?: string }) => {
    if (m.error) o.onError?.(m.error);
  });
  worker.on('error', (err: unknown) => o.onError?.(String((err as Error | undefined)?.message ?? err)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
