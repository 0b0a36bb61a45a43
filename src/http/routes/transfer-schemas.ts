/**
 * The answers of the transfer routes (transfer-routes.ts), declared once for the OpenAPI
 * document and the response check.
 */
import { z } from 'zod';
import { AGENT_ROLES } from '../../db/schema.js';
import { callHandlers, TRANSFER_MODES, transfers } from '../../db/schema-transfers.js';
import { rowSchema } from '../response-schemas.js';

/** A call's running transfer (TransferView); null when there is none. */
export const TransferSchema = z
  .object({
    id: z.string(),
    mode: z.enum(TRANSFER_MODES),
    phase: z.enum(['reaching', 'consulting', 'conference', 'ended']),
    targetAgentId: z.number().nullable().describe('the target agent; null for a supervisor'),
    targetUserId: z.number().nullable().describe("the target supervisor's user; null for an agent"),
    targetUp: z.boolean().describe("the target's phone is on the line"),
    held: z.boolean().describe('the customer hears hold music'),
  })
  .nullable();

/** `{ transfer }`. */
export const TransferAnswer = z.object({ transfer: TransferSchema });

/** The transfer and who the agent may transfer to. */
export const TransferAndTargets = TransferAnswer.extend({
  targets: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('agent'),
        agentId: z.number(),
        name: z.string(),
        extension: z.string(),
        role: z.string().describe(`the agent's role: ${AGENT_ROLES.join(', ')}`),
        availability: z.enum(['ready', 'offline', 'busy']),
      }),
      z.object({
        kind: z.literal('supervisor'),
        userId: z.number(),
        name: z.string().describe("the manager's name"),
        extension: z.string().describe('their supervisor phone, rung on transfer'),
        availability: z.enum(['free', 'busy']).describe('busy: the phone is supervising a call, ringing for a transfer or has a customer'),
      }),
    ]),
  ),
});

/** A call's transfers and every handler with their times. */
export const HandoffsSchema = z.object({ transfers: z.array(rowSchema(transfers)), handlers: z.array(rowSchema(callHandlers)) });
