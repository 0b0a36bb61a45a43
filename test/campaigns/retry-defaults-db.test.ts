/**
 * The database's own defaults for a campaign's retry rules are the manuals' (002: an
 * unanswered customer gets at least 3 attempts, at least 15 minutes apart) and the same as
 * the code's, so a campaign row written without them (an old client, a hand-made row, a
 * migration back-fill) is dialed by the rules.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_DELAYS_SEC, MIN_DEFAULT_RETRY_GAP_SEC } from '../../src/campaigns/retry-rules.js';
import { MIGRATIONS_DIR, openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';

let opened: OpenDatabaseResult | undefined;
afterEach(() => {
  opened?.close();
  opened = undefined;
});

describe('the campaigns table’s retry defaults (manual 002)', () => {
  it('a row inserted without retry rules gets at least 3 attempts, every delay at least 15 minutes, equal to the code’s defaults', () => {
    opened = openDatabase(':memory:');
    opened.sqlite.prepare(`insert into campaigns (name, opening_media, created_at, updated_at) values ('bare', '', 0, 0)`).run();
    const row = opened.sqlite.prepare('select max_attempts as maxAttempts, retry_delays_sec as delays from campaigns').get() as { maxAttempts: number; delays: string };
    const delays = JSON.parse(row.delays) as Record<string, number | null>;
    expect(row.maxAttempts).toBeGreaterThanOrEqual(3);
    expect(row.maxAttempts).toBe(DEFAULT_MAX_ATTEMPTS);
    expect(delays).toEqual(DEFAULT_RETRY_DELAYS_SEC);
    for (const [outcome, sec] of Object.entries(delays)) expect(sec, outcome).toBeGreaterThanOrEqual(MIN_DEFAULT_RETRY_GAP_SEC);
  });
});

describe('upgrading a database with data across the migration that rebuilds the campaigns table', () => {
  it('keeps every campaign, contact and call (a rebuild drops the old table: with foreign keys on, that would cascade)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialer-upgrade-'));
    try {
      // The database as the previous release left it: the migrations before this one, foreign keys on.
      const folder = join(dir, 'migrations');
      cpSync(MIGRATIONS_DIR, folder, { recursive: true });
      const journalPath = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
      const at = journal.entries.findIndex((e) => /retry_defaults$/.test(e.tag));
      expect(at).toBeGreaterThan(0);
      writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      const path = join(dir, 'dialer.db');
      const old = new Database(path);
      old.pragma('foreign_keys = ON');
      migrate(drizzle(old), { migrationsFolder: folder });
      old.prepare(`insert into campaigns (name, opening_media, created_at, updated_at, retry_delays_sec) values ('old', '', 0, 0, '{"busy":1200}')`).run();
      old.prepare(`insert into contacts (campaign_id, phone, created_at) values (1, '+8613800000001', 0)`).run();
      old.prepare(`insert into calls (id, campaign_id, contact_id, phone, endpoint, channel_id, state, originated_at) values ('c1', 1, 1, '+8613800000001', 'x', 'ch', 'ended', 0)`).run();
      old.close();

      opened = openDatabase(path);
      const count = (table: string) => (opened!.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      expect([count('campaigns'), count('contacts'), count('calls')]).toEqual([1, 1, 1]);
      // A manager's own setting is kept; a new row gets the new default.
      expect(opened.sqlite.prepare('select retry_delays_sec as d from campaigns where id = 1').get()).toEqual({ d: '{"busy":1200}' });
      opened.sqlite.prepare(`insert into campaigns (name, opening_media, created_at, updated_at) values ('new', '', 0, 0)`).run();
      expect(JSON.parse((opened.sqlite.prepare('select retry_delays_sec as d from campaigns where id = 2').get() as { d: string }).d)).toEqual(DEFAULT_RETRY_DELAYS_SEC);
      expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      opened?.close();
      opened = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
