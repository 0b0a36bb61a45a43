import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oneCommit } from '../../src/db/one-commit.js';

describe('one commit for a piece of work', () => {
  let path: string;
  let a: Database.Database;
  let b: Database.Database;
  beforeEach(() => {
    path = join(mkdtempSync(join(tmpdir(), 'one-commit-')), 'db.sqlite');
    a = new Database(path);
    a.pragma('journal_mode = WAL');
    a.exec('create table t (x integer)');
    // A second connection sees only what is committed.
    b = new Database(path);
  });
  afterEach(() => {
    a.close();
    b.close();
  });
  const seen = () => (b.prepare('select count(*) as n from t').get() as { n: number }).n;

  it('commits every write of the work together, once it returns', () => {
    const during: number[] = [];
    const out = oneCommit(a, () => {
      a.prepare('insert into t values (1)').run();
      a.prepare('insert into t values (2)').run();
      during.push(seen());
      return 'done';
    });
    expect(out).toBe('done');
    expect(during).toEqual([0]);
    expect(seen()).toBe(2);
    expect(a.inTransaction).toBe(false);
  });

  it('keeps what was written before the work threw, as separate commits would', () => {
    expect(() =>
      oneCommit(a, () => {
        a.prepare('insert into t values (1)').run();
        throw new Error('listener bug');
      }),
    ).toThrow('listener bug');
    expect(seen()).toBe(1);
    expect(a.inTransaction).toBe(false);
  });

  it('leaves a transaction inside all-or-nothing (a savepoint), and joins one already open', () => {
    oneCommit(a, () => {
      a.prepare('insert into t values (1)').run();
      expect(() =>
        a.transaction(() => {
          a.prepare('insert into t values (2)').run();
          throw new Error('rolled back');
        })(),
      ).toThrow('rolled back');
      // nested: runs inside the open one, commits with it
      oneCommit(a, () => a.prepare('insert into t values (3)').run());
      expect(seen()).toBe(0);
    });
    expect(b.prepare('select x from t order by x').pluck().all()).toEqual([1, 3]);
  });
});
