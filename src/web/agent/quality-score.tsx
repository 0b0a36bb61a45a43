/**
 * One QA score in "My quality": the call (masked number and campaign), the total and its
 * result, each deduction with where in the call it was heard, the reviewer's comment, and
 * the dispute. A score whose daily report is not out yet shows only that the call was scored.
 */
import type { ComponentChildren } from 'preact';
import { duration } from '../shared/format.js';
import type { AgentScoreView, DisputeRow, PendingScoreView } from './agent-api.js';
import { DisputeBox } from './dispute-box.js';
import { ScoreCorrectionNote } from '../qa/score-correction-note.js';
import { listWord, RubricName } from '../shared/words.js';
import { t } from '../i18n/i18n.js';

interface DisputeProps {
  dispute: DisputeRow | undefined;
  /** The re-review an amended dispute led to. */
  newScore: AgentScoreView | undefined;
  onDisputed: () => void;
}

export function QualityScore({ score, ...dispute }: { score: AgentScoreView } & DisputeProps) {
  return (
    <ScoreFrame score={score} status={<ScoreResult score={score} />}>
      <Findings score={score} />
      <ScoreCorrectionNote score={score} />
      {score.comment && (
        <p class="reviewer-comment" data-testid="reviewer-comment">
          <span class="muted">{t('agent.quality.comment')}</span> {score.comment}
        </p>
      )}
      <DisputeBox score={score} {...dispute} />
    </ScoreFrame>
  );
}

export function PendingScore({ score, ...dispute }: { score: PendingScoreView } & DisputeProps) {
  return (
    <ScoreFrame score={score} status={<span class="muted">{t('agent.quality.pending', { date: score.reviewDate })}</span>}>
      <DisputeBox score={score} {...dispute} />
    </ScoreFrame>
  );
}

function ScoreFrame({ score, status, children }: { score: PendingScoreView; status: ComponentChildren; children: ComponentChildren }) {
  return (
    <article class={`qa-score${'total' in score ? '' : ' pending'}`} data-testid="qa-score" data-call-id={score.callId} data-score-id={score.id}>
      <div class="row qa-score-head">
        <strong>{score.reviewDate}</strong>
        <span data-testid="qa-score-phone">{score.phoneMasked}</span>
        <span class="muted">{score.campaignName}</span>
        {score.kind === 're-review' && <span class="badge">{t('qaScoreKind.re-review')}</span>}
        <span class="spacer" />
        {status}
      </div>
      {children}
    </article>
  );
}

function ScoreResult({ score }: { score: AgentScoreView }) {
  const result = score.fatal ? <span class="badge bad">{t('qaResult.fatal')}</span> : score.passed ? <span class="badge ok">{t('qaResult.passed')}</span> : <span class="badge warn">{t('qaResult.failed')}</span>;
  return (
    <span class={score.current ? '' : 'superseded'}>
      <strong class="qa-total" data-testid="score-total">
        {score.total} / 100
      </strong>{' '}
      {result}
    </span>
  );
}

function Findings({ score }: { score: AgentScoreView }) {
  if (score.deductions.length === 0 && score.fatalFindings.length === 0) return <p class="muted small">{t('agent.quality.noDeductions')}</p>;
  return (
    <ul class="findings">
      {score.fatalFindings.map((f) => (
        <li class="fatal" data-testid="fatal-finding">
          <strong>{t('agent.quality.fatal')}</strong> <RubricName name={f.name} nameZh={f.nameZh} />
          <Where atMs={f.atMs} />
          {f.note && <div class="muted">{f.note}</div>}
        </li>
      ))}
      {score.deductions.map((d) => (
        <li data-testid="deduction">
          <strong>−{d.points}</strong> <RubricName name={d.itemName} nameZh={d.itemNameZh} /> · {listWord('severity', d.severity)}
          <Where atMs={d.atMs} />
          {d.note && <div class="muted">{d.note}</div>}
        </li>
      ))}
    </ul>
  );
}

/** Where in the call a finding was heard (the recording starts at answer). */
function Where({ atMs }: { atMs: number | null }) {
  return atMs === null ? null : <span class="muted"> · {t('agent.quality.at', { at: duration(atMs / 1000) })}</span>;
}
