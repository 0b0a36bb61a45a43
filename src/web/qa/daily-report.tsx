/** The daily QA report: per agent, sampled, scored, mean, fatal, defects and disputes; publishing it opens the day's disputes. */
import { dateTime } from '../shared/format.js';
import { useAction, useResource } from '../shared/hooks.js';
import { Card, Message, DayInput } from '../shared/ui.js';
import { qaApi, type DailyReport } from './qa-api.js';
import { TableHead } from './table-head.js';
import { t } from '../i18n/i18n.js';

export function DailyReportCard({ date, today, onDate }: { date: string; today: string; onDate: (date: string) => void }) {
  const report = useResource(() => qaApi.daily(date), [date]);
  const publish = useAction();
  const r = report.data;
  const future = date > today;
  return (
    <Card
      title={t('qa.daily.title')}
      testId="daily-report"
      actions={
        <>
          <DayInput value={date} onDay={(d) => d && onDate(d)} label={t('qa.daily.date')} />
          <a class="button" href={`/api/qa/reports/daily/${date}?format=csv`} download>
            CSV
          </a>
        </>
      }
    >
      <Message kind="error">{report.error}</Message>
      {r && (
        <>
          <div class="row">
            {r.publication ? (
              <span data-testid="daily-published">
                {t('qa.daily.published', { at: dateTime(r.publication.publishedAt), on: r.publication.publishedOn })}
              </span>
            ) : (
              <>
                <button
                  type="button"
                  onClick={() => void publish.run(async () => (await qaApi.publishDaily(date), await report.reload()))}
                  disabled={publish.busy || future}
                >
                  {t('qa.daily.publish', { date })}
                </button>
                <span class="muted">{future ? t('qa.daily.future') : t('qa.daily.publishHint')}</span>
              </>
            )}
          </div>
          <Message kind="error">{publish.error}</Message>
          <DailyTable report={r} />
        </>
      )}
    </Card>
  );
}

function DailyTable({ report }: { report: DailyReport }) {
  if (report.agents.length === 0) return <p class="muted">{t('qa.daily.none', { date: report.date })}</p>;
  const totals = report.totals;
  return (
    <table data-testid="daily-table">
      <TableHead columns={[t('dashboard.col.agent'), t('dashboard.col.team'), `#${t('qa.col.sampled')}`, `#${t('qa.review.scored')}`, `#${t('qa.col.mean')}`, `#${t('qa.col.fatal')}`, `#${t('qa.col.defects')}`, `#${t('qaTab.disputes')}`]} />
      <tbody>
        {report.agents.map((a) => (
          <tr data-agent={a.agentId}>
            <td>{a.agentName}</td>
            <td>{a.team || '–'}</td>
            <td class="num">{a.sampled}</td>
            <td class="num">{a.scored}</td>
            <td class="num">{a.meanScore ?? '–'}</td>
            <td class="num">{a.fatal}</td>
            <td class="num">{a.defects}</td>
            <td class="num">{a.disputesRaised}</td>
          </tr>
        ))}
        <tr class="totals">
          <th colSpan={2}>{t('figures.all')}</th>
          <th class="num">{totals.sampled}</th>
          <th class="num">{totals.scored}</th>
          <th class="num">{totals.meanScore ?? '–'}</th>
          <th class="num">{totals.fatal}</th>
          <th class="num">{totals.defects}</th>
          <th class="num">{totals.disputesRaised}</th>
        </tr>
      </tbody>
    </table>
  );
}
