/** Response schemas of the subscription routes: a subscription with its derived state, its audit, the cancellations report. */
import { z } from 'zod';
import { commissionEntries, QA_REVERSAL_STATUSES, subscriptionAudit, subscriptionEvents, subscriptions } from '../../db/schema.js';
import { ErrorBodySchema } from '../openapi.js';
import { rowSchema } from '../response-schemas.js';

const FOLLOW_UP_STATES = ['not-scheduled', 'scheduled', 'sending', 'failed', 'sent', 'not-sent-cancelled'] as const;

/** src/consent/subscription-summary.ts: where a subscription stands, derived from its events. */
const SummarySchema = z.object({
  status: z.enum(['active', 'cancelled']),
  cancellation: z.object({ at: z.number(), userId: z.number().int().nullable(), reason: z.string(), afterConfirmation: z.boolean() }).nullable(),
  followUp: z.object({
    state: z.enum(FOLLOW_UP_STATES).describe('where the next-day confirmation message stands'),
    dueAt: z.number().nullable(),
    sentAt: z.number().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
  }),
  commission: z.object({ earnedMinor: z.number(), reversedMinor: z.number(), netMinor: z.number() }),
  cancellableUntil: z.number().describe('the end of the cooling-off window (inclusive)'),
  cancelRefusal: z.string().nullable().describe('why it cannot be cancelled now; null when it can'),
});

/** A subscription as listed: its stored evidence, its state, and QA's request to reverse the sale if any. */
export const SubscriptionListRowSchema = rowSchema(subscriptions).extend({
  summary: SummarySchema,
  qaReversal: z
    .object({ status: z.enum(QA_REVERSAL_STATUSES), kinds: z.array(z.string()), requestedAt: z.number(), scoreId: z.number().int() })
    .nullable()
    .describe("QA's request to reverse the sale (a fraudulent order found in review)"),
});

export const SubscriptionListSchema = z.object({
  subscriptions: z.array(SubscriptionListRowSchema).describe('newest first'),
  nextBeforeId: z.number().int().nullable().describe('pass as beforeId for the next page; null on the last page'),
});

const CommissionSchema = z.array(rowSchema(commissionEntries));

/** One subscription with its events and commission ledger. */
export const SubscriptionSchema = SubscriptionListRowSchema.extend({
  status: z.enum(['active', 'cancelled']),
  events: z.array(rowSchema(subscriptionEvents)),
  commission: CommissionSchema,
});

export const SubscriptionAuditSchema = z.object({ entries: z.array(rowSchema(subscriptionAudit)).describe('newest first') });

export const CancelledSchema = z.object({
  subscriptionId: z.number().int(),
  status: z.literal('cancelled'),
  afterConfirmation: z.boolean().describe('cancelled after the confirmation message was sent'),
  commission: CommissionSchema.describe('the ledger, with the reversing entry'),
});

export const CancellationsReportSchema = z.object({
  from: z.number(),
  to: z.number(),
  agents: z.array(
    z.object({
      agentId: z.number().int(),
      sales: z.number().int(),
      cancelled: z.number().int(),
      cancelledAfterConfirmation: z.number().int(),
      earnedMinor: z.number(),
      reversedMinor: z.number(),
      qaReversalsOpen: z.number().int(),
      withheldMinor: z.number().describe('commission held back for sales QA asked to reverse'),
      netMinor: z.number(),
      cancellationRate: z.number(),
    }),
  ),
});

/** The only answer of the routes that refuse to create or edit a subscription. */
export const ForgeryRefusedSchema = ErrorBodySchema.describe(
  'error: DIALER_ERR_CONSENT_FORBIDDEN, always for a signed-in user (subscriptions are never created or edited through the API; the attempt is logged), DIALER_ERR_AUTH_FORBIDDEN',
);
