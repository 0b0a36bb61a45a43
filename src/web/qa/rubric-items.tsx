/** The rubric's categories and items with their points and the live score of each; "Deduct" adds a deduction on an item. */
import type { RubricDefinition } from '../../qa/scoring/rubric.js';
import type { ScoreResult } from '../../qa/scoring/score.js';
import { TableHead } from './table-head.js';
import { t } from '../i18n/i18n.js';
import { bilingual } from '../shared/words.js';

export function RubricItems({ rubric, result, onDeduct }: { rubric: RubricDefinition; result: ScoreResult | null; onDeduct: (itemCode: string) => void }) {
  const itemScore = (code: string) => result?.categories.flatMap((c) => c.items).find((i) => i.code === code)?.score;
  return (
    <table class="rubric-items" data-testid="rubric-items">
      <TableHead columns={[t('qa.deduct.item'), t('qa.items.checks'), `#${t('qa.items.max')}`, `#${t('qa.items.score')}`, '']} />
      {rubric.categories.map((cat) => (
        <tbody>
          <tr class="rubric-category">
            <th colSpan={2}>
              {bilingual(cat.nameEn, cat.nameZh)}
            </th>
            <th class="num">{cat.maxPoints}</th>
            <th class="num" data-testid={`category-score-${cat.code}`}>
              {result?.categories.find((c) => c.code === cat.code)?.score ?? '–'}
            </th>
            <th />
          </tr>
          {cat.items.map((item) => (
            <tr data-item={item.code}>
              <td>
                {bilingual(item.nameEn, item.nameZh)}
              </td>
              <td class="muted">{item.description ?? ''}</td>
              <td class="num">{item.maxPoints}</td>
              <td class="num">{itemScore(item.code) ?? '–'}</td>
              <td>
                <button type="button" onClick={() => onDeduct(item.code)} aria-label={t('qa.items.deductFrom', { item: bilingual(item.nameEn, item.nameZh) })}>
                  {t('qa.items.deduct')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
