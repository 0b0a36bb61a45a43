/**
 * Scoring a reviewed call against a rubric (requirements §4). Pure.
 *
 * - A deduction names an item, a severity and points within the severity's range
 *   (minor 1–3, general 4–6, serious 7–10).
 * - An item's score is its points less its deductions, never below 0; deductions beyond
 *   that are recorded but take nothing more.
 * - A bonus (manual 000's 特别加分项) adds up to its item's points; the total is capped at 100.
 * - A fraudulent order (any of the six kinds, §3) is fatal: the total is 0.
 * - Manual 000: a deduction is halved when the agent called the customer back to correct
 *   within 30 minutes of hang-up. Scores are whole points, so a halved deduction is rounded
 *   up (a 1-point deduction stays 1, 5 becomes 3); a fatal error is not softened.
 * - A defect is a fatal error or a total below the rubric's pass mark.
 */
import { FATAL_KIND_CODES, type FatalKindCode } from './fatal.js';
import type { RubricDefinition } from './rubric.js';

export const SEVERITIES = ['minor', 'general', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Inclusive points range of each severity. */
export const SEVERITY_POINTS: Readonly<Record<Severity, readonly [number, number]>> = Object.freeze({
  minor: [1, 3],
  general: [4, 6],
  serious: [7, 10],
});

export interface Deduction {
  itemCode: string;
  severity: Severity;
  points: number;
  note?: string;
  /** Where in the recording, ms from its start. */
  atMs?: number;
}

export interface FatalFinding {
  kind: FatalKindCode;
  note?: string;
  atMs?: number;
}

export interface Bonus {
  itemCode: string;
  points: number;
  note?: string;
  atMs?: number;
}

export interface ScoreInput {
  deductions: readonly Deduction[];
  fatal: readonly FatalFinding[];
  /** Points added for the rubric's bonus items. */
  bonuses?: readonly Bonus[];
  /**
   * How long after the call's hang-up the agent reached the customer again on a call back,
   * ms; null or absent when they have not. Within {@link CORRECTION_WINDOW_MS} the
   * deductions are halved (manual 000).
   */
  correctedAfterMs?: number | null;
}

/** Manual 000: a call back to correct within 30 minutes of hang-up halves the deductions. */
export const CORRECTION_WINDOW_MS = 30 * 60_000;

/** Whether a call back this long after hang-up halves the call's deductions. */
export function correctionHalves(correctedAfterMs: number | null | undefined): boolean {
  return typeof correctedAfterMs === 'number' && correctedAfterMs >= 0 && correctedAfterMs <= CORRECTION_WINDOW_MS;
}

/** The points a deduction takes: half (rounded up to a whole point) when halved. */
export function effectivePoints(points: number, halved: boolean): number {
  return halved ? Math.ceil(points / 2) : points;
}

/** No score goes above this, bonuses included. */
export const MAX_TOTAL = 100;

export interface ItemResult {
  code: string;
  maxPoints: number;
  /** Sum of the deductions on the item as taken, halved when corrected (may exceed maxPoints). */
  deducted: number;
  /** Sum of the deductions as given, before any halving. */
  deductedAsGiven: number;
  score: number;
}

export interface CategoryResult {
  code: string;
  maxPoints: number;
  score: number;
  items: ItemResult[];
}

export interface ScoreResult {
  /** 0 when fatal, else the sum of the categories. */
  total: number;
  /** The sum of the categories and the bonus (capped at 100), before a fatal error zeroes the total. */
  pointsBeforeFatal: number;
  /** Bonus points given (before the cap). */
  bonus: number;
  fatal: boolean;
  fatalKinds: FatalKindCode[];
  /** The deductions were halved: the agent called back to correct within 30 minutes (manual 000). */
  halved: boolean;
  passed: boolean;
  defect: boolean;
  passScore: number;
  categories: CategoryResult[];
}

/** The severity a number of points falls in, or null outside 1–10 or for non-integers. */
export function severityOf(points: number): Severity | null {
  for (const s of SEVERITIES) {
    const [lo, hi] = SEVERITY_POINTS[s];
    if (Number.isInteger(points) && points >= lo && points <= hi) return s;
  }
  return null;
}

/** Every problem of a score input against a rubric, in words; empty when it is valid. */
export function scoreProblems(rubric: RubricDefinition, input: ScoreInput): string[] {
  const problems: string[] = [];
  const items = new Set(rubric.categories.flatMap((c) => c.items.map((i) => i.code)));
  for (const [i, d] of input.deductions.entries()) {
    const where = `deductions[${i}]`;
    if (!items.has(d.itemCode)) problems.push(`${where}: no item "${d.itemCode}" in the rubric`);
    const range = SEVERITY_POINTS[d.severity];
    if (!range) problems.push(`${where}: severity must be one of ${SEVERITIES.join(', ')}`);
    else if (!Number.isInteger(d.points) || d.points < range[0] || d.points > range[1]) {
      problems.push(`${where}: a ${d.severity} deduction is ${range[0]}–${range[1]} points, got ${d.points}`);
    }
  }
  const bonusItems = new Map((rubric.bonusItems ?? []).map((b) => [b.code, b.maxPoints]));
  const given = new Set<string>();
  for (const [i, b] of (input.bonuses ?? []).entries()) {
    const max = bonusItems.get(b.itemCode);
    if (max === undefined) problems.push(`bonuses[${i}]: no bonus item "${b.itemCode}" in the rubric`);
    else if (!Number.isInteger(b.points) || b.points < 1 || b.points > max) problems.push(`bonuses[${i}]: ${b.itemCode} gives 1–${max} points, got ${b.points}`);
    if (given.has(b.itemCode)) problems.push(`bonuses[${i}]: ${b.itemCode} is given twice`);
    given.add(b.itemCode);
  }
  const kinds = new Set<string>();
  for (const [i, f] of input.fatal.entries()) {
    if (!(FATAL_KIND_CODES as readonly string[]).includes(f.kind)) {
      problems.push(`fatal[${i}]: kind must be one of ${FATAL_KIND_CODES.join(', ')}`);
    } else if (kinds.has(f.kind)) problems.push(`fatal[${i}]: ${f.kind} is listed twice`);
    kinds.add(f.kind);
  }
  return problems;
}

/**
 * Scores a call. The input must be valid ({@link scoreProblems} empty).
 * @throws Error when it is not (callers validate first and answer 400).
 */
export function computeScore(rubric: RubricDefinition, input: ScoreInput): ScoreResult {
  const problems = scoreProblems(rubric, input);
  if (problems.length) throw new Error(`invalid score input: ${problems.join('; ')}`);
  const halved = correctionHalves(input.correctedAfterMs);
  const deducted = new Map<string, { taken: number; given: number }>();
  for (const d of input.deductions) {
    const sum = deducted.get(d.itemCode) ?? { taken: 0, given: 0 };
    deducted.set(d.itemCode, { taken: sum.taken + effectivePoints(d.points, halved), given: sum.given + d.points });
  }
  const categories = rubric.categories.map((cat): CategoryResult => {
    const items = cat.items.map((item): ItemResult => {
      const off = deducted.get(item.code) ?? { taken: 0, given: 0 };
      return { code: item.code, maxPoints: item.maxPoints, deducted: off.taken, deductedAsGiven: off.given, score: Math.max(0, item.maxPoints - off.taken) };
    });
    return { code: cat.code, maxPoints: cat.maxPoints, score: items.reduce((s, i) => s + i.score, 0), items };
  });
  const bonus = (input.bonuses ?? []).reduce((s, b) => s + b.points, 0);
  const pointsBeforeFatal = Math.min(MAX_TOTAL, categories.reduce((s, c) => s + c.score, 0) + bonus);
  const fatalKinds = input.fatal.map((f) => f.kind);
  const fatal = fatalKinds.length > 0;
  const total = fatal ? 0 : pointsBeforeFatal;
  const passed = !fatal && total >= rubric.passScore;
  return { total, pointsBeforeFatal, bonus, fatal, fatalKinds, halved, passed, defect: !passed, passScore: rubric.passScore, categories };
}
