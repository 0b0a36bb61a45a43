/**
 * An import's life: progress while it runs, duplicates against the campaign and the
 * do-not-call lists, the same file again, failure with exactly what was committed, discard,
 * a process that died mid-import, and the rejects report.
 */
import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportRow } from '../../../src/campaigns/import/import-store.js';
import { rejectsCsv } from '../../../src/campaigns/import/import-view.js';
import type { ImportJob, ListImporter } from '../../../src/campaigns/import/list-importer.js';
import { contacts, imports } from '../../../src/db/schema.js';
import { fixture, makeImportEnv, type ImportEnv } from './support.js';

let env: ImportEnv;
beforeEach(() => {
  env = makeImportEnv({ batchRows: 100 });
});
afterEach(() => env.close());

/** Resolves with the first progress row that satisfies `until`. */
function progressUntil(importer: ListImporter, until: (row: ImportRow) => boolean): Promise<ImportRow> {
  return new Promise((resolve) => {
    const listener = (row: ImportRow) => {
      if (!until(row)) return;
      importer.off('progress', listener);
      resolve(row);
    };
    importer.on('progress', listener);
  });
}

/** Rows `from`..`to` of a generated list (header not included). */
const rowsCsv = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `1380000${String(from + i).padStart(4, '0')},name ${from + i}\n`).join('');

/** Starts a contacts import from a stream whose header has been written. */
async function streamImport(): Promise<{ stream: PassThrough; job: ImportJob }> {
  const stream = new PassThrough();
  stream.write('phone,name\n');
  const job = await env.importer.begin({ kind: 'contacts', campaignId: env.campaignId, source: { stream }, fileName: 'live.csv' });
  return { stream, job };
}

async function text(gen: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const part of gen) out += part;
  return out;
}

