/**
 * "My quality": the agent's own QA scores and disputes (requirements §4), newest first. No
 * recordings here: they are for QA and managers (§6). Loaded when the console opens, on
 * Refresh and after a dispute is sent; scores change a few times a day, so no polling.
 */
import { useState } from 'preact/hooks';
import { useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { agentApi, type AgentScoreView, type PendingScoreView } from './agent-api.js';
import { PendingScore, QualityScore } from './quality-score.js';
import { t } from '../i18n/i18n.js';

/** Scores shown before "Show all". */
const FIRST_SHOWN = 8;

type Entry = { pending: true; score: PendingScoreView } | { pending: false; score: AgentScoreView };

export function MyQuality() {
  const scores = useResource(() => agentApi.myScores(), []);
  const disputes = useResource(() => agentApi.myDisputes(), []);
  const [showAll, setShowAll] = useState(false);
  const refresh = () => void Promise.all([scores.reload(), disputes.reload()]);

  const published = scores.data?.scores ?? [];
  const entries: Entry[] = [...(scores.data?.pending ?? []).map((score) => ({ pending: true as const, score })), ...published.map((score) => ({ pending: false as const, score }))].sort(
    (a, b) => b.score.id - a.score.id,
  );
  const shown = showAll ? entries : entries.slice(0, FIRST_SHOWN);
  const disputeOf = new Map((disputes.data ?? []).map((d) => [d.scoreId, d]));
  const byId = new Map(published.map((s) => [s.id, s]));

  return (
    <Card
      title={t('agent.quality.title')}
      testId="my-quality"
      actions={
        <button type="button" class="link" disabled={scores.loading || disputes.loading} onClick={refresh}>
          {t('common.refresh')}
        </button>
      }
    >
      {scores.data && entries.length === 0 && <p class="muted">{t('agent.quality.none')}</p>}
      {!scores.data && !scores.error && <p class="muted">{t('common.loading')}</p>}
      {shown.map((e) => {
        const dispute = disputeOf.get(e.score.id);
        const props = { dispute, newScore: dispute?.newScoreId ? byId.get(dispute.newScoreId) : undefined, onDisputed: refresh };
        return e.pending ? <PendingScore key={e.score.id} score={e.score} {...props} /> : <QualityScore key={e.score.id} score={e.score} {...props} />;
      })}
      {shown.length < entries.length && (
        <button type="button" class="link" onClick={() => setShowAll(true)}>
          {t('agent.quality.showAll', { count: entries.length })}
        </button>
      )}
      <Message kind="error">{scores.error ?? disputes.error}</Message>
    </Card>
  );
}
