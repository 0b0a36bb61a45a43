/**
 * Queries built once. Drizzle builds a query's SQL from its object tree on every call, and on
 * the call path that build cost more than SQLite's own work (bench/calls.ts, a CPU profile at
 * full pace: a quarter of the dialer's CPU in drizzle's builders, for a few dozen writes per
 * call). The hot stores build their queries once, with placeholders, through drizzle's
 * `.prepare()`; the statement cache (statement-cache.ts) then also finds SQLite's compiled
 * statement for the text.
 *
 * - {@link once}: a fixed query, built on first use.
 * - {@link RowWriter}: inserts and updates by key whose set of columns varies from call to call
 *   (a call row gets a different few columns at each moment of the call): one prepared query
 *   per set of column names, built the first time that set is seen.
 */
import { eq, getTableColumns, sql, type Placeholder } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteInsertValue, SQLiteTable, SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import type { Db } from './database.js';

/** A query built on first use and kept. */
export function once<T>(build: () => T): () => T {
  let query: T | undefined;
  return () => (query ??= build());
}

/** Drizzle's placeholder, named after the value it stands for. */
export const placeholder = <N extends string>(name: N): Placeholder<N> => sql.placeholder(name);

/**
 * A query whose SQL depends only on a small number (how many values an `in (…)` list has):
 * built once per number, on first use. `placeholders(prefix, n)` names the list's values
 * `${prefix}0` … `${prefix}${n − 1}`; `listValues` fills them.
 */
export function perCount<T>(build: (n: number) => T): (n: number) => T {
  const built = new Map<number, T>();
  return (n) => {
    let q = built.get(n);
    if (q === undefined) built.set(n, (q = build(n)));
    return q;
  };
}

export const placeholders = (prefix: string, n: number): Placeholder[] => Array.from({ length: n }, (_, i) => placeholder(`${prefix}${i}`));

export function listValues(prefix: string, values: readonly unknown[], into: Record<string, unknown> = {}): Record<string, unknown> {
  values.forEach((v, i) => (into[`${prefix}${i}`] = v));
  return into;
}

interface RunnableQuery {
  run(values?: Record<string, unknown>): unknown;
}

/** A signature of the columns a write sets: their names, with the nulls apart (null is written as SQL `null`, not encoded). */
function signatureOf(values: Record<string, unknown>): { key: string; names: string[]; nulls: string[] } {
  const names: string[] = [];
  const nulls: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    (value === null ? nulls : names).push(name);
  }
  return { key: `${names.join(',')}|${nulls.join(',')}`, names, nulls };
}

/** Keeps a bounded number of prepared queries per shape (a shape is a set of column names). */
class ShapeCache {
  private readonly queries = new Map<string, RunnableQuery>();

  constructor(private readonly capacity: number) {}

  get(key: string, build: () => RunnableQuery): RunnableQuery {
    let q = this.queries.get(key);
    if (!q) {
      q = build();
      // Shapes come from code, not data, so there are few; the bound only guards against a bug.
      if (this.queries.size >= this.capacity) this.queries.delete(this.queries.keys().next().value as string);
      this.queries.set(key, q);
    }
    return q;
  }
}

/**
 * Writes to one table: inserts, and updates of the row with a given key, each through a query
 * prepared once per set of columns. Values are encoded by their columns as drizzle would
 * (JSON, booleans, timestamps); SQL expressions are not accepted (use a plain drizzle query).
 */
export class RowWriter<T extends SQLiteTable, K extends SQLiteColumn> {
  private readonly inserts = new ShapeCache(64);
  private readonly updates = new ShapeCache(64);

  constructor(
    private readonly db: Db,
    private readonly table: T,
    private readonly keyColumn: K,
  ) {
    // A column's $defaultFn / $onUpdateFn would run once, when the query is built, not per row.
    for (const [name, col] of Object.entries(getTableColumns(table))) {
      if (col.defaultFn || col.onUpdateFn) throw new Error(`RowWriter: column ${name} has a default function; write it with a plain drizzle query`);
    }
  }

  insert(values: T['$inferInsert']): void {
    const { key, names, nulls } = signatureOf(values as Record<string, unknown>);
    this.inserts
      .get(key, () => {
        const shape: Record<string, unknown> = {};
        for (const n of names) shape[n] = placeholder(n);
        for (const n of nulls) shape[n] = null;
        return this.db.insert(this.table).values(shape as SQLiteInsertValue<T>).prepare();
      })
      .run(values as Record<string, unknown>);
  }

  /** Sets the given columns of the row whose key is `keyValue`; returns how many rows changed. */
  update(keyValue: K['_']['data'], patch: Partial<T['$inferInsert']>): number {
    const { key, names, nulls } = signatureOf(patch as Record<string, unknown>);
    if (names.length === 0 && nulls.length === 0) return 0;
    const query = this.updates.get(key, () => {
      const set: Record<string, unknown> = {};
      for (const n of names) set[n] = placeholder(n);
      for (const n of nulls) set[n] = sql`null`;
      return this.db
        .update(this.table)
        .set(set as SQLiteUpdateSetSource<T>)
        .where(eq(this.keyColumn, placeholder('__key')))
        .prepare();
    });
    const result = query.run({ ...(patch as Record<string, unknown>), __key: keyValue }) as { changes: number };
    return result.changes;
  }
}
