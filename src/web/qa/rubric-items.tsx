/** The rubric's categories and items with their points and the live score of each; "Deduct" adds a deduction on an item. */
import type { RubricDefinition } from '../../qa/scoring/rubric.js';
import type { ScoreResult } from '../../qa/scoring/score.js';
import { TableHead } from './table-head.js';

export function RubricItems({ rubric, result, onDeduct }: { rubric: RubricDefinition; result: ScoreResult | null; onDeduct: (itemCode: string) => void }) {
  const itemScore = (code: string) => result?.categories.flatMap((c) => c.items).find((i) => i.code === code)?.score;
  return (
    <table class="rubric-items" data-testid="rubric-items">
      <TableHead columns={['Item', 'What the reviewer checks', '#Max', '#Score', '']} />
      {rubric.categories.map((cat) => (
        <tbody>
          <tr class="rubric-category">
            <th colSpan={2}>
              {cat.nameEn} · {cat.nameZh}
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
                {item.nameEn} <span class="muted">{item.nameZh}</span>
              </td>
              <td class="muted">{item.description ?? ''}</td>
              <td class="num">{item.maxPoints}</td>
              <td class="num">{itemScore(item.code) ?? '–'}</td>
              <td>
                <button type="button" onClick={() => onDeduct(item.code)} aria-label={`Deduct from ${item.nameEn}`}>
                  Deduct
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
