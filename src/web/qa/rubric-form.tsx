/**
 * The rubric form: the items with their points, deductions by severity, fatal errors, a
 * comment, and the total as it is filled in (the service's own scoring code, see
 * score-draft.ts). The service has the last word: its refusal is shown in the form as is.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useAction } from '../shared/hooks.js';
import { Card, Field, Message } from '../shared/ui.js';
import { BonusRows } from './bonus-rows.js';
import { DeductionRows } from './deduction-rows.js';
import { FatalFindings } from './fatal-findings.js';
import type { FatalKind, RubricRow, ScoreSubmission } from './qa-api.js';
import { RubricItems } from './rubric-items.js';
import { EMPTY_DRAFT, evaluate, newDeduction, toSubmission, type ScoreDraft } from './score-draft.js';
import { t } from '../i18n/i18n.js';

export interface RubricFormProps {
  rubric: RubricRow;
  fatalKinds: FatalKind[];
  initial?: ScoreDraft;
  /** The player's position, ms, for tying a deduction to a moment. */
  currentMs: () => number | null;
  submitLabel: string;
  /** Why submitting is not possible yet (shown by the disabled button), or null. */
  blockedBy?: string | null;
  onSubmit: (body: ScoreSubmission) => Promise<unknown>;
  /** More fields (a dispute's resolution comment). */
  children?: ComponentChildren;
}

export function RubricForm({ rubric, fatalKinds, initial, currentMs, submitLabel, blockedBy = null, onSubmit, children }: RubricFormProps) {
  const [draft, setDraft] = useState<ScoreDraft>(initial ?? EMPTY_DRAFT);
  const action = useAction();
  const { problems, result } = evaluate(rubric.definition, draft);
  const set = (patch: Partial<ScoreDraft>) => {
    action.clear();
    setDraft((d) => ({ ...d, ...patch }));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(() => onSubmit(toSubmission(draft, rubric.version)));
  };

  return (
    <form class="rubric-form" onSubmit={submit} noValidate data-testid="rubric-form">
      <Card title={t('qa.rubric.title', { name: rubric.name, version: String(rubric.version) })} actions={<ScoreTotal result={result} passScore={rubric.definition.passScore} testId="score-total" />}>
        <RubricItems rubric={rubric.definition} result={result} onDeduct={(code) => set({ deductions: [...draft.deductions, newDeduction(code, currentMs())] })} />
        <h3>{t('qa.rubric.deductions')}</h3>
        <DeductionRows rubric={rubric.definition} rows={draft.deductions} onChange={(deductions) => set({ deductions })} currentMs={currentMs} />
        <h3>{t('qa.rubric.fatal')}</h3>
        <FatalFindings kinds={fatalKinds} found={draft.fatal} onChange={(fatal) => set({ fatal })} />
        {(rubric.definition.bonusItems?.length ?? 0) > 0 && (
          <>
            <h3>{t('qaBonus.title')}</h3>
            <BonusRows items={rubric.definition.bonusItems ?? []} given={draft.bonuses} onChange={(bonuses) => set({ bonuses })} />
          </>
        )}
        <Field label={t('qa.rubric.comment')}>
          <textarea value={draft.comment} maxLength={5000} onInput={(e) => set({ comment: e.currentTarget.value })} />
        </Field>
        {children}
        {problems.length > 0 && (
          <Message kind="warn">
            <ul class="problems" data-testid="score-problems">
              {problems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </Message>
        )}
        <Message kind="error">{action.error}</Message>
        <div class="row">
          <button type="submit" class="primary" disabled={action.busy || blockedBy !== null}>
            {action.busy ? t('qa.rubric.submitting') : submitLabel}
          </button>
          {blockedBy && <span class="muted">{blockedBy}</span>}
          <span class="spacer" />
          <ScoreTotal result={result} passScore={rubric.definition.passScore} />
        </div>
      </Card>
    </form>
  );
}

function ScoreTotal({ result, passScore, testId }: { result: ReturnType<typeof evaluate>['result']; passScore: number; testId?: string }) {
  if (!result) return <span class="score-total" data-testid={testId}>{t('qa.rubric.total')} –</span>;
  return (
    <span class="score-total" data-testid={testId} data-total={result.total}>
      {t('qa.rubric.total')} <strong>{result.total}</strong> / 100{' '}
      {result.fatal ? <span class="badge bad">{t('qaResult.fatal')}</span> : result.passed ? <span class="badge ok">{t('qaResult.passed')}</span> : <span class="badge warn">{t('qa.rubric.below', { pass: passScore })}</span>}
    </span>
  );
}
