/** Response schemas of the QA reports, disputes, agents' own scores and reversal requests (qa-report-routes.ts; shapes of src/qa/reports/report-types.ts). */
import { z } from 'zod';
import { qaReversalRequests } from '../../db/schema.js';
import { SEVERITIES } from '../../qa/scoring/score.js';
import { rowSchema } from '../response-schemas.js';
import { DisputeRowSchema, ScoreRowSchema } from './qa-answer-schemas.js';

const cycleSpan = z.object({ label: z.string().describe('YYYY-MM'), start: z.number(), end: z.number() });
const mean = z.number().nullable().describe('null when nothing is scored');

export const PublicationSchema = z.object({
  date: z.string(),
  publishedAt: z.number(),
  publishedBy: z.number().int().nullable(),
  publishedOn: z.string().describe('local date of publication: the only day its scores may be disputed'),
});
export const PublishedSchema = PublicationSchema.extend({ alreadyPublished: z.boolean() });

const dailyFigures = {
  sampled: z.number().int(),
  scored: z.number().int(),
  meanScore: mean,
  fatal: z.number().int(),
  defects: z.number().int(),
  disputesRaised: z.number().int(),
  pulled: z.number().int().describe('calls pulled for review on demand this day, apart from the sample'),
  pulledScored: z.number().int(),
  pulledDefects: z.number().int(),
};
export const DailyReportSchema = z.object({
  date: z.string(),
  timeZone: z.string(),
  campaignId: z.number().int().nullable(),
  publication: PublicationSchema.nullable(),
  agents: z.array(z.object({ agentId: z.number().int(), agentName: z.string(), team: z.string(), ...dailyFigures })),
  totals: z.object(dailyFigures),
});

const DefectRateSchema = z.object({
  estimate: z.number().nullable().describe('defects / scored; null when nothing is scored'),
  lower: z.number(),
  upper: z.number(),
  confidence: z.number(),
  fpcApplied: z.boolean(),
});
export const CycleReportSchema = z.object({
  cycle: cycleSpan,
  timeZone: z.string(),
  asOf: z.number().describe('figures as of this instant (now, or the end of a cycle that is over)'),
  campaignId: z.number().int().nullable(),
  campaigns: z.array(
    z.object({
      campaignId: z.number().int(),
      campaignName: z.string(),
      population: z.number().int(),
      sampled: z.number().int(),
      scored: z.number().int(),
      pending: z.number().int(),
      meanScore: mean,
      fatal: z.number().int(),
      defects: z.number().int(),
      defectRate: DefectRateSchema,
    }),
  ),
  agents: z.array(
    z.object({
      agentId: z.number().int(),
      agentName: z.string(),
      team: z.string(),
      sampled: z.number().int(),
      scored: z.number().int(),
      meanScore: mean,
      minScore: z.number().nullable(),
      maxScore: z.number().nullable(),
      fatal: z.number().int(),
      defects: z.number().int(),
      disputes: z.number().int(),
      amended: z.number().int(),
    }),
  ),
});

export const DefectRatesSchema = z.object({
  cycle: cycleSpan,
  asOf: z.number(),
  campaigns: z.array(CycleReportSchema.shape.campaigns.element.pick({ campaignId: true, campaignName: true, population: true, scored: true, defects: true, defectRate: true })),
});

const days = z.array(z.object({ date: z.string(), scored: z.number().int(), meanScore: mean, fatal: z.number().int(), runningMean: mean }));
export const TrendReportSchema = z.object({
  cycle: cycleSpan,
  timeZone: z.string(),
  dates: z.array(z.string()),
  agents: z.array(z.object({ days, agentId: z.number().int(), agentName: z.string(), team: z.string() })),
  teams: z.array(z.object({ days, team: z.string() })),
});

export const ResolvedSchema = z.object({ dispute: DisputeRowSchema, score: ScoreRowSchema.nullable().describe('the amended score; null when upheld') });

/** Whether a score may be disputed now (src/qa/disputes.ts DisputeChance). */
const disputeChance = {
  disputable: z.boolean(),
  disputeRefusal: z.string().nullable(),
  disputeRefusalCode: z.enum(['replaced', 're-review-final', 'disputed', 'not-published', 'late']).nullable(),
  disputeClosesOn: z.string().nullable().describe('the last local day a dispute is taken; null until the report is published'),
};
const scoredCall = { campaignName: z.string(), phoneMasked: z.string() };
const at = { note: z.string().nullable(), atMs: z.number().nullable() };
export const AgentScoresSchema = z.object({
  scores: z.array(
    ScoreRowSchema.omit({ reviewerId: true }).extend({
      ...scoredCall,
      ...disputeChance,
      deductions: z.array(
        z.object({ itemCode: z.string(), itemName: z.string(), itemNameZh: z.string(), categoryName: z.string(), severity: z.enum(SEVERITIES), points: z.number(), ...at }),
      ),
      fatalFindings: z.array(z.object({ kind: z.string(), name: z.string(), nameZh: z.string(), ...at })),
    }),
  ).describe('newest first; the reviewer stays anonymous'),
  pending: z.array(ScoreRowSchema.pick({ id: true, callId: true, campaignId: true, kind: true, reviewDate: true }).extend({ ...scoredCall, ...disputeChance })).describe('scores whose daily report is not published yet'),
});

export const ReversalRequestsSchema = z.object({ reversalRequests: z.array(rowSchema(qaReversalRequests)) });
