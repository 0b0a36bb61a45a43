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
  const needComment = comment.trim() === '' ? 'Write the resolution for the agent first.' : null;
  const commentField = (
    <Field label="Resolution (the agent sees it)">
      <textarea value={comment} maxLength={5000} onInput={(e) => setComment(e.currentTarget.value)} />
    </Field>
  );
  return (
    <Card title="Re-review" testId="resolve-dispute">
      <div class="row" role="radiogroup" aria-label="Decision">
        <label class="check">
          <input type="radio" name="decision" checked={decision === 'upheld'} onChange={() => setDecision('upheld')} /> Uphold the score
        </label>
        <label class="check">
          <input type="radio" name="decision" checked={decision === 'amended'} onChange={() => setDecision('amended')} /> Amend the score
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
                  onResolved(`Dispute #${dispute.id}: the score stands.`);
                })
              }
            >
              Uphold the score
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
              submitLabel="Amend the score"
              blockedBy={needComment}
              onSubmit={async (score) => {
                const res = await qaApi.resolve(dispute.id, { decision: 'amended', comment: comment.trim(), score });
                onResolved(`Dispute #${dispute.id}: amended, new score ${res.score?.total ?? '–'} / 100.`);
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
