/**
 * An agent's record: name, extension, team, role, own daily target, the console account it
 * is linked to, and the dial-in PIN. New agents are POSTed, known ones PATCHed.
 */
import { useState } from 'preact/hooks';
import { patch, post } from '../../shared/api.js';
import { useAction } from '../../shared/hooks.js';
import { Field, Message } from '../../shared/ui.js';
import { AGENT_ROLES, type AgentAccount, type AgentRecord, type AgentRole } from '../types.js';
import { hoursToSec, secToHours } from './target-hours.js';
import { t } from '../../i18n/i18n.js';

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
        dailyTargetSec: hoursToSec(t('people.agent.target'), target),
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
    <form onSubmit={submit} aria-label={agent ? t('people.agent.editLabel', { name: agent.name }) : t('people.agent.new')} data-testid="agent-form">
      <h3>{agent ? t('people.agent.edit', { name: agent.name }) : t('people.agent.new')}</h3>
      <div class="form-grid">
        <Field label={t('people.agent.name')}>
          <input name="agentName" value={name} onInput={(e) => setName(e.currentTarget.value)} required />
        </Field>
        <Field label={t('people.agent.extension')} hint={t('people.agent.extensionHint')}>
          <input name="extension" value={extension} onInput={(e) => setExtension(e.currentTarget.value)} required />
        </Field>
        <Field label={t('people.agent.staffNo')} hint={t('people.agent.staffNoHint', { field: '{工号}' })}>
          <input name="staffNo" value={staffNo} onInput={(e) => setStaffNo(e.currentTarget.value)} pattern="[A-Za-z0-9]{1,16}" />
        </Field>
        <Field label={t('dashboard.col.team')}>
          <input name="team" list="team-names" value={team} onInput={(e) => setTeam(e.currentTarget.value)} />
          <datalist id="team-names">
            {teams.map((name) => (
              <option value={name} />
            ))}
          </datalist>
        </Field>
        <Field label={t('people.role')}>
          <select name="agentRole" value={role} onChange={(e) => setRole(e.currentTarget.value as AgentRole)}>
            {AGENT_ROLES.map((v) => (
              <option value={v}>{t(`agentRole.${v}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('people.agent.targetHours')} hint={t('people.agent.targetHint')}>
          <input name="dailyTarget" inputMode="decimal" value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
        </Field>
        <Field label={t('people.agent.account')} hint={t('people.agent.accountHint')}>
          <select name="userId" value={userId === null ? '' : String(userId)} onChange={(e) => setUserId(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}>
            <option value="">{t('people.none')}</option>
            {accounts.map((a) => {
              const other = a.agentIds.filter((id) => id !== agent?.id);
              return (
                <option value={String(a.id)}>
                  {a.username}
                  {a.displayName ? ` (${a.displayName})` : ''}
                  {a.disabled ? ` — ${t('people.disabled')}` : ''}
                  {other.length > 0 ? ` — ${t('people.agent.linkedTo', { ids: other.join(', ') })}` : ''}
                </option>
              );
            })}
          </select>
        </Field>
        <Field label={t('people.agent.pin')} hint={agent?.hasPin ? t('people.agent.pinSet') : t('people.agent.pinHint')}>
          <input name="pin" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
        </Field>
      </div>
      <Message kind="error">{save.error}</Message>
      <div class="row">
        <button class="primary" type="submit" disabled={save.busy}>
          {agent ? t('people.agent.save') : t('people.agent.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
