/**
 * Rubric versions in SQLite. The first use seeds version 1 with the default rubric; every
 * manager edit adds a version (never changes one), and each score keeps the version it was
 * scored with.
 */
import { desc, eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { qaRubrics } from '../db/schema.js';
import { Errors } from '../errors.js';
import { DEFAULT_RUBRIC, rubricProblems, type RubricDefinition } from './scoring/rubric.js';

export type RubricRow = Omit<typeof qaRubrics.$inferSelect, 'definition'> & { definition: RubricDefinition };

const toRow = (r: typeof qaRubrics.$inferSelect): RubricRow => ({ ...r, definition: r.definition as unknown as RubricDefinition });

export class RubricStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The latest version (seeding the default as version 1 when there is none). */
  current(): RubricRow {
    const row = this.db.select().from(qaRubrics).orderBy(desc(qaRubrics.version)).get();
    if (row) return toRow(row);
    return this.insert(1, 'Default (manuals)', DEFAULT_RUBRIC, null);
  }

  /** @throws Errors.NotFound */
  byVersion(version: number): RubricRow {
    this.current();
    const row = this.db.select().from(qaRubrics).where(eq(qaRubrics.version, version)).get();
    if (!row) throw new Errors.NotFound('rubric version', String(version));
    return toRow(row);
  }

  /** @throws Errors.NotFound */
  byId(id: number): RubricRow {
    const row = this.db.select().from(qaRubrics).where(eq(qaRubrics.id, id)).get();
    if (!row) throw new Errors.NotFound('rubric', String(id));
    return toRow(row);
  }

  /** Every version, newest first. */
  list(): RubricRow[] {
    this.current();
    return this.db.select().from(qaRubrics).orderBy(desc(qaRubrics.version)).all().map(toRow);
  }

  /** Adds the next version. @throws Errors.QaInvalidRubric naming every problem. */
  createVersion(name: string, definition: RubricDefinition, userId: number | null): RubricRow {
    const problems = rubricProblems(definition);
    if (problems.length) throw new Errors.QaInvalidRubric(problems.join('; '));
    return this.db.transaction(() => this.insert(this.current().version + 1, name, definition, userId), { behavior: 'immediate' });
  }

  private insert(version: number, name: string, definition: RubricDefinition, userId: number | null): RubricRow {
    const row = this.db
      .insert(qaRubrics)
      .values({ version, name, definition: definition as unknown as Record<string, unknown>, createdAt: this.clock.now(), createdBy: userId })
      .returning()
      .get();
    return toRow(row);
  }
}
