/**
 * Call history (GET /api/calls), newest first, a page at a time before the last call shown:
 * outcome, every moment, agent, recording. A call whose recording is missing or broken is
 * flagged as an incident. No customer numbers here: the call's detail has it.
 */
import { get, query } from '../../shared/api.js';
import { dateTime, time } from '../../shared/format.js';
import { useResource, type Resource } from '../../shared/hooks.js';
import { Message, TableHead } from '../../shared/ui.js';
import { hashLink } from '../hash-path.js';
import { PagerBar, useCursorPager } from '../pager.js';
import type { AgentRecord, CallListRow } from '../types.js';
import { agentName } from '../use-agents.js';
import { DispositionCell, isIncident, OutcomeBadge, RecordingBadge } from './call-words.js';
import { t } from '../../i18n/i18n.js';

const PAGE = 50;

/** Which recordings to list: all, the incidents, or one state (GET /api/calls?recording=). */
export type RecordingFilter = '' | 'incident' | 'verified' | 'missing' | 'broken' | 'pending';

/** Calls with a fault the manuals name: zero-length (connected, under a second of talk). */
export type FaultFilter = '' | 'zero-length';

export function CallList({ campaignId, recording, fault, agents, selectedId }: { campaignId: number | null; recording: RecordingFilter; fault: FaultFilter; agents: Resource<AgentRecord[]>; selectedId: string | null }) {
  // The cursor is the service's nextCursor of the page before ('': the newest page).
  const pager = useCursorPager('');
  const page = useResource(
    async () => get<{ calls: CallListRow[]; nextCursor: string | null }>(`/api/calls${query({ campaignId, recording, fault, cursor: pager.after, limit: PAGE })}`),
    [campaignId, recording, fault, pager.after],
  );
  const rows = page.data?.calls ?? [];
  return (
    <section data-testid="call-list" aria-label={t('managerTab.calls')}>
      <Message kind="error">{page.error}</Message>
      {rows.length === 0 && !page.loading && <p class="muted">{recording || fault ? t('calls.noneMatching') : t('calls.none')}</p>}
      {rows.length > 0 && (
        <table>
          <TableHead
            columns={[
              t('callMoment.originatedAt'),
              t('agent.calls.outcome'),
              t('agent.disposition.title'),
              t('callMoment.answeredAt'),
              t('callMoment.agentConnectedAt'),
              t('callMoment.openingStartedAt'),
              t('callMoment.endedAt'),
              t('dashboard.col.agent'),
              t('calls.recording'),
              '',
            ]}
          />
          <tbody>
            {rows.map((c) => (
              <tr data-testid={`call-row-${c.id}`} data-incident={isIncident(c) ? 'yes' : 'no'} class={c.id === selectedId ? 'selected' : isIncident(c) || c.zeroLength ? 'flagged' : ''}>
                <td>{dateTime(c.originatedAt)}</td>
                <td>
                  <OutcomeBadge call={c} />
                  {c.zeroLength && (
                    <span class="badge bad" data-testid="zero-length" title={t('calls.zeroLengthHint')}>
                      {t('calls.zeroLength')}
                    </span>
                  )}
                </td>
                <td data-testid="call-disposition">
                  <DispositionCell call={c} />
                </td>
                <td>{time(c.answeredAt)}</td>
                <td>{time(c.agentConnectedAt)}</td>
                <td>{time(c.openingStartedAt)}</td>
                <td>{time(c.endedAt)}</td>
                <td>{agentName(agents, c.agentId)}</td>
                <td>
                  <RecordingBadge state={c.recordingState} problem={c.recordingProblem} />
                </td>
                <td>
                  <a href={hashLink('calls', c.id)}>{t('imports.details')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PagerBar pager={pager} shown={rows.length} pageSize={PAGE} next={page.data?.nextCursor} busy={page.loading} />
    </section>
  );
}
