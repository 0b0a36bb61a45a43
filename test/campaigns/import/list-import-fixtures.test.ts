/**
 * Every messy list in test/fixtures/lists gives exact counts and reasons, and every data
 * row is accounted for: accepted + the rejects by reason = rows read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportRow } from '../../../src/campaigns/import/import-store.js';
import { imports } from '../../../src/db/schema.js';
import { fixture, makeImportEnv, type ImportEnv } from './support.js';

let env: ImportEnv;
beforeEach(() => {
  env = makeImportEnv({ batchRows: 4 });
});
afterEach(() => env.close());

/** The nonzero reject counts, and a check that every row is accounted for. */
function counts(row: ImportRow): Record<string, number> {
  const nonzero = Object.fromEntries(Object.entries(row.counts).filter(([, n]) => n > 0));
  expect(row.accepted + Object.values(row.counts).reduce((a, b) => a + b, 0)).toBe(row.rowsRead);
  expect(row.rejected).toBe(row.rowsRead - row.accepted);
  return nonzero;
}

const lineReasonRaw = (importId: number) => env.rejects(importId).map((r) => [r.line, r.reason, r.raw]);

describe('list import fixtures', () => {
  it('messy-numbers.csv: every way of writing a number, and the ones that are not dialed', async () => {
    const row = await env.run({ path: fixture('messy-numbers.csv') });
    expect(row).toMatchObject({ status: 'completed', encoding: 'utf-8', phoneColumn: '手机号', rowsRead: 22, accepted: 12, lastLine: 23, error: null });
    expect(counts(row)).toEqual({ 'missing-phone': 1, 'invalid-number': 5, 'unsupported-type': 2, 'duplicate-in-file': 2 });
    expect(lineReasonRaw(row.id)).toEqual([
      [14, 'invalid-number', '1.3812345678E+10'],
      [15, 'invalid-number', '12345'],
      [16, 'missing-phone', ''],
      [17, 'unsupported-type', '400-810-8888'],
      [18, 'unsupported-type', '800-810-8888'],
      [19, 'duplicate-in-file', '138 1234 5678'],
      [20, 'duplicate-in-file', '+8613912345678'],
      [21, 'invalid-number', 'abc'],
      [22, 'invalid-number', '13812345678/13912345679'],
      [23, 'invalid-number', '010-6512 3456 转 801'],
    ]);
    expect(env.rejects(row.id).map((r) => r.detail).slice(3, 6)).toEqual([
      'a shared-cost number; only mobile and fixed-line numbers are dialed',
      'a toll-free number; only mobile and fixed-line numbers are dialed',
      'same number as an earlier row (+8613812345678)',
    ]);
    const saved = env.contactsOf();
    expect(saved.map((c) => c.phone)).toEqual([
      '+8613812345678',
      '+8613912345678',
      '+8613912345679',
      '+8613712345678',
      '+8613612345678',
      '+8613512345678',
      '+8613412345678',
      '+8613312345678',
      '+861065123456',
      '+8675588881234',
      '+862161234567',
      '+8613212345678',
    ]);
    expect(saved[0]).toMatchObject({ fields: { 姓名: '张三', 城市: '北京' }, importId: row.id, status: 'pending' });
  });

  it('bom-utf8.csv: the BOM is not part of the first column name', async () => {
    const row = await env.run({ path: fixture('bom-utf8.csv') });
    expect(row).toMatchObject({ encoding: 'utf-8-bom', phoneColumn: 'phone', rowsRead: 3, accepted: 2 });
    expect(counts(row)).toEqual({ 'invalid-number': 1 });
    expect(lineReasonRaw(row.id)).toEqual([[4, 'invalid-number', '12345']]);
    expect(env.contactsOf().map((c) => [c.phone, c.fields])).toEqual([
      ['+8613812345678', { name: '李娜', city: '北京' }],
      ['+8613912345678', { name: '王伟', city: '上海' }],
    ]);
  });

  it('gbk-excel.csv: GBK bytes from Excel are detected and decoded', async () => {
    const bytes = readFileSync(fixture('gbk-excel.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const row = await env.run({ path: fixture('gbk-excel.csv') });
    expect(row).toMatchObject({ encoding: 'gb18030', phoneColumn: '手机号码', rowsRead: 5, accepted: 3 });
    expect(counts(row)).toEqual({ 'unsupported-type': 1, 'duplicate-in-file': 1 });
    expect(lineReasonRaw(row.id)).toEqual([
      [5, 'unsupported-type', '4008108888'],
      [6, 'duplicate-in-file', '13812345678'],
    ]);
    expect(env.contactsOf().map((c) => [c.phone, c.fields])).toEqual([
      ['+8613812345678', { 客户姓名: '张伟', 地址: '北京市朝阳区', 备注: '老客户' }],
      ['+8613912345678', { 客户姓名: '王芳', 地址: '上海市浦东新区' }],
      ['+861065123456', { 客户姓名: '李娜', 地址: '北京市东城区', 备注: '座机' }],
    ]);
  });

  it('ragged.csv: rows with another column count are refused, trailing empty cells are not', async () => {
    const row = await env.run({ path: fixture('ragged.csv') });
    expect(row).toMatchObject({ rowsRead: 6, accepted: 3 });
    expect(counts(row)).toEqual({ 'wrong-column-count': 3 });
    expect(env.rejects(row.id).map((r) => [r.line, r.raw, r.detail])).toEqual([
      [3, '13812345679,Bob', '2 columns; the header has 3'],
      [4, '13812345680,Carol,Shanghai,extra', '4 columns; the header has 3'],
      [6, '13812345682', '1 column; the header has 3'],
    ]);
    expect(env.contactsOf().map((c) => c.phone)).toEqual(['+8613812345678', '+8613812345681', '+8613812345683']);
  });

  it('empty-lines.csv: blank lines and rows of empty cells are counted, not skipped', async () => {
    const row = await env.run({ path: fixture('empty-lines.csv') });
    expect(row).toMatchObject({ rowsRead: 8, accepted: 3, lastLine: 9 });
    expect(counts(row)).toEqual({ 'empty-row': 5 });
    expect(lineReasonRaw(row.id)).toEqual([
      [3, 'empty-row', ''],
      [5, 'empty-row', ','],
      [6, 'empty-row', '   ,  '],
      [8, 'empty-row', ''],
      [9, 'empty-row', ''],
    ]);
  });

  it('quoted.csv: commas, doubled quotes and line breaks inside quotes', async () => {
    const row = await env.run({ path: fixture('quoted.csv') });
    expect(row).toMatchObject({ rowsRead: 5, accepted: 4, lastLine: 8 });
    expect(counts(row)).toEqual({ 'invalid-number': 1 });
    expect(env.rejects(row.id)).toEqual([{ line: 8, reason: 'invalid-number', raw: '13512345678,13412345678', detail: 'more than one number in the cell' }]);
    expect(env.contactsOf().map((c) => [c.phone, c.fields])).toEqual([
      ['+8613812345678', { name: 'Li, Na', address: '1 Main St, Apt 2' }],
      ['+8613912345678', { name: 'Wang "Big" Wei', address: 'Beijing' }],
      ['+8613712345678', { name: 'Zhang\nSan', address: 'Line one\nLine two' }],
      ['+8613612345678', { name: 'Zhao', address: 'Chaoyang, Beijing' }],
    ]);
  });

  it('unclosed-quote.csv: the rest of the file is one row, reported with the lines it swallowed', async () => {
    const row = await env.run({ path: fixture('unclosed-quote.csv') });
    expect(row).toMatchObject({ rowsRead: 2, accepted: 1 });
    expect(counts(row)).toEqual({ 'unclosed-quote': 1 });
    const [reject] = env.rejects(row.id);
    expect(reject).toMatchObject({ line: 3, reason: 'unclosed-quote' });
    expect(reject!.detail).toBe('a quote opened in this row is never closed, so lines 3–5 (76 characters) read as one row');
  });

  it('a 5 MB line is one rejected row; the rows after it are imported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'list-5mb-'));
    try {
      const path = join(dir, 'long-line.csv');
      const note = 'x'.repeat(5 * 1024 * 1024);
      writeFileSync(path, `phone,note\n13812345678,short\n13812345679,${note}\n13812345680,after\n`);
      const row = await env.run({ path });
      expect(row).toMatchObject({ status: 'completed', rowsRead: 3, accepted: 2, lastLine: 4 });
      expect(counts(row)).toEqual({ 'row-too-long': 1 });
      const [reject] = env.rejects(row.id);
      expect(reject).toEqual({
        line: 3,
        reason: 'row-too-long',
        raw: `13812345679,${'x'.repeat(188)}`,
        detail: `${12 + note.length} characters (line 3); the longest row accepted is 65536`,
      });
      expect(env.contactsOf().map((c) => c.phone)).toEqual(['+8613812345678', '+8613812345680']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['binary.dat', 'not a CSV text file: the file is binary data, not CSV text (490 control bytes in the first 4096)'],
    ['workbook.xlsx', 'not a CSV text file: the file is a ZIP archive (an Excel .xlsx workbook?); save it from Excel as "CSV UTF-8" first'],
  ])('%s is refused before anything is imported', async (name, message) => {
    await expect(env.run({ path: fixture(name) })).rejects.toMatchObject({ code: 'DIALER_ERR_IMPORT_NOT_TEXT', statusCode: 415, message });
    expect(env.db.db.select().from(imports).all()).toEqual([]);
    expect(env.contactsOf()).toEqual([]);
  });

  it('refuses a file with no usable header, and names the columns when the phone column is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'list-header-'));
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return { path: join(dir, name) };
    };
    try {
      await expect(env.run(write('empty.csv', ''))).rejects.toMatchObject({
        code: 'DIALER_ERR_IMPORT_UNREADABLE',
        statusCode: 422,
        message: 'the list cannot be imported: the file is empty: there is no header line',
      });
      await expect(env.run(write('blank.csv', '\n13812345678\n'))).rejects.toMatchObject({
        message: 'the list cannot be imported: line 1 is blank; the first line must be the header naming the columns',
      });
      await expect(env.run(write('nophone.csv', 'name,city\nA,B\n'))).rejects.toMatchObject({
        message: 'the list cannot be imported: no phone column found in the header ("name", "city"); say which with phoneColumn (a name or a 1-based number)',
      });
      const headerOnly = await env.run(write('header.csv', 'phone,name\r\n'));
      expect(headerOnly).toMatchObject({ status: 'completed', rowsRead: 0, accepted: 0, rejected: 0 });
      const semicolons = await env.run(write('semi.csv', 'naam;telefoon\nJan;+31 6 12345678\n'), { delimiter: ';', phoneColumn: 'telefoon' });
      expect(semicolons).toMatchObject({ rowsRead: 1, accepted: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