describe('list import lifecycle', () => {
  it('updates the imports row after every batch while it runs', async () => {
    const seen: number[] = [];
    env.importer.on('progress', (row) => seen.push(row.rowsRead));
    const { stream, job } = await streamImport();
    expect(job.row).toMatchObject({ status: 'running', rowsRead: 0, phoneColumn: 'phone' });

    // A slow source still shows progress: what was read is committed at least once a second.
    env.clock.advance(1000);
    const first = progressUntil(env.importer, () => true);
    stream.write(rowsCsv(1, 30));
    expect(await first).toMatchObject({ status: 'running', rowsRead: 30, accepted: 30, lastLine: 31 });

    // Then every 100 rows (batchRows).
    const at530 = progressUntil(env.importer, (r) => r.rowsRead >= 530);
    stream.write(rowsCsv(31, 550));
    expect(await at530).toMatchObject({ status: 'running', rowsRead: 530, accepted: 530, lastLine: 531 });
    // Anyone polling sees the same; the 20 rows read since are not committed yet.
    expect(env.importer.get(job.id)).toMatchObject({ status: 'running', rowsRead: 530 });
    expect(env.contactsOf()).toHaveLength(530);

    stream.end(rowsCsv(551, 1000));
    const done = await job.done;
    expect(done).toMatchObject({ status: 'completed', rowsRead: 1000, accepted: 1000, rejected: 0, lastLine: 1001 });
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(seen.slice(0, 6)).toEqual([30, 130, 230, 330, 430, 530]);
    expect(seen.at(-1)).toBe(1000);
  });

  it('does not dial numbers already in the campaign or on a do-not-call list, saying which', async () => {
    env.campaigns.addContacts(env.campaignId, [{ phone: '13812345678' }]);
    env.dnc.add({ phone: '+8613912345678', source: 'api' });
    env.dnc.add({ phone: '+8613712345678', campaignId: env.campaignId, source: 'api' });
    const other = env.campaigns.create({ name: 'other', openingMedia: 'sound:x' });
    env.dnc.add({ phone: '+8613612345678', campaignId: other.id, source: 'api' });

    const row = await env.run({ path: fixture('messy-numbers.csv') });
    expect(row).toMatchObject({ rowsRead: 22, accepted: 9 });
    expect(Object.fromEntries(Object.entries(row.counts).filter(([, n]) => n))).toEqual({
      'duplicate-in-campaign': 2,
      'do-not-call': 3,
      'missing-phone': 1,
      'invalid-number': 5,
      'unsupported-type': 2,
    });
    const byLine = new Map(env.rejects(row.id).map((r) => [r.line, [r.reason, r.detail]]));
    expect(byLine.get(2)).toEqual(['duplicate-in-campaign', 'already in the campaign (+8613812345678, added through the API)']);
    expect(byLine.get(3)).toEqual(['do-not-call', 'on the do-not-call list (+8613912345678)']);
    expect(byLine.get(5)).toEqual(['do-not-call', 'on the do-not-call list (+8613712345678)']);
    expect(byLine.get(19)).toEqual(['duplicate-in-campaign', 'already in the campaign (+8613812345678, added through the API)']);
    expect(byLine.get(20)).toEqual(['do-not-call', 'on the do-not-call list (+8613912345678)']);
    // Another campaign's list does not apply here.
    expect(env.contactsOf().map((c) => c.phone)).toContain('+8613612345678');
  });

  it('recognises the same file imported again and adds nothing', async () => {
    const first = await env.run({ path: fixture('messy-numbers.csv') });
    await expect(env.run({ path: fixture('messy-numbers.csv') })).rejects.toMatchObject({
      code: 'DIALER_ERR_IMPORT_DUPLICATE_FILE',
      statusCode: 409,
      message: `this file (sha256 ${first.sha256}) was imported on 2025-01-06T09:00:00.000Z (12 accepted, 10 rejected) into campaign ${env.campaignId} as import ${first.id} with the same phone column; nothing was added`,
    });
    expect(env.db.db.select().from(imports).all()).toHaveLength(1);
    expect(env.contactsOf()).toHaveLength(12);

    // Read with another phone column it is another import — and the contacts are still unique.
    const again = await env.run({ path: fixture('messy-numbers.csv') }, { phoneColumn: '2' });
    expect(again).toMatchObject({ status: 'completed', rowsRead: 22, accepted: 0 });
    // All twelve numbers, and the two repeats of them, are the first import's now.
    expect(again.counts['duplicate-in-campaign']).toBe(14);
    expect(env.contactsOf()).toHaveLength(12);

    // Once the first import is discarded, the file may come in again.
    expect(await env.importer.store.discard(first.id)).toMatchObject({ removed: 12, kept: 0 });
    expect(env.contactsOf()).toHaveLength(0);
    const third = await env.run({ path: fixture('messy-numbers.csv') });
    expect(third).toMatchObject({ accepted: 12 });
  });

  it('a failed import says exactly what it committed; discard removes it, keeping dialed contacts; importing again completes it', async () => {
    const { stream, job } = await streamImport();
    const at200 = progressUntil(env.importer, (r) => r.rowsRead >= 200);
    stream.write(rowsCsv(1, 250));
    await at200;
    job.cancel('the manager stopped it');
    const failed = await job.done;
    expect(failed).toMatchObject({ status: 'failed', rowsRead: 200, accepted: 200, lastLine: 201 });
    expect(failed.error).toBe('import cancelled: the manager stopped it; 200 rows up to line 201 were committed (200 accepted, 0 rejected)');
    const added = env.contactsOf();
    expect(added).toHaveLength(200);
    expect(new Set(added.map((c) => c.importId))).toEqual(new Set([job.id]));

    // One of them has been dialed already: discard keeps it.
    env.db.db.update(contacts).set({ status: 'dialing', attempts: 1 }).where(eq(contacts.id, added[0]!.id)).run();
    const discarded = await env.importer.store.discard(job.id);
    expect(discarded).toMatchObject({ removed: 199, kept: 1 });
    expect(discarded.row.discarded).toBe(199);
    expect(env.contactsOf()).toHaveLength(1);

    const whole = new PassThrough();
    whole.end(`phone,name\n${rowsCsv(1, 250)}`);
    const retry = await env.run({ stream: whole });
    expect(retry).toMatchObject({ status: 'completed', rowsRead: 250, accepted: 249 });
    expect(retry.counts['duplicate-in-campaign']).toBe(1);
    expect(env.contactsOf()).toHaveLength(250);
  });

  it('refuses to discard a running import', async () => {
    const { stream, job } = await streamImport();
    await expect(env.importer.store.discard(job.id)).rejects.toMatchObject({ code: 'DIALER_ERR_IMPORT_RUNNING', statusCode: 409 });
    stream.end();
    expect((await job.done).status).toBe('completed');
  });

  it('marks failed an import whose process died, with what it had committed', () => {
    const now = env.clock.now();
    const base = { kind: 'contacts', campaignId: env.campaignId, phoneColumn: 'phone', defaultRegion: 'CN', status: 'running' } as const;
    const cli = env.importer.store.create({ ...base, fileName: 'cli.csv', runner: 'cli:4242', startedAt: now, heartbeatAt: now, rowsRead: 4000, accepted: 3990, rejected: 10, lastLine: 4001 });
    const own = env.importer.store.create({ ...base, fileName: 'web.csv', runner: 'service', startedAt: now, heartbeatAt: now });
    expect(env.importer.recover()).toEqual([]);
    // The service restarting knows none of its own imports can still be running.
    expect(env.importer.recover({ atStart: true })).toEqual([own.id]);
    expect(env.importer.get(own.id)).toMatchObject({
      status: 'failed',
      error: 'interrupted: the service stopped during the import; 0 rows up to line 1 were committed (0 accepted, 0 rejected)',
    });
    expect(env.importer.get(cli.id).status).toBe('running');
    env.clock.advance(60_001);
    expect(env.importer.get(cli.id)).toMatchObject({
      status: 'failed',
      error: 'interrupted: no progress for 60 s (the importing process stopped); 4000 rows up to line 4001 were committed (3990 accepted, 10 rejected)',
    });
  });

  it('writes the rejects report as CSV for Excel, page by page', async () => {
    const row = await env.run({ path: fixture('messy-numbers.csv') });
    const report = await text(rejectsCsv((after) => env.importer.store.rejectsPage(row.id, after, 3)));
    const lines = report.split('\r\n');
    expect(lines[0]).toBe('\uFEFFline,reason,detail,raw');
    expect(lines).toHaveLength(1 + 10 + 1);
    expect(lines[1]).toBe('14,invalid-number,written in scientific notation (Excel rounded it); format the column as text,1.3812345678E+10');
    // A value Excel would run as a formula stays text.
    expect(lines[7]).toBe("20,duplicate-in-file,same number as an earlier row (+8613912345678),'+8613912345678");
    const fresh = env.campaigns.create({ name: 'fresh', openingMedia: 'sound:x' });
    const quoted = await env.run({ path: fixture('quoted.csv') }, { campaignId: fresh.id });
    const report2 = await text(rejectsCsv((after) => env.importer.store.rejectsPage(quoted.id, after, 1000)));
    expect(report2.split('\r\n')[1]).toBe('8,invalid-number,more than one number in the cell,"13512345678,13412345678"');
  });
});
