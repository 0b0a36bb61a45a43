/**
 * Disputing one QA score (requirements §4): the agent may dispute on the day the score's
 * daily report comes out, and QA re-reviews the same day. The button is usable exactly when
 * the service would take the dispute (it says so in the score's `disputable`), otherwise it
 * is disabled with the service's reason. Once raised, the dispute's state is shown instead.
 */
import { useState } from 'preact/hooks';
import { dateTime } from '../shared/format.js';
import { useAction } from '../shared/hooks.js';
import { Field, Message } from '../shared/ui.js';
import { agentApi, type AgentScoreView, type DisputeChance, type DisputeRow } from './agent-api.js';
import { t } from '../i18n/i18n.js';

/** A score as far as disputing it goes: its call, and whether the service takes a dispute now. */
type Disputed = DisputeChance & { callId: string; reviewDate: string };

export function DisputeBox({ score, dispute, newScore, onDisputed }: { score: Disputed; dispute: DisputeRow | undefined; newScore: AgentScoreView | undefined; onDisputed: () => void }) {
  if (dispute) return <DisputeState dispute={dispute} newScore={newScore} />;
  if (!score.disputable) {
    return (
      <div class="row dispute-row">
        <button type="button" disabled>
          {t('agent.dispute.button')}
        </button>
        <span class="blocked-reason" data-testid="dispute-blocked">
          {score.disputeRefusalCode ? t(`disputeRefusal.${score.disputeRefusalCode}`, { date: score.reviewDate, closesOn: score.disputeClosesOn ?? '–' }) : score.disputeRefusal}
        </span>
      </div>
    );
  }
  return <DisputeForm score={score} onDisputed={onDisputed} />;
}

function DisputeForm({ score, onDisputed }: { score: Disputed; onDisputed: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const send = useAction();
  const closes = score.disputeClosesOn ? t('agent.dispute.closes', { date: score.disputeClosesOn }) : '';

  if (!open) {
    return (
      <div class="row dispute-row">
        <button type="button" onClick={() => setOpen(true)}>
          {t('agent.dispute.button')}
        </button>
        <span class="muted small">{closes}</span>
      </div>
    );
  }
  async function submit(e: Event) {
    e.preventDefault();
    if (await send.run(() => agentApi.dispute(score.callId, reason))) onDisputed();
  }
  return (
    <form class="dispute-form" data-testid="dispute-form" onSubmit={submit}>
      <Field label={t('agent.dispute.why')} hint={`${closes} ${t('agent.dispute.sameDay')}`.trim()}>
        <textarea value={reason} maxLength={5000} required onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <div class="row">
        <button type="submit" class="primary" disabled={send.busy || reason.trim() === ''}>
          {t('agent.dispute.send')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      <Message kind="error">{send.error}</Message>
    </form>
  );
}

const STATE_BADGE: Record<DisputeRow['status'], string> = { open: 'warn', upheld: '', amended: 'ok' };

function DisputeState({ dispute, newScore }: { dispute: DisputeRow; newScore: AgentScoreView | undefined }) {

  return (
    <div class="dispute-state" data-testid="dispute-state" data-status={dispute.status}>
      <div>
        <span class={`badge ${STATE_BADGE[dispute.status]}`}>{t(`disputeStatus.${dispute.status}`)}</span> {t(`agent.dispute.state.${dispute.status}`)}
      </div>
      <div class="small">
        {t('agent.dispute.raised', { at: dateTime(dispute.raisedAt) })}“{dispute.reason}”
      </div>
      {dispute.resolution !== null && (
        <div data-testid="dispute-resolution">
          {t('agent.dispute.resolved', { at: dateTime(dispute.resolvedAt) })}“{dispute.resolution}”
        </div>
      )}
      {dispute.status === 'amended' && (
        <div data-testid="dispute-new-score">
          {t('agent.dispute.newScore')} <strong>{newScore ? `${newScore.total} / 100` : `#${dispute.newScoreId}`}</strong>
        </div>
      )}
    </div>
  );
}
