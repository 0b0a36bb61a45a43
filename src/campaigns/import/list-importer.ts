/**
 * List imports: a CSV file (a campaign's contacts, or numbers for a do-not-call list) read
 * as a stream, each data row accepted or rejected with a reason, committed in batches.
 *
 * Failure policy — committed batches, each saying so: every batch (`batchRows` rows, or
 * whatever was read in `progressEveryMs`) commits its contacts, its rejects and the
 * import's progress row in one short transaction. A whole-file transaction was rejected:
 * the service has one SQLite connection, so a transaction held open across a minutes-long
 * upload would either swallow the call engine's own writes or block them. So when an import
 * fails (bad disk, cancelled, the process dies) the `imports` row says `failed`, why, and
 * exactly what was committed — rows read, accepted and rejected by reason, up to which line
 * — and every contact it added carries its `importId`: importing the same file again adds
 * only what is missing, and `discard` removes what the failed import added (contacts not yet
 * dialed). An import whose process died is marked failed by {@link ListImporter.recover}
 * once its heartbeat (the last committed batch) is older than `staleMs`.
 */
import { EventEmitter } from 'node:events';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from 'pino';
import { eq } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { campaigns, type ImportKind } from '../../db/schema.js';
import { Errors, isCodedError } from '../../errors.js';
import type { DoNotCallStore } from '../do-not-call.js';
import { isKnownRegion } from '../phone-number.js';
import { resolveColumns } from './columns.js';
import type { CsvEvent } from './csv-tokenizer.js';
import { ImportStore, type BatchTarget, type ImportRow, type ImportTotals } from './import-store.js';
import { hashFile, ListReader, sniffFile } from './list-reader.js';
import { zeroCounts } from './reasons.js';
import { classifyEvent, type ClassifyContext, type RowVerdict } from './row-classifier.js';

/** What to import, from where. */
export interface ImportRequest {
  kind: ImportKind;
  /** contacts: the campaign (required); do-not-call: the campaign's own list, or null for the global list. */
  campaignId: number | null;
  /** A file (hashed first, so the same file is recognised before anything is read) or a stream (hashed as read). */
  source: { path: string } | { stream: Readable };
  fileName: string;
  /** Header name or 1-based column number of the phone column; absent → found by name. */
  phoneColumn?: string | null;
  /** Field delimiter; default `,`. */
  delimiter?: string;
  /** Region for numbers without a country code on the global do-not-call list (default CN); otherwise the campaign's. */
  region?: string;
  /** Known sha256/size of `source.path` (a spooled upload). */
  sha256?: string;
  bytes?: number;
  userId?: number | null;
  /** Delete `source.path` once the import has ended (a spooled upload). */
  removeWhenDone?: boolean;
}

/** A running import. */
export interface ImportJob {
  id: number;
  /** The import row as created (status running). */
  row: ImportRow;
  /** Resolves with the final row (completed or failed). */
  done: Promise<ImportRow>;
  /** Stops the import; it ends failed, with `reason`. */
  cancel(reason: string): void;
}

/** Events of {@link ListImporter}. */
export interface ListImporterListener {
  /** A batch was committed; `row` is the import row as it now is in the database. */
  progress: (row: ImportRow) => void;
  /** The import ended (completed or failed). */
  finished: (row: ImportRow) => void;
}

/** Options of {@link ListImporter}. */
export interface ListImporterOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  dnc: DoNotCallStore;
  /** Rows per committed batch (and progress update); one batch holds the event loop for ~10 ms. Default 2000. */
  batchRows?: number;
  /** Yield to the event loop after classifying this many rows (calls and HTTP go on during an import). Default 250. */
  yieldEveryRows?: number;
  /** Commit what has been read at least this often, ms. Default 1000. */
  progressEveryMs?: number;
  /** Longest row accepted, characters. Default 65 536. */
  maxRecordChars?: number;
  /** A running import with no committed batch for this long is taken for dead. Default 60 000. */
  staleMs?: number;
  /** Recorded on each import: `service` (default), or `cli:<pid>`. */
  runner?: string;
}

const DEFAULTS = { batchRows: 2000, yieldEveryRows: 250, progressEveryMs: 1000, maxRecordChars: 65_536, staleMs: 60_000, runner: 'service' };
const CHUNK_BYTES = 64 * 1024;

interface Job extends ImportJob {
  reader: ListReader;
  cancelled: Error | null;
}

/** Runs list imports (any number at once), each from a file or a stream. */
export class ListImporter {
  readonly store: ImportStore;
  private readonly opts: Required<Omit<ListImporterOptions, 'db' | 'clock' | 'logger' | 'dnc'>>;
  private readonly log: Logger;
  private readonly jobs = new Map<number, Job>();
  private readonly emitter = new EventEmitter();

