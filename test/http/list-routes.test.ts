/**
 * List imports over HTTP: multipart uploads built by hand and sent through app.inject,
 * progress polling, the rejects download, and every refusal with its status and code.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportView } from '../../src/campaigns/import/import-view.js';
import { imports } from '../../src/db/schema.js';
import { fixture } from '../campaigns/import/support.js';
import { makeListApp, multipart, type FormPart, type ListApp } from './list-support.js';
import { errorOf } from './support.js';

let t: ListApp;
beforeEach(async () => {
  t = await makeListApp();
});
afterEach(async () => t.close());

const file = (name: string, content?: Buffer | string): FormPart => ({ name: 'file', filename: name, content: content ?? readFileSync(fixture(name)) });

async function upload(url: string, parts: FormPart[], headers = t.as.manager): Promise<LightMyRequestResponse> {
  const body = multipart(parts);
  return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...headers, ...body.headers } });
}

/** Polls GET /api/imports/:id (yielding to the import between polls) until it has ended. */
async function untilDone(id: number): Promise<ImportView> {
  for (let i = 0; i < 10_000; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: t.as.manager });
    const view = res.json() as ImportView;
    if (view.status !== 'running') return view;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`import ${id} never ended`);
}

describe('POST /api/campaigns/:id/imports', () => {
  it('takes a multipart upload, answers 202, and the import can be polled to its result', async () => {
    const res = await upload(`/api/campaigns/${t.campaignId}/imports`, [{ name: 'phoneColumn', value: '手机号' }, file('messy-numbers.csv')]);
    expect(res.statusCode).toBe(202);
    const started = res.json() as ImportView;
    expect(res.headers.location).toBe(`/api/imports/${started.id}`);
    expect(started).toMatchObject({ kind: 'contacts', campaignId: t.campaignId, fileName: 'messy-numbers.csv', phoneColumn: '手机号', status: 'running' });

    const done = await untilDone(started.id);
    expect(done).toMatchObject({ status: 'completed', encoding: 'utf-8', rows: 22, accepted: 12, rejected: 10, percent: 100, bytes: 710, bytesRead: 710 });
    expect(done.byReason).toEqual({
      'empty-row': 0,
      'wrong-column-count': 0,
      'row-too-long': 0,
      'unclosed-quote': 0,
      undecodable: 0,
      'missing-phone': 1,
      'invalid-number': 5,
      'unsupported-type': 2,
      'duplicate-in-file': 2,
      'duplicate-in-campaign': 0,
      'do-not-call': 0,
      'already-listed': 0,
    });
    expect(done.summary).toEqual({ malformed: 0, invalid: 8, duplicate: 2, doNotCall: 0 });
    // The spooled upload is removed once imported (just after the row says completed).
    await expect.poll(() => t.spooled()).toEqual([]);

    const rejects = await t.app.inject({ method: 'GET', url: done.rejectsUrl, headers: t.as.manager });
    expect(rejects.statusCode).toBe(200);
    expect(rejects.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(rejects.headers['content-disposition']).toBe(`attachment; filename="import-${done.id}-rejects.csv"`);
    const lines = rejects.body.split('\r\n');
    expect(lines[0]).toBe('\uFEFFline,reason,detail,raw');
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '14,invalid-number',
      '15,invalid-number',
      '16,missing-phone',
      '17,unsupported-type',
      '18,unsupported-type',
      '19,duplicate-in-file',
      '20,duplicate-in-file',
      '21,invalid-number',
      '22,invalid-number',
      '23,invalid-number',
    ]);

    const list = await t.app.inject({ method: 'GET', url: `/api/campaigns/${t.campaignId}/imports`, headers: t.as.manager });
    expect((list.json() as { imports: ImportView[] }).imports.map((i) => i.id)).toEqual([done.id]);
  });

  it('with ?wait=1 answers when the import has ended; GBK is detected and the phone column found by name', async () => {
    const res = await upload(`/api/campaigns/${t.campaignId}/imports?wait=1`, [file('gbk-excel.csv')]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', encoding: 'gb18030', phoneColumn: '手机号码', rows: 5, accepted: 3 });
  });

  it('says so when the same file comes again, and adds nothing', async () => {
    const first = await upload(`/api/campaigns/${t.campaignId}/imports?wait=1`, [file('messy-numbers.csv')]);
    const firstId = (first.json() as ImportView).id;
    const again = await upload(`/api/campaigns/${t.campaignId}/imports?wait=1`, [file('messy-numbers.csv', readFileSync(fixture('messy-numbers.csv')))]);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).error).toBe('DIALER_ERR_IMPORT_DUPLICATE_FILE');
    expect(errorOf(again).message).toContain(`as import ${firstId} with the same phone column; nothing was added`);
    expect(t.db.db.select().from(imports).all()).toHaveLength(1);
    expect(t.campaigns.pendingCount(t.campaignId)).toBe(12);
    expect(t.spooled()).toEqual([]);

    // Discarded, the same file is welcome again.
    const discard = await t.app.inject({ method: 'POST', url: `/api/imports/${firstId}/discard`, headers: t.as.manager });
    expect(discard.json()).toMatchObject({ removed: 12, keptBecauseDialed: 0 });
    expect(t.campaigns.pendingCount(t.campaignId)).toBe(0);
    const third = await upload(`/api/campaigns/${t.campaignId}/imports?wait=1`, [file('messy-numbers.csv')]);
    expect(third.json()).toMatchObject({ status: 'completed', accepted: 12 });
  });

  it.each([
    ['binary.dat', 'not a CSV text file: the file is binary data, not CSV text (490 control bytes in the first 4096)'],
    ['workbook.xlsx', 'not a CSV text file: the file is a ZIP archive (an Excel .xlsx workbook?); save it from Excel as "CSV UTF-8" first'],
  ])('refuses %s with 415 and keeps nothing', async (name, message) => {
    const res = await upload(`/api/campaigns/${t.campaignId}/imports`, [file(name)]);
    expect(res.statusCode).toBe(415);
    expect(errorOf(res)).toEqual({ error: 'DIALER_ERR_IMPORT_NOT_TEXT', message });
    expect(t.db.db.select().from(imports).all()).toEqual([]);
    expect(t.spooled()).toEqual([]);
  });

  it('refuses what cannot be imported with the reason', async () => {
    const url = `/api/campaigns/${t.campaignId}/imports`;
    const noFile = await upload(url, [{ name: 'phoneColumn', value: 'phone' }]);
    expect([noFile.statusCode, errorOf(noFile).error]).toEqual([400, 'DIALER_ERR_IMPORT_NO_FILE']);

    const json = await t.app.inject({ method: 'POST', url, payload: { file: 'x' }, headers: t.as.manager });
    expect([json.statusCode, errorOf(json).error]).toEqual([415, 'DIALER_ERR_REQUEST_UNSUPPORTED_MEDIA_TYPE']);

    const noPhone = await upload(url, [file('people.csv', 'name,city\nA,B\n')]);
    expect(noPhone.statusCode).toBe(422);
    expect(errorOf(noPhone)).toEqual({
      error: 'DIALER_ERR_IMPORT_UNREADABLE',
      message: 'the list cannot be imported: no phone column found in the header ("name", "city"); say which with phoneColumn (a name or a 1-based number)',
    });

    const badOption = await upload(url, [{ name: 'delimiter', value: '#' }, file('ragged.csv')]);
    expect([badOption.statusCode, errorOf(badOption).message]).toEqual([400, 'invalid request: form.delimiter: one of , ; tab |']);

    // Options after the file would come too late to apply: refused, not ignored, small file or large.
    for (const content of [readFileSync(fixture('ragged.csv')), `phone\n${'13812345678\n'.repeat(50_000)}`]) {
      const late = await upload(url, [file('late.csv', content), { name: 'phoneColumn', value: 'phone' }]);
      expect([late.statusCode, errorOf(late).message]).toEqual([
        400,
        'invalid request: form field phoneColumn came after the file; send options before the file part, or in the query string',
      ]);
    }
    expect(t.db.db.select().from(imports).all()).toEqual([]);

    const noCampaign = await upload('/api/campaigns/999/imports', [file('ragged.csv')]);
    expect([noCampaign.statusCode, errorOf(noCampaign).message]).toEqual([404, 'campaign 999 not found']);
    expect(t.spooled()).toEqual([]);
  });

  it('takes the list only from the field "file", and one file per upload (400 otherwise, nothing imported)', async () => {
    const url = `/api/campaigns/${t.campaignId}/imports`;
    const wrongField = await upload(url, [{ name: 'attachment', filename: 'list.csv', content: 'phone\n13812345678\n' }]);
    expect(wrongField.statusCode).toBe(400);
    expect(errorOf(wrongField)).toEqual({ error: 'DIALER_ERR_IMPORT_BAD_FORM', message: 'the upload form is not as expected: the list goes in the form field "file", not "attachment"' });
    const twoFiles = await upload(url, [file('one.csv', 'phone\n13812345678\n'), file('two.csv', 'phone\n13912345678\n')]);
    expect(twoFiles.statusCode).toBe(400);
    expect(errorOf(twoFiles)).toEqual({ error: 'DIALER_ERR_IMPORT_BAD_FORM', message: 'the upload form is not as expected: send one file per upload; this form has more than one' });
    const three = await upload(url, [file('one.csv', 'phone\n13812345678\n'), file('two.csv', 'x'), file('three.csv', 'y')]);
    expect(three.statusCode).toBe(400);
    expect(t.spooled()).toEqual([]);
    expect(t.db.db.select().from(imports).all()).toEqual([]);
  });

  it('refuses a file over the size limit with 413', async () => {
    const small = await makeListApp({ maxBytes: 2048 });
    try {
      const body = multipart([file('big.csv', `phone\n${'13812345678\n'.repeat(400)}`)]);
      const res = await small.app.inject({ method: 'POST', url: `/api/campaigns/${small.campaignId}/imports`, payload: body.payload, headers: { ...small.as.manager, ...body.headers } });
      expect(res.statusCode).toBe(413);
      expect(errorOf(res)).toEqual({ error: 'DIALER_ERR_IMPORT_TOO_LARGE', message: 'the file is larger than the 2048 bytes an import accepts' });
      expect(small.spooled()).toEqual([]);
      expect(small.db.db.select().from(imports).all()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('is for managers (and admins) only', async () => {
    for (const role of ['agent', 'qa'] as const) {
      const res = await upload(`/api/campaigns/${t.campaignId}/imports`, [file('ragged.csv')], t.as[role]);
      expect(res.statusCode).toBe(403);
    }
    const admin = await upload(`/api/campaigns/${t.campaignId}/imports?wait=1`, [file('ragged.csv')], t.as.admin);
    expect(admin.statusCode).toBe(200);
    const view = await t.app.inject({ method: 'GET', url: `/api/imports/${(admin.json() as ImportView).id}`, headers: t.as.agent });
    expect(view.statusCode).toBe(403);
  });

  it('shows a running import’s progress to a poller', async () => {
    const stream = new PassThrough();
    stream.write('phone\n');
    const job = await t.importer.begin({ kind: 'contacts', campaignId: t.campaignId, source: { stream }, fileName: 'live.csv', bytes: 12 * 2500 + 6 });
    const progressed = new Promise<void>((resolve) => t.importer.on('progress', (row) => row.rowsRead === 1000 && resolve()));
    stream.write(Array.from({ length: 1500 }, (_, i) => `1380000${String(i).padStart(4, '0')}\n`).join(''));
    await progressed;
    const res = await t.app.inject({ method: 'GET', url: `/api/imports/${job.id}`, headers: t.as.manager });
    expect(res.json()).toMatchObject({ status: 'running', rows: 1000, accepted: 1000, lastLine: 1001, percent: 60 });
    stream.end(Array.from({ length: 1000 }, (_, i) => `1380001${String(i).padStart(4, '0')}\n`).join(''));
    expect(await untilDone(job.id)).toMatchObject({ status: 'completed', rows: 2500, accepted: 2500, percent: 100 });
  });
});

describe('POST /api/do-not-call/imports', () => {
  it('imports numbers onto the global list, or a campaign’s', async () => {
    const global = await upload('/api/do-not-call/imports?wait=1', [file('dnc.csv')]);
    expect(global.statusCode).toBe(200);
    expect(global.json()).toMatchObject({ kind: 'do-not-call', campaignId: null, rows: 5, accepted: 3, status: 'completed' });
    expect(t.dnc.isBlocked(t.campaignId, '+8613812345678')).toBe(true);

    const other = t.campaigns.create({ name: 'other', openingMedia: 'sound:x' }).id;
    const own = await upload('/api/do-not-call/imports?wait=1', [
      { name: 'campaignId', value: String(other) },
      file('one.csv', 'phone\n186 1234 5678\n'),
    ]);
    expect(own.json()).toMatchObject({ kind: 'do-not-call', campaignId: other, accepted: 1 });
    expect(t.dnc.isBlocked(other, '+8618612345678')).toBe(true);
    expect(t.dnc.isBlocked(t.campaignId, '+8618612345678')).toBe(false);

    const list = await t.app.inject({ method: 'GET', url: '/api/do-not-call/imports', headers: t.as.manager });
    expect((list.json() as { imports: ImportView[] }).imports.map((i) => i.fileName)).toEqual(['dnc.csv']);

    // Taking a do-not-call import back off the list is for admins, as for single entries.
    const url = `/api/imports/${(global.json() as ImportView).id}/discard`;
    expect((await t.app.inject({ method: 'POST', url, headers: t.as.manager })).statusCode).toBe(403);
    expect(t.dnc.isBlocked(t.campaignId, '+8613812345678')).toBe(true);
    expect((await t.app.inject({ method: 'POST', url, headers: t.as.admin })).json()).toMatchObject({ removed: 3 });
    expect(t.dnc.isBlocked(t.campaignId, '+8613812345678')).toBe(false);
  });
});
