/**
 * One running campaign's live figures (GET /api/campaigns/:id/live, read again every few
 * seconds): answer rate, abandon rate against the cap, contacts left, calls in progress, and
 * what pacing works from (answer-rate estimates, risk limit) and why it placed what it placed.
 */
import { get } from '../../shared/api.js';
import { dateTime, percent } from '../../shared/format.js';
import { useInterval, useResource } from '../../shared/hooks.js';
import { Card, Message, ProgressBar, Stat } from '../../shared/ui.js';
import type { CampaignView, LiveFigures } from '../types.js';
import type { PacingFacts } from '../../../dialer/pacing-explain.js';
import { num, t } from '../../i18n/i18n.js';

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
            <span class="badge ok">{t(`campaignStatus.${f.status}`)}</span> <span class={`badge ${f.window.open ? 'ok' : 'warn'}`}>{f.window.open ? t('live.windowOpen') : t('live.windowClosed')}</span>
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
        <Stat testId="live-answer-rate" label={t('live.answerRate', { answered: f.today.answered, dialed: f.today.dialed })} value={percent(answerRate)} />
        <Stat testId="live-abandon-rate" label={t('live.abandonRate', { cap: percent(f.abandonCap) })} value={percent(abandon30)} warn={f.overCap} />
        <Stat testId="live-contacts-left" label={t('live.contactsLeft', { total: f.contacts.total })} value={f.contacts.left} />
        <Stat
          testId="live-calls"
          label={t('live.calls', { dialing: f.now.dialing, ringing: f.now.ringing, waiting: f.now.waitingForAgent, withAgent: f.now.withAgent })}
          value={inProgress}
        />
        <Stat testId="live-agents" label={t('live.agents', { ready: f.agents.ready, onCall: f.agents.onCall, paused: f.agents.paused })} value={f.agents.loggedIn} />
      </div>
      <ProgressBar
        testId="live-abandon-cap"
        value={Math.max(abandon30 ?? 0, f.lifetime.abandonRate ?? 0)}
        max={f.abandonCap}
        label={`${t('live.abandonCap', { days30: percent(abandon30), lifetime: percent(f.lifetime.abandonRate), cap: percent(f.abandonCap) })}${f.overCap ? t('live.overCap') : ''}`}
      />
      <PacingPanel f={f} />
      <p class="muted small">
        {t('live.finish', { at: dateTime(f.projection.finishAt), note: projectionNote(f), callbacks: f.callbacksScheduled })}
      </p>
    </>
  );
}

/** What pacing works from and why its last pass placed what it placed (predictive: estimates and limit). */
function PacingPanel({ f }: { f: LiveFigures }) {
  const p = f.pacingExplained;
  if (!p) return null;
  const changes = p.answerRate && p.answerRate.changesDetected > 0 ? t('pacing.changesDetected', { count: p.answerRate.changesDetected }) : '';
  return (
    <div data-testid="live-pacing">
      {p.answerRate && (
        <div class="stats">
          <Stat testId="live-pacing-answer-rate" label={t('pacing.answerRate', { fast: percent(p.answerRate.fast), changes })} value={percent(p.answerRate.slow)} />
          <Stat testId="live-pacing-risk-limit" label={t('pacing.riskLimit', { target: percent(p.target, 2) })} value={percent(p.riskLimit)} />
        </div>
      )}
      <p class="small" data-testid="live-pacing-why">
        {t('pacing.label', { why: pacingWhy(p.facts) })}
      </p>
    </div>
  );
}

/** Why the last pass placed what it placed, in the user's language (src/dialer/pacing-explain.ts has the same rules in English). */
function pacingWhy(x: PacingFacts): string {
  const placed = t('pacing.placed', { count: x.calls });
  if (x.reason !== 'predictive') return t(`pacing.reason.${x.reason}`, { placed });
  if (x.readyAgents === null) return placed;
  const free = x.expectedFreeAgents !== null ? t('pacing.expectingFree', { agents: num(x.expectedFreeAgents, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) }) : '';
  const ready = t('pacing.ready', { ready: x.readyAgents, inFlight: x.callsInFlight ?? 0 });
  switch (x.stoppedBy) {
    case 'risk':
      return t('pacing.stopped.risk', { placed, ready, free, risk: percent(x.marginalRisk ?? 0), limit: percent(x.riskLimit ?? 0) });
    case 'budget':
      return t('pacing.stopped.budget', { placed, ready, free, rate: percent(x.measuredAbandonRate ?? 0, 2), cap: percent(x.abandonCap) });
    case 'young-record':
      return t('pacing.stopped.youngRecord', { placed, ready, free });
    case 'per-agent':
      return t('pacing.stopped.perAgent', { placed, ready });
    case 'capacity':
      return t('pacing.stopped.capacity', { placed, ready });
    default:
      return t('pacing.stopped.none', { placed, ready });
  }
}

/** How the finish time was projected (the rules of src/dialer/live-figures.ts), in words. */
function projectionNote(f: LiveFigures): string {
  if (f.contacts.left === 0) return t('live.note.noneLeft');
  if (f.status !== 'running') return t('live.note.notRunning', { status: t(`campaignStatus.${f.status}`) });
  if (f.projection.perOpenHour === null) return t('live.note.notEnough');
  if (f.projection.finishAt === null) return t('live.note.windowNeverOpens');
  return t('live.note.lastHourRate');
}