  constructor(private readonly deps: ListImporterOptions) {
    this.opts = {
      batchRows: deps.batchRows ?? DEFAULTS.batchRows,
      yieldEveryRows: deps.yieldEveryRows ?? DEFAULTS.yieldEveryRows,
      progressEveryMs: deps.progressEveryMs ?? DEFAULTS.progressEveryMs,
      maxRecordChars: deps.maxRecordChars ?? DEFAULTS.maxRecordChars,
      staleMs: deps.staleMs ?? DEFAULTS.staleMs,
      runner: deps.runner ?? DEFAULTS.runner,
    };
    if (!(this.opts.batchRows >= 1)) throw new RangeError('batchRows must be at least 1');
    this.store = new ImportStore(deps.db, deps.clock, deps.dnc);
    this.log = deps.logger.child({ module: 'list-import' });
  }

  on<K extends keyof ListImporterListener>(event: K, listener: ListImporterListener[K]): this {
    this.emitter.on(event, listener);
    return this;
  }

  off<K extends keyof ListImporterListener>(event: K, listener: ListImporterListener[K]): this {
    this.emitter.off(event, listener);
    return this;
  }

  /** Ids of the imports this process is running. */
  get runningIds(): number[] {
    return [...this.jobs.keys()];
  }

  /**
   * Marks imports whose process died as failed (saying what they committed); returns their
   * ids. `atStart`: this runner has just started, so none of its earlier imports still runs.
   */
  recover(options: { atStart?: boolean } = {}): number[] {
    const ids = this.store.failStale(this.opts.staleMs, this.runningIds, options.atStart ? this.opts.runner : null);
    if (ids.length) this.log.warn({ importIds: ids }, 'list-import: imports interrupted by a stopped process marked failed');
    return ids;
  }

  /** An import row, with dead ones marked failed first. */
  get(id: number): ImportRow {
    this.recover();
    return this.store.get(id);
  }

  /**
   * Checks the file (text? already imported?), reads its header and resolves the phone
   * column, creates the import row and starts importing the rest. Refusals before anything
   * is imported are coded errors: NotFound (campaign), ImportNotText (415),
   * ImportDuplicateFile (409), ImportUnreadable (422: empty file, unreadable header, no
   * phone column).
   */
  async begin(req: ImportRequest): Promise<ImportJob> {
    const removeSource = async (): Promise<void> => {
      if (req.removeWhenDone && 'path' in req.source) await unlink(req.source.path).catch(() => undefined);
    };
    let stream: Readable | null = null;
    try {
      const { campaignId, region } = this.target(req);
      const delimiter = req.delimiter ?? ',';
      const spec = req.phoneColumn?.trim() || null;
      let sha256 = req.sha256 ?? null;
      let bytes = req.bytes ?? null;
      if ('path' in req.source) {
        await sniffFile(req.source.path);
        if (sha256 === null || bytes === null) ({ sha256, bytes } = await hashFile(req.source.path));
        stream = createReadStream(req.source.path, { highWaterMark: CHUNK_BYTES });
      } else {
        stream = req.source.stream;
      }
      const reader = new ListReader(stream, { delimiter, maxRecordChars: this.opts.maxRecordChars, hash: sha256 === null });
      const events = reader.events();
      const { header, rest } = await readHeader(events);
      const resolved = resolveColumns(header, spec);
      if (!resolved.ok) throw new Errors.ImportUnreadable(resolved.message);
      // Checked right before the row is created, with no await in between, so two uploads of
      // the same file cannot both get past it.
      const same = sha256 === null ? undefined : this.store.findSameFile(req.kind, campaignId, sha256, spec);
      if (same) throw new Errors.ImportDuplicateFile(sameFileMessage(same));
      const now = this.deps.clock.now();
      const row = this.store.create({
        kind: req.kind,
        campaignId,
        fileName: req.fileName.slice(0, 255),
        sha256,
        bytes,
        bytesRead: reader.bytesRead,
        phoneColumnSpec: spec,
        phoneColumn: resolved.columns.phoneName,
        defaultRegion: region,
        encoding: reader.decoder.described,
        status: 'running',
        createdBy: req.userId ?? null,
        runner: this.opts.runner,
        startedAt: now,
        heartbeatAt: now,
      });
      const ctx: ClassifyContext = {
        columns: resolved.columns,
        region,
        delimiter,
        encoding: () => reader.decoder.encoding,
        maxRecordChars: this.opts.maxRecordChars,
        accept: req.kind === 'contacts' ? undefined : 'any',
      };
      const job: Job = {
        id: row.id,
        row,
        reader,
        cancelled: null,
        done: Promise.resolve(row),
        cancel: (reason: string) => {
          if (job.cancelled) return;
          job.cancelled = new Errors.ImportCancelled(reason);
          reader.destroy(job.cancelled);
        },
      };
      this.jobs.set(row.id, job);
      this.log.info({ importId: row.id, kind: req.kind, campaignId, phoneColumn: resolved.columns.phoneName }, 'list-import: started');
      job.done = this.run(job, { id: row.id, kind: req.kind, campaignId }, events, rest, ctx, req).finally(removeSource);
      return job;
    } catch (err) {
      stream?.destroy();
      await removeSource();
      throw err;
    }
  }

