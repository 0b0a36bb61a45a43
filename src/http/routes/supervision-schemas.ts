/**
 * The answers of the supervision routes (supervision-routes.ts), declared once for the OpenAPI
 * document and the response check.
 */
import { z } from 'zod';
import { MONITOR_MODES, monitorSessions } from '../../db/schema-supervision.js';
import { rowSchema } from '../response-schemas.js';

const Mode = z.enum(MONITOR_MODES);

/** A supervision as the API shows it (SupervisionView). */
export const SupervisionSchema = z.object({
  id: z.number(),
  callId: z.string(),
  userId: z.number(),
  mode: Mode,
  state: z.enum(['ringing', 'joined']).describe("ringing: the supervisor's phone is being called; joined: they are on the call"),
  since: z.number().describe('when the current mode began (epoch ms)'),
});

/** The live calls a user may supervise (LiveCallsAnswer). */
export const LiveCallsSchema = z.object({
  calls: z.array(
    z.object({
      callId: z.string(),
      campaignId: z.number(),
      campaignName: z.string(),
      agentId: z.number().nullable(),
      agentName: z.string().nullable(),
      team: z.string().nullable(),
      answeredAt: z.number().nullable(),
      liveSec: z.number().nullable().describe("seconds since the customer answered, by the service's clock"),
      mine: SupervisionSchema.nullable().describe("this user's supervision of the call, if any"),
      takenOver: z.boolean().describe('someone else took the call over'),
    }),
  ),
  modes: z.array(Mode).readonly().describe('the modes this user may use at all'),
  phone: z.string().nullable().describe('the extension the service calls this user on; null when they have none'),
  phoneInUse: z.boolean().describe("that phone is the user's own agent softphone and it is logged in: no supervision can start until they log out of calls (or get a supervisor phone)"),
});

/** `{ extension }`: the supervisor's phone. */
export const PhoneSchema = z.object({ extension: z.string().nullable() });

/** Every stretch of supervision of a call. */
export const MonitoringSchema = z.object({ sessions: z.array(rowSchema(monitorSessions)) });
