/** Today's talk time against the agent's daily target (the target is talk time, not calls). */
import { duration } from '../shared/format.js';
import { ProgressBar, Stat } from '../shared/ui.js';
import type { LiveAgentRow } from './agent-api.js';
import { t } from '../i18n/i18n.js';

export function TalkTarget({ row }: { row: LiveAgentRow | null }) {
  if (!row) return null;
  const pct = row.progressPct === null ? '–' : `${row.progressPct.toFixed(1)}%`;
  return (
    <section class="card" data-testid="talk-target">
      <h2>{t('agent.today.title')}</h2>
      <ProgressBar testId="talk-progress" value={row.talkTodaySec} max={row.targetSec} label={t('agent.today.progress', { talk: duration(row.talkTodaySec), target: duration(row.targetSec), pct })} />
      <div class="stats compact">
        <Stat label={t('agent.today.connected')} value={row.connectedToday} testId="connected-today" />
        <Stat label={t('agent.today.talk')} value={duration(row.talkTodaySec)} />
        <Stat label={t('agent.today.loggedIn')} value={duration(row.loggedInTodaySec)} />
        <Stat label={t('agent.today.projected')} value={row.projectedAttainmentPct === null ? '–' : `${row.projectedAttainmentPct.toFixed(0)}%`} />
      </div>
    </section>
  );
}
