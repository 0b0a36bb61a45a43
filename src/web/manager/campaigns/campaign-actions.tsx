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
import type { CampaignRefusals, CampaignView } from '../types.js';

type Action = Exclude<keyof CampaignRefusals, 'edit'>;

const ACTIONS: ReadonlyArray<{ action: Action; label: string; kind: string }> = [
  { action: 'start', label: 'Start', kind: 'ok' },
  { action: 'pause', label: 'Pause', kind: '' },
  { action: 'complete', label: 'Complete', kind: '' },
  { action: 'archive', label: 'Archive', kind: 'danger' },
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
        {ACTIONS.map(({ action, label, kind }) => (
          <button type="button" class={kind} disabled={act.busy || campaign.refusals[action] !== null} title={campaign.refusals[action] ?? undefined} onClick={() => start(action)}>
            {label}
          </button>
        ))}
        <button type="button" disabled={act.busy} onClick={() => void clone()} title="a new draft with the same settings and no contacts">
          Clone
        </button>
      </div>
      {refused.length > 0 && (
        <p class="muted small">
          Not now — {refused.map((a) => `${a.label.toLowerCase()}: ${campaign.refusals[a.action]}`).join(' · ')}
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
    <div class="callout" role="dialog" aria-label="Scheduled callbacks" data-testid="ending-callbacks">
      <p>
        <strong>
          {n} scheduled callback{n === 1 ? '' : 's'}
        </strong>{' '}
        — this campaign will not dial them once you {props.action} it. What should happen to them?
      </p>
      <label class="check">
        <input type="radio" name="ending" value="cancel" checked={choice === 'cancel'} onChange={() => setChoice('cancel')} /> Cancel them
      </label>
      <label class="check">
        <input type="radio" name="ending" value="move" checked={choice === 'move'} disabled={targets.length === 0} onChange={() => setChoice('move')} /> Move them to
      </label>
      <select name="toCampaignId" aria-label="Move to campaign" value={to} disabled={choice !== 'move'} onChange={(e) => setTo(e.currentTarget.value)}>
        {targets.map((c) => (
          <option value={String(c.id)}>{c.name}</option>
        ))}
      </select>
      <div class="row">
        <button type="button" class="danger" disabled={props.busy || (choice === 'move' && !to)} onClick={() => props.onConfirm(choice === 'move' ? { callbacks: 'move', toCampaignId: Number(to) } : { callbacks: 'cancel' })}>
          {props.action === 'complete' ? 'Complete' : 'Archive'} and {choice === 'move' ? 'move' : 'cancel'} the callbacks
        </button>
        <button type="button" onClick={props.onCancel}>
          Back
        </button>
      </div>
    </div>
  );
}
