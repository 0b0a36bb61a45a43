/**
 * QA's calendar as the service sees it: now, today's local date and the current cycle in
 * the QA time zone. The console defaults its reports to these (the browser's clock and
 * zone are not the call centre's) and times claims against the service's clock.
 */
import { z } from 'zod';
import type { ApiInstance } from '../app.js';
import type { Clock } from '../../clock.js';
import { cycleAt, localDate } from '../../qa/local-time.js';
import type { QaModule } from '../../qa/qa-module.js';

const QA_VIEW = { roles: ['qa', 'manager'] } as const;

/** GET /api/qa/calendar's answer. */
const QaCalendarSchema = z.object({
  now: z.number().describe("the service's clock, ms epoch"),
  timeZone: z.string(),
  cycleStartDay: z.number().int(),
  today: z.string().describe('today in the QA time zone, YYYY-MM-DD: the daily report being written'),
  cycle: z.object({ label: z.string().describe('YYYY-MM, the month the cycle ends in'), start: z.number(), end: z.number() }).describe('the cycle today is in: first and last instant'),
});
export type QaCalendarView = z.infer<typeof QaCalendarSchema>;

export function qaCalendarRoutes(deps: { qa: QaModule; clock: Clock }) {
  const { qa, clock } = deps;
  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/qa/calendar', { config: QA_VIEW, schema: { response: { 200: QaCalendarSchema } } }, async (): Promise<QaCalendarView> => {
      const now = clock.now();
      const cycle = cycleAt(now, qa.calendar);
      return {
        now,
        timeZone: qa.calendar.timeZone,
        cycleStartDay: qa.calendar.cycleStartDay,
        today: localDate(now, qa.calendar.timeZone),
        cycle: { label: cycle.label, start: cycle.start.getTime(), end: cycle.end.getTime() },
      };
    });
  };
}
