/**
 * A campaign's dispositions in SQLite (managers edit them; codes are deactivated, never
 * deleted, so old calls keep their meaning), and the disposition recorded on a call row.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { calls, campaignDispositions, campaigns } from '../db/schema.js';
import { Errors } from '../errors.js';
import { DEFAULT_DISPOSITIONS, DISPOSITION_CODE_PATTERN, type DispositionCategory } from './dispositions.js';

export type DispositionRow = typeof campaignDispositions.$inferSelect;

export interface DispositionPatch {
  label?: string;
  category?: DispositionCategory;
  active?: boolean;
  position?: number;
}

export class DispositionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The campaign's dispositions in order (seeded with the defaults the first time). */
  list(campaignId: number, opts: { activeOnly?: boolean } = {}): DispositionRow[] {
    this.ensureDefaults(campaignId);
    const rows = this.db
      .select()
      .from(campaignDispositions)
      .where(eq(campaignDispositions.campaignId, campaignId))
      .orderBy(asc(campaignDispositions.position), asc(campaignDispositions.id))
      .all();
    return opts.activeOnly ? rows.filter((r) => r.active) : rows;
  }

  /** An active disposition of the campaign, or 400. */
  active(campaignId: number, code: string): DispositionRow {
    const row = this.list(campaignId).find((r) => r.code === code);
    if (!row || !row.active) throw new Errors.DispositionUnknown(code, campaignId);
    return row;
  }

  create(campaignId: number, input: { code: string; label: string; category: DispositionCategory }): DispositionRow {
    if (!DISPOSITION_CODE_PATTERN.test(input.code)) throw new Errors.BadRequest('code: lower-case letters, digits and -, up to 30');
    const existing = this.list(campaignId);
    if (existing.some((r) => r.code === input.code)) throw new Errors.DispositionExists(campaignId, input.code);
    const now = this.clock.now();
    const position = existing.reduce((m, r) => Math.max(m, r.position), 0) + 1;
    return this.db.insert(campaignDispositions).values({ campaignId, ...input, position, createdAt: now, updatedAt: now }).returning().get();
  }

  update(campaignId: number, code: string, patch: DispositionPatch): DispositionRow {
    this.ensureDefaults(campaignId);
    const row = this.db
      .update(campaignDispositions)
      .set({ ...patch, updatedAt: this.clock.now() })
      .where(and(eq(campaignDispositions.campaignId, campaignId), eq(campaignDispositions.code, code)))
      .returning()
      .get();
    if (!row) throw new Errors.NotFound('disposition', `${code} of campaign ${campaignId}`);
    return row;
  }

  /** The labels of the codes calls carry ("campaignId:code" → label), in one read. */
  labels(pairs: ReadonlyArray<{ campaignId: number; disposition: string | null }>): Map<string, string> {
    const ids = [...new Set(pairs.filter((p) => p.disposition !== null).map((p) => p.campaignId))];
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    for (const r of this.db.select().from(campaignDispositions).where(inArray(campaignDispositions.campaignId, ids)).all()) out.set(`${r.campaignId}:${r.code}`, r.label);
    return out;
  }

  /** Writes the disposition onto the call (the latest one counts; consent_actions keeps every one). */
  recordOnCall(callId: string, row: Pick<DispositionRow, 'code' | 'category'>): void {
    this.db.update(calls).set({ disposition: row.code, dispositionCategory: row.category, dispositionAt: this.clock.now() }).where(eq(calls.id, callId)).run();
  }

  private ensureDefaults(campaignId: number): void {
    if (this.db.select({ id: campaignDispositions.id }).from(campaignDispositions).where(eq(campaignDispositions.campaignId, campaignId)).limit(1).get()) return;
    if (!this.db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId)).get()) throw new Errors.NotFound('campaign', campaignId);
    const now = this.clock.now();
    this.db
      .insert(campaignDispositions)
      .values(DEFAULT_DISPOSITIONS.map((d, i) => ({ campaignId, ...d, position: i + 1, createdAt: now, updatedAt: now })))
      .onConflictDoNothing()
      .run();
  }
}