  /** Cancels every running import and waits for them to be marked failed. */
  async stop(reason: string): Promise<void> {
    const jobs = [...this.jobs.values()];
    for (const job of jobs) job.cancel(reason);
    await Promise.allSettled(jobs.map((j) => j.done));
  }

  private target(req: ImportRequest): { campaignId: number | null; region: CountryCode } {
    if (req.campaignId === null) {
      if (req.kind === 'contacts') throw new Errors.BadRequest('a contacts import needs a campaign');
      const region = (req.region ?? 'CN').toUpperCase();
      if (!isKnownRegion(region)) throw new Errors.BadRequest(`unknown region ${region}`);
      return { campaignId: null, region };
    }
    const campaign = this.deps.db
      .select({ id: campaigns.id, region: campaigns.defaultRegion })
      .from(campaigns)
      .where(eq(campaigns.id, req.campaignId))
      .get();
    if (!campaign) throw new Errors.NotFound('campaign', req.campaignId);
    return { campaignId: campaign.id, region: isKnownRegion(campaign.region) ? campaign.region : 'CN' };
  }

  private async run(
    job: Job,
    target: BatchTarget,
    events: AsyncGenerator<CsvEvent[]>,
    first: CsvEvent[],
    ctx: ClassifyContext,
    req: ImportRequest,
  ): Promise<ImportRow> {
    const { clock } = this.deps;
    const totals: ImportTotals = { rowsRead: 0, accepted: 0, rejected: 0, counts: zeroCounts(), lastLine: 1 };
    let batch: RowVerdict[] = [];
    let lastFlush = clock.now();
    const flush = async (): Promise<void> => {
      const progress = { bytesRead: job.reader.bytesRead, encoding: job.reader.decoder.described };
      this.store.commitBatch(target, batch, totals, progress, req.userId ?? null);
      batch = [];
      lastFlush = clock.now();
      this.emitter.emit('progress', this.store.get(job.id));
      // Let calls, HTTP and timers run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    };
    let sinceYield = 0;
    const take = async (list: CsvEvent[]): Promise<void> => {
      for (const event of list) {
        batch.push(classifyEvent(event, ctx));
        if (batch.length >= this.opts.batchRows) {
          await flush();
          sinceYield = 0;
        } else if (++sinceYield >= this.opts.yieldEveryRows) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    };
    let row: ImportRow;
    try {
      await take(first);
      for (;;) {
        if (job.cancelled) throw job.cancelled;
        const next = await events.next();
        if (next.done) break;
        await take(next.value);
        if (batch.length > 0 && clock.now() - lastFlush >= this.opts.progressEveryMs) await flush();
      }
      if (job.cancelled) throw job.cancelled;
      await flush();
      row = this.store.complete(job.id, {
        sha256: job.row.sha256 ?? job.reader.sha256,
        bytesRead: job.reader.bytesRead,
        encoding: job.reader.decoder.described,
      });
      this.log.info({ importId: job.id, rows: row.rowsRead, accepted: row.accepted, rejected: row.rejected }, 'list-import: completed');
    } catch (err) {
      const message = isCodedError(err) && err.code === 'DIALER_ERR_IMPORT_CANCELLED' ? err.message : `failed: ${(err as Error).message}`;
      row = this.store.fail(job.id, message);
      this.log.warn({ importId: job.id, err, committedRows: row.rowsRead }, 'list-import: failed');
    } finally {
      this.jobs.delete(job.id);
    }
    this.emitter.emit('finished', row);
    return row;
  }
}

/** Pulls events until the header record; refuses a file with no usable header. */
async function readHeader(events: AsyncGenerator<CsvEvent[]>): Promise<{ header: string[]; rest: CsvEvent[] }> {
  for (;;) {
    const next = await events.next();
    if (next.done) throw new Errors.ImportUnreadable('the file is empty: there is no header line');
    const [first, ...rest] = next.value;
    if (!first) continue;
    if (first.kind === 'too-long') {
      throw new Errors.ImportUnreadable(`the header (line 1) runs to ${first.chars} characters, longer than any row may be; is this a CSV list?`);
    }
    if (first.kind === 'unclosed-quote') throw new Errors.ImportUnreadable('the header (line 1) has a quote that is never closed');
    if (first.fields.every((f) => f.trim() === '')) {
      throw new Errors.ImportUnreadable('line 1 is blank; the first line must be the header naming the columns');
    }
    return { header: first.fields, rest };
  }
}

function sameFileMessage(row: ImportRow): string {
  const where = row.campaignId === null ? 'the global do-not-call list' : `campaign ${row.campaignId}`;
  const when = new Date(row.startedAt).toISOString();
  const state =
    row.status === 'running' ? 'is being imported right now' : `was imported on ${when} (${row.accepted} accepted, ${row.rejected} rejected)`;
  return `this file (sha256 ${row.sha256}) ${state} into ${where} as import ${row.id} with the same phone column; nothing was added`;
}
