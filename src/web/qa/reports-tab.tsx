/**
 * Reports: the daily QA report (published to open the day's disputes), the cycle summary
 * (21st–20th) with defect rates, and the quality trend per team and agent. Dates default to
 * the service's QA calendar, not the browser's.
 */
import { useState } from 'preact/hooks';
import { useResource } from '../shared/hooks.js';
import { Message } from '../shared/ui.js';
import { CycleReportCard } from './cycle-report.js';
import { DailyReportCard } from './daily-report.js';
import { qaApi, type QaCalendarView } from './qa-api.js';
import { previousCycle } from './qa-format.js';
import { TrendReportCard } from './trend-report.js';
import { t } from '../i18n/i18n.js';

export function ReportsTab() {
  const calendar = useResource(qaApi.calendar);
  if (calendar.error) return <Message kind="error">{calendar.error}</Message>;
  if (!calendar.data) return <p class="muted">{t('common.loading')}</p>;
  return <Reports calendar={calendar.data} />;
}

function Reports({ calendar }: { calendar: QaCalendarView }) {
  const [date, setDate] = useState(calendar.today);
  const [cycle, setCycle] = useState(calendar.cycle.label);
  const cycles = Array.from({ length: 6 }, (_, i) => previousCycle(calendar.cycle.label, i));
  return (
    <>
      <p class="muted">
        {t('qa.reports.about', { zone: calendar.timeZone, day: calendar.cycleStartDay })}
      </p>
      <DailyReportCard date={date} today={calendar.today} onDate={setDate} />
      <div class="row cycle-pick">
        <label class="row">
          {t('qa.reports.cycle')}
          <select value={cycle} onChange={(e) => setCycle(e.currentTarget.value)} aria-label={t('qa.reports.cycle')}>
            {cycles.map((c) => (
              <option value={c}>{c}</option>
            ))}
          </select>
        </label>
      </div>
      <CycleReportCard label={cycle} />
      <TrendReportCard label={cycle} />
    </>
  );
}
