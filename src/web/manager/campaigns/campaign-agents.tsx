/**
 * Who takes the campaign's calls: its assignments (agents or teams, priority 1–9, higher
 * first), edited as a list and saved whole, and every agent with whether they may take it now
 * and why not. When the campaign needs a qualification, a manager grants it here (from a
 * date, optionally until a last day) or revokes it.
 */
import { useEffect, useState } from 'preact/hooks';
import { del, get, post, put } from '../../shared/api.js';
import { useAction, useResource } from '../../shared/hooks.js';
import { Field, Message, TableHead } from '../../shared/ui.js';
import type { CampaignView } from '../types.js';

interface AssignmentView {
  campaignId: number;
  requiredQualification: string | null;
  open: boolean;
  assignments: Array<{ id: number; agentId: number | null; agentName: string | null; team: string | null; priority: number }>;
  agents: Array<{ agentId: number; name: string; team: string; priority: number | null; refusal: string | null }>;
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
  const teams = [...new Set((v?.agents ?? []).map((a) => a.team).filter((t) => t !== ''))].sort();
  const nameOf = (e: Entry) => (e.agentId !== undefined ? (v?.agents.find((a) => a.agentId === e.agentId)?.name ?? `agent #${e.agentId}`) : `team ${e.team}`);

  function add() {
    if (!pick) return;
    const entry: Entry = pick.startsWith('a:') ? { agentId: Number(pick.slice(2)), priority: Number(priority) } : { team: pick.slice(2), priority: Number(priority) };
    setEntries([...entries.filter((e) => nameOf(e) !== nameOf(entry)), entry]);
    setPick('');
  }

  return (
    <section data-testid="campaign-agents" aria-label="Agents on the campaign">
      <h3>Agents on this campaign</h3>
      <Message kind="error">{view.error}</Message>
      {v && (
        <>
          <p class="muted" data-testid="assignment-summary">
            {entries.length === 0 ? 'Open to every agent (no assignments).' : `${entries.length} assignment(s); only these agents take its calls.`}
            {v.requiredQualification ? ` Needs the qualification ${v.requiredQualification}.` : ''}
          </p>
          {entries.length > 0 && (
            <table>
              <TableHead columns={['Agent or team', 'Priority', '']} />
              <tbody>
                {entries.map((e, i) => (
                  <tr data-testid="assignment-row">
                    <td>{nameOf(e)}</td>
                    <td>
                      <input type="number" min={1} max={9} aria-label={`Priority of ${nameOf(e)}`} value={e.priority} onInput={(ev) => setEntries(entries.map((x, j) => (j === i ? { ...x, priority: Number(ev.currentTarget.value) } : x)))} />
                    </td>
                    <td>
                      <button type="button" onClick={() => setEntries(entries.filter((_, j) => j !== i))}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div class="row">
            <Field label="Add agent or team">
              <select value={pick} onChange={(e) => setPick(e.currentTarget.value)} data-testid="assignment-pick">
                <option value="">Choose…</option>
                {v.agents.map((a) => (
                  <option value={`a:${a.agentId}`}>{a.name}</option>
                ))}
                {teams.map((t) => (
                  <option value={`t:${t}`}>team {t}</option>
                ))}
              </select>
            </Field>
            <Field label="Priority (1–9)">
              <input type="number" min={1} max={9} value={priority} onInput={(e) => setPriority(e.currentTarget.value)} />
            </Field>
            <button type="button" onClick={add} disabled={!pick}>
              Add
            </button>
            <button type="button" class="primary" disabled={save.busy} onClick={() => void save.run(async () => { await put(`/api/campaigns/${campaign.id}/assignments`, { assignments: entries }); await view.reload(); })}>
              Save assignments
            </button>
          </div>
          <Message kind="error">{save.error}</Message>
          <table data-testid="eligible-agents">
            <TableHead columns={['Agent', 'Team', 'Takes its calls']} />
            <tbody>
              {v.agents.map((a) => (
                <tr>
                  <td>{a.name}</td>
                  <td>{a.team || '–'}</td>
                  <td>{a.priority !== null ? (a.priority === 0 ? 'yes (open campaign)' : `yes, priority ${a.priority}`) : <span class="muted">no: {a.refusal}</span>}</td>
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
      <h4>Qualification {code}</h4>
      <ul class="plain">
        {(grants.data ?? []).map((g) => (
          <li data-testid="grant-row">
            {agents.find((a) => a.agentId === g.agentId)?.name ?? `agent #${g.agentId}`} · from {day(g.grantedAt)}
            {g.expiresAt !== null ? ` until ${day(g.expiresAt - 1)}` : ''}{' '}
            <button type="button" onClick={() => void action.run(async () => done(await del(`/api/agents/${g.agentId}/qualifications/${g.id}`)))}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      <div class="row">
        <Field label="Grant to">
          <select value={agentId} onChange={(e) => setAgentId(e.currentTarget.value)} data-testid="grant-agent">
            <option value="">Choose…</option>
            {agents.map((a) => (
              <option value={String(a.agentId)}>{a.name}</option>
            ))}
          </select>
        </Field>
        <Field label="From" hint="blank: today">
          <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </Field>
        <Field label="Until (last day)" hint="blank: does not expire">
          <input type="date" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
        </Field>
        <button
          type="button"
          disabled={!agentId || action.busy}
          onClick={() => void action.run(async () => done(await post(`/api/agents/${agentId}/qualifications`, { code, ...(from ? { grantedOn: from } : {}), ...(until ? { expiresAfter: until } : {}) })))}
        >
          Grant
        </button>
      </div>
      <Message kind="error">{action.error ?? grants.error}</Message>
    </div>
  );
}
