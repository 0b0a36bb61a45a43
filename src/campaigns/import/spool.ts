/**
 * An uploaded list, streamed to a private file in the imports directory while its sha256 is
 * computed, so the same file can be recognised before any row is imported and the import
 * can run after the upload has finished. Memory use is one chunk. A file that is not text
 * is refused from its first bytes, without storing the rest.
 */
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Errors } from '../../errors.js';
import { SNIFF_BYTES, sniffHead } from './sniff.js';

/** A spooled upload. */
export interface SpooledFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** Options of {@link spoolUpload}. */
export interface SpoolOptions {
  /** Directory for spooled uploads (created when missing). */
  dir: string;
  /** Set when the upload was cut at the size limit (e.g. @fastify/multipart's `file.truncated`). */
  truncated: () => boolean;
  maxBytes: number;
}

/**
 * Writes `upload` to `dir`. Throws ImportNotText (415) for a file that is not text and
 * ImportTooLarge (413) for one over the limit; the partial file is removed either way.
 */
export async function spoolUpload(upload: Readable, options: SpoolOptions): Promise<SpooledFile> {
  await mkdir(options.dir, { recursive: true });
  const path = join(options.dir, `upload-${randomUUID()}.csv`);
  const hash = createHash('sha256');
  let bytes = 0;
  let head: Buffer[] = [];
  let headBytes = 0;
  const check = (): void => {
    const sniff = sniffHead(Buffer.concat(head).subarray(0, SNIFF_BYTES));
    head = [];
    headBytes = -1;
    if (!sniff.text) throw new Errors.ImportNotText(sniff.reason);
  };
  const inspect = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        bytes += chunk.length;
        hash.update(chunk);
        if (headBytes >= 0) {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes >= SNIFF_BYTES) check();
        }
        callback(null, chunk);
      } catch (err) {
        callback(err as Error);
      }
    },
    flush(callback) {
      try {
        if (headBytes >= 0) check();
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
  });
  const out = createWriteStream(path, { mode: 0o600 });
  try {
    await pipeline(upload, inspect, out);
    if (options.truncated() || bytes > options.maxBytes) throw new Errors.ImportTooLarge(options.maxBytes);
    return { path, sha256: hash.digest('hex'), bytes };
  } catch (err) {
    // Drain what the client is still sending, so the refusal can be answered.
    upload.resume();
    // A refusal in the first chunk can come before the file is even opened: wait for the
    // stream to finish opening and closing, or the unlink runs first and the file stays.
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw err;
  }
}

/**
 * Deletes spooled uploads left behind by a process that stopped mid-import (they hold
 * customer numbers). Call at start, before any upload. Returns how many were removed.
 */
export async function removeLeftoverUploads(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const leftovers = names.filter((n) => /^upload-[0-9a-f-]{36}\.csv$/.test(n));
  await Promise.all(leftovers.map((n) => unlink(join(dir, n)).catch(() => undefined)));
  return leftovers.length;
}
