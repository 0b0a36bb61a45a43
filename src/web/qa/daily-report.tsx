/** The daily QA report: per agent, sampled, scored, mean, fatal, defects and disputes; publishing it opens the day's disputes. */
import { dateTime } from '../shared/format.js';
import { useAction, useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { qaApi, type DailyReport } from './qa-api.js';
import { TableHead } from './table-head.js';

export function DailyReportCard({ date, today, onDate }: { date: string; today: string; onDate: (date: string) => void }) {
  const report = useResource(() => qaApi.daily(date), [date]);
  const publish = useAction();
  const r = report.data;
  const future = date > today;
  return (
    <Card
      title="Daily report"
      testId="daily-report"
      actions={
        <>
          <input type="date" value={date} max={today} onChange={(e) => e.currentTarget.value && onDate(e.currentTarget.value)} aria-label="Report date" />
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
                Published {dateTime(r.publication.publishedAt)}: agents may dispute its scores on {r.publication.publishedOn} only.
              </span>
            ) : (
              <>
                <button
                  type="button"
                  onClick={() => void publish.run(async () => (await qaApi.publishDaily(date), await report.reload()))}
                  disabled={publish.busy || future}
                >
                  Publish the report of {date}
                </button>
                <span class="muted">{future ? 'A day still to come cannot be published.' : 'Publishing lets agents see these scores and dispute them today.'}</span>
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
  if (report.agents.length === 0) return <p class="muted">Nothing was sampled or scored on {report.date}.</p>;
  const t = report.totals;
  return (
    <table data-testid="daily-table">
      <TableHead columns={['Agent', 'Team', '#Sampled', '#Scored', '#Mean score', '#Fatal', '#Defects', '#Disputes']} />
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
          <th colSpan={2}>All agents</th>
          <th class="num">{t.sampled}</th>
          <th class="num">{t.scored}</th>
          <th class="num">{t.meanScore ?? '–'}</th>
          <th class="num">{t.fatal}</th>
          <th class="num">{t.defects}</th>
          <th class="num">{t.disputesRaised}</th>
        </tr>
      </tbody>
    </table>
  );
}
