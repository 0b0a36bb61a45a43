/** Teams and their daily talk-time targets (PUT /api/teams/:name); blank goes back to the service default. */
import { useState } from 'preact/hooks';
import { put } from '../../shared/api.js';
import { duration } from '../../shared/format.js';
import { useAction, type Resource } from '../../shared/hooks.js';
import { Card, Field, Message } from '../../shared/ui.js';
import type { TeamRecord } from '../types.js';
import { hoursToSec, secToHours } from './target-hours.js';

export function TeamsSection({ teams }: { teams: Resource<TeamRecord[]> }) {
  const [hours, setHours] = useState<Record<string, string>>({});
  const [newTeam, setNewTeam] = useState('');
  const save = useAction();

  async function setTarget(name: string, value: string) {
    const ok = await save.run(() => put(`/api/teams/${encodeURIComponent(name)}`, { dailyTargetSec: hoursToSec(`Target of ${name}`, value) }));
    if (ok) {
      setHours((h) => ({ ...h, [name]: value }));
      await teams.reload();
    }
  }

  return (
    <Card title="Teams' daily targets" testId="teams-section">
      <Message kind="error">{teams.error ?? save.error}</Message>
      <table>
        <thead>
          <tr>
            <th>Team</th>
            <th class="num">Agents</th>
            <th>Target in force</th>
            <th>Team's own target (hours)</th>
          </tr>
        </thead>
        <tbody>
          {(teams.data ?? []).map((t) => (
            <tr data-testid={`team-${t.name}`}>
              <td>{t.name || <span class="muted">(no team)</span>}</td>
              <td class="num">{t.agents}</td>
              <td>
                {duration(t.targetSec)} <span class="muted">({t.targetSource})</span>
              </td>
              <td>
                <div class="row nowrap">
                  <input
                    aria-label={`Target of ${t.name || 'no team'} (hours)`}
                    class="short"
                    inputMode="decimal"
                    placeholder="default"
                    value={hours[t.name] ?? secToHours(t.dailyTargetSec)}
                    onInput={(e) => setHours({ ...hours, [t.name]: e.currentTarget.value })}
                  />
                  <button type="button" disabled={save.busy} onClick={() => void setTarget(t.name, hours[t.name] ?? secToHours(t.dailyTargetSec))}>
                    Save
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        class="row"
        aria-label="Target of another team"
        onSubmit={(e) => {
          e.preventDefault();
          void setTarget(newTeam.trim(), hours[`new:${newTeam}`] ?? '').then(() => setNewTeam(''));
        }}
      >
        <Field label="Another team">
          <input name="newTeam" value={newTeam} onInput={(e) => setNewTeam(e.currentTarget.value)} />
        </Field>
        <Field label="Target (hours)">
          <input name="newTeamHours" inputMode="decimal" value={hours[`new:${newTeam}`] ?? ''} onInput={(e) => setHours({ ...hours, [`new:${newTeam}`]: e.currentTarget.value })} />
        </Field>
        <button type="submit" disabled={save.busy || newTeam.trim() === ''}>
          Set target
        </button>
      </form>
    </Card>
  );
}
