/**
 * The lifecycle buttons of a campaign (start, pause, complete, archive) and clone. A button
 * the campaign's status does not allow is disabled, with the lifecycle's reason beside it;
 * an action the API refuses (e.g. starting with incomplete product terms) shows its message.
 * Completing or archiving a campaign with scheduled callbacks first asks what becomes of
 * them: cancel them, or move them to another campaign.
 */
import { useState } from 'preact/hooks';
import { post } from '../../shared/api.js';
import { useAction } from '../../shared/hooks.js';
import { Message } from '../../shared/ui.js';
import type { CampaignView } from '../types.js';
import { transitionRefusalText, type CampaignAction as Action } from './campaign-words.js';
import { t } from '../../i18n/i18n.js';

const ACTIONS: ReadonlyArray<{ action: Action; kind: string }> = [
  { action: 'start', kind: 'ok' },
  { action: 'pause', kind: '' },
  { action: 'complete', kind: '' },
  { action: 'archive', kind: 'danger' },
];

export function CampaignActions({
  campaign,
  campaigns = [],
  onChanged,
  onCloned,
}: {
  campaign: CampaignView;
  /** Where callbacks can be moved to. */
  campaigns?: CampaignView[];
  onChanged: (c: CampaignView) => void;
  onCloned: (c: CampaignView) => void;
}) {
  const act = useAction();
  const refused = ACTIONS.filter((a) => campaign.refusals[a.action] !== null);
  const [ending, setEnding] = useState<'complete' | 'archive' | null>(null);

  const run = (action: Action, body?: Record<string, unknown>) =>
    act.run(async () => {
      onChanged(await post<CampaignView>(`/api/campaigns/${campaign.id}/${action}`, body));
      setEnding(null);
    });
  const start = (action: Action) => {
    if ((action === 'complete' || action === 'archive') && campaign.openCallbacks > 0) setEnding(action);
    else void run(action);
  };
  const clone = () => act.run(async () => onCloned(await post<CampaignView>(`/api/campaigns/${campaign.id}/clone`)));

  return (
    <div class="campaign-actions" data-testid="campaign-actions">
      <div class="row">
        {ACTIONS.map(({ action, kind }) => (
          <button
            type="button"
            class={kind}
            disabled={act.busy || campaign.refusals[action] !== null}
            title={campaign.refusals[action] === null ? undefined : transitionRefusalText(campaign.status, action)}
            onClick={() => start(action)}
          >
            {t(`campaignAction.${action}`)}
          </button>
        ))}
        <button type="button" disabled={act.busy} onClick={() => void clone()} title={t('campaign.cloneHint')}>
          {t('campaign.clone')}
        </button>
      </div>
      {refused.length > 0 && (
        <p class="muted small">
          {t('campaign.notNow', { list: refused.map((a) => `${t(`campaignAction.${a.action}`)}:${transitionRefusalText(campaign.status, a.action)}`).join(' · ') })}
        </p>
      )}
      {ending && <EndingCallbacks campaign={campaign} action={ending} campaigns={campaigns} busy={act.busy} onCancel={() => setEnding(null)} onConfirm={(body) => void run(ending, body)} />}
      <Message kind="error">{act.error}</Message>
    </div>
  );
}

/** The question asked before a campaign with scheduled callbacks is completed or archived. */
function EndingCallbacks(props: {
  campaign: CampaignView;
  action: 'complete' | 'archive';
  campaigns: CampaignView[];
  busy: boolean;
  onCancel: () => void;
  onConfirm: (body: Record<string, unknown>) => void;
}) {
  const targets = props.campaigns.filter((c) => c.id !== props.campaign.id && c.status !== 'completed' && c.status !== 'archived');
  const [choice, setChoice] = useState<'cancel' | 'move'>('cancel');
  const [to, setTo] = useState<string>(targets[0] ? String(targets[0].id) : '');
  const n = props.campaign.openCallbacks;
  return (
    <div class="callout" role="dialog" aria-label={t('floor.ending.title')} data-testid="ending-callbacks">
      <p>
        <strong>{t('floor.ending.count', { count: n })}</strong> {t(`floor.ending.question.${props.action}`)}
      </p>
      <label class="check">
        <input type="radio" name="ending" value="cancel" checked={choice === 'cancel'} onChange={() => setChoice('cancel')} /> {t('floor.ending.cancelThem')}
      </label>
      <label class="check">
        <input type="radio" name="ending" value="move" checked={choice === 'move'} disabled={targets.length === 0} onChange={() => setChoice('move')} /> {t('floor.ending.moveThem')}
      </label>
      <select name="toCampaignId" aria-label={t('floor.ending.moveTo')} value={to} disabled={choice !== 'move'} onChange={(e) => setTo(e.currentTarget.value)}>
        {targets.map((c) => (
          <option value={String(c.id)}>{c.name}</option>
        ))}
      </select>
      <div class="row">
        <button type="button" class="danger" disabled={props.busy || (choice === 'move' && !to)} onClick={() => props.onConfirm(choice === 'move' ? { callbacks: 'move', toCampaignId: Number(to) } : { callbacks: 'cancel' })}>
          {t(`floor.ending.confirm.${props.action}.${choice}`)}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('floor.ending.back')}
        </button>
      </div>
    </div>
  );
}
