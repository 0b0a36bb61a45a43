/** The deductions being made: item, severity (minor 1–3, general 4–6, serious 7–10), points, where in the recording, note. */
import type { RubricDefinition } from '../../qa/scoring/rubric.js';
import { SEVERITIES, SEVERITY_POINTS, type Severity } from '../../qa/scoring/score.js';
import { playTime } from './qa-format.js';
import { pointsForSeverity, type DeductionDraft } from './score-draft.js';
import { t } from '../i18n/i18n.js';
import { bilingual } from '../shared/words.js';

export interface DeductionRowsProps {
  rubric: RubricDefinition;
  rows: DeductionDraft[];
  onChange: (rows: DeductionDraft[]) => void;
  /** The player's position, ms (null when no recording is open). */
  currentMs: () => number | null;
}

export function DeductionRows({ rubric, rows, onChange, currentMs }: DeductionRowsProps) {
  if (rows.length === 0) return <p class="muted">{t('qa.deduct.none')}</p>;
  const update = (id: number, patch: Partial<DeductionDraft>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <div class="deductions">
      {rows.map((r, i) => {
        const [lo, hi] = SEVERITY_POINTS[r.severity];
        return (
          <fieldset class="deduction" data-testid={`deduction-${i}`}>
            <legend>{t('qa.deduct.n', { n: i + 1 })}</legend>
            <label class="field">
              <span class="field-label">{t('qa.deduct.item')}</span>
              <select value={r.itemCode} onChange={(e) => update(r.id, { itemCode: e.currentTarget.value })}>
                {rubric.categories.map((c) => (
                  <optgroup label={bilingual(c.nameEn, c.nameZh)}>
                    {c.items.map((item) => (
                      <option value={item.code}>
                        {bilingual(item.nameEn, item.nameZh)} ({item.maxPoints})
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <label class="field">
              <span class="field-label">{t('qa.deduct.severity')}</span>
              <select
                value={r.severity}
                onChange={(e) => {
                  const severity = e.currentTarget.value as Severity;
                  update(r.id, { severity, points: pointsForSeverity(r.points, severity) });
                }}
              >
                {SEVERITIES.map((s) => (
                  <option value={s}>
                    {t(`severity.${s}`)} ({SEVERITY_POINTS[s][0]}–{SEVERITY_POINTS[s][1]})
                  </option>
                ))}
              </select>
            </label>
            <label class="field points">
              <span class="field-label">{t('qa.deduct.points')}</span>
              <input type="number" min={lo} max={hi} step={1} value={r.points} onInput={(e) => update(r.id, { points: e.currentTarget.value })} />
            </label>
            <div class="field at">
              <span class="field-label">{t('qa.deduct.at')}</span>
              <div class="row">
                <span data-testid="deduction-at">{r.atMs === null ? '–' : playTime(r.atMs)}</span>
                <button type="button" class="link" onClick={() => update(r.id, { atMs: currentMs() })} title={t('qa.deduct.positionHint')}>
                  {t('qa.deduct.position')}
                </button>
              </div>
            </div>
            <label class="field note">
              <span class="field-label">{t('agent.disposition.note')}</span>
              <input value={r.note} maxLength={2000} onInput={(e) => update(r.id, { note: e.currentTarget.value })} />
            </label>
            <button type="button" class="link remove" onClick={() => onChange(rows.filter((x) => x.id !== r.id))} aria-label={t('qa.deduct.removeN', { n: i + 1 })}>
              {t('qa.deduct.remove')}
            </button>
          </fieldset>
        );
      })}
    </div>
  );
}
