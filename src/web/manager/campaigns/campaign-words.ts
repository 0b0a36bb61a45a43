/**
 * Why a campaign's lifecycle button or its settings are refused, worded in the user's
 * language from the campaign's status (the same rules as src/campaigns/lifecycle.ts, whose
 * English reasons the API sends beside the status).
 */
import { t } from '../../i18n/i18n.js';
import type { CampaignRefusals, CampaignStatus } from '../types.js';

export type CampaignAction = Exclude<keyof CampaignRefusals, 'edit'>;

/** Where each action leads (lifecycle.ts's RULES). */
const TARGET: Record<CampaignAction, CampaignStatus> = { start: 'running', pause: 'paused', complete: 'completed', archive: 'archived' };

/** Why `action` is refused for a campaign in `status` (only called when the API says it is). */
export function transitionRefusalText(status: CampaignStatus, action: CampaignAction): string {
  const s = t(`campaignStatus.${status}`);
  if (status === TARGET[action]) return t('campaignRefusal.already', { status: s });
  if (status === 'archived') return t('campaignRefusal.archived');
  if (action === 'archive' && status === 'running') return t('campaignRefusal.archiveRunning');
  return t('campaignRefusal.notFrom', { status: s });
}

/** Why the settings of a campaign in `status` cannot be edited. */
export function editRefusalText(status: CampaignStatus): string {
  return status === 'running' ? t('campaignRefusal.editRunning') : t('campaignRefusal.editClosed', { status: t(`campaignStatus.${status}`) });
}
