/**
 * Observed defect rates of a campaign per cycle, from the current scores of its sampled
 * calls: the "last observed defect rate" a manager may choose as p for the sample size.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { qaPlanItems, qaScores } from '../db/schema.js';

/** Reviewed calls and defects of one cycle. */
export interface CycleDefects {
  cycle: string;
  scored: number;
  defects: number;
}

/** Per cycle (newest first) the scored sampled calls and how many are defects. */
export function defectsByCycle(db: Db, campaignId: number): CycleDefects[] {
  return db
    .select({
      cycle: qaPlanItems.cycleLabel,
      scored: sql<number>`count(*)`,
      defects: sql<number>`coalesce(sum(${qaScores.defect}), 0)`,
    })
    .from(qaPlanItems)
    .innerJoin(qaScores, and(eq(qaScores.callId, qaPlanItems.callId), eq(qaScores.current, true)))
    .where(eq(qaPlanItems.campaignId, campaignId))
    .groupBy(qaPlanItems.cycleLabel)
    .orderBy(desc(qaPlanItems.cycleLabel))
    .all();
}

/** The observed rate p with where it came from. */
export interface ObservedRate extends CycleDefects {
  p: number;
}

/**
 * The last observed defect rate: that of the latest cycle before `currentCycle` with any
 * scored call, or of the current cycle so far when no earlier one has any; null when the
 * campaign has no scored call at all.
 */
export function observedDefectRate(db: Db, campaignId: number, currentCycle: string): ObservedRate | null {
  const rows = defectsByCycle(db, campaignId).filter((r) => r.scored > 0);
  const row = rows.find((r) => r.cycle < currentCycle) ?? rows.find((r) => r.cycle === currentCycle);
  return row ? { ...row, p: row.defects / row.scored } : null;
}
