import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeLeftoverUploads, spoolUpload } from '../../../src/campaigns/import/spool.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spool-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stream of `chunks` (as an upload arrives: in pieces). */
const upload = (chunks: Buffer[]) => Readable.from(chunks);

describe('spoolUpload', () => {
  it('writes the upload to a private file and hashes it on the way', async () => {
    const body = Buffer.from(`phone\n${'13812345678\n'.repeat(20_000)}`);
    const pieces = Array.from({ length: Math.ceil(body.length / 7000) }, (_, i) => body.subarray(i * 7000, (i + 1) * 7000));
    const spooled = await spoolUpload(upload(pieces), { dir: join(dir, 'imports'), maxBytes: 1e9, truncated: () => false });
    expect(spooled.bytes).toBe(body.length);
    expect(spooled.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(readFileSync(spooled.path).equals(body)).toBe(true);
  });

  it('refuses binary data from its first bytes, and an upload over the limit, keeping nothing', async () => {
    const binary = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200_000, 7)]);
    await expect(spoolUpload(upload([binary]), { dir, maxBytes: 1e9, truncated: () => false })).rejects.toMatchObject({ code: 'DIALER_ERR_IMPORT_NOT_TEXT' });
    // Bytes after the first chunks still count while the first 64 KiB are being looked at.
    const lateBinary = [Buffer.from('phone\n'.repeat(1000)), Buffer.alloc(2000, 0x01)];
    await expect(spoolUpload(upload(lateBinary), { dir, maxBytes: 1e9, truncated: () => false })).rejects.toMatchObject({ code: 'DIALER_ERR_IMPORT_NOT_TEXT' });
    await expect(spoolUpload(upload([Buffer.from('phone\n13812345678\n')]), { dir, maxBytes: 10, truncated: () => false })).rejects.toMatchObject({
      code: 'DIALER_ERR_IMPORT_TOO_LARGE',
      statusCode: 413,
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('removeLeftoverUploads', () => {
  it('deletes spooled uploads a stopped process left, and nothing else', async () => {
    writeFileSync(join(dir, 'upload-0b7e1c1e-5d57-4a43-9d47-3f0c1e2a9b11.csv'), 'phone\n');
    writeFileSync(join(dir, 'keep.csv'), 'phone\n');
    expect(await removeLeftoverUploads(dir)).toBe(1);
    expect(readdirSync(dir)).toEqual(['keep.csv']);
    expect(await removeLeftoverUploads(join(dir, 'missing'))).toBe(0);
  });
});
