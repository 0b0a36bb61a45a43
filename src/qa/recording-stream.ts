/**
 * Serves call recordings to QA as WAV with byte ranges: the whole call joined into one
 * seekable file (see wav-concat.ts), or one stored segment as is. Only verified segments
 * are served, from under the recordings directory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { recordings } from '../db/schema.js';
import { Errors } from '../errors.js';
import { parseWavHeader, WavFormatError } from '../recordings/wav.js';
import { concatLayout, fileLayout, sliceLayout, type SegmentSource, type WavLayout } from './wav-concat.js';

/** A layout with a validator for caches and If-Range. */
export interface ServedRecording extends WavLayout {
  etag: string;
}

const HEAD_BYTES = 64 * 1024;
const SILENCE = Buffer.alloc(64 * 1024);

type SegmentRow = typeof recordings.$inferSelect;

export class RecordingStreamer {
  private readonly root: string;

  constructor(private readonly opts: { db: Db; recordingsDir: string }) {
    this.root = resolve(opts.recordingsDir);
  }

  /** The whole call as one WAV. @throws 404 when it has no verified segment, 500 when a file is unusable. */
  async callRecording(callId: string): Promise<ServedRecording> {
    const rows = this.opts.db
      .select()
      .from(recordings)
      .where(and(eq(recordings.callId, callId), eq(recordings.state, 'verified')))
      .orderBy(asc(recordings.segment))
      .all();
    if (rows.length === 0) throw new Errors.QaRecordingUnavailable(callId, 'no verified recording segment');
    const sources: SegmentSource[] = [];
    for (const row of rows) sources.push({ path: this.pathOf(row), info: await this.header(row), startedAt: row.startedAt });
    let layout: WavLayout;
    try {
      layout = concatLayout(sources);
    } catch (err) {
      throw new Errors.RecordingInvalid(callId, `${(err as Error).message}; use the per-segment URLs`, { cause: err });
    }
    return { ...layout, etag: etagOf(rows) };
  }

  /** One segment's stored file. @throws 404 when it is not a verified segment of the call. */
  async segmentRecording(callId: string, segment: number): Promise<ServedRecording> {
    const row = this.opts.db
      .select()
      .from(recordings)
      .where(and(eq(recordings.callId, callId), eq(recordings.segment, segment), eq(recordings.state, 'verified')))
      .get();
    if (!row) throw new Errors.QaRecordingUnavailable(callId, `no verified segment ${segment}`);
    const info = await this.header(row);
    const size = info.dataOffset + info.dataBytes;
    return { ...fileLayout(this.pathOf(row), size, info.durationMs), etag: etagOf([row]) };
  }

  /** A stream of bytes start–end (inclusive) of a layout. */
  stream(layout: WavLayout, start: number, end: number): Readable {
    const parts = sliceLayout(layout, start, end);
    async function* bytes(): AsyncGenerator<Buffer> {
      for (const part of parts) {
        if (part.kind === 'bytes') yield part.data;
        else if (part.kind === 'silence') {
          for (let left = part.length; left > 0; left -= SILENCE.length) yield SILENCE.subarray(0, Math.min(left, SILENCE.length));
        } else if (part.length > 0) {
          for await (const chunk of createReadStream(part.path, { start: part.offset, end: part.offset + part.length - 1 })) yield chunk as Buffer;
        }
      }
    }
    return Readable.from(bytes(), { objectMode: false });
  }

  private pathOf(row: SegmentRow): string {
    if (!row.path) throw new Errors.RecordingInvalid(row.ariName, 'verified but has no stored path');
    const full = resolve(this.root, row.path);
    if (!full.startsWith(this.root + sep)) throw new Errors.RecordingInvalid(row.ariName, 'stored path is outside the recordings directory');
    return full;
  }

  private async header(row: SegmentRow) {
    const path = this.pathOf(row);
    try {
      const { size } = await stat(path);
      const fh = await open(path, 'r');
      try {
        const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
        await fh.read(head, 0, head.length, 0);
        return parseWavHeader(head, size);
      } finally {
        await fh.close();
      }
    } catch (err) {
      // No file-system paths in what the client sees.
      const why = err instanceof WavFormatError ? err.message : `stored file unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
      throw new Errors.RecordingInvalid(row.ariName, why, { cause: err });
    }
  }
}

function etagOf(rows: readonly SegmentRow[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.segment}:${r.sha256 ?? r.bytes ?? ''};`);
  return `"${h.digest('hex').slice(0, 32)}"`;
}
