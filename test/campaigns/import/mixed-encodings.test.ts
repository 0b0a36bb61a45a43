/**
 * Encodings per row, never guessed wrong silently (issue 15, item 2): the cases found by
 * probing, imported end to end into SQLite. Every name stored must read as written.
 */
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListDecoder } from '../../../src/campaigns/import/list-decoder.js';
import { makeImportEnv, type ImportEnv } from './support.js';

let env: ImportEnv;
beforeEach(() => {
  env = makeImportEnv({ batchRows: 500 });
});
afterEach(() => env.close());

const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const name = (i: number) => `${SURNAMES[i % 10]}${SURNAMES[(i * 7 + 3) % 10]}${'三四五六'[i % 4]}`;
const phone = (i: number) => `138${String(10_000_000 + i).padStart(8, '0')}`;
const utf8Row = (i: number) => Buffer.from(`${name(i)},${phone(i)}\n`);
const gbkRow = (i: number) => iconv.encode(`${name(i)},${phone(i)}\n`, 'gbk');

/** Imports the bytes (in small chunks, as a socket delivers them). */
async function importBytes(bytes: Buffer) {
  const chunks = Array.from({ length: Math.ceil(bytes.length / 4096) }, (_, k) => bytes.subarray(k * 4096, (k + 1) * 4096));
  return env.run({ stream: Readable.from(chunks) });
}
const storedNames = () => new Map(env.contactsOf().map((c) => [c.phone, c.fields.name]));
const e164 = (i: number) => `+86${phone(i)}`;

describe('a list in mixed encodings', () => {
  it('one GBK row at the end of a UTF-8 list: every UTF-8 name intact, the GBK row read as GB18030 and reported', async () => {
    const bytes = Buffer.concat([Buffer.from('name,phone\n'), ...Array.from({ length: 200 }, (_, i) => utf8Row(i)), gbkRow(200)]);
    const row = await importBytes(bytes);
    expect(row).toMatchObject({ status: 'completed', accepted: 201, rejected: 0, encoding: 'utf-8; 1 row read as gb18030 (line 202)' });
    const names = storedNames();
    for (let i = 0; i <= 200; i++) expect(names.get(e164(i))).toBe(name(i));
    expect([...names.values()].join('')).not.toMatch(/寮|犱|笁/);
  });

  it('ASCII, then 78 KB of UTF-8, then a few GBK rows: no valid UTF-8 row is rejected', async () => {
    const ascii = Array.from({ length: 300 }, (_, i) => Buffer.from(`Li Lei,${phone(i)}\n`));
    const utf8 = Array.from({ length: 3700 }, (_, k) => utf8Row(300 + k));
    const gbk = [gbkRow(4000), gbkRow(4001), gbkRow(4002)];
    const bytes = Buffer.concat([Buffer.from('name,phone\n'), ...ascii, ...utf8, ...gbk]);
    expect(Buffer.concat(utf8).length).toBeGreaterThan(78 * 1024);
    const row = await importBytes(bytes);
    expect(row).toMatchObject({ status: 'completed', accepted: 4003, rejected: 0, encoding: 'utf-8; 3 rows read as gb18030 (lines 4002, 4003, 4004)' });
    const names = storedNames();
    for (let i = 300; i < 4003; i++) expect(names.get(e164(i))).toBe(name(i));
  });

  it('a file that is GBK overall still imports as GBK', async () => {
    const bytes = Buffer.concat([Buffer.from('name,phone\n'), ...Array.from({ length: 50 }, (_, i) => gbkRow(i))]);
    const row = await importBytes(bytes);
    expect(row).toMatchObject({ status: 'completed', accepted: 50, encoding: 'gb18030' });
    for (let i = 0; i < 50; i++) expect(storedNames().get(e164(i))).toBe(name(i));
  });

  it('a file cut in the middle of a character: its last row is rejected as undecodable, not stored garbled', async () => {
    const whole = Buffer.concat([Buffer.from('phone,name\n'), ...Array.from({ length: 20 }, (_, i) => Buffer.from(`${phone(i)},${name(i)}\n`))]);
    const cut = whole.subarray(0, whole.length - 3); // the last name loses the tail of its last character and the LF
    const row = await importBytes(cut);
    expect(row).toMatchObject({ status: 'completed', accepted: 19, rejected: 1, encoding: 'utf-8' });
    expect(env.rejects(row.id)).toEqual([expect.objectContaining({ line: 21, reason: 'undecodable' })]);
    expect(storedNames().has(e164(19))).toBe(false);
  });

  it('a row that is neither UTF-8 nor Chinese GB18030 is rejected as undecodable', async () => {
    const latin1 = Buffer.from(`Jos\xe9,${phone(1)}\n`, 'latin1');
    const row = await importBytes(Buffer.concat([Buffer.from('name,phone\n'), utf8Row(0), latin1, utf8Row(2)]));
    expect(row).toMatchObject({ accepted: 2, rejected: 1, encoding: 'utf-8' });
    expect(env.rejects(row.id)).toEqual([expect.objectContaining({ line: 3, reason: 'undecodable' })]);
  });

  it.each([
    ['in the first 64 KB', 5],
    ['after the first 64 KB', 3000],
  ])('a NUL byte %s rejects only its row', async (_where, at) => {
    const rows = Array.from({ length: 3100 }, (_, i) => (i === at ? Buffer.from(`${name(i)},${phone(i)}\0\n`) : utf8Row(i)));
    const row = await importBytes(Buffer.concat([Buffer.from('name,phone\n'), ...rows]));
    expect(row).toMatchObject({ status: 'completed', accepted: 3099, rejected: 1 });
    expect(env.rejects(row.id)).toEqual([expect.objectContaining({ line: at + 2, reason: 'undecodable' })]);
  });
});

describe('ListDecoder per line', () => {
  it('a UTF-8 row with Chinese in a GBK file is read as UTF-8 and reported', () => {
    const d = new ListDecoder();
    const gbk = Buffer.concat(Array.from({ length: 30 }, (_, i) => gbkRow(i)));
    const text = d.write(Buffer.concat([gbk, utf8Row(30)])) + d.end();
    expect(d.encoding).toBe('gb18030');
    expect(text.split('\n')[30]).toBe(`${name(30)},${phone(30)}`);
    expect(d.described).toBe('gb18030; 1 row read as utf-8 (line 31)');
  });
});
