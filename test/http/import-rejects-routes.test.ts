/**
 * The paged rejects of an import (GET /api/imports/:id/rejects/page): file order, the
 * cursor to the next page, the total, the same rows as the CSV report, and who may read it.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportView } from '../../src/campaigns/import/import-view.js';
import type { RejectsPage } from '../../src/http/routes/import-rejects-routes.js';
import { fixture } from '../campaigns/import/support.js';
import { makeListApp, multipart, type ListApp } from './list-support.js';
import { errorOf } from './support.js';

let t: ListApp;
beforeEach(async () => {
  t = await makeListApp();
});
afterEach(async () => t.close());

async function importMessy(): Promise<ImportView> {
  const body = multipart([{ name: 'file', filename: 'messy-numbers.csv', content: readFileSync(fixture('messy-numbers.csv')) }]);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/campaigns/${t.campaignId}/imports?wait=1`,
    payload: body.payload,
    headers: { ...t.as.manager, ...body.headers },
  });
  expect(res.statusCode).toBe(200);
  return res.json() as ImportView;
}

const page = (id: number, query: string, headers = t.as.manager) => t.app.inject({ method: 'GET', url: `/api/imports/${id}/rejects/page${query}`, headers });

describe('GET /api/imports/:id/rejects/page', () => {
  it('pages through the rejects in file order, with the total and the cursor to the next page', async () => {
    const done = await importMessy();
    expect(done.rejected).toBe(10);

    const first = (await page(done.id, '?limit=4')).json() as RejectsPage;
    expect(first.total).toBe(10);
    expect(first.rejects.map((r) => [r.line, r.reason, r.raw])).toEqual([
      [14, 'invalid-number', '1.3812345678E+10'],
      [15, 'invalid-number', '12345'],
      [16, 'missing-phone', ''],
      [17, 'unsupported-type', '400-810-8888'],
    ]);
    expect(first.rejects[3]!.detail).toBe('a shared-cost number; only mobile and fixed-line numbers are dialed');
    expect(first.next).toBe(first.rejects[3]!.id);

    const lines: number[] = first.rejects.map((r) => r.line);
    let next = first.next;
    while (next !== null) {
      const p = (await page(done.id, `?limit=4&after=${next}`)).json() as RejectsPage;
      lines.push(...p.rejects.map((r) => r.line));
      next = p.next;
    }
    expect(lines).toEqual([14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);

    // The same rows as the CSV report.
    const csv = (await t.app.inject({ method: 'GET', url: `/api/imports/${done.id}/rejects`, headers: t.as.manager })).body;
    expect(csv.trim().split('\r\n').slice(1).map((l) => Number(l.split(',')[0]))).toEqual(lines);
  });

  it('refuses bad paging, unknown imports, and roles other than manager and admin', async () => {
    const done = await importMessy();
    expect((await page(done.id, '?limit=0')).statusCode).toBe(400);
    expect(errorOf(await page(done.id, '?limit=1000')).error).toBe('DIALER_ERR_REQUEST_INVALID');
    expect((await page(9999, '')).statusCode).toBe(404);
    expect((await page(done.id, '', t.as.agent)).statusCode).toBe(403);
    expect((await page(done.id, '', t.as.qa)).statusCode).toBe(403);
    expect((await page(done.id, '', t.as.admin)).statusCode).toBe(200);
  });
});
