/**
 * Response schemas of the QA routes (qa-routes.ts): the calculator, settings, plan runs, the
 * queue, claims, a call's review details, scores and rubrics. Rows come from their tables.
 */
import { z } from 'zod';
import { QA_P_SOURCES, qaAuditLog, qaCampaignSettings, qaClaims, qaDisputes, qaPlanItems, qaPlanRuns, qaRubrics, qaScores } from '../../db/schema.js';
import type { RubricDefinition } from '../../qa/scoring/rubric.js';
import { TIMELINE_MARKER_KINDS } from '../../qa/call-timeline.js';
import { FATAL_KIND_CODES } from '../../qa/scoring/fatal.js';
import { EVIDENCE_MOMENTS } from '../../qa/sale-facts.js';
import { described, rowSchema } from '../response-schemas.js';

const floor = z.object({ sale: z.number().int(), nonSale: z.number().int() });

export const SampleSizeSchema = z.object({
  n: z.number().int().describe('calls to review'),
  population: z.number().int(),
  populationSource: z.enum(['given', 'campaign-cycle-so-far']),
  confidence: z.number(),
  z: z.number(),
  p: z.number(),
  pSource: z.enum(['default', 'given', 'observed']),
  observed: z.object({ cycle: z.string(), scored: z.number().int(), defects: z.number().int(), p: z.number() }).nullable().describe('the observed defect rate used (p=observed)'),
  margin: z.number(),
  n0: z.number().describe('the infinite-population size before the finite-population correction'),
  cycle: z.string().nullable(),
});

export const QaSettingsRowSchema = rowSchema(qaCampaignSettings);
export const QaSettingsSchema = QaSettingsRowSchema.extend({
  pSource: z.enum(QA_P_SOURCES),
  updatedAt: z.number().nullable().describe('null: never set (the defaults)'),
  defaultFloors: z.object({ agent: floor, trainee: floor, 'team-lead': floor }).describe("the manuals' floors, for roles the settings leave out"),
});

const PlanRunResultSchema = z.object({
  runId: z.number().int(),
  campaignId: z.number().int(),
  cycle: z.string(),
  populationSize: z.number().int(),
  targetSize: z.number().int(),
  newlySampled: z.number().int(),
  totalSampled: z.number().int(),
  enqueued: z.number().int().describe('jobs handed to the queue after the commit'),
  enqueueError: z.string().nullable(),
  notes: z.array(z.string()),
});
export const PlanRunsDoneSchema = z.object({ runs: z.array(PlanRunResultSchema) });

export const PlanItemSchema = rowSchema(qaPlanItems);
export const PlanRunsSchema = z.object({ runs: z.array(rowSchema(qaPlanRuns)) });
export const PlanRunSchema = z.object({ run: rowSchema(qaPlanRuns), items: z.array(PlanItemSchema) });

export const PlanVerificationSchema = z.object({
  runId: z.number().int(),
  algorithm: z.string(),
  currentAlgorithm: z.string(),
  reproduced: z.boolean().describe('same population (hash) and same sampled calls'),
  populationMatches: z.boolean(),
  storedPopulationSha256: z.string(),
  populationSha256: z.string(),
  storedSampled: z.number().int(),
  reproducedSampled: z.number().int(),
  onlyStored: z.array(z.string()),
  onlyReproduced: z.array(z.string()),
});

export const QueueSchema = z.object({
  queue: z.string(),
  sqlite: z.record(z.string(), z.number()).describe('plan items by status'),
  redis: z.union([z.record(z.string(), z.number()).describe('BullMQ jobs by state'), z.object({ error: z.string() })]),
  nextPlanRunAt: z.number().nullable(),
});

export const SweepSchema = z.object({
  checked: z.number().int(),
  restored: z.number().int().describe('re-enqueued because Redis had no job for them'),
  reserved: z.number().int(),
});

