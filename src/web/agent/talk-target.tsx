/** Today's talk time against the agent's daily target (the target is talk time, not calls). */
import { duration } from '../shared/format.js';
import { ProgressBar, Stat } from '../shared/ui.js';
import type { LiveAgentRow } from './agent-api.js';

export function TalkTarget({ row }: { row: LiveAgentRow | null }) {
  if (!row) return null;
  const pct = row.progressPct === null ? '–' : `${row.progressPct.toFixed(1)}%`;
  return (
    <section class="card" data-testid="talk-target">
      <h2>Today</h2>
      <ProgressBar testId="talk-progress" value={row.talkTodaySec} max={row.targetSec} label={`Talk time ${duration(row.talkTodaySec)} of ${duration(row.targetSec)} target (${pct})`} />
      <div class="stats compact">
        <Stat label="Connected calls" value={row.connectedToday} testId="connected-today" />
        <Stat label="Talk time" value={duration(row.talkTodaySec)} />
        <Stat label="Logged in" value={duration(row.loggedInTodaySec)} />
        <Stat label="Projected end of day" value={row.projectedAttainmentPct === null ? '–' : `${row.projectedAttainmentPct.toFixed(0)}%`} />
      </div>
    </section>
  );
}
