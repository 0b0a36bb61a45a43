/**
 * The QA console's pure parts, without a browser: the rubric form's draft becomes the API
 * body the service validates, its live total is the service's own computation, and the
 * small formatting the timeline and reports use.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC } from '../../src/qa/scoring/rubric.js';
import { computeScore } from '../../src/qa/scoring/score.js';
import { playTime, previousCycle } from '../../src/web/qa/qa-format.js';
import { centreToday, dateTime, dayRange, duration, setCentreTimeZone, time } from '../../src/web/shared/format.js';
import { draftFromScore, EMPTY_DRAFT, evaluate, newDeduction, pointsForSeverity, toSubmission, type ScoreDraft } from '../../src/web/qa/score-draft.js';
import type { ScoreRow } from '../../src/qa/score-service.js';

const draft = (patch: Partial<ScoreDraft>): ScoreDraft => ({ ...EMPTY_DRAFT, ...patch });

describe('score draft', () => {
  it('becomes the API body: numbers, trimmed notes, atMs whole, fatal kinds, no empty comment', () => {
    const d = draft({
      deductions: [{ ...newDeduction('product', 1234.6), severity: 'general', points: '5', note: '  too fast ' }, { ...newDeduction('closing', null), points: '' }],
      fatal: { 'terms-not-stated': { note: '' } },
      comment: '   ',
    });
    expect(toSubmission(d, 3)).toEqual({
      rubricVersion: 3,
      deductions: [
        { itemCode: 'product', severity: 'general', points: 5, note: 'too fast', atMs: 1235 },
        { itemCode: 'closing', severity: 'minor', points: Number.NaN },
      ],
      fatal: [{ kind: 'terms-not-stated' }],
      bonuses: [],
    });
  });

  it('bonus points typed per bonus item become the API body (blank and 0 are not given), and count in the live total, capped at 100', () => {
    const rubric = { ...DEFAULT_RUBRIC, bonusItems: [{ code: 'praised', nameZh: '客户表扬', nameEn: 'Praised', maxPoints: 5 }, { code: 'saved', nameZh: '挽回', nameEn: 'Saved', maxPoints: 3 }] };
    const d = draft({ deductions: [{ ...newDeduction('product', null), severity: 'minor', points: '2' }], bonuses: { praised: '4', saved: '' } });
    expect(toSubmission(d, 2).bonuses).toEqual([{ itemCode: 'praised', points: 4 }]);
    expect(evaluate(rubric, d).result).toMatchObject({ total: 100, bonus: 4 });
    expect(toSubmission(draft({ bonuses: { praised: '0' } }), 2).bonuses).toEqual([]);
    expect(evaluate(rubric, draft({ bonuses: { praised: '6' } })).problems).toEqual(['bonuses[0]: praised gives 1–5 points, got 6']);
  });

  it("totals live with the service's computation, and names the problems instead while invalid", () => {
    const ok = draft({ deductions: [{ ...newDeduction('product', null), severity: 'general', points: '5' }] });
    const live = evaluate(DEFAULT_RUBRIC, ok);
    expect(live.problems).toEqual([]);
    expect(live.result).toEqual(computeScore(DEFAULT_RUBRIC, toSubmission(ok, 1)));
    expect(live.result?.total).toBe(95);

    const bad = draft({ deductions: [{ ...newDeduction('product', null), severity: 'general', points: '9' }] });
    expect(evaluate(DEFAULT_RUBRIC, bad)).toEqual({ problems: ['deductions[0]: a general deduction is 4–6 points, got 9'], result: null });

    expect(evaluate(DEFAULT_RUBRIC, draft({ fatal: { 'no-final-consent': { note: 'x' } } })).result).toMatchObject({ total: 0, fatal: true, pointsBeforeFatal: 100 });
  });

  it('a severity change keeps points that fit and moves others to its lowest', () => {
    expect(pointsForSeverity('5', 'general')).toBe('5');
    expect(pointsForSeverity('2', 'general')).toBe('4');
    expect(pointsForSeverity('', 'serious')).toBe('7');
  });

  it('a stored score becomes a draft that submits the same deductions (a re-review starts from it)', () => {
    const stored = {
      comment: 'ok',
      detail: { deductions: [{ itemCode: 'charges', severity: 'serious', points: 8, atMs: 900 }], fatal: [{ kind: 'misleading-wording', note: 'free?' }] },
    } as unknown as ScoreRow;
    expect(toSubmission(draftFromScore(stored), 2)).toEqual({
      rubricVersion: 2,
      deductions: [{ itemCode: 'charges', severity: 'serious', points: 8, atMs: 900 }],
      fatal: [{ kind: 'misleading-wording', note: 'free?' }],
      bonuses: [],
      comment: 'ok',
    });
  });
});

describe('formatting', () => {
  it.each([
    [0, '0:00:00'],
    [160, '0:02:40'],
    [10_800, '3:00:00'],
  ])('duration(%s) = %s: always h:mm:ss, so 2:40 never sits beside 3:00:00', (sec, shown) => expect(duration(sec)).toBe(shown));

  it('times and days are the centre\'s, written 2026-12-07 10:30:05, whatever zone the machine is in', () => {
    setCentreTimeZone('Asia/Shanghai');
    const at = Date.UTC(2026, 11, 7, 2, 30, 5);
    expect(dateTime(at)).toBe('2026-12-07 10:30:05');
    expect(time(at)).toBe('10:30:05');
    // Shanghai's 7 December runs from 6 December 16:00 UTC to 7 December 16:00 UTC.
    expect(dayRange('2026-12-07', '2026-12-07')).toEqual({ from: Date.UTC(2026, 11, 6, 16), to: Date.UTC(2026, 11, 7, 16) });
    expect(centreToday(Date.UTC(2026, 11, 6, 16, 30))).toBe('2026-12-07');
    setCentreTimeZone('Europe/London');
    expect(dateTime(at)).toBe('2026-12-07 02:30:05');
    setCentreTimeZone('Asia/Shanghai');
  });

  it.each([
    // Positions are h:mm:ss like every duration, with tenths.
    [0, '0:00:00.0'],
    [2459, '0:00:02.4'],
    [61_000, '0:01:01.0'],
    [3_723_400, '1:02:03.4'],
    [null, '–'],
  ])('playTime(%s) = %s', (ms, shown) => expect(playTime(ms)).toBe(shown));

  it.each([
    ['2025-01', 0, '2025-01'],
    ['2025-01', 1, '2024-12'],
    ['2025-03', 14, '2024-01'],
  ])('previousCycle(%s, %i) = %s', (label, back, expected) => expect(previousCycle(label, back)).toBe(expected));
});
