/**
 * Agent figures per day and period, with team and campaign roll-ups, as JSON or CSV.
 *
 *   GET /api/reports/agents?from=2025-01-06&to=2025-01-31[&team=A][&agentId=3][&format=csv&view=days|agents|teams|campaigns]
 *
 * Days are the centre's (CENTRE_TIME_ZONE); from/to default to today. Managers see every
 * agent, an agent their own figures, a team lead their team's.
 */
import type { ApiInstance } from '../app.js';
import { jsonOrCsv } from '../response-schemas.js';
import { AgentReportSchema } from './agent-figures-schemas.js';
import { z } from 'zod';
import type { AgentReportService } from '../../agents/agent-report-service.js';
import type { AgentRegistry } from '../../agents/agent-registry.js';
import { dayOf } from '../../agents/centre-days.js';
import { CSV_VIEWS, reportCsv } from '../../agents/figures-csv.js';
import type { Clock } from '../../clock.js';
import { Errors } from '../../errors.js';
import { agentScopeOf, inScope } from '../agent-scope.js';
import { requireUser } from '../auth.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const ReportQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    team: z.string().max(100).optional(),
    agentId: z.coerce.number().int().positive().optional(),
    format: z.enum(['json', 'csv']).default('json'),
    view: z.enum(CSV_VIEWS).default('days'),
  })
  .strict();

/** Route module of the agent figures. */
export function agentFiguresRoutes(deps: { reports: AgentReportService; registry: AgentRegistry; clock: Clock }) {
  const { reports, registry, clock } = deps;

  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/reports/agents', { config: { roles: ['agent', 'manager'] }, schema: {
          querystring: ReportQuery,
          response: {
            200: jsonOrCsv(AgentReportSchema, 'one of its views'),
          },
        },
      }, async (request, reply) => {
      const q = request.query;
      const user = requireUser(request);
      const scope = agentScopeOf(user, registry);
      if (q.agentId !== undefined && !inScope(scope, q.agentId)) throw new Errors.AuthForbidden(user.role, `see the figures of agent ${q.agentId}`);
      const today = dayOf(clock.now(), reports.timeZone);
      const from = q.from ?? q.to ?? today;
      const to = q.to ?? q.from ?? today;
      const ids = q.agentId !== undefined ? [q.agentId] : scope.all ? undefined : [...scope.agentIds];
      const report = reports.report(from, to, { ...(ids ? { agentIds: ids } : {}), ...(q.team !== undefined ? { team: q.team } : {}) });
      if (q.format === 'json') return report;
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="agent-figures-${q.view}-${from}-${to}.csv"`);
      return reportCsv(report, q.view);
    });
  };
}
