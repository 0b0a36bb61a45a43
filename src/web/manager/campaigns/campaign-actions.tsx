/**
 * The lifecycle buttons of a campaign (start, pause, complete, archive) and clone. A button
 * the campaign's status does not allow is disabled, with the lifecycle's reason beside it;
 * an action the API refuses (e.g. starting with incomplete product terms) shows its message.
 */
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

export function CampaignActions({ campaign, onChanged, onCloned }: { campaign: CampaignView; onChanged: (c: CampaignView) => void; onCloned: (c: CampaignView) => void }) {
  const act = useAction();
  const refused = ACTIONS.filter((a) => campaign.refusals[a.action] !== null);

  const run = (action: Action) => act.run(async () => onChanged(await post<CampaignView>(`/api/campaigns/${campaign.id}/${action}`)));
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
            onClick={() => void run(action)}
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
      <Message kind="error">{act.error}</Message>
    </div>
  );
}
