/**
 * The database side of list imports: the `imports` progress row, the batches (contacts or
 * do-not-call entries, rejects and the progress row, committed together in one short
 * transaction), the rejects report, stale imports, and discarding what an import added.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { campaigns, contacts, doNotCallCampaign, doNotCallGlobal, importRejects, imports, type ImportKind } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import type { DoNotCallStore } from '../do-not-call.js';
import { BatchPlacer } from './batch-placer.js';
import type { RejectReason } from './reasons.js';
import type { RowVerdict } from './row-classifier.js';

export type ImportRow = typeof imports.$inferSelect;
export type RejectRow = typeof importRejects.$inferSelect;
export type NewImport = typeof imports.$inferInsert;

/** What an import has committed so far (kept in memory by the runner, written with each batch). */
export interface ImportTotals {
  rowsRead: number;
  accepted: number;
  rejected: number;
  counts: Record<RejectReason, number>;
  lastLine: number;
}

/** Where a batch goes. */
export interface BatchTarget {
  id: number;
  kind: ImportKind;
  campaignId: number | null;
}

/** Progress fields written with a batch. */
export interface BatchProgress {
  bytesRead: number;
  encoding: string;
}

/** The imports tables; one per importer, sharing the service's database. */
export class ImportStore {
  private readonly placer: BatchPlacer;
  private readonly insertReject;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    dnc: DoNotCallStore,
  ) {
    this.placer = new BatchPlacer(db.$client, dnc);
    const p = sql.placeholder;
    this.insertReject = db
      .insert(importRejects)
      .values({ importId: p('importId'), line: p('line'), reason: p('reason'), detail: p('detail'), raw: p('raw') })
      .prepare();
  }

  /** Throws NotFound unless the campaign exists. */
  assertCampaign(id: number): void {
    if (!this.db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, id)).get()) throw new Errors.NotFound('campaign', id);
  }

  create(values: NewImport): ImportRow {
    return this.db.insert(imports).values(values).returning().get();
  }

  get(id: number): ImportRow {
    const row = this.db.select().from(imports).where(eq(imports.id, id)).get();
    if (!row) throw new Errors.NotFound('import', id);
    return row;
  }

  /** Imports of a campaign (or of the global do-not-call list: null), newest first. */
  list(campaignId: number | null, limit = 100): ImportRow[] {
    return this.db
      .select()
      .from(imports)
      .where(campaignId === null ? isNull(imports.campaignId) : eq(imports.campaignId, campaignId))
      .orderBy(desc(imports.id))
      .limit(limit)
      .all();
  }

  /**
   * A running or completed, not discarded, import of the same bytes into the same place with
   * the same phone column — importing the file again would add nothing.
   */
  findSameFile(kind: ImportKind, campaignId: number | null, sha256: string, phoneColumnSpec: string | null): ImportRow | undefined {
    return this.db
      .select()
      .from(imports)
      .where(
        and(
          eq(imports.kind, kind),
          campaignId === null ? isNull(imports.campaignId) : eq(imports.campaignId, campaignId),
          eq(imports.sha256, sha256),
          phoneColumnSpec === null ? isNull(imports.phoneColumnSpec) : eq(imports.phoneColumnSpec, phoneColumnSpec),
          inArray(imports.status, ['running', 'completed']),
          isNull(imports.discardedAt),
        ),
      )
      .orderBy(desc(imports.id))
      .get();
  }

  /**
   * Commits one batch: accepted numbers, rejects (with the duplicate and do-not-call checks
   * that need the database) and the progress row, in one transaction. `totals` is updated
   * only once the transaction has committed.
   */
  commitBatch(target: BatchTarget, verdicts: RowVerdict[], totals: ImportTotals, progress: BatchProgress, addedBy: number | null): void {
    const next: ImportTotals = { ...totals, counts: { ...totals.counts } };
    const now = this.clock.now();
    const importId = target.id;
    this.db.transaction(() => {
      const placements = this.placer.place(target, verdicts, now, addedBy);
      verdicts.forEach((v, i) => {
        next.rowsRead += 1;
        next.lastLine = Math.max(next.lastLine, v.line);
        const { reason, detail } = v.ok ? (placements[i] ?? { reason: null, detail: '' }) : v;
        if (reason === null) {
          next.accepted += 1;
          return;
        }
        next.rejected += 1;
        next.counts[reason] += 1;
        this.insertReject.run({ importId, line: v.line, reason, detail, raw: v.raw });
      });
      this.db
        .update(imports)
        .set({
          rowsRead: next.rowsRead,
          accepted: next.accepted,
          rejected: next.rejected,
          counts: next.counts,
          lastLine: next.lastLine,
          bytesRead: progress.bytesRead,
          encoding: progress.encoding,
          heartbeatAt: now,
        })
        .where(eq(imports.id, importId))
        .run();
    });
    Object.assign(totals, next);
  }

  /** Marks an import completed. */
  complete(id: number, patch: { sha256: string | null; bytesRead: number; encoding: string }): ImportRow {
    const now = this.clock.now();
    return this.db
      .update(imports)
      .set({ ...patch, status: 'completed', finishedAt: now, heartbeatAt: now })
      .where(eq(imports.id, id))
      .returning()
      .get();
  }

  /** Marks an import failed; its counts stay those of the last committed batch. */
  fail(id: number, message: string): ImportRow {
    const now = this.clock.now();
    const row = this.get(id);
    const kept = `${row.rowsRead} rows up to line ${row.lastLine} were committed (${row.accepted} accepted, ${row.rejected} rejected)`;
    return this.db
      .update(imports)
      .set({ status: 'failed', error: `${message}; ${kept}`, finishedAt: now, heartbeatAt: now })
      .where(eq(imports.id, id))
      .returning()
      .get();
  }

  /**
   * Marks failed the running imports whose process died: those with no committed batch for
   * `staleMs`, and (at a start) every one of `deadRunner`'s — a runner that is only just
   * starting cannot be running any. `live` ones (this process's) are left alone. Returns their ids.
   */
  failStale(staleMs: number, live: number[], deadRunner: string | null = null): number[] {
    const cutoff = this.clock.now() - staleMs;
    const stale = this.db
      .select({ id: imports.id, runner: imports.runner })
      .from(imports)
      .where(
        and(
          eq(imports.status, 'running'),
          notInArray(imports.id, live),
          deadRunner === null ? lt(imports.heartbeatAt, cutoff) : or(lt(imports.heartbeatAt, cutoff), eq(imports.runner, deadRunner)),
        ),
      )
      .all();
    for (const { id, runner } of stale) {
      const why = runner === deadRunner ? `the ${runner} stopped during the import` : `no progress for ${Math.round(staleMs / 1000)} s (the importing process stopped)`;
      this.fail(id, `interrupted: ${why}`);
    }
    return stale.map((s) => s.id);
  }

  /** One page of an import's rejects, in file order, after reject id `afterId`. */
  rejectsPage(importId: number, afterId: number, limit: number): RejectRow[] {
    return this.db
      .select()
      .from(importRejects)
      .where(and(eq(importRejects.importId, importId), gt(importRejects.id, afterId)))
      .orderBy(asc(importRejects.id))
      .limit(limit)
      .all();
  }

  /**
   * Removes what a finished import added: for a contacts import, its contacts never dialed
   * (pending, no attempt); for a do-not-call import, its entries. Works in batches of
   * `batch` rows, each its own short transaction, yielding in between, so the service keeps
   * answering; it is idempotent, so a discard cut short is finished by calling it again.
   * Returns how many were removed and how many contacts were kept because they had been dialed.
   */
  async discard(id: number, batch = 5000): Promise<{ removed: number; kept: number; row: ImportRow }> {
    const row = this.get(id);
    if (row.status === 'running') throw new Errors.ImportRunning(id);
    // Marked first: from now on the same file may be imported again.
    if (row.discardedAt === null) this.db.update(imports).set({ discardedAt: this.clock.now() }).where(eq(imports.id, id)).run();
    let removed = 0;
    for (;;) {
      const n = this.db.transaction(() => {
        const gone = this.deleteSome(row.kind, id, batch);
        this.db
          .update(imports)
          .set({ discarded: sql`coalesce(${imports.discarded}, 0) + ${gone}` })
          .where(eq(imports.id, id))
          .run();
        return gone;
      });
      removed += n;
      if (n < batch) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const kept =
      row.kind === 'contacts' ? (this.db.select({ n: sql<number>`count(*)` }).from(contacts).where(eq(contacts.importId, id)).get()?.n ?? 0) : 0;
    return { removed, kept, row: this.get(id) };
  }

  private deleteSome(kind: ImportKind, id: number, limit: number): number {
    if (kind === 'contacts') {
      const ids = this.db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.importId, id), eq(contacts.status, 'pending'), eq(contacts.attempts, 0)))
        .limit(limit);
      return this.db.delete(contacts).where(inArray(contacts.id, ids)).run().changes;
    }
    const globalIds = this.db.select({ id: doNotCallGlobal.id }).from(doNotCallGlobal).where(eq(doNotCallGlobal.importId, id)).limit(limit);
    const n = this.db.delete(doNotCallGlobal).where(inArray(doNotCallGlobal.id, globalIds)).run().changes;
    if (n > 0) return n;
    const campaignIds = this.db.select({ id: doNotCallCampaign.id }).from(doNotCallCampaign).where(eq(doNotCallCampaign.importId, id)).limit(limit);
    return this.db.delete(doNotCallCampaign).where(inArray(doNotCallCampaign.id, campaignIds)).run().changes;
  }
}
