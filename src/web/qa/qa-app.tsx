/** The QA console: review (claim, listen, score), disputes, reports, the rubric and live calls (listening in), as tabs on the URL hash. */
import type { Me } from '../shared/api.js';
import { TabBar, useHashTab } from '../shared/ui.js';
import { DisputesTab } from './disputes-tab.js';
import { ReportsTab } from './reports-tab.js';
import { CLAIMING_ROLES, ReviewTab } from './review-tab.js';
import { RubricTab } from './rubric-tab.js';
import { LiveCallsBoard } from '../supervision/live-calls-board.js';
import { t } from '../i18n/i18n.js';

const TABS = ['review', 'disputes', 'reports', 'rubric', 'live'] as const;
type Tab = (typeof TABS)[number];

export function QaApp({ me }: { me: Me }) {
  // Reviewers start on their queue; managers (who cannot claim) on the reports.
  const tab = useHashTab(TABS, CLAIMING_ROLES.includes(me.role) ? 'review' : 'reports');
  return (
    <>
      <TabBar tabs={TABS} current={tab} labels={{ review: t('qaTab.review'), disputes: t('qaTab.disputes'), reports: t('qaTab.reports'), rubric: t('qaTab.rubric'), live: t('qaTab.live') }} />
      {tab === 'review' && <ReviewTab me={me} />}
      {tab === 'disputes' && <DisputesTab />}
      {tab === 'reports' && <ReportsTab />}
      {tab === 'rubric' && <RubricTab me={me} />}
      {/* QA listens only: the board shows the modes the service allows (monitor-rules.ts). */}
      {tab === 'live' && <LiveCallsBoard />}
    </>
  );
}
