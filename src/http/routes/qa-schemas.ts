/** zod schemas of the QA routes' bodies, params and queries. */
import { z } from 'zod';
import { QA_DISPUTE_STATUSES, QA_P_SOURCES } from '../../db/schema.js';
import { FATAL_KIND_CODES } from '../../qa/scoring/fatal.js';
import { SEVERITIES } from '../../qa/scoring/score.js';

/** Call ids are UUIDs in production; any id-like text is accepted. */
export const CallParams = z.object({ callId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a call id') });

export const SegmentParams = CallParams.extend({ segment: z.coerce.number().int().min(0).max(10_000) });

export const DateParams = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD') });

export const CycleParams = z.object({ label: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM') });

const proportion = z.coerce.number().gt(0).lt(1);

export const SampleSizeQuery = z.object({
  population: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  confidence: proportion.optional(),
  margin: proportion.optional(),
  /** A number in [0, 1], or 'observed': the campaign's last observed defect rate. */
  p: z.union([z.literal('observed'), z.coerce.number().min(0).max(1)]).optional(),
  campaignId: z.coerce.number().int().positive().optional(),
});

const floor = z.object({ sale: z.number().int().min(0).max(100), nonSale: z.number().int().min(0).max(100) }).strict();

export const SettingsBody = z.object({
  confidence: proportion.default(0.95),
  margin: proportion.default(0.05),
  pSource: z.enum(QA_P_SOURCES).default('default'),
  /** Per-agent floors by agent role; roles left out keep the manuals' (3 + 1, trainee 3 + 2). null = all defaults. */
  floors: z.object({ agent: floor, trainee: floor, 'team-lead': floor }).partial().strict().nullable().default(null),
});

export const RunPlanBody = z.object({ campaignId: z.number().int().positive().optional() }).default({});

export const PlansQuery = z.object({
  campaignId: z.coerce.number().int().positive(),
  cycle: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM').optional(),
});

const note = z.string().max(2000).optional();
const atMs = z.number().int().min(0).optional();

export const ScoreBody = z.object({
  rubricVersion: z.number().int().positive().optional(),
  deductions: z
    .array(z.object({ itemCode: z.string().min(1).max(40), severity: z.enum(SEVERITIES), points: z.number().int(), note, atMs }))
    .max(200)
    .default([]),
  fatal: z.array(z.object({ kind: z.enum(FATAL_KIND_CODES), note, atMs })).max(FATAL_KIND_CODES.length).default([]),
  /** Points for the rubric's bonus items (特别加分项); the total stays at most 100. */
  bonuses: z.array(z.object({ itemCode: z.string().min(1).max(40), points: z.number().int(), note, atMs })).max(50).default([]),
  comment: z.string().max(5000).optional(),
});

const name = z.string().trim().min(1).max(100);
const code = z.string().min(1).max(40);

export const RubricBody = z.object({
  name: z.string().trim().min(1).max(200),
  definition: z.object({
    passScore: z.number().int(),
    categories: z
      .array(
        z.object({
          code,
          nameZh: name,
          nameEn: name,
          maxPoints: z.number().int(),
          items: z.array(z.object({ code, nameZh: name, nameEn: name, maxPoints: z.number().int(), description: z.string().max(500).optional() })).max(50),
        }),
      )
      .max(20),
    bonusItems: z.array(z.object({ code, nameZh: name, nameEn: name, maxPoints: z.number().int(), description: z.string().max(500).optional() })).max(20).optional(),
  }),
});

export const DisputeBody = z.object({ reason: z.string().trim().min(1).max(5000) });

export const ResolveBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('upheld'), comment: z.string().trim().min(1).max(5000) }),
  z.object({ decision: z.literal('amended'), comment: z.string().trim().min(1).max(5000), score: ScoreBody }),
]);

export const DisputesQuery = z.object({
  status: z.enum(QA_DISPUTE_STATUSES).optional(),
  callId: z.string().max(100).optional(),
});

export const ReportQuery = z.object({
  campaignId: z.coerce.number().int().positive().optional(),
  agentId: z.coerce.number().int().positive().optional(),
  format: z.enum(['json', 'csv']).default('json'),
  section: z.enum(['campaigns', 'agents']).default('campaigns'),
});

export const AuditQuery = z.object({
  callId: z.string().max(100).optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
