/**
 * The agent targets report (GET /api/reports/agents) for a day or a period of the centre's
 * days: the figures table, the charts, and the CSV downloads the API offers.
 */
import { useState } from 'preact/hooks';
import { get, query } from '../../shared/api.js';
import { useResource } from '../../shared/hooks.js';
import { Card, Field, Message } from '../../shared/ui.js';
import type { AgentReport, TeamRecord } from '../types.js';
import { FiguresTable } from './figures-table.js';
import { TargetCharts } from './target-charts.js';

export function TargetsTab() {
  // Blank: the service's today (its centre time zone), filled in from the first answer.
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [team, setTeam] = useState('');
  const params = { from: from || undefined, to: to || undefined, team: team || undefined };
  const report = useResource(() => get<AgentReport>(`/api/reports/agents${query(params)}`), [from, to, team]);
  const teams = useResource(async () => (await get<{ teams: TeamRecord[] }>('/api/teams')).teams);
  const r = report.data;
  const csv = (view: string) => `/api/reports/agents${query({ from: r?.from, to: r?.to, team: team || undefined, format: 'csv', view })}`;

  return (
    <div class="grid" data-testid="targets">
      <Card
        title="Agent targets"
        actions={
          r && (
            <>
              <a class="button" href={csv('agents')} download>
                CSV: agents
              </a>
              <a class="button" href={csv('days')} download>
                CSV: agent days
              </a>
            </>
          )
        }
      >
        <div class="row">
          <Field label="From">
            <input type="date" name="from" value={from || r?.from || ''} onChange={(e) => setFrom(e.currentTarget.value)} />
          </Field>
          <Field label="To">
            <input type="date" name="to" value={to || r?.to || ''} onChange={(e) => setTo(e.currentTarget.value)} />
          </Field>
          <Field label="Team">
            <select name="team" value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
              <option value="">all teams</option>
              {(teams.data ?? []).filter((t) => t.name !== '').map((t) => (
                <option value={t.name}>{t.name || '(no team)'}</option>
              ))}
            </select>
          </Field>
        </div>
        <Message kind="error">{report.error}</Message>
        {r && (
          <p class="muted">
            {r.from === r.to ? r.from : `${r.from} to ${r.to}`} ({r.timeZone}). Talk time is the target; call counts are shown but are not one. A pause longer than{' '}
            {Math.round(r.longPauseLimitSec / 60)} min is flagged.
          </p>
        )}
        {r && r.agents.length === 0 && <p class="muted">No agents in this report.</p>}
        {r && r.agents.length > 0 && <FiguresTable report={r} />}
      </Card>
      {r && r.agents.length > 0 && (
        <Card title="Charts">
          <TargetCharts report={r} />
        </Card>
      )}
    </div>
  );
}
