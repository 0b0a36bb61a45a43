/**
 * QA's decision on a dispute: uphold the score (with the reason, for the agent), or amend it
 * with the rubric form, starting from the disputed score.
 */
import { useState } from 'preact/hooks';
import { useAction } from '../shared/hooks.js';
import { Card, Field, Message } from '../shared/ui.js';
import { qaApi, type DisputeRow, type ScoreRow } from './qa-api.js';
import { RubricForm } from './rubric-form.js';
import { useRubricSetup } from './rubric-setup.js';
import { draftFromScore } from './score-draft.js';
import { t } from '../i18n/i18n.js';

export interface ResolveDisputeProps {
  dispute: DisputeRow;
  disputed: ScoreRow | null;
  currentMs: () => number | null;
  onResolved: (message: string) => void;
}

export function ResolveDispute({ dispute, disputed, currentMs, onResolved }: ResolveDisputeProps) {
  const [decision, setDecision] = useState<'upheld' | 'amended'>('upheld');
  const [comment, setComment] = useState('');
  const uphold = useAction();
  const setup = useRubricSetup();
  const needComment = comment.trim() === '' ? t('qa.resolve.needComment') : null;
  const commentField = (
    <Field label={t('qa.resolve.comment')}>
      <textarea value={comment} maxLength={5000} onInput={(e) => setComment(e.currentTarget.value)} />
    </Field>
  );
  return (
    <Card title={t('qa.disputes.reReview')} testId="resolve-dispute">
      <div class="row" role="radiogroup" aria-label={t('qa.resolve.decision')}>
        <label class="check">
          <input type="radio" name="decision" checked={decision === 'upheld'} onChange={() => setDecision('upheld')} /> {t('qa.resolve.uphold')}
        </label>
        <label class="check">
          <input type="radio" name="decision" checked={decision === 'amended'} onChange={() => setDecision('amended')} /> {t('qa.resolve.amend')}
        </label>
      </div>
      {decision === 'upheld' && (
        <>
          {commentField}
          <Message kind="error">{uphold.error}</Message>
          <div class="row">
            <button
              type="button"
              class="primary"
              disabled={uphold.busy || needComment !== null}
              onClick={() =>
                void uphold.run(async () => {
                  await qaApi.resolve(dispute.id, { decision: 'upheld', comment: comment.trim() });
                  onResolved(t('qa.resolve.upheld', { id: String(dispute.id) }));
                })
              }
            >
              {t('qa.resolve.uphold')}
            </button>
            {needComment && <span class="muted">{needComment}</span>}
          </div>
        </>
      )}
      {decision === 'amended' && (
        <>
          <Message kind="error">{setup.error}</Message>
          {setup.data && (
            <RubricForm
              rubric={setup.data.rubric}
              fatalKinds={setup.data.kinds.fatalKinds}
              {...(disputed ? { initial: draftFromScore(disputed) } : {})}
              currentMs={currentMs}
              submitLabel={t('qa.resolve.amend')}
              blockedBy={needComment}
              onSubmit={async (score) => {
                const res = await qaApi.resolve(dispute.id, { decision: 'amended', comment: comment.trim(), score });
                onResolved(t('qa.resolve.amended', { id: String(dispute.id), total: res.score?.total ?? '–' }));
              }}
            >
              {commentField}
            </RubricForm>
          )}
        </>
      )}
    </Card>
  );
}
