/**
 * Call history (GET /api/calls): what a search finds, newest first, a page at a time: when,
 * the customer (masked: the full number is on the call's detail), campaign, agent, outcome,
 * talk, disposition, recording. A call whose recording is missing or broken is flagged as an
 * incident.
 */
import { get } from '../../shared/api.js';
import { dateTime, duration } from '../../shared/format.js';
import { useResource } from '../../shared/hooks.js';
import { Message, TableHead } from '../../shared/ui.js';
import { hashLink } from '../hash-path.js';
import { PagerBar, useCursorPager } from '../pager.js';
import type { CallListRow } from '../types.js';
import { DispositionCell, isIncident, OutcomeBadge, RecordingBadge } from './call-words.js';
import { t } from '../../i18n/i18n.js';
import { searchQuery, type CallFilters } from './call-search-form.js';

const PAGE = 50;

/** The customer as the list shows it: the title's masked number. */
const customerOf = (c: CallListRow) => c.title.split(' · ')[0] ?? '';

export function CallList({ campaignId, filters, selectedId }: { campaignId: number | null; filters: CallFilters; selectedId: string | null }) {
  // The cursor is the service's nextCursor of the page before ('': the newest page).
  const pager = useCursorPager('');
  const q = searchQuery(campaignId, filters, { cursor: pager.after, limit: PAGE });
  const page = useResource(async () => get<{ calls: CallListRow[]; nextCursor: string | null }>(`/api/calls${q}`), [q]);
  const rows = page.data?.calls ?? [];
  const filtered = Object.values(filters).some((v) => v !== '');
  return (
    <section data-testid="call-list" aria-label={t('managerTab.calls')}>
      <Message kind="error">{page.error}</Message>
      {rows.length === 0 && !page.loading && <p class="muted">{filtered ? t('calls.noneMatching') : t('calls.none')}</p>}
      {rows.length > 0 && (
        <table>
          <TableHead
            columns={[
              t('callMoment.originatedAt'),
              t('agent.calls.customer'),
              t('agent.preview.campaign'),
              t('dashboard.col.agent'),
              t('agent.calls.outcome'),
              `#${t('agent.today.talk')}`,
              t('agent.disposition.title'),
              t('calls.recording'),
              '',
            ]}
          />
          <tbody>
            {rows.map((c) => (
              <tr data-testid={`call-row-${c.id}`} data-incident={isIncident(c) ? 'yes' : 'no'} class={c.id === selectedId ? 'selected' : isIncident(c) || c.zeroLength ? 'flagged' : ''}>
                <td>{dateTime(c.originatedAt)}</td>
                <td data-testid="call-customer">{customerOf(c)}</td>
                <td>{c.campaignName ?? `#${c.campaignId}`}</td>
                <td>{c.agentName ?? '–'}</td>
                <td>
                  <OutcomeBadge call={c} />
                  {c.direction === 'inbound' && (
                    <span class="badge" data-testid="inbound-call">
                      {t('direction.inbound')}
                    </span>
                  )}
                  {c.zeroLength && (
                    <span class="badge bad" data-testid="zero-length" title={t('calls.zeroLengthHint')}>
                      {t('calls.zeroLength')}
                    </span>
                  )}
                </td>
                <td class="num">{c.talkMs === null ? '–' : duration(c.talkMs / 1000)}</td>
                <td data-testid="call-disposition">
                  <DispositionCell call={c} />
                </td>
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