/** A call as QA reviews it (src/qa/call-details.ts). */
export const QaCallDetailsSchema = z.object({
  call: z.object({
    id: z.string(),
    campaignId: z.number().int(),
    campaignName: z.string(),
    phoneMasked: z.string(),
    answeredAt: z.number().nullable(),
    agentConnectedAt: z.number().nullable(),
    openingStartedAt: z.number().nullable(),
    endedAt: z.number().nullable(),
    talkSec: z.number().nullable(),
    outcome: z.string().nullable(),
    hangupBy: z.string().nullable(),
    recordingState: z.string().nullable(),
  }),
  agent: z.object({ id: z.number().int(), name: z.string(), team: z.string(), role: z.string(), extension: z.string() }).nullable(),
  sampling: z
    .object({ cycle: z.string(), planRunId: z.number().int(), reasons: z.array(z.string()), weight: z.number(), isSale: z.boolean(), status: z.string() })
    .nullable(),
  subscriptionEvidence: z.array(
    z.object({
      subscriptionId: z.string(),
      productCode: z.string(),
      productName: z.string(),
      terms: z.string(),
      confirmedAt: z.number(),
      recordingOffsetMs: z.number().nullable(),
      verificationId: z.number().int(),
      moments: z.partialRecord(z.enum(EVIDENCE_MOMENTS), z.number()),
    }),
  ),
  recording: z.object({
    url: z.string().describe('the whole call as one seekable WAV'),
    durationMs: z.number(),
    segments: z.array(z.object({ segment: z.number().int(), url: z.string(), durationMs: z.number().nullable(), bytes: z.number().nullable(), startedAt: z.number() })),
  }),
  timeline: z.object({
    durationMs: z.number(),
    markers: z.array(
      z.object({
        kind: z.enum(TIMELINE_MARKER_KINDS),
        at: z.number(),
        offsetMs: z.number().nullable(),
        label: z.string(),
        by: z.enum(['system', 'agent', 'customer']),
        digit: z.string().optional(),
        counted: z.boolean().optional(),
        answers: z.enum(['identity', 'consent']).optional(),
        verificationId: z.number().int().optional(),
        subscriptionEvidence: z.boolean().optional(),
      }),
    ),
  }),
});

export const ScoreRowSchema = rowSchema(qaScores);
export const DisputeRowSchema = rowSchema(qaDisputes);
export const DisputeListSchema = z.object({ disputes: z.array(DisputeRowSchema.extend({ agentName: z.string().nullable() })) });

export const CallReviewSchema = QaCallDetailsSchema.extend({ scores: z.array(ScoreRowSchema).describe('every score of the call, oldest first'), disputes: DisputeListSchema.shape.disputes });

const ClaimSchema = rowSchema(qaClaims);
/** The claimed call, with its review details. */
export const ClaimViewSchema = QaCallDetailsSchema.extend({
  claim: z.object({ callId: z.string(), claimedAt: z.number(), expiresAt: z.number(), resumed: z.boolean().describe('the reviewer already held this claim') }),
});
export const OpenClaimsSchema = z.object({ claims: z.array(ClaimSchema.omit({ token: true })) });
export const ClaimExtendedSchema = z.object({ callId: z.string(), expiresAt: z.number() });

/** A rubric version (its definition: categories, items and points, pass mark, bonus items; the body of POST /api/qa/rubrics). */
export const RubricSchema = rowSchema(qaRubrics).extend({ definition: described<RubricDefinition>('categories with their items and points, the pass mark and bonus items, as POST /api/qa/rubrics takes them') });

export const FatalKindsSchema = z.object({
  fatalKinds: z.array(z.object({ code: z.enum(FATAL_KIND_CODES), nameZh: z.string(), nameEn: z.string() })).readonly(),
  severities: z.record(z.string(), z.tuple([z.number(), z.number()]).readonly()).describe('per severity: the least and most points a deduction takes'),
});

export const QaAuditSchema = z.object({ entries: z.array(rowSchema(qaAuditLog)).describe('newest first') });
