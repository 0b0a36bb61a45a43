/** The agent report's JSON (GET /api/reports/agents), field by field (figures.ts defines each figure). */
import { z } from 'zod';

const n = () => z.number();
const rate = () => z.number().nullable();

/** The figures every row of the report carries. */
const FiguresShape = {
  dialed: n(),
  connected: n(),
  talkSec: n(),
  wrapSec: n(),
  avgHandleSec: rate().describe('(talk + wrap) ÷ connected, seconds; null without connected calls'),
  pauseSec: n(),
  pauseByReasonSec: z.record(z.string(), n()),
  longPauses: n(),
  loggedInSec: n(),
  occupancy: rate(),
  sales: n(),
  salesReversed: n(),
  refusals: n(),
  refusalRate: rate(),
  zeroLengthCalls: n(),
  targetSec: n(),
  attainment: rate(),
  commissionGrossYuan: n(),
  commissionReversedYuan: n(),
  commissionYuan: n().describe('gross less reversed'),
  unpricedSales: n(),
  dispositions: z.record(z.string(), n()).describe('connected calls by disposition category'),
  undisposed: n(),
};

export const AgentReportSchema = z.object({
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  generatedAt: n(),
  longPauseLimitSec: n(),
  days: z.array(
    z.object({
      ...FiguresShape,
      agentId: n(),
      name: z.string(),
      team: z.string(),
      day: z.string(),
      longPauseList: z.array(z.object({ at: n(), reasons: z.array(z.string()), durationSec: n(), open: z.boolean() })),
    }),
  ),
  agents: z.array(z.object({ ...FiguresShape, agentId: n(), name: z.string(), team: z.string(), role: z.string(), daysWorked: n() })),
  teams: z.array(z.object({ ...FiguresShape, team: z.string(), agents: n(), daysWorked: n() })),
  campaigns: z.array(
    z.object({
      campaignId: n(),
      dialed: n(),
      connected: n(),
      talkSec: n(),
      wrapSec: n(),
      avgHandleSec: rate(),
      zeroLengthCalls: n(),
      sales: n(),
      salesReversed: n(),
      refusals: n(),
      refusalRate: rate(),
      agents: n(),
      dispositions: z.record(z.string(), n()),
      undisposed: n(),
    }),
  ),
  totals: z.object(FiguresShape).describe('every agent of the report added up'),
  notes: z.array(z.string()),
});
