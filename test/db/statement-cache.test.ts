import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheStatements } from '../../src/db/statement-cache.js';

describe('the prepared-statement cache', () => {
  let sqlite: Database.Database;
  beforeEach(() => {
    sqlite = new Database(':memory:');
    sqlite.exec("create table t (a integer, b text); insert into t values (1, 'x'), (2, 'y')");
    cacheStatements(sqlite, 2);
  });
  afterEach(() => sqlite.close());

  it('hands back the same statement for the same SQL', () => {
    expect(sqlite.prepare('select a from t')).toBe(sqlite.prepare('select a from t'));
    expect(sqlite.prepare('select a from t')).not.toBe(sqlite.prepare('select b from t'));
  });

  it('resets the output modes a previous user switched on', () => {
    sqlite.prepare('select a, b from t order by a').raw(true).all();
    expect(sqlite.prepare('select a, b from t order by a').all()).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    sqlite.prepare('select a from t order by a').pluck(true).all();
    expect(sqlite.prepare('select a from t order by a').get()).toEqual({ a: 1 });
  });

  it('prepares a fresh statement while the cached one is iterating', () => {
    const outer = sqlite.prepare('select a from t order by a').pluck(true);
    const rows: Array<[number, unknown[]]> = [];
    for (const a of outer.iterate() as IterableIterator<number>) rows.push([a, sqlite.prepare('select a from t order by a').all()]);
    expect(rows).toEqual([
      [1, [{ a: 1 }, { a: 2 }]],
      [2, [{ a: 1 }, { a: 2 }]],
    ]);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const first = sqlite.prepare('select 1');
    const second = sqlite.prepare('select 2');
    expect(sqlite.prepare('select 1')).toBe(first); // now the most recent
    sqlite.prepare('select 3'); // evicts `select 2`
    expect(sqlite.prepare('select 1')).toBe(first);
    expect(sqlite.prepare('select 2')).not.toBe(second);
  });

  it('runs writes as before', () => {
    sqlite.prepare('insert into t values (?, ?)').run(3, 'z');
    sqlite.prepare('insert into t values (?, ?)').run(4, 'w');
    expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(4);
  });
});
