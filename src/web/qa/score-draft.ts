/**
 * A score being filled in: the form's rows as typed, what they become for the API (the body
 * of POST /api/qa/calls/:callId/score), and the live result — computed with the service's own
 * pure scoring code (src/qa/scoring), so the total on the page is the total the service stores.
 */
import { computeScore, scoreProblems, SEVERITY_POINTS, type ScoreResult, type Severity } from '../../qa/scoring/score.js';
import type { FatalKindCode } from '../../qa/scoring/fatal.js';
import type { RubricDefinition } from '../../qa/scoring/rubric.js';
import type { ScoreRow, ScoreSubmission } from '../../qa/score-service.js';

export interface DeductionDraft {
  /** Row key (stable while rows are added and removed). */
  id: number;
  itemCode: string;
  severity: Severity;
  /** As typed. */
  points: string;
  note: string;
  /** Where in the recording, ms; null = not tied to a moment. */
  atMs: number | null;
}

export interface ScoreDraft {
  deductions: DeductionDraft[];
  /** The fraudulent-order kinds found, with a note each. */
  fatal: Partial<Record<FatalKindCode, { note: string }>>;
  /** Points typed per bonus item (blank or 0 = not given). */
  bonuses: Partial<Record<string, string>>;
  comment: string;
}

export const EMPTY_DRAFT: ScoreDraft = { deductions: [], fatal: {}, bonuses: {}, comment: '' };

let nextRowId = 1;

/** A new deduction on an item: minor, its lowest points. */
export function newDeduction(itemCode: string, atMs: number | null): DeductionDraft {
  return { id: nextRowId++, itemCode, severity: 'minor', points: String(SEVERITY_POINTS.minor[0]), note: '', atMs };
}

/** Points moved into a severity's range when the severity changes (what was typed stays if it fits). */
export function pointsForSeverity(points: string, severity: Severity): string {
  const [lo, hi] = SEVERITY_POINTS[severity];
  const n = Number(points);
  return Number.isInteger(n) && n >= lo && n <= hi ? points : String(lo);
}

/** The API body for a draft. */
export function toSubmission(draft: ScoreDraft, rubricVersion: number): ScoreSubmission {
  const comment = draft.comment.trim();
  return {
    rubricVersion,
    deductions: draft.deductions.map((d) => ({
      itemCode: d.itemCode,
      severity: d.severity,
      points: d.points.trim() === '' ? Number.NaN : Number(d.points),
      ...(d.note.trim() ? { note: d.note.trim() } : {}),
      ...(d.atMs !== null ? { atMs: Math.round(d.atMs) } : {}),
    })),
    fatal: (Object.entries(draft.fatal) as Array<[FatalKindCode, { note: string }]>).map(([kind, f]) => ({ kind, ...(f.note.trim() ? { note: f.note.trim() } : {}) })),
    bonuses: Object.entries(draft.bonuses)
      .filter(([, points]) => points !== undefined && points.trim() !== '' && Number(points) !== 0)
      .map(([itemCode, points]) => ({ itemCode, points: Number(points) })),
    ...(comment ? { comment } : {}),
  };
}

/** The live result, or the problems that keep the draft from being scored. */
export function evaluate(rubric: RubricDefinition, draft: ScoreDraft): { problems: string[]; result: ScoreResult | null } {
  const input = toSubmission(draft, 1);
  const problems = scoreProblems(rubric, input);
  return problems.length ? { problems, result: null } : { problems, result: computeScore(rubric, input) };
}

/** A draft holding a stored score (a re-review starts from the score disputed). */
export function draftFromScore(score: ScoreRow): ScoreDraft {
  const detail = score.detail as {
    deductions?: Array<Omit<DeductionDraft, 'id' | 'points' | 'note' | 'atMs'> & { points: number; note?: string; atMs?: number }>;
    fatal?: Array<{ kind: FatalKindCode; note?: string }>;
    bonuses?: Array<{ itemCode: string; points: number }>;
  };
  return {
    deductions: (detail.deductions ?? []).map((d) => ({ id: nextRowId++, itemCode: d.itemCode, severity: d.severity, points: String(d.points), note: d.note ?? '', atMs: d.atMs ?? null })),
    fatal: Object.fromEntries((detail.fatal ?? []).map((f) => [f.kind, { note: f.note ?? '' }])),
    bonuses: Object.fromEntries((detail.bonuses ?? []).map((b) => [b.itemCode, String(b.points)])),
    comment: score.comment,
  };
}
