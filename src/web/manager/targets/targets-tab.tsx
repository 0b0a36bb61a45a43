/**
 * The agent targets report (GET /api/reports/agents) for a day or a period of the centre's
 * days: the figures table, the charts, and the CSV downloads the API offers.
 */
import { useState } from 'preact/hooks';
import { get, query } from '../../shared/api.js';
import { duration } from '../../shared/format.js';
import { useResource } from '../../shared/hooks.js';
import { Card, Field, Message, DayInput } from '../../shared/ui.js';
import type { AgentReport, TeamRecord } from '../types.js';
import { FiguresTable } from './figures-table.js';
import { TargetCharts } from './target-charts.js';
import { t } from '../../i18n/i18n.js';

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
        title={t('targets.title')}
        actions={
          r && (
            <>
              <a class="button" href={csv('agents')} download>
                {t('targets.csvAgents')}
              </a>
              <a class="button" href={csv('days')} download>
                {t('targets.csvDays')}
              </a>
            </>
          )
        }
      >
        <div class="row">
          <Field label={t('common.from')}>
            <DayInput name="from" value={from || r?.from || ''} onDay={setFrom} />
          </Field>
          <Field label={t('common.to')}>
            <DayInput name="to" value={to || r?.to || ''} onDay={setTo} />
          </Field>
          <Field label={t('dashboard.col.team')}>
            <select name="team" value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
              <option value="">{t('targets.allTeams')}</option>
              {(teams.data ?? []).filter((x) => x.name !== '').map((x) => (
                <option value={x.name}>{x.name}</option>
              ))}
            </select>
          </Field>
        </div>
        <Message kind="error">{report.error}</Message>
        {r && (
          <p class="muted">
            {t('targets.about', { period: r.from === r.to ? r.from : t('targets.period', { from: r.from, to: r.to }), zone: r.timeZone, limit: duration(r.longPauseLimitSec) })}
          </p>
        )}
        {r && r.agents.length === 0 && <p class="muted">{t('targets.none')}</p>}
        {r && r.agents.length > 0 && <FiguresTable report={r} />}
      </Card>
      {r && r.agents.length > 0 && (
        <Card title={t('targets.charts')}>
          <TargetCharts report={r} />
        </Card>
      )}
    </div>
  );
}
