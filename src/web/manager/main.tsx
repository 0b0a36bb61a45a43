/**
 * The manager console: campaigns, their number lists, the live dashboard, the agent targets
 * report, do-not-call lists, people, prompts, subscriptions, call history and webhooks — one tab each
 * (the tab is in the URL hash).
 */
import { useState } from 'preact/hooks';
import type { Me } from '../shared/api.js';
import { mountConsole, TabBar, useHashTab } from '../shared/ui.js';
import { CallbacksTab } from './callbacks/callbacks-tab.js';
import { CallsTab } from './calls/calls-tab.js';
import { CampaignsTab } from './campaigns/campaigns-tab.js';
import { useCampaigns } from './campaigns/use-campaigns.js';
import { DashboardTab } from './dashboard/dashboard-tab.js';
import { DncTab } from './dnc/dnc-tab.js';
import { ListsTab } from './lists/lists-tab.js';
import './manager.css';
import { PromptsTab } from './prompts/prompts-tab.js';
import { SubscriptionsTab } from './subscriptions/subscriptions-tab.js';
import { TargetsTab } from './targets/targets-tab.js';
import { UsersTab } from './users/users-tab.js';
import { WebhooksTab } from './webhooks/webhooks-tab.js';
import { t } from '../i18n/i18n.js';

const TABS = ['campaigns', 'lists', 'dashboard', 'targets', 'dnc', 'users', 'prompts', 'subscriptions', 'calls', 'callbacks', 'webhooks'] as const;
const labels = (): Record<(typeof TABS)[number], string> => ({
  campaigns: t('managerTab.campaigns'),
  lists: t('managerTab.lists'),
  dashboard: t('managerTab.dashboard'),
  targets: t('managerTab.targets'),
  dnc: t('managerTab.dnc'),
  users: t('managerTab.users'),
  prompts: t('managerTab.prompts'),
  subscriptions: t('managerTab.subscriptions'),
  calls: t('managerTab.calls'),
  callbacks: t('managerTab.callbacks'),
  webhooks: t('managerTab.webhooks'),
});

function ManagerApp({ me }: { me: Me }) {
  const tab = useHashTab(TABS, 'campaigns');
  const campaigns = useCampaigns();
  // The campaign chosen on one tab stays chosen on the others.
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const isAdmin = me.role === 'admin';
  return (
    <>
      <TabBar tabs={TABS} current={tab} labels={labels()} />
      {tab === 'campaigns' && <CampaignsTab campaigns={campaigns} selectedId={campaignId} onSelect={setCampaignId} />}
      {tab === 'lists' && <ListsTab campaigns={campaigns} selectedId={campaignId} onSelect={setCampaignId} isAdmin={isAdmin} />}
      {tab === 'dashboard' && <DashboardTab campaigns={campaigns} />}
      {tab === 'targets' && <TargetsTab />}
      {tab === 'dnc' && <DncTab campaigns={campaigns} isAdmin={isAdmin} />}
      {tab === 'users' && <UsersTab me={me} />}
      {tab === 'prompts' && <PromptsTab />}
      {tab === 'subscriptions' && <SubscriptionsTab campaigns={campaigns} />}
      {tab === 'calls' && <CallsTab campaigns={campaigns} selectedId={campaignId} onSelect={setCampaignId} />}
      {tab === 'callbacks' && <CallbacksTab campaigns={campaigns} selectedId={campaignId} onSelect={setCampaignId} />}
      {tab === 'webhooks' && <WebhooksTab />}
    </>
  );
}

mountConsole('consoleTitle.manager', (me) => <ManagerApp me={me} />);
