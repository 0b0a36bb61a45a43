/** Response schemas of the agent routes: an agent's record and their live session. */
import { z } from 'zod';
import { AGENT_STATES } from '../../agents/agent-states.js';
import { AGENT_ROLES } from '../../db/schema.js';

/** An agent's live session (null while logged out). */
export const AgentSessionSchema = z.object({
  agentId: z.number().int(),
  name: z.string(),
  extension: z.string(),
  state: z.enum(AGENT_STATES),
  stateSince: z.number(),
  callId: z.string().nullable(),
  channelId: z.string(),
  via: z.enum(['api', 'dial-in']),
  reason: z.string().nullable().describe('the pause code while paused'),
  pausedSince: z.number().nullable(),
  pendingPause: z.string().nullable().describe('a pause asked for during the login or a call, taken when it is over'),
  wrapUpCallId: z.string().nullable(),
});

/** An agent as managers set them up (never the PIN). */
export const AgentRecordSchema = z.object({
  id: z.number().int(),
  userId: z.number().int().nullable(),
  name: z.string(),
  extension: z.string(),
  endpoint: z.string().nullable().describe('dial string override of the softphone; null: the endpoint template with the extension'),
  staffNo: z.string().nullable().describe('工号: the staff number the agent states to customers'),
  hasPin: z.boolean(),
  team: z.string(),
  role: z.enum(AGENT_ROLES),
  dailyTargetSec: z.number().int().nullable(),
  targetSec: z.number().int(),
  targetSource: z.enum(['agent', 'team', 'default']),
  createdAt: z.number(),
});

/** An agent with their session. */
export const AgentWithSession = AgentRecordSchema.extend({ session: AgentSessionSchema.nullable() });
/** `{ session }`: the agent's session after the change (null: logged out). */
export const SessionAnswer = z.object({ session: AgentSessionSchema.nullable() });

/** The customer's history on a live call (src/inbound/customer-history.ts). */
export const CustomerHistorySchema = z.object({
  calls: z.array(
    z.object({
      callId: z.string(),
      direction: z.enum(['outbound', 'inbound']),
      at: z.number(),
      campaignName: z.string(),
      agentName: z.string().nullable(),
      outcome: z.string().nullable(),
      talkSec: z.number().nullable(),
      disposition: z.string().nullable(),
      dispositionCategory: z.string().nullable(),
    }),
  ).describe('earlier calls with this number, newest first'),
  subscriptions: z.array(
    z.object({
      id: z.number(),
      productName: z.string(),
      priceMinor: z.number(),
      currency: z.string(),
      confirmedAt: z.number(),
      cancelledAt: z.number().nullable(),
    }),
  ),
  doNotCall: z.object({ global: z.number().nullable(), campaign: z.number().nullable() }).describe('since when the number is on the global / campaign list (null: not on it)'),
});
