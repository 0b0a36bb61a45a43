/** The cycle summary: per campaign the population, sample, scores and defect rate (with its confidence interval); per agent the scores. */
import { dateTime, percent } from '../shared/format.js';
import { useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { qaApi, type CycleReport } from './qa-api.js';
import { TableHead } from './table-head.js';
import { t } from '../i18n/i18n.js';

export function CycleReportCard({ label }: { label: string }) {
  const report = useResource(() => qaApi.cycle(label), [label]);
  const r = report.data;
  return (
    <Card
      title={t('qa.cycle.title', { label })}
      testId="cycle-report"
      actions={
        <>
          <a class="button" href={`/api/qa/reports/cycle/${label}?format=csv&section=campaigns`} download>
            {t('qa.cycle.campaignsCsv')}
          </a>
          <a class="button" href={`/api/qa/reports/cycle/${label}?format=csv&section=agents`} download>
            {t('qa.cycle.agentsCsv')}
          </a>
        </>
      }
    >
      <Message kind="error">{report.error}</Message>
      {r && (
        <>
          <p class="muted">
            {t('qa.cycle.range', { start: dateTime(r.cycle.start), end: dateTime(r.cycle.end), asOf: dateTime(r.asOf) })}
          </p>
          <CampaignTable report={r} />
          <AgentTable report={r} />
        </>
      )}
    </Card>
  );
}

function CampaignTable({ report }: { report: CycleReport }) {
  if (report.campaigns.length === 0) return <p class="muted">{t('qa.cycle.none')}</p>;
  return (
    <table data-testid="cycle-campaigns">
      <TableHead
        columns={[
          t('agent.preview.campaign'),
          `#${t('qa.cycle.population')}`,
          `#${t('qa.col.sampled')}`,
          `#${t('qa.review.scored')}`,
          `#${t('campaigns.col.pending')}`,
          `#${t('qa.col.mean')}`,
          `#${t('qa.col.fatal')}`,
          `#${t('qa.col.defects')}`,
          `#${t('qa.cycle.defectRate')}`,
        ]}
      />
      <tbody>
        {report.campaigns.map((c) => (
          <tr>
            <td>{c.campaignName}</td>
            <td class="num">{c.population}</td>
            <td class="num">{c.sampled}</td>
            <td class="num">{c.scored}</td>
            <td class="num">{c.pending}</td>
            <td class="num">{c.meanScore ?? '–'}</td>
            <td class="num">{c.fatal}</td>
            <td class="num">{c.defects}</td>
            <td class="num" data-testid="defect-rate">
              {c.defectRate.estimate === null ? '–' : percent(c.defectRate.estimate)}
              {c.defectRate.estimate !== null && (
                <div class="muted">
                  {t('qa.cycle.interval', { lower: percent(c.defectRate.lower), upper: percent(c.defectRate.upper), confidence: percent(c.defectRate.confidence, 0) })}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AgentTable({ report }: { report: CycleReport }) {
  if (report.agents.length === 0) return null;
  return (
    <table data-testid="cycle-agents">
      <TableHead
        columns={[
          t('dashboard.col.agent'),
          t('dashboard.col.team'),
          `#${t('qa.col.sampled')}`,
          `#${t('qa.review.scored')}`,
          `#${t('qa.col.mean')}`,
          `#${t('qa.cycle.minMax')}`,
          `#${t('qa.col.fatal')}`,
          `#${t('qa.col.defects')}`,
          `#${t('qa.cycle.disputesAmended')}`,
        ]}
      />
      <tbody>
        {report.agents.map((a) => (
          <tr>
            <td>{a.agentName}</td>
            <td>{a.team || '–'}</td>
            <td class="num">{a.sampled}</td>
            <td class="num">{a.scored}</td>
            <td class="num">{a.meanScore ?? '–'}</td>
            <td class="num">{a.minScore === null ? '–' : `${a.minScore}–${a.maxScore}`}</td>
            <td class="num">{a.fatal}</td>
            <td class="num">{a.defects}</td>
            <td class="num">
              {a.disputes} ({a.amended})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
