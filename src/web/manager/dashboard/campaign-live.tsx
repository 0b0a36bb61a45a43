/**
 * One running campaign's live figures (GET /api/campaigns/:id/live, read again every few
 * seconds): answer rate, abandon rate against the cap, contacts left, calls in progress, and
 * what pacing works from (answer-rate estimates, risk limit) and why it placed what it placed.
 */
import { get } from '../../shared/api.js';
import { percent } from '../../shared/format.js';
import { useInterval, useResource } from '../../shared/hooks.js';
import { Card, Message, ProgressBar, Stat } from '../../shared/ui.js';
import type { CampaignView, LiveFigures } from '../types.js';

/** Campaign figures change by themselves; a few seconds is fresh enough for a manager. */
export const FIGURES_REFRESH_MS = 3000;

export function CampaignLive({ campaign }: { campaign: CampaignView }) {
  const live = useResource(() => get<LiveFigures>(`/api/campaigns/${campaign.id}/live`), [campaign.id]);
  useInterval(() => void live.reload(), FIGURES_REFRESH_MS);
  const f = live.data;
  return (
    <Card
      title={
        <>
          {campaign.name} <span class="muted">#{campaign.id}</span>
        </>
      }
      actions={
        f && (
          <>
            <span class="badge ok">{f.status}</span> <span class={`badge ${f.window.open ? 'ok' : 'warn'}`}>window {f.window.open ? 'open' : 'closed'}</span>
          </>
        )
      }
      testId={`campaign-live-${campaign.id}`}
    >
      <Message kind="error">{live.error}</Message>
      {f && <Figures f={f} />}
    </Card>
  );
}

function Figures({ f }: { f: LiveFigures }) {
  const inProgress = f.now.dialing + f.now.ringing + f.now.waitingForAgent + f.now.withAgent;
  const answerRate = f.today.dialed > 0 ? f.today.answered / f.today.dialed : null;
  const abandon30 = f.last30Days.abandonRate;
  return (
    <>
      <div class="stats">
        <Stat testId="live-answer-rate" label={`answer rate today (${f.today.answered} of ${f.today.dialed} dialed)`} value={percent(answerRate)} />
        <Stat testId="live-abandon-rate" label={`abandon rate, 30 days (cap ${percent(f.abandonCap)})`} value={percent(abandon30)} warn={f.overCap} />
        <Stat testId="live-contacts-left" label={`contacts left of ${f.contacts.total}`} value={f.contacts.left} />
        <Stat
          testId="live-calls"
          label={`calls in progress: ${f.now.dialing} dialing, ${f.now.ringing} ringing, ${f.now.waitingForAgent} waiting, ${f.now.withAgent} with an agent`}
          value={inProgress}
        />
        <Stat testId="live-agents" label={`agents: ${f.agents.ready} ready, ${f.agents.onCall} on call, ${f.agents.paused} paused`} value={f.agents.loggedIn} />
      </div>
      <ProgressBar
        testId="live-abandon-cap"
        value={Math.max(abandon30 ?? 0, f.lifetime.abandonRate ?? 0)}
        max={f.abandonCap}
        label={`Abandoned against the cap: 30 days ${percent(abandon30)}, lifetime ${percent(f.lifetime.abandonRate)}, cap ${percent(f.abandonCap)}${f.overCap ? ' — over the cap, predictive pacing holds back' : ''}`}
      />
      <PacingPanel f={f} />
      <p class="muted small">
        Finish: {f.projection.finishAt ? new Date(f.projection.finishAt).toLocaleString('en-GB') : '–'} ({f.projection.note}) · callbacks scheduled: {f.callbacksScheduled}
      </p>
    </>
  );
}

/** What pacing works from and why its last pass placed what it placed (predictive: estimates and limit). */
function PacingPanel({ f }: { f: LiveFigures }) {
  const p = f.pacingExplained;
  if (!p) return null;
  return (
    <div data-testid="live-pacing">
      {p.answerRate && (
        <div class="stats">
          <Stat
            testId="live-pacing-answer-rate"
            label={`answer-rate estimate in use (fast ${percent(p.answerRate.fast)}${p.answerRate.changesDetected > 0 ? `; changes detected: ${p.answerRate.changesDetected}` : ''})`}
            value={percent(p.answerRate.slow)}
          />
          <Stat testId="live-pacing-risk-limit" label={`risk limit per call (aiming at ${percent(p.target, 2)} abandoned)`} value={percent(p.riskLimit)} />
        </div>
      )}
      <p class="small" data-testid="live-pacing-why">
        Pacing: {p.why}
      </p>
    </div>
  );
}
