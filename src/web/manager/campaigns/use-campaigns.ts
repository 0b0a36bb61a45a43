/** The campaigns list (GET /api/campaigns), shared by the tabs that pick a campaign. */
import { get } from '../../shared/api.js';
import { useResource, type Resource } from '../../shared/hooks.js';
import type { CampaignView } from '../types.js';

export function useCampaigns(): Resource<CampaignView[]> {
  return useResource(async () => (await get<{ campaigns: CampaignView[] }>('/api/campaigns')).campaigns);
}
