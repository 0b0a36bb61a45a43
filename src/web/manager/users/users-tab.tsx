/**
 * People: agents, teams' targets and pause codes (managers), and staff accounts — shown to
 * admins only, because the API keeps /api/users to admins.
 */
import { get } from '../../shared/api.js';
import type { Me } from '../../shared/api.js';
import { useResource } from '../../shared/hooks.js';
import type { TeamRecord } from '../types.js';
import { AgentsSection } from './agents-section.js';
import { PauseCodesSection } from './pause-codes-section.js';
import { StaffSection } from './staff-section.js';
import { TeamsSection } from './teams-section.js';

export function UsersTab({ me }: { me: Me }) {
  const teams = useResource(async () => (await get<{ teams: TeamRecord[] }>('/api/teams')).teams);
  return (
    <div class="grid" data-testid="users">
      <AgentsSection teams={(teams.data ?? []).map((team) => team.name).filter(Boolean)} onChanged={() => void teams.reload()} />
      <div class="grid grid-2">
        <TeamsSection teams={teams} />
        <PauseCodesSection />
      </div>
      {me.role === 'admin' && <StaffSection meId={me.id} />}
    </div>
  );
}
