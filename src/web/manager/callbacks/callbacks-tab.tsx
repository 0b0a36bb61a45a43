/**
 * Callbacks across campaigns (GET /api/callbacks): when each is due, the customer, campaign,
 * who owns it and until when, the note; a manager reassigns (to an agent or to anyone),
 * reschedules (a local time in the campaign's zone; the service checks the customer's calling
 * window) and cancels them.
 */
import { DateTime } from 'luxon';
import { useState } from 'preact/hooks';
import { get, post, query } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useAction, useResource, type Resource } from '../../shared/hooks.js';
import { Card, Field, Message, TableHead } from '../../shared/ui.js';
import { CampaignPicker } from '../campaigns/campaign-picker.js';
import { PagerBar, useCursorPager } from '../pager.js';
import type { AgentRecord, CallbackListRow, CampaignView } from '../types.js';
import { useAgents } from '../use-agents.js';
import { t } from '../../i18n/i18n.js';

const PAGE = 50;
const LOCAL_INPUT = "yyyy-LL-dd'T'HH:mm";

type StatusFilter = 'scheduled,dialing' | 'cancelled' | 'done' | 'expired';

export function CallbacksTab({ campaigns, selectedId, onSelect }: { campaigns: Resource<CampaignView[]>; selectedId: number | null; onSelect: (id: number | null) => void }) {
  const agents = useAgents();
  const [status, setStatus] = useState<StatusFilter>('scheduled,dialing');
  const [agentId, setAgentId] = useState('');
  const [version, setVersion] = useState(0);
  const list = campaigns.data ?? [];
  return (
    <div class="grid" data-testid="callbacks">
      <Card title={t('managerTab.callbacks')}>
        <div class="row">
          <CampaignPicker campaigns={list} value={selectedId} onChange={onSelect} none={t('calls.allCampaigns')} />
          <Field label={t('callbacksTab.owner')}>
            <select name="agentId" value={agentId} onChange={(e) => setAgentId(e.currentTarget.value)}>
              <option value="">{t('callbacksTab.ownerAnyone')}</option>
              <option value="none">{t('callbacksTab.ownerNone')}</option>
              {(agents.data ?? []).map((a) => (
                <option value={String(a.id)}>{a.name}</option>
              ))}
            </select>
          </Field>
          <Field label={t('campaigns.col.status')}>
            <select name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}>
              <option value="scheduled,dialing">{t('callbacksTab.status.open')}</option>
              <option value="done">{t('callbacksTab.status.done')}</option>
              <option value="expired">{t('callbacksTab.status.expired')}</option>
              <option value="cancelled">{t('callbacksTab.status.cancelled')}</option>
            </select>
          </Field>
        </div>
        <p class="muted small">{t('callbacksTab.about')}</p>
        <CallbackTable key={`${selectedId ?? ''}-${agentId}-${status}-${version}`} campaignId={selectedId} agentId={agentId} status={status} agents={agents} campaigns={list} onChanged={() => setVersion((v) => v + 1)} />
      </Card>
    </div>
  );
}

function CallbackTable(props: { campaignId: number | null; agentId: string; status: StatusFilter; agents: Resource<AgentRecord[]>; campaigns: CampaignView[]; onChanged: () => void }) {
  const pager = useCursorPager('');
  const page = useResource(
    () => get<{ callbacks: CallbackListRow[]; nextCursor: string | null }>(`/api/callbacks${query({ campaignId: props.campaignId, agentId: props.agentId, status: props.status, cursor: pager.after, limit: PAGE })}`),
    [pager.after],
  );
  const rows = page.data?.callbacks ?? [];
  return (
    <section data-testid="callback-list">
      <Message kind="error">{page.error}</Message>
      {rows.length === 0 && !page.loading && <p class="muted">{t('callbacksTab.none')}</p>}
      {rows.length > 0 && (
        <table>
          <TableHead
            columns={[
              t('callbacksTab.due'),
              t('agent.calls.customer'),
              t('agent.preview.campaign'),
              t('callbacksTab.owner'),
              t('callbacksTab.ownerUntil'),
              `#${t('callbacksTab.attempts')}`,
              t('callbacksTab.note'),
              t('campaigns.col.status'),
              '',
            ]}
          />
          <tbody>
            {rows.map((cb) => (
              <CallbackRow cb={cb} agents={props.agents} zone={props.campaigns.find((c) => c.id === cb.campaignId)?.timeZone ?? 'Asia/Shanghai'} onChanged={props.onChanged} />
            ))}
          </tbody>
        </table>
      )}
      <PagerBar pager={pager} shown={rows.length} pageSize={PAGE} next={page.data?.nextCursor} busy={page.loading} />
    </section>
  );
}

function CallbackRow({ cb, agents, zone, onChanged }: { cb: CallbackListRow; agents: Resource<AgentRecord[]>; zone: string; onChanged: () => void }) {
  const act = useAction();
  const [when, setWhen] = useState(() => DateTime.fromMillis(cb.dueAt, { zone }).toFormat(LOCAL_INPUT));
  const open = cb.status === 'scheduled';
  const change = (path: string, body: Record<string, unknown>) =>
    act.run(async () => {
      await post(`/api/callbacks/${cb.id}/${path}`, body);
      onChanged();
    });
  return (
    <tr data-testid={`callback-row-${cb.id}`}>
      <td>{dateTime(cb.dueAt)}</td>
      <td>{cb.phone}</td>
      <td>{cb.campaignName}</td>
      <td>
        <select
          name="owner"
          aria-label={t('callbacksTab.owner')}
          disabled={!open || act.busy}
          value={cb.agentId === null ? '' : String(cb.agentId)}
          onChange={(e) => void change('assign', { agentId: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
        >
          <option value="">{t('callbacksTab.anyAgent')}</option>
          {(agents.data ?? []).map((a) => (
            <option value={String(a.id)}>{a.name}</option>
          ))}
        </select>
      </td>
      <td>{cb.agentId === null ? '–' : dateTime(cb.ownerUntil)}</td>
      <td class="num">{cb.attempts}</td>
      <td>{cb.note || cb.closedReason || ''}</td>
      <td data-testid="callback-status">{t(`callbacksTab.status.${cb.status}`)}</td>
      <td>
        {open && (
          <div class="row">
            <input type="datetime-local" aria-label={t('callbacksTab.newTime')} value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
            <button type="button" disabled={act.busy} onClick={() => void change('reschedule', { dueAt: DateTime.fromISO(when, { zone }).toMillis() })}>
              {t('callbacksTab.reschedule')}
            </button>
            <button type="button" class="danger" disabled={act.busy} onClick={() => void change('cancel', { reason: 'cancelled by a manager' })}>
              {t('callbacksTab.cancel')}
            </button>
          </div>
        )}
        <Message kind="error">{act.error}</Message>
      </td>
    </tr>
  );
}
