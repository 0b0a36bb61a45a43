/** The rubric's bonus items (manual 000's 特别加分项): points given per item, up to its maximum; the total stays at most 100. */
import type { RubricBonusItem } from '../../qa/scoring/rubric.js';
import { t } from '../i18n/i18n.js';
import { bilingual } from '../shared/words.js';
import type { ScoreDraft } from './score-draft.js';

export function BonusRows({ items, given, onChange }: { items: readonly RubricBonusItem[]; given: ScoreDraft['bonuses']; onChange: (given: ScoreDraft['bonuses']) => void }) {
  return (
    <div class="bonus-items" data-testid="bonus-items">
      {items.map((b) => {
        const name = bilingual(b.nameEn, b.nameZh);
        return (
          <label class="field inline" data-bonus={b.code}>
            <span class="field-label">
              {name} <span class="muted">{t('qaBonus.upTo', { max: b.maxPoints })}</span>
            </span>
            <input
              type="number"
              min={0}
              max={b.maxPoints}
              aria-label={t('qaBonus.pointsFor', { item: name })}
              value={given[b.code] ?? ''}
              onInput={(e) => onChange({ ...given, [b.code]: e.currentTarget.value })}
            />
          </label>
        );
      })}
      <p class="muted">{t('qaBonus.cap')}</p>
    </div>
  );
}
