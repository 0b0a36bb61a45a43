/**
 * An agent's record: name, extension, team, role, own daily target, the console account it
 * is linked to, and the dial-in PIN. New agents are POSTed, known ones PATCHed.
 */
import { useState } from 'preact/hooks';
import { patch, post } from '../../shared/api.js';
import { useAction } from '../../shared/hooks.js';
import { Field, Message } from '../../shared/ui.js';
import { AGENT_ROLE_LABELS, type AgentAccount, type AgentRecord, type AgentRole } from '../types.js';
import { hoursToSec, secToHours } from './target-hours.js';

export function AgentForm({ agent, accounts, teams, onSaved, onCancel }: { agent: AgentRecord | null; accounts: AgentAccount[]; teams: string[]; onSaved: () => void; onCancel: () => void }) {
  const [name, setName] = useState(agent?.name ?? '');
  const [extension, setExtension] = useState(agent?.extension ?? '');
  const [staffNo, setStaffNo] = useState(agent?.staffNo ?? '');
  const [team, setTeam] = useState(agent?.team ?? '');
  const [role, setRole] = useState<AgentRole>(agent?.role ?? 'agent');
  const [target, setTarget] = useState(secToHours(agent?.dailyTargetSec ?? null));
  const [userId, setUserId] = useState<number | null>(agent?.userId ?? null);
  const [pin, setPin] = useState('');
  const save = useAction();

  async function submit(e: Event) {
    e.preventDefault();
    const ok = await save.run(async () => {
      const body = {
        name,
        extension,
        staffNo: staffNo.trim() || null,
        team,
        role,
        dailyTargetSec: hoursToSec('Own daily target', target),
        userId,
        // Blank keeps the PIN an agent has; a new agent without one cannot dial in.
        ...(pin ? { pin } : {}),
      };
      if (agent) await patch(`/api/agents/${agent.id}`, body);
      else await post('/api/agents', body);
    });
    if (ok) onSaved();
  }

  return (
    <form onSubmit={submit} aria-label={agent ? `Edit agent ${agent.name}` : 'New agent'} data-testid="agent-form">
      <h3>{agent ? `Edit ${agent.name}` : 'New agent'}</h3>
      <div class="form-grid">
        <Field label="Agent name">
          <input name="agentName" value={name} onInput={(e) => setName(e.currentTarget.value)} required />
        </Field>
        <Field label="Extension" hint="the softphone's">
          <input name="extension" value={extension} onInput={(e) => setExtension(e.currentTarget.value)} required />
        </Field>
        <Field label="工号 (staff no.)" hint="stated to customers; the opening's {工号}">
          <input name="staffNo" value={staffNo} onInput={(e) => setStaffNo(e.currentTarget.value)} pattern="[A-Za-z0-9]{1,16}" />
        </Field>
        <Field label="Team">
          <input name="team" list="team-names" value={team} onInput={(e) => setTeam(e.currentTarget.value)} />
          <datalist id="team-names">
            {teams.map((t) => (
              <option value={t} />
            ))}
          </datalist>
        </Field>
        <Field label="Role">
          <select name="agentRole" value={role} onChange={(e) => setRole(e.currentTarget.value as AgentRole)}>
            {Object.entries(AGENT_ROLE_LABELS).map(([v, label]) => (
              <option value={v}>{label}</option>
            ))}
          </select>
        </Field>
        <Field label="Own daily target (hours)" hint="blank: the team's, else the service default">
          <input name="dailyTarget" inputMode="decimal" value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
        </Field>
        <Field label="Console account" hint="the agent-role user who signs in as this agent">
          <select name="userId" value={userId === null ? '' : String(userId)} onChange={(e) => setUserId(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}>
            <option value="">— none —</option>
            {accounts.map((a) => {
              const other = a.agentIds.filter((id) => id !== agent?.id);
              return (
                <option value={String(a.id)}>
                  {a.username}
                  {a.displayName ? ` (${a.displayName})` : ''}
                  {a.disabled ? ' — disabled' : ''}
                  {other.length > 0 ? ` — linked to agent ${other.join(', ')}` : ''}
                </option>
              );
            })}
          </select>
        </Field>
        <Field label="Dial-in PIN" hint={agent?.hasPin ? 'set; blank keeps it' : '4–12 digits; blank: no dial-in login'}>
          <input name="pin" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
        </Field>
      </div>
      <Message kind="error">{save.error}</Message>
      <div class="row">
        <button class="primary" type="submit" disabled={save.busy}>
          {agent ? 'Save agent' : 'Add agent'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
