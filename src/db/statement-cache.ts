/**
 * Keeps prepared statements for reuse. Drizzle prepares its SQL afresh on every query, and
 * SQLite's compile was the largest single cost on the call path (bench/calls.ts: a third of
 * the dialer's CPU at full pace went to building and preparing statements it had prepared a
 * moment before). The handle's `prepare` is wrapped: the same SQL text gets the same
 * statement back, its output modes reset (drizzle switches `raw` on for some reads), unless
 * it is busy (an `iterate()` in progress), in which case a fresh one is prepared.
 */
import type Database from 'better-sqlite3';

export function cacheStatements(sqlite: Database.Database, capacity = 500): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  const cached = (source: string): Database.Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      // Most recently used last, so the oldest is the first key.
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const fresh = prepare(source);
    if (hit) return fresh; // the cached one is iterating; this one is used once
    cache.set(source, fresh);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return fresh;
  };
  sqlite.prepare = cached as typeof sqlite.prepare;
}
