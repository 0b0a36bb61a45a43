/**
 * Whether recordings can be stored (issue 15, item 4). Every call is recorded, so storage
 * that cannot take a recording (disk full, permissions, read-only) must stop the floor
 * loudly rather than let calls pile up unrecordable: the first failed write opens an
 * incident (a row the manager console shows), /health turns degraded with the reason, and
 * the dial loop holds new calls. While it lasts, a probe writes a small file every
 * `probeEveryMs`; the first that succeeds closes the incident, and the recordings kept
 * waiting are fetched again — dialing resumes by itself.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../clock.js';
import type { Db } from '../db/database.js';
import { incidents } from '../db/schema.js';

/** File-system error codes that mean the storage itself is in trouble (not one bad file). */
// EEXIST: a file where the recordings directory should be.
const STORAGE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'ENOENT', 'ENOTDIR', 'EEXIST', 'EMFILE', 'ENFILE']);

/** The file-system error behind `err` (itself or a cause), when it is a storage problem. */
export function storageErrorOf(err: unknown): NodeJS.ErrnoException | null {
  for (let e = err as (NodeJS.ErrnoException & { cause?: unknown }) | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && STORAGE_CODES.has(e.code)) return e;
  }
  return null;
}

export type IncidentRow = typeof incidents.$inferSelect;

export interface StorageHealthOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Where recordings go. */
  dir: string;
  /** Probe period while storage is failing. */
  probeEveryMs: number;
}

export class StorageHealth {
  private problem: string | null = null;
  private probeTimer: TimerHandle | null = null;
  private stopped = false;
  private readonly listeners: Array<(ok: boolean) => void> = [];
  private readonly log: Logger;

  constructor(private readonly o: StorageHealthOptions) {
    this.log = o.logger.child({ module: 'recording-storage' });
    // An incident a previous run left open is still the truth until a probe says otherwise.
    const open = this.openIncident();
    if (open) this.problem = open.detail;
  }

  /** Null when recordings can be stored; else why not. */
  get trouble(): string | null {
    return this.problem;
  }

  /** Called with false when storage fails and true when it works again. */
  onChange(fn: (ok: boolean) => void): void {
    this.listeners.push(fn);
  }

  /** Checks once now (at start: a full disk holds dialing before the first call). */
  async check(): Promise<boolean> {
    try {
      await this.probe();
      this.recovered();
      return true;
    } catch (err) {
      this.failed(err);
      return false;
    }
  }

  /**
   * A write of a recording failed. Returns true when the cause is the storage (the incident
   * is then open and the caller leaves the recording pending for after the recovery).
   */
  failed(err: unknown, callId?: string): boolean {
    const fsErr = storageErrorOf(err);
    if (!fsErr) return false;
    const detail = `recordings cannot be stored in ${this.o.dir}: ${fsErr.code} ${fsErr.message}`.slice(0, 500);
    const { db, clock } = this.o;
    const open = this.openIncident();
    if (open) {
      if (callId) db.update(incidents).set({ calls: sql`${incidents.calls} + 1` }).where(eq(incidents.id, open.id)).run();
    } else {
      db.insert(incidents).values({ kind: 'recording-storage', detail, openedAt: clock.now(), calls: callId ? 1 : 0 }).run();
    }
    if (this.problem === null) {
      this.problem = detail;
      this.log.error({ err: fsErr, callId }, 'recording storage failed: dialing paused until recordings can be stored (incident)');
      for (const fn of this.listeners) fn(false);
    }
    this.scheduleProbe();
    return true;
  }

  /** Open incidents (the manager console's banner), newest first. */
  incidents(opts: { openOnly?: boolean; limit?: number } = {}): IncidentRow[] {
    return this.o.db
      .select()
      .from(incidents)
      .where(opts.openOnly ? isNull(incidents.closedAt) : undefined)
      .orderBy(desc(incidents.id))
      .limit(opts.limit ?? 50)
      .all();
  }

  /** Starts probing if a previous run left storage failing. */
  start(): void {
    this.stopped = false;
    if (this.problem) this.scheduleProbe();
  }

  stop(): void {
    this.stopped = true;
    this.probeTimer?.cancel();
    this.probeTimer = null;
  }

  private openIncident(): IncidentRow | undefined {
    return this.o.db
      .select()
      .from(incidents)
      .where(and(eq(incidents.kind, 'recording-storage'), isNull(incidents.closedAt)))
      .get();
  }

  private recovered(): void {
    const open = this.openIncident();
    if (open) this.o.db.update(incidents).set({ closedAt: this.o.clock.now() }).where(eq(incidents.id, open.id)).run();
    if (this.problem === null) return;
    this.problem = null;
    this.log.warn({ incidentId: open?.id, calls: open?.calls }, 'recording storage works again: dialing resumes');
    for (const fn of this.listeners) fn(true);
  }

  private scheduleProbe(): void {
    if (this.stopped || this.probeTimer) return;
    this.probeTimer = this.o.clock.setTimeout(() => {
      this.probeTimer = null;
      void this.check();
    }, this.o.probeEveryMs);
  }

  /** Writes, syncs and removes a small file where recordings go. */
  private async probe(): Promise<void> {
    await mkdir(this.o.dir, { recursive: true });
    const path = join(this.o.dir, `.probe-${randomUUID()}`);
    const handle = await open(path, 'w');
    try {
      await handle.write(Buffer.alloc(64 * 1024));
      await handle.sync();
    } finally {
      await handle.close();
      await unlink(path).catch(() => undefined);
    }
  }
}
