/**
 * One commit for the writes of one synchronous piece of work (an ARI event and everything its
 * listeners write, a pass of the dial loop). Every statement outside a transaction is a commit
 * of its own, and on the call path those commits were SQLite's largest cost (bench/calls.ts:
 * an event writes the call row, a recording row, an agent's state log… each its own WAL commit).
 *
 * Not a transaction in the all-or-nothing sense: it commits even when the work throws, so what
 * was written stays written, exactly as without it. Transactions inside (drizzle's
 * `db.transaction`) become savepoints and keep their own all-or-nothing. Nothing is held open
 * across an await: the commit comes before the work's caller returns.
 */
import type Database from 'better-sqlite3';

export function oneCommit<T>(sqlite: Database.Database, work: () => T): T {
  if (sqlite.inTransaction) return work();
  sqlite.prepare('BEGIN').run();
  try {
    return work();
  } finally {
    if (sqlite.inTransaction) sqlite.prepare('COMMIT').run();
  }
}
