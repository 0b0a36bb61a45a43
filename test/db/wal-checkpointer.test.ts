import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWalCheckpointer } from '../../src/db/wal-checkpointer.js';
import { waitFor } from '../support/harness.js';

describe('WAL checkpoints in a worker thread', () => {
  let dir: string;
  let path: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
    path = join(dir, 'db.sqlite');
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('create table t (x integer, pad text)');
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const fileBytes = () => statSync(path).size;
  const write = (rows: number) => {
    const insert = db.prepare('insert into t values (?, ?)');
    for (let i = 0; i < rows; i++) insert.run(i, 'x'.repeat(200));
  };

  it('copies the log into the database file itself, while the service connection only appends', async () => {
    const checkpointer = startWalCheckpointer(db, path, { everyMs: 20, backstopPages: 1_000_000 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000_000);
    const before = fileBytes();
    // About 300 pages of log: far below the backstop, so only the worker can move them.
    write(5_000);
    await waitFor('the worker checkpointed', () => fileBytes() > before + 500_000);
    await checkpointer.stop();
    // The data is all there, and the connection closes normally after the worker has gone.
    expect((db.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(5_000);
    db.close();
    const reopened = new Database(path, { readonly: true });
    expect((reopened.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(5_000);
    reopened.close();
  });

  it('without the worker the same writes stay in the log (the backstop is the only automatic checkpoint)', () => {
    db.pragma('wal_autocheckpoint = 1000000');
    const before = fileBytes();
    write(5_000);
    expect(fileBytes()).toBe(before);
  });

  it('stops at once when nothing is left to do, and needs no worker for a database in memory', async () => {
    const checkpointer = startWalCheckpointer(db, path, { everyMs: 60_000 });
    await checkpointer.stop();
    const memory = new Database(':memory:');
    await startWalCheckpointer(memory, ':memory:').stop();
    memory.close();
  });

  it('reports a database the worker cannot open, and still stops cleanly', async () => {
    const errors: string[] = [];
    const checkpointer = startWalCheckpointer(db, join(dir, 'missing.sqlite'), { everyMs: 20, onError: (m) => errors.push(m) });
    await waitFor('the error reported', () => errors.length > 0);
    expect(errors[0]).toMatch(/unable to open|does not exist|no such file/i);
    await checkpointer.stop();
  });
});
