/** The live dashboard: each running campaign's figures, and the agents board. */
import { useInterval, type Resource } from '../../shared/hooks.js';
import { Card, Message } from '../../shared/ui.js';
import type { CampaignView } from '../types.js';
import { AgentsBoard } from './agents-board.js';
import { IncidentsBanner } from './incidents-banner.js';
import { LiveCallsBoard } from '../../supervision/live-calls-board.js';
import { CampaignLive, FIGURES_REFRESH_MS } from './campaign-live.js';
import { t } from '../../i18n/i18n.js';

export function DashboardTab({ campaigns }: { campaigns: Resource<CampaignView[]> }) {
  // Campaigns start and stop from other screens too: keep the list fresh.
  useInterval(() => void campaigns.reload(), FIGURES_REFRESH_MS);
  const running = (campaigns.data ?? []).filter((c) => c.status === 'running');
  const paused = (campaigns.data ?? []).filter((c) => c.status === 'paused');
  return (
    <div class="grid" data-testid="dashboard">
      <IncidentsBanner />
      <Message kind="error">{campaigns.error}</Message>
      {running.length === 0 && campaigns.data && (
        <Card title={t('dashboard.running')}>
          <p class="muted">{t('dashboard.noneRunning')}</p>
        </Card>
      )}
      {running.map((c) => (
        <CampaignLive key={c.id} campaign={c} />
      ))}
      {paused.length > 0 && <p class="muted">{t('dashboard.paused', { names: paused.map((c) => c.name).join(', ') })}</p>}
      <LiveCallsBoard />
      <AgentsBoard />
    </div>
  );
}
