/** Teams and their daily talk-time targets (PUT /api/teams/:name); blank goes back to the service default. */
import { useState } from 'preact/hooks';
import { put } from '../../shared/api.js';
import { duration } from '../../shared/format.js';
import { useAction, type Resource } from '../../shared/hooks.js';
import { Card, Field, Message } from '../../shared/ui.js';
import type { TeamRecord } from '../types.js';
import { hoursToSec, secToHours } from './target-hours.js';
import { t } from '../../i18n/i18n.js';

export function TeamsSection({ teams }: { teams: Resource<TeamRecord[]> }) {
  const [hours, setHours] = useState<Record<string, string>>({});
  const [newTeam, setNewTeam] = useState('');
  const save = useAction();

  async function setTarget(name: string, value: string) {
    const ok = await save.run(() => put(`/api/teams/${encodeURIComponent(name)}`, { dailyTargetSec: hoursToSec(t('people.teamTarget', { team: name || t('people.noTeam') }), value) }));
    if (ok) {
      setHours((h) => ({ ...h, [name]: value }));
      await teams.reload();
    }
  }

  return (
    <Card title={t('people.teams')} testId="teams-section">
      <Message kind="error">{teams.error ?? save.error}</Message>
      <table>
        <thead>
          <tr>
            <th>{t('dashboard.col.team')}</th>
            <th class="num">{t('dashboard.agents')}</th>
            <th>{t('people.targetInForce')}</th>
            <th>{t('people.teamOwnTarget')}</th>
          </tr>
        </thead>
        <tbody>
          {(teams.data ?? []).map((team) => (
            <tr data-testid={`team-${team.name}`}>
              <td>{team.name || <span class="muted">({t('people.noTeam')})</span>}</td>
              <td class="num">{team.agents}</td>
              <td>
                {duration(team.targetSec)} <span class="muted">({t(`targetSource.${team.targetSource}`)})</span>
              </td>
              <td>
                <div class="row nowrap">
                  <input
                    aria-label={t('people.teamTargetHours', { team: team.name || t('people.noTeam') })}
                    class="short"
                    inputMode="decimal"
                    placeholder={t('targetSource.default')}
                    value={hours[team.name] ?? secToHours(team.dailyTargetSec)}
                    onInput={(e) => setHours({ ...hours, [team.name]: e.currentTarget.value })}
                  />
                  <button type="button" disabled={save.busy} onClick={() => void setTarget(team.name, hours[team.name] ?? secToHours(team.dailyTargetSec))}>
                    {t('common.save')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        class="row"
        aria-label={t('people.anotherTeamTarget')}
        onSubmit={(e) => {
          e.preventDefault();
          void setTarget(newTeam.trim(), hours[`new:${newTeam}`] ?? '').then(() => setNewTeam(''));
        }}
      >
        <Field label={t('people.anotherTeam')}>
          <input name="newTeam" value={newTeam} onInput={(e) => setNewTeam(e.currentTarget.value)} />
        </Field>
        <Field label={t('people.targetHours')}>
          <input name="newTeamHours" inputMode="decimal" value={hours[`new:${newTeam}`] ?? ''} onInput={(e) => setHours({ ...hours, [`new:${newTeam}`]: e.currentTarget.value })} />
        </Field>
        <button type="submit" disabled={save.busy || newTeam.trim() === ''}>
          {t('people.setTarget')}
        </button>
      </form>
    </Card>
  );
}
