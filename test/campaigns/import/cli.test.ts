/**
 * `npm run import`: the command-line importer, in-process for the cases and once as a real
 * process through tsx.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CampaignStore } from '../../../src/campaigns/campaign-store.js';
import { DoNotCallStore } from '../../../src/campaigns/do-not-call.js';
import { runImportCli, type CliIo } from '../../../src/campaigns/import/cli.js';
import { systemClock } from '../../../src/clock.js';
import { openDatabase } from '../../../src/db/database.js';
import { contacts, imports } from '../../../src/db/schema.js';
import { fixture } from './support.js';

const root = join(import.meta.dirname, '..', '..', '..');
let dir: string;
let dbPath: string;
let campaignId: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
  dbPath = join(dir, 'dialer.db');
  const db = openDatabase(dbPath);
  campaignId = new CampaignStore(db.db, systemClock).create({ name: 'cli', openingMedia: 'sound:x' }).id;
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io(extra: Partial<CliIo> = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { env: { DATABASE_PATH: dbPath }, out: (s) => void stdout.push(s), err: (s) => void stderr.push(s), stdout, stderr, ...extra };
}

function inDb<T>(read: (db: ReturnType<typeof openDatabase>['db']) => T): T {
  const db = openDatabase(dbPath);
  try {
    return read(db.db);
  } finally {
    db.close();
  }
}

describe('npm run import', () => {
  it('imports a list into a campaign, prints the result and writes the rejects report', async () => {
    const out = io();
    const rejects = join(dir, 'rejects.csv');
    const code = await runImportCli(['--campaign', String(campaignId), '--file', fixture('messy-numbers.csv'), '--phone-column', '手机号', '--rejects', rejects], out);
    expect(code).toBe(0);
    expect(out.stdout.join('')).toBe(
      [
        'import 1 completed: messy-numbers.csv (utf-8, phone column "手机号")',
        '  rows 22, accepted 12, rejected 10',
        '           1  missing-phone — the phone column is empty',
        '           5  invalid-number — not a valid phone number',
        '           2  unsupported-type — not a mobile or fixed-line number',
        '           2  duplicate-in-file — the same number appears earlier in this file',
        `rejects written to ${rejects}`,
        '',
      ].join('\n'),
    );
    expect(out.stderr.join('')).toBe('line 23: 22 rows, 12 accepted, 10 rejected (100%)\n');
    expect(readFileSync(rejects, 'utf8').split('\r\n')).toHaveLength(12);
    expect(inDb((db) => db.select().from(contacts).all())).toHaveLength(12);
    expect(inDb((db) => db.select().from(imports).get())).toMatchObject({ runner: `cli:${process.pid}`, status: 'completed' });
  });

  it('refuses the same file twice, a binary file and bad arguments with status 2', async () => {
    await runImportCli(['--campaign', String(campaignId), '--file', fixture('ragged.csv')], io());
    const again = io();
    expect(await runImportCli(['--campaign', String(campaignId), '--file', fixture('ragged.csv')], again)).toBe(2);
    expect(again.stderr.join('')).toMatch(/^refused: this file \(sha256 [0-9a-f]{64}\) was imported on .* as import 1 with the same phone column; nothing was added\n$/);

    const binary = io();
    expect(await runImportCli(['--campaign', String(campaignId), '--file', fixture('binary.dat')], binary)).toBe(2);
    expect(binary.stderr.join('')).toBe('refused: not a CSV text file: the file is binary data, not CSV text (490 control bytes in the first 4096)\n');

    for (const argv of [['--file', 'x.csv'], ['--campaign', 'abc', '--file', 'x.csv'], ['--campaign', '1'], ['--bogus']]) {
      const bad = io();
      expect(await runImportCli(argv, bad)).toBe(2);
      expect(bad.stderr.join('')).toContain('usage: npm run import --');
    }
  });

  it('imports do-not-call numbers onto the global list with --dnc', async () => {
    expect(await runImportCli(['--dnc', '--file', fixture('dnc.csv')], io())).toBe(0);
    const blocked = inDb((db) => new DoNotCallStore(db, systemClock).isBlocked(campaignId, '+8613912345678'));
    expect(blocked).toBe(true);
  });

  it('Ctrl-C stops the import, which is marked failed with what it committed', async () => {
    const out = io({ onCancel: (cancel) => cancel('stopped from the command line (SIGINT)') });
    expect(await runImportCli(['--campaign', String(campaignId), '--file', fixture('messy-numbers.csv')], out)).toBe(1);
    expect(out.stdout.join('')).toContain('import cancelled: stopped from the command line (SIGINT); 0 rows up to line 1 were committed (0 accepted, 0 rejected)');
    expect(inDb((db) => db.select().from(imports).get())).toMatchObject({ status: 'failed', rowsRead: 0 });
  });

  it('runs as its own process', () => {
    const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'campaigns', 'import', 'cli.ts'), '--campaign', String(campaignId), '--file', fixture('gbk-excel.csv')], {
      env: { ...process.env, DATABASE_PATH: dbPath },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('import 1 completed: gbk-excel.csv (gb18030, phone column "手机号码")');
  });
});
