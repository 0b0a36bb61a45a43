/**
 * Agent settings managers keep: team talk-time targets and the pause-code list. Agents may
 * read the active pause codes (their console offers them).
 */
import type { ApiInstance } from '../app.js';
import { pauseCodes as pauseCodesTable } from '../../db/schema.js';
import { rowSchema } from '../response-schemas.js';
import { z } from 'zod';
import type { AgentRegistry } from '../../agents/agent-registry.js';
import { PAUSE_CODE_PATTERN, type PauseCodeStore } from '../../agents/pause-codes.js';
import { requireUser } from '../auth.js';

const TeamSchema = z.object({
  name: z.string(),
  dailyTargetSec: z.number().int().nullable().describe("the team's own daily target; null: the service default"),
  targetSec: z.number().int(),
  targetSource: z.enum(['team', 'default']),
  agents: z.number().int(),
});
const PauseCodeSchema = rowSchema(pauseCodesTable);

const TeamParams = z.object({ name: z.string().trim().min(1).max(100) });
const TeamBody = z.object({ dailyTargetSec: z.number().int().min(0).max(86_400).nullable() }).strict();

const Code = z.string().trim().toUpperCase().regex(PAUSE_CODE_PATTERN, 'capitals, digits, _ and -, up to 20');
const CodeParams = z.object({ code: Code });
const PauseCodeBody = z.object({ code: Code, label: z.string().trim().min(1).max(100), active: z.boolean().optional() }).strict();
const PauseCodePatch = z
  .object({ label: z.string().trim().min(1).max(100).optional(), active: z.boolean().optional() })
  .strict()
  .refine((p) => p.label !== undefined || p.active !== undefined, 'give label or active');
const PauseCodeQuery = z.object({ all: z.enum(['0', '1', 'true', 'false']).optional() });

/** Route module of team targets and pause codes. */
export function agentSettingsRoutes(deps: { registry: AgentRegistry; pauseCodes: PauseCodeStore }) {
  const { registry, pauseCodes } = deps;

  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/teams', { config: { roles: ['manager'] }, schema: { response: { 200: z.object({ teams: z.array(TeamSchema) }) } } }, async () => ({ teams: registry.teams() }));

    /** Sets the team's daily talk-time target (null: back to the service default). */
    app.put('/api/teams/:name', { config: { roles: ['manager'] }, schema: { params: TeamParams, body: TeamBody, response: { 200: TeamSchema } } }, async (request) => {
      const { name } = request.params;
      const { dailyTargetSec } = request.body;
      return registry.setTeamTarget(name, dailyTargetSec);
    });

    /** Active codes; managers may ask for inactive ones too with `?all=1`. */
    app.get('/api/pause-codes', { config: { roles: ['agent', 'manager'] }, schema: { querystring: PauseCodeQuery, response: { 200: z.object({ pauseCodes: z.array(PauseCodeSchema) }) } } }, async (request) => {
      const { all } = request.query;
      const everything = (all === '1' || all === 'true') && requireUser(request).role !== 'agent';
      return { pauseCodes: pauseCodes.list({ activeOnly: !everything }) };
    });

    app.post('/api/pause-codes', { config: { roles: ['manager'] }, schema: { body: PauseCodeBody, response: { 201: PauseCodeSchema } } }, async (request, reply) => {
      const body = request.body;
      reply.code(201);
      return pauseCodes.create(body);
    });

    /** Relabel or (de)activate; codes are never deleted, old pauses keep their meaning. */
    app.patch('/api/pause-codes/:code', { config: { roles: ['manager'] }, schema: { params: CodeParams, body: PauseCodePatch, response: { 200: PauseCodeSchema } } }, async (request) => {
      const { code } = request.params;
      return pauseCodes.update(code, request.body);
    });
  };
}
