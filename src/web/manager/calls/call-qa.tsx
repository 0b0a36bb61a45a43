/**
 * The call's QA score in the manager's call detail: the current score and, when it failed,
 * the correction task (a call back by the agent within the minutes the manager sets).
 */
import type { ScoreRow } from '../../../qa/score-service.js';
import { get } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useResource } from '../../shared/hooks.js';
import { Message } from '../../shared/ui.js';
import { t } from '../../i18n/i18n.js';
import { CorrectionTask } from '../../qa/correction-task.js';
import { ScoreCorrectionNote } from '../../qa/score-correction-note.js';

export function CallQa({ callId }: { callId: string }) {
  const scores = useResource(() => get<{ scores: ScoreRow[] }>(`/api/qa/calls/${encodeURIComponent(callId)}/scores`).then((r) => r.scores), [callId]);
  const current = scores.data?.find((s) => s.current);
  if (scores.error) return <Message kind="error">{scores.error}</Message>;
  if (!current) return null;
  const result = current.fatal ? t('qaResult.fatal') : current.passed ? t('qaResult.passed') : t('qaResult.defect');
  return (
    <section data-testid="call-qa" aria-label={t('qaCorrection.scoreTitle')}>
      <h3>{t('qaCorrection.scoreTitle')}</h3>
      <p data-testid="call-qa-score">{t('qaCorrection.scoreLine', { total: current.total, result, at: dateTime(current.reviewedAt) })}</p>
      <ScoreCorrectionNote score={current} />
      {current.defect && <CorrectionTask callId={callId} total={current.total} />}
    </section>
  );
}
