/**
 * The lifecycle buttons of a campaign (start, pause, complete, archive) and clone. A button
 * the campaign's status does not allow is disabled, with the lifecycle's reason beside it;
 * an action the API refuses (e.g. starting with incomplete product terms) shows its message.
 */
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

export function CampaignActions({ campaign, onChanged, onCloned }: { campaign: CampaignView; onChanged: (c: CampaignView) => void; onCloned: (c: CampaignView) => void }) {
  const act = useAction();
  const refused = ACTIONS.filter((a) => campaign.refusals[a.action] !== null);

  const run = (action: Action) => act.run(async () => onChanged(await post<CampaignView>(`/api/campaigns/${campaign.id}/${action}`)));
  const clone = () => act.run(async () => onCloned(await post<CampaignView>(`/api/campaigns/${campaign.id}/clone`)));

  return (
    <div class="campaign-actions" data-testid="campaign-actions">
      <div class="row">
        {ACTIONS.map(({ action, label, kind }) => (
          <button type="button" class={kind} disabled={act.busy || campaign.refusals[action] !== null} title={campaign.refusals[action] ?? undefined} onClick={() => void run(action)}>
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
      <Message kind="error">{act.error}</Message>
    </div>
  );
}
