/**
 * Who takes the campaign's calls: its assignments (agents or teams, priority 1–9, higher
 * first), edited as a list and saved whole, and every agent with whether they may take it now
 * and why not. When the campaign needs a qualification, a manager grants it here (from a
 * date, optionally until a last day) or revokes it.
 */
import { useEffect, useState } from 'preact/hooks';
import { del, get, post, put } from '../../shared/api.js';
import { useAction, useResource } from '../../shared/hooks.js';
import { DayInput, Field, Message, TableHead } from '../../shared/ui.js';
import { t } from '../../i18n/i18n.js';
import type { CampaignView } from '../types.js';

interface AssignmentView {
  campaignId: number;
  requiredQualification: string | null;
  open: boolean;
  assignments: Array<{ id: number; agentId: number | null; agentName: string | null; team: string | null; priority: number }>;
  agents: Array<{ agentId: number; name: string; team: string; priority: number | null; refusal: string | null; refusalCode: 'not-assigned' | 'unqualified' | null }>;
}
interface Grant {
  id: number;
  agentId: number;
  code: string;
  grantedAt: number;
  expiresAt: number | null;
}
type Entry = { agentId?: number; team?: string; priority: number };

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function CampaignAgents({ campaign }: { campaign: CampaignView }) {
  const view = useResource(() => get<AssignmentView>(`/api/campaigns/${campaign.id}/assignments`), [campaign.id, campaign.requiredQualification]);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [pick, setPick] = useState('');
  const [priority, setPriority] = useState('5');
  const save = useAction();
  useEffect(() => setEntries((view.data?.assignments ?? []).map((a) => (a.agentId !== null ? { agentId: a.agentId, priority: a.priority } : { team: a.team!, priority: a.priority }))), [view.data]);
  const v = view.data;
  const teams = [...new Set((v?.agents ?? []).map((a) => a.team).filter((team) => team !== ''))].sort();
  const nameOf = (e: Entry) => (e.agentId !== undefined ? (v?.agents.find((a) => a.agentId === e.agentId)?.name ?? t('assign.agentNo', { id: e.agentId })) : t('assign.team', { team: e.team ?? '' }));

  function add() {
    if (!pick) return;
    const entry: Entry = pick.startsWith('a:') ? { agentId: Number(pick.slice(2)), priority: Number(priority) } : { team: pick.slice(2), priority: Number(priority) };
    setEntries([...entries.filter((e) => nameOf(e) !== nameOf(entry)), entry]);
    setPick('');
  }

  return (
    <section data-testid="campaign-agents" aria-label={t('assign.title')}>
      <h3>{t('assign.title')}</h3>
      <Message kind="error">{view.error}</Message>
      {v && (
        <>
          <p class="muted" data-testid="assignment-summary">
            {entries.length === 0 ? t('assign.open') : t('assign.count', { count: entries.length })}
            {v.requiredQualification ? t('assign.needs', { code: v.requiredQualification }) : ''}
          </p>
          {entries.length > 0 && (
            <table>
              <TableHead columns={[t('assign.agentOrTeam'), t('assign.priority'), '']} />
              <tbody>
                {entries.map((e, i) => (
                  <tr data-testid="assignment-row">
                    <td>{nameOf(e)}</td>
                    <td>
                      <input type="number" min={1} max={9} aria-label={t('assign.priorityOf', { name: nameOf(e) })} value={e.priority} onInput={(ev) => setEntries(entries.map((x, j) => (j === i ? { ...x, priority: Number(ev.currentTarget.value) } : x)))} />
                    </td>
                    <td>
                      <button type="button" onClick={() => setEntries(entries.filter((_, j) => j !== i))}>
                        {t('assign.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div class="row">
            <Field label={t('assign.add')}>
              <select value={pick} onChange={(e) => setPick(e.currentTarget.value)} data-testid="assignment-pick">
                <option value="">{t('common.choose')}</option>
                {v.agents.map((a) => (
                  <option value={`a:${a.agentId}`}>{a.name}</option>
                ))}
                {teams.map((team) => (
                  <option value={`t:${team}`}>{t('assign.team', { team })}</option>
                ))}
              </select>
            </Field>
            <Field label={t('assign.priorityRange')}>
              <input type="number" min={1} max={9} value={priority} onInput={(e) => setPriority(e.currentTarget.value)} />
            </Field>
            <button type="button" onClick={add} disabled={!pick}>
              {t('assign.addButton')}
            </button>
            <button type="button" class="primary" disabled={save.busy} onClick={() => void save.run(async () => { await put(`/api/campaigns/${campaign.id}/assignments`, { assignments: entries }); await view.reload(); })}>
              {t('assign.save')}
            </button>
          </div>
          <Message kind="error">{save.error}</Message>
          <table data-testid="eligible-agents">
            <TableHead columns={[t('dashboard.col.agent'), t('dashboard.col.team'), t('assign.takesCalls')]} />
            <tbody>
              {v.agents.map((a) => (
                <tr>
                  <td>{a.name}</td>
                  <td>{a.team || '–'}</td>
                  <td>{a.priority !== null ? (a.priority === 0 ? t('assign.yesOpen') : t('assign.yesPriority', { priority: a.priority })) : <span class="muted">{a.refusalCode === 'unqualified' ? t('assign.noUnqualified', { code: v.requiredQualification ?? '' }) : t('assign.noNotAssigned')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {v.requiredQualification && <Qualifications code={v.requiredQualification} agents={v.agents} onChanged={() => void view.reload()} />}
        </>
      )}
    </section>
  );
}

function Qualifications({ code, agents, onChanged }: { code: string; agents: AssignmentView['agents']; onChanged: () => void }) {
  const grants = useResource(() => get<{ qualifications: Grant[] }>('/api/qualifications').then((r) => r.qualifications.filter((g) => g.code === code)), [code]);
  const [agentId, setAgentId] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const action = useAction();
  const done = async (_changed?: unknown) => {
    await grants.reload();
    onChanged();
  };
  return (
    <div data-testid="qualifications">
      <h4>{t('assign.qualification', { code })}</h4>
      <ul class="plain">
        {(grants.data ?? []).map((g) => (
          <li data-testid="grant-row">
            {agents.find((a) => a.agentId === g.agentId)?.name ?? t('assign.agentNo', { id: g.agentId })} · {t('assign.from', { day: day(g.grantedAt) })}
            {g.expiresAt !== null ? t('assign.until', { day: day(g.expiresAt - 1) }) : ''}{' '}
            <button type="button" onClick={() => void action.run(async () => done(await del(`/api/agents/${g.agentId}/qualifications/${g.id}`)))}>
              {t('assign.revoke')}
            </button>
          </li>
        ))}
      </ul>
      <div class="row">
        <Field label={t('assign.grantTo')}>
          <select value={agentId} onChange={(e) => setAgentId(e.currentTarget.value)} data-testid="grant-agent">
            <option value="">{t('common.choose')}</option>
            {agents.map((a) => (
              <option value={String(a.agentId)}>{a.name}</option>
            ))}
          </select>
        </Field>
        <Field label={t('assign.grantFrom')} hint={t('assign.grantFromHint')}>
          <DayInput value={from} onDay={setFrom} name="grantFrom" />
        </Field>
        <Field label={t('assign.grantUntil')} hint={t('assign.grantUntilHint')}>
          <DayInput value={until} onDay={setUntil} name="grantUntil" />
        </Field>
        <button
          type="button"
          disabled={!agentId || action.busy}
          onClick={() => void action.run(async () => done(await post(`/api/agents/${agentId}/qualifications`, { code, ...(from ? { grantedOn: from } : {}), ...(until ? { expiresAfter: until } : {}) })))}
        >
          {t('assign.grant')}
        </button>
      </div>
      <Message kind="error">{action.error ?? grants.error}</Message>
    </div>
  );
}
