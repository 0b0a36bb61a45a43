/** A call's scores, oldest first: the first review and any re-reviews after disputes. */
import { dateTime } from '../shared/format.js';
import type { ScoreRow } from './qa-api.js';
import { ScoreCorrectionNote } from './score-correction-note.js';
import { TableHead } from './table-head.js';
import { t } from '../i18n/i18n.js';
import { FATAL_KINDS } from '../../qa/scoring/fatal.js';
import { effectivePoints } from '../../qa/scoring/score.js';
import { bilingual, listWord } from '../shared/words.js';

type Detail = {
  deductions?: Array<{ itemCode: string; severity: string; points: number; note?: string }>;
  fatal?: Array<{ kind: string; note?: string }>;
  bonuses?: Array<{ itemCode: string; points: number; note?: string }>;
  halved?: boolean;
};

export function ScoreHistory({ scores, highlight }: { scores: ScoreRow[]; highlight?: number }) {
  if (scores.length === 0) return <p class="muted">{t('qa.history.none')}</p>;
  return (
    <table class="score-history" data-testid="score-history">
      <TableHead columns={[t('qa.items.score'), t('qa.history.kind'), t('qa.history.reviewed'), `#${t('qa.rubric.total')}`, t('qa.history.findings'), t('qa.history.comment')]} />
      <tbody>
        {scores.map((s) => {
          const d = s.detail as Detail;
          return (
            <tr class={s.id === highlight ? 'selected' : s.current ? '' : 'muted'}>
              <td>
                #{s.id} {s.current && <span class="badge">{t('qa.history.current')}</span>}
              </td>
              <td>{t(`qaScoreKind.${s.kind}`)}</td>
              <td>{dateTime(s.reviewedAt)}</td>
              <td class="num">
                <strong>{s.total}</strong> {s.fatal ? <span class="badge bad">{t('qaResult.fatal')}</span> : s.passed ? <span class="badge ok">{t('qaResult.passed')}</span> : <span class="badge warn">{t('qaResult.defect')}</span>}
              </td>
              <td>
                {(d.deductions ?? []).map((x) => (
                  <div>
                    −{x.points}
                    {d.halved && <span class="halved"> {t('qaCorrection.halvedTo', { points: effectivePoints(x.points, true) })}</span>} {x.itemCode} ({listWord('severity', x.severity)}){x.note ? `: ${x.note}` : ''}
                  </div>
                ))}
                {(d.bonuses ?? []).map((b) => (
                  <div class="ok">
                    {t('qaBonus.given', { points: b.points, item: b.itemCode })}
                    {b.note ? `: ${b.note}` : ''}
                  </div>
                ))}
                <ScoreCorrectionNote score={s} />
                {(d.fatal ?? []).map((f) => (
                  <div class="bad">
                    {t('qa.history.fatal', { kind: fatalName(f.kind) })}
                    {f.note ? `: ${f.note}` : ''}
                  </div>
                ))}
                {!d.deductions?.length && !d.fatal?.length && !d.bonuses?.length && <span class="muted">{t('common.none')}</span>}
              </td>
              <td>{s.comment}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A fraudulent-order kind by its code, in the user's language. */
function fatalName(code: string): string {
  const kind = FATAL_KINDS.find((k) => k.code === code);
  return kind ? bilingual(kind.nameEn, kind.nameZh) : code;
}
