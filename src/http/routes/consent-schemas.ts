/** Response schemas shared by the consent and disposition routes. */
import { z } from 'zod';
import { VERIFY_BLOCK_CODES } from '../../consent/consent-service.js';
import { DISPOSITION_CATEGORIES } from '../../db/schema.js';

/** Where a call's consent stands (the agent console's consent panel). */
export const ConsentStatusSchema = z.object({
  callId: z.string(),
  identityConfirmed: z.boolean(),
  refusals: z.number().int(),
  refusalLimit: z.number().int(),
  locked: z.boolean(),
  verification: z.enum(['none', 'running']),
  phase: z.string().nullable().describe('where a running verification is (identity, terms, consent keys, closing); null when none runs'),
  verifyBlockedBy: z.string().nullable().describe('why verification cannot start now, in words; null when it can'),
  verifyBlockCode: z.enum(VERIFY_BLOCK_CODES).nullable(),
  lastOutcome: z.string().nullable(),
  subscriptionIds: z.array(z.number().int()),
});

/** A disposition given to a call, and what followed from it. */
export const DispositionGivenSchema = z.object({
  disposition: z.object({ code: z.string(), label: z.string(), category: z.enum(DISPOSITION_CATEGORIES) }),
  callbackId: z.number().int().nullable(),
  doNotCallAdded: z.boolean().describe('the number was put on the do-not-call list now'),
  consent: ConsentStatusSchema,
});
