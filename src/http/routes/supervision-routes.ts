/**
 * Supervisors on live calls (issue 13): listen, whisper, barge, take over, stop; their phone;
 * a call's supervision history.
 *
 *   GET    /api/supervision/calls            → the live calls this user may supervise, their modes, their phone
 *   POST   /api/supervision                  { callId, mode } → 201 the supervision (the phone rings)
 *   POST   /api/supervision/:id/mode         { mode } → the supervision in its new mode (the call stays up)
 *   DELETE /api/supervision/:id              → the supervision as it ended
 *   GET    /api/supervision/phone            → { extension } of the signed-in user
 *   PUT    /api/supervision/phone            { extension | null } → set one's own phone (managers, QA, team leads)
 *   PUT    /api/users/:id/supervisor-phone   { extension | null } → (admin) set anyone's
 *   GET    /api/calls/:callId/monitoring     → every stretch of supervision of the call
 */
import { z } from 'zod';
import type { ApiInstance } from '../app.js';
import { requireUser } from '../auth.js';
import { IdParams } from '../validation.js';
import type { CallTracker } from '../../calls/call-tracker.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { MONITOR_MODES } from '../../db/schema-supervision.js';
import { LiveCallsSchema, MonitoringSchema, PhoneSchema, SupervisionSchema } from './supervision-schemas.js';
import { liveCallsFor } from '../../supervision/live-calls.js';
import type { MonitorStore } from '../../supervision/monitor-store.js';
import type { SupervisionService } from '../../supervision/supervision-service.js';
import type { SupervisorPhones } from '../../supervision/supervisor-phones.js';
import { Errors } from '../../errors.js';

const Mode = z.enum(MONITOR_MODES);
const StartBody = z.object({ callId: z.string().min(1).max(100), mode: Mode }).strict();
const ModeBody = z.object({ mode: Mode }).strict();
const PhoneBody = z.object({ extension: z.string().trim().regex(/^[0-9A-Za-z_.-]{1,40}$/).nullable() }).strict();
const CallParams = z.object({ callId: z.string().min(1).max(100) });

/** Who may open the supervision API at all; the rules (monitor-rules.ts) decide per mode and call. */
const SUPERVISORS = { config: { roles: ['manager', 'qa', 'agent'] as const } };

export interface SupervisionRoutesDeps {
  db: Db;
  clock: Clock;
  tracker: CallTracker;
  supervision: SupervisionService;
  phones: SupervisorPhones;
  store: MonitorStore;
}

export function supervisionRoutes(deps: SupervisionRoutesDeps) {
  const { supervision, phones } = deps;
  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/supervision/calls', { ...SUPERVISORS, schema: { response: { 200: LiveCallsSchema } } }, async (request) => liveCallsFor(deps, requireUser(request), deps.clock.now()));
    app.post('/api/supervision', { ...SUPERVISORS, schema: { body: StartBody, response: { 201: SupervisionSchema } } }, async (request, reply) => {
      const body = request.body;
      reply.code(201);
      return supervision.start(requireUser(request), body.callId, body.mode);
    });
    app.post('/api/supervision/:id/mode', { ...SUPERVISORS, schema: { params: IdParams, body: ModeBody, response: { 200: SupervisionSchema } } }, async (request) => {
      return supervision.switchMode(requireUser(request), request.params.id, request.body.mode);
    });
    app.delete('/api/supervision/:id', { ...SUPERVISORS, schema: { params: IdParams, response: { 200: SupervisionSchema } } }, async (request) => {
      return supervision.stop(requireUser(request), request.params.id);
    });
    app.get('/api/supervision/phone', { config: { roles: ['manager', 'qa', 'agent'] }, schema: { response: { 200: PhoneSchema } } }, async (request) => {
      return { extension: phones.phoneOf(requireUser(request).id)?.extension ?? null };
    });
    app.put('/api/supervision/phone', { config: { roles: ['manager', 'qa', 'agent'] }, schema: { body: PhoneBody, response: { 200: PhoneSchema } } }, async (request) => {
      const user = requireUser(request);
      // An agent who leads a team supervises it, on a phone of their own when their softphone is taken.
      if (user.role === 'agent' && phones.kindOf(user).kind !== 'team-lead') throw new Errors.AuthForbidden(user.role, 'set a supervisor phone (team leads only)');
      const saved = phones.set(user.id, request.body.extension);
      return { extension: saved?.extension ?? null };
    });
    app.put('/api/users/:id/supervisor-phone', { config: { roles: ['admin'] }, schema: { params: IdParams, body: PhoneBody, response: { 200: PhoneSchema } } }, async (request) => {
      const saved = phones.set(request.params.id, request.body.extension);
      return { extension: saved?.extension ?? null };
    });
    app.get('/api/calls/:callId/monitoring', { config: { roles: ['manager', 'qa'] }, schema: { params: CallParams, response: { 200: MonitoringSchema } } }, async (request) => {
      return { sessions: deps.store.forCall(request.params.callId) };
    });
  };
}
