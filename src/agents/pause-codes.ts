/**
 * The managed list of pause (示忙) reason codes. Managers add, relabel and deactivate codes;
 * codes are never deleted, so old state-log rows keep a meaning. An agent pauses only with an
 * active code.
 */
import { asc, eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { pauseCodes } from '../db/schema.js';
import { Errors } from '../errors.js';
import { DISPOSITION_PENDING_CODE } from './agent-states.js';

export type PauseCode = typeof pauseCodes.$inferSelect;

/** A pause code: capitals, digits, _ and -, up to 20 characters. */
export const PAUSE_CODE_PATTERN = /^[A-Z0-9_-]{1,20}$/;

import { DEFAULT_PAUSE_CODES, IDLE_PAUSE_CODE } from './default-pause-codes.js';

export { DEFAULT_PAUSE_CODES, IDLE_PAUSE_CODE } from './default-pause-codes.js';

/** The pauses only the system sets. */
export const SYSTEM_PAUSE_CODES: readonly string[] = [IDLE_PAUSE_CODE, DISPOSITION_PENDING_CODE];

/** The pause-code list in SQLite. */
export class PauseCodeStore {
  constructor(private readonly opts: { db: Db; clock: Clock }) {}

  /** Seeds {@link DEFAULT_PAUSE_CODES} into an empty list; returns how many were added. */
  ensureDefaults(): number {
    const { db, clock } = this.opts;
    const now = clock.now();
    if (db.select({ code: pauseCodes.code }).from(pauseCodes).limit(1).get()) {
      // A list from before a system code existed gets it (the pause the system sets must have a label).
      const system = DEFAULT_PAUSE_CODES.filter((c) => SYSTEM_PAUSE_CODES.includes(c.code));
      db.insert(pauseCodes).values(system.map((c) => ({ ...c, active: true, createdAt: now, updatedAt: now }))).onConflictDoNothing().run();
      return 0;
    }
    db.insert(pauseCodes)
      .values(DEFAULT_PAUSE_CODES.map((c) => ({ ...c, active: true, createdAt: now, updatedAt: now })))
      .run();
    return DEFAULT_PAUSE_CODES.length;
  }

  list(opts: { activeOnly?: boolean } = {}): PauseCode[] {
    const rows = this.opts.db.select().from(pauseCodes).orderBy(asc(pauseCodes.code)).all();
    return opts.activeOnly ? rows.filter((r) => r.active) : rows;
  }

  get(code: string): PauseCode | null {
    return this.opts.db.select().from(pauseCodes).where(eq(pauseCodes.code, code)).get() ?? null;
  }

  /** @throws AgentPauseCodeExists (409) when the code is taken. */
  create(input: { code: string; label: string; active?: boolean }): PauseCode {
    if (this.get(input.code)) throw new Errors.AgentPauseCodeExists(input.code);
    const now = this.opts.clock.now();
    return this.opts.db
      .insert(pauseCodes)
      .values({ code: input.code, label: input.label, active: input.active ?? true, createdAt: now, updatedAt: now })
      .returning()
      .get();
  }

  /** @throws NotFound (404) for an unknown code. */
  update(code: string, patch: { label?: string; active?: boolean }): PauseCode {
    if (!this.get(code)) throw new Errors.NotFound('pause code', code);
    return this.opts.db
      .update(pauseCodes)
      .set({ ...patch, updatedAt: this.opts.clock.now() })
      .where(eq(pauseCodes.code, code))
      .returning()
      .get()!;
  }

  /** The code if it is active. @throws AgentPauseCodeUnknown (400) otherwise. */
  requireActive(code: string): string {
    const row = this.get(code);
    if (!row?.active) throw new Errors.AgentPauseCodeUnknown(code);
    return row.code;
  }
}
