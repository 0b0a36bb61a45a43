/** The pure scoring rules: the default rubric, severities, floors at 0, fatal errors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FATAL_KIND_CODES, FATAL_KINDS } from '../../src/qa/scoring/fatal.js';
import { DEFAULT_RUBRIC, rubricProblems, type RubricDefinition } from '../../src/qa/scoring/rubric.js';
import { computeScore, CORRECTION_WINDOW_MS, correctionHalves, effectivePoints, scoreProblems, SEVERITIES, SEVERITY_POINTS, severityOf, type Deduction } from '../../src/qa/scoring/score.js';

const ITEMS = DEFAULT_RUBRIC.categories.flatMap((c) => c.items);

describe('the default rubric', () => {
  it('is the manuals’ 50/25/20/5 over 100, with named items in Chinese and English', () => {
    expect(rubricProblems(DEFAULT_RUBRIC)).toEqual([]);
    expect(DEFAULT_RUBRIC.categories.map((c) => [c.code, c.nameZh, c.maxPoints])).toEqual([
      ['business', '业务能力', 50],
      ['attitude', '服务态度', 25],
      ['skill', '专业技巧', 20],
      ['overall', '综合表现', 5],
    ]);
    for (const item of ITEMS) expect(item.nameZh && item.nameEn).toBeTruthy();
    expect(ITEMS.map((i) => i.nameZh)).toEqual(expect.arrayContaining(['开头语', '产品介绍', '资费说明', '礼貌用语', '耐心倾听', '业务知识', '结束语']));
  });

  it('names every problem of a bad rubric', () => {
    const bad: RubricDefinition = {
      passScore: 120,
      categories: [
        { code: 'a', nameZh: '甲', nameEn: 'A', maxPoints: 60, items: [{ code: 'x', nameZh: 'x', nameEn: 'x', maxPoints: 50 }] },
        { code: 'B!', nameZh: '', nameEn: 'B', maxPoints: 30, items: [{ code: 'x', nameZh: 'y', nameEn: 'y', maxPoints: 30 }] },
      ],
    };
    const problems = rubricProblems(bad).join('\n');
    expect(problems).toMatch(/passScore must be an integer from 0 to 100/);
    expect(problems).toMatch(/items add up to 50, not the category's 60/);
    expect(problems).toMatch(/code "B!" must be lower-case/);
    expect(problems).toMatch(/needs nameZh and nameEn/);
    expect(problems).toMatch(/code "x" is used twice/);
    expect(problems).toMatch(/categories add up to 90, not 100/);
  });
});

describe('severities', () => {
  it('minor 1–3, general 4–6, serious 7–10', () => {
    expect([0, 1, 3, 4, 6, 7, 10, 11, 2.5].map(severityOf)).toEqual([null, 'minor', 'minor', 'general', 'general', 'serious', 'serious', null, null]);
    expect(SEVERITY_POINTS).toEqual({ minor: [1, 3], general: [4, 6], serious: [7, 10] });
  });

  it('refuses points outside the severity, unknown items and unknown or repeated fatal kinds', () => {
    const problems = scoreProblems(DEFAULT_RUBRIC, {
      deductions: [
        { itemCode: 'opening', severity: 'minor', points: 5 },
        { itemCode: 'nope', severity: 'serious', points: 7 },
      ],
      fatal: [{ kind: 'no-final-consent' }, { kind: 'no-final-consent' }, { kind: 'bogus' as never }],
    });
    expect(problems).toEqual([
      'deductions[0]: a minor deduction is 1–3 points, got 5',
      'deductions[1]: no item "nope" in the rubric',
      'fatal[1]: no-final-consent is listed twice',
      expect.stringMatching(/^fatal\[2\]: kind must be one of/),
    ]);
  });
});

describe('computeScore', () => {
  it('deducts per item and never below 0', () => {
    const r = computeScore(DEFAULT_RUBRIC, {
      deductions: [
        { itemCode: 'opening', severity: 'serious', points: 8 }, // opening is worth 5: floors at 0
        { itemCode: 'courtesy', severity: 'minor', points: 2 },
        { itemCode: 'courtesy', severity: 'general', points: 4 },
      ],
      fatal: [],
    });
    const item = (code: string) => r.categories.flatMap((c) => c.items).find((i) => i.code === code);
    expect(item('opening')).toEqual({ code: 'opening', maxPoints: 5, deducted: 8, deductedAsGiven: 8, score: 0 });
    expect(item('courtesy')).toEqual({ code: 'courtesy', maxPoints: 8, deducted: 6, deductedAsGiven: 6, score: 2 });
    expect(r).toMatchObject({ total: 89, pointsBeforeFatal: 89, fatal: false, passed: true, defect: false, passScore: 80 });
    expect(r.categories.map((c) => c.score)).toEqual([45, 19, 20, 5]);
  });

  it('a fraudulent order is fatal: total 0, a defect, whatever else', () => {
    const r = computeScore(DEFAULT_RUBRIC, { deductions: [], fatal: [{ kind: 'terms-not-stated', note: '没有说明资费' }] });
    expect(r).toMatchObject({ total: 0, pointsBeforeFatal: 100, fatal: true, fatalKinds: ['terms-not-stated'], passed: false, defect: true });
    expect(FATAL_KINDS.map((k) => k.code)).toEqual([...FATAL_KIND_CODES]);
    expect(FATAL_KINDS).toHaveLength(6);
  });

  it('below the pass mark is a defect', () => {
    const r = computeScore(DEFAULT_RUBRIC, {
      deductions: [
        { itemCode: 'product', severity: 'serious', points: 10 },
        { itemCode: 'charges', severity: 'serious', points: 10 },
        { itemCode: 'needs', severity: 'general', points: 5 },
      ],
      fatal: [],
    });
    expect(r).toMatchObject({ total: 75, passed: false, defect: true });
  });

  it('for any valid deductions: items in [0, max], categories and total add up, fatal gives 0 (property)', () => {
    const deduction = fc
      .record({ item: fc.constantFrom(...ITEMS.map((i) => i.code)), severity: fc.constantFrom(...SEVERITIES), k: fc.nat() })
      .map(({ item, severity, k }): Deduction => {
        const [lo, hi] = SEVERITY_POINTS[severity];
        return { itemCode: item, severity, points: lo + (k % (hi - lo + 1)) };
      });
    fc.assert(
      fc.property(fc.array(deduction, { maxLength: 30 }), fc.subarray([...FATAL_KIND_CODES]), (deductions, kinds) => {
        const r = computeScore(DEFAULT_RUBRIC, { deductions, fatal: kinds.map((kind) => ({ kind })) });
        let sum = 0;
        for (const c of r.categories) {
          for (const i of c.items) {
            expect(i.score).toBeGreaterThanOrEqual(0);
            expect(i.score).toBeLessThanOrEqual(i.maxPoints);
            expect(i.score).toBe(Math.max(0, i.maxPoints - deductions.filter((d) => d.itemCode === i.code).reduce((s, d) => s + d.points, 0)));
          }
          expect(c.score).toBe(c.items.reduce((s, i) => s + i.score, 0));
          sum += c.score;
        }
        expect(r.pointsBeforeFatal).toBe(sum);
        expect(r.total).toBe(kinds.length ? 0 : sum);
        expect(r.defect).toBe(kinds.length > 0 || sum < DEFAULT_RUBRIC.passScore);
      }),
    );
  });
});

describe('bonus items (manual 000 特别加分项)', () => {
  const withBonus: RubricDefinition = {
    ...DEFAULT_RUBRIC,
    bonusItems: [
      { code: 'praised', nameZh: '客户表扬', nameEn: 'Praised by the customer', maxPoints: 5 },
      { code: 'retained', nameZh: '挽留成功', nameEn: 'Retained a leaving customer', maxPoints: 3 },
    ],
  };

  it('add their points; the total stays at most 100; a fatal error still scores 0', () => {
    const minus4: Deduction = { itemCode: 'needs', severity: 'general', points: 4 };
    expect(computeScore(withBonus, { deductions: [minus4], fatal: [], bonuses: [{ itemCode: 'retained', points: 3 }] })).toMatchObject({ total: 99, bonus: 3 });
    expect(computeScore(withBonus, { deductions: [minus4], fatal: [], bonuses: [{ itemCode: 'praised', points: 5 }, { itemCode: 'retained', points: 2 }] })).toMatchObject({ total: 100, bonus: 7 });
    expect(computeScore(withBonus, { deductions: [], fatal: [{ kind: FATAL_KIND_CODES[0]! }], bonuses: [{ itemCode: 'praised', points: 5 }] })).toMatchObject({ total: 0, fatal: true });
    // A bonus lifts a call over the pass mark.
    const low: Deduction[] = [{ itemCode: 'product', severity: 'serious', points: 10 }, { itemCode: 'charges', severity: 'serious', points: 10 }];
    expect(computeScore(withBonus, { deductions: low, fatal: [] }).passed).toBe(true);
    expect(computeScore(withBonus, { deductions: [...low, { itemCode: 'needs', severity: 'minor', points: 3 }], fatal: [] })).toMatchObject({ total: 77, passed: false });
    expect(computeScore(withBonus, { deductions: [...low, { itemCode: 'needs', severity: 'minor', points: 3 }], fatal: [], bonuses: [{ itemCode: 'praised', points: 4 }] })).toMatchObject({ total: 81, passed: true });
  });

  it('refuses bonuses the rubric has not, beyond their points, or given twice; and bad bonus items in a rubric', () => {
    expect(scoreProblems(withBonus, { deductions: [], fatal: [], bonuses: [{ itemCode: 'smile', points: 1 }] })).toEqual(['bonuses[0]: no bonus item "smile" in the rubric']);
    expect(scoreProblems(withBonus, { deductions: [], fatal: [], bonuses: [{ itemCode: 'retained', points: 4 }] })).toEqual(['bonuses[0]: retained gives 1–3 points, got 4']);
    expect(scoreProblems(withBonus, { deductions: [], fatal: [], bonuses: [{ itemCode: 'praised', points: 1 }, { itemCode: 'praised', points: 1 }] })).toEqual(['bonuses[1]: praised is given twice']);
    expect(scoreProblems(DEFAULT_RUBRIC, { deductions: [], fatal: [], bonuses: [{ itemCode: 'praised', points: 1 }] })[0]).toContain('no bonus item');
    expect(rubricProblems(withBonus)).toEqual([]);
    expect(rubricProblems({ ...withBonus, bonusItems: [{ code: 'opening', nameZh: '重复', nameEn: 'Dup', maxPoints: 0 }] })).toEqual([
      'bonusItems[0]: code "opening" is used twice',
      'bonusItems[0]: maxPoints must be an integer from 1 to 100',
    ]);
  });
});

describe('a call back to correct halves the deductions (manual 000)', () => {
  const MIN = 60_000;
  const deductions: Deduction[] = [
    { itemCode: 'opening', severity: 'general', points: 5 },
    { itemCode: 'charges', severity: 'serious', points: 8 },
    { itemCode: 'courtesy', severity: 'minor', points: 1 },
  ];
  // Given 14 points off (86); halved, rounded up to whole points: 3 + 4 + 1 = 8 off (92).
  it.each([
    ['no call back', undefined, false, 86],
    ['no call back (null)', null, false, 86],
    ['called back at hang-up', 0, true, 92],
    ['called back 12 minutes after', 12 * MIN, true, 92],
    ['called back exactly 30 minutes after', 30 * MIN, true, 92],
    ['called back 30 minutes and 1 ms after', 30 * MIN + 1, false, 86],
    ['called back 2 hours after', 120 * MIN, false, 86],
    ['a negative gap (a call before the hang-up) does not count', -1, false, 86],
  ] as const)('%s', (_name, correctedAfterMs, halved, total) => {
    const r = computeScore(DEFAULT_RUBRIC, { deductions, fatal: [], correctedAfterMs });
    expect(r.halved).toBe(halved);
    expect(r.total).toBe(total);
  });

  it.each([
    [1, 1],
    [2, 1],
    [3, 2],
    [5, 3],
    [10, 5],
  ])('a %i-point deduction takes %i when halved', (given, taken) => {
    expect(effectivePoints(given, true)).toBe(taken);
    expect(effectivePoints(given, false)).toBe(given);
  });

  it('shows both sums per item; an item still never goes below 0', () => {
    const r = computeScore(DEFAULT_RUBRIC, { deductions: [{ itemCode: 'opening', severity: 'serious', points: 10 }, { itemCode: 'opening', severity: 'serious', points: 9 }], fatal: [], correctedAfterMs: 5 * MIN });
    const opening = r.categories.flatMap((c) => c.items).find((i) => i.code === 'opening');
    expect(opening).toEqual({ code: 'opening', maxPoints: 5, deducted: 10, deductedAsGiven: 19, score: 0 });
  });

  it('can turn a defect into a pass, but never softens a fraudulent order', () => {
    const heavy: Deduction[] = [
      { itemCode: 'charges', severity: 'serious', points: 10 },
      { itemCode: 'product', severity: 'serious', points: 10 },
      { itemCode: 'identity', severity: 'general', points: 4 },
    ];
    expect(computeScore(DEFAULT_RUBRIC, { deductions: heavy, fatal: [] })).toMatchObject({ total: 76, defect: true });
    expect(computeScore(DEFAULT_RUBRIC, { deductions: heavy, fatal: [], correctedAfterMs: 10 * MIN })).toMatchObject({ total: 88, passed: true, halved: true });
    expect(computeScore(DEFAULT_RUBRIC, { deductions: heavy, fatal: [{ kind: FATAL_KIND_CODES[0]! }], correctedAfterMs: 10 * MIN })).toMatchObject({ total: 0, fatal: true, defect: true });
  });

  it('the window is 30 minutes', () => {
    expect(CORRECTION_WINDOW_MS).toBe(30 * MIN);
    expect(correctionHalves(CORRECTION_WINDOW_MS)).toBe(true);
    expect(correctionHalves(undefined)).toBe(false);
  });
});
