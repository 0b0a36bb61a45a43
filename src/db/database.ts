/**
 * Opens the SQLite file (WAL, foreign keys on) and applies the drizzle-kit migrations.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';
import { cacheStatements } from './statement-cache.js';

/** Drizzle over better-sqlite3; `$client` is the driver, for streaming large reads. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabaseResult {
  db: Db;
  /** The raw handle, for pragmas, backups and closing. */
  sqlite: Database.Database;
  close(): void;
}

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens (creating if needed) the database at `path` (or ':memory:') and migrates it. */
export function openDatabase(path: string): OpenDatabaseResult {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  // WAL with NORMAL sync is durable across process crashes (not power loss), at a fraction of the fsyncs.
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  // Foreign keys are off while migrating: drizzle rebuilds a table to change a column (create a
  // copy, DROP the old one, rename), all inside its one transaction, where the migration's own
  // `PRAGMA foreign_keys=OFF` has no effect; with them on, the DROP of a parent such as
  // `campaigns` deletes every row that cascades from it (contacts, calls…). SQLite's own
  // procedure for such changes: https://www.sqlite.org/lang_altertable.html#otheralter
  sqlite.pragma('foreign_keys = OFF');
  const before = appliedMigrations(sqlite);
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  // Checked only when migrations ran (the check reads every table).
  if (appliedMigrations(sqlite) !== before) {
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length) throw new Error(`database: the migrations left ${broken.length} rows breaking a foreign key, e.g. ${JSON.stringify(broken[0])}`);
  }
  sqlite.pragma('foreign_keys = ON');
  cacheStatements(sqlite);
  return { db, sqlite, close: () => sqlite.close() };
}

/** How many migrations the database has recorded (drizzle's own table). */
function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'`).get();
  return table ? (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n : 0;
}
