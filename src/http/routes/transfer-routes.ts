/**
 * Transfers and conferences from the agent console (issue 13 item 2), and a call's handoff list.
 *
 *   GET  /api/calls/:callId/transfer            → { transfer, targets } (the call's agent)
 *   GET  /api/calls/:callId/transfer/stream     → `event: transfer` { transfer } on every change
 *   POST /api/calls/:callId/transfer            { mode, targetAgentId | targetUserId } → 202 the transfer
 *   POST /api/calls/:callId/transfer/:action    complete | leave | cancel → the transfer (null when over)
 *   GET  /api/calls/:callId/handoffs            → { transfers, handlers } (agents of the call, managers, QA)
 */
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import type { AgentRegistry } from '../../agents/agent-registry.js';
import type { AuthUser } from '../../auth/tokens.js';
import type { CallTracker } from '../../calls/call-tracker.js';
import { TRANSFER_MODES } from '../../db/schema-transfers.js';
import { Errors } from '../../errors.js';
import type { HandoffStore } from '../../transfers/handoff-store.js';
import type { TransferService } from '../../transfers/transfer-service.js';
import type { TransferTargets } from '../../transfers/transfer-targets.js';
import type { Clock } from '../../clock.js';
import { requireUser } from '../auth.js';
import { EventStreams } from '../event-stream.js';
import { eventStreamOf } from '../response-schemas.js';
import { HandoffsSchema, TransferAndTargets, TransferAnswer } from './transfer-schemas.js';

const CallParams = z.object({ callId: z.string().min(1).max(100) });
const ActionParams = CallParams.extend({ action: z.enum(['complete', 'leave', 'cancel']) });
/** To an agent (targetAgentId) or to a manager's supervisor phone (targetUserId). */
const StartBody = z.union([
  z.object({ mode: z.enum(TRANSFER_MODES), targetAgentId: z.number().int().positive() }).strict(),
  z.object({ mode: z.enum(TRANSFER_MODES), targetUserId: z.number().int().positive().describe("a manager's user id (a supervisor target of the picker)") }).strict(),
]);

export interface TransferRoutesDeps {
  transfers: TransferService;
  targets: TransferTargets;
  store: HandoffStore;
  registry: AgentRegistry;
  tracker: CallTracker;
  clock: Clock;
  heartbeatMs: number;
}

export function transferRoutes(deps: TransferRoutesDeps) {
  const { transfers, targets, store, registry, tracker } = deps;
  const streams = new EventStreams({ clock: deps.clock, heartbeatMs: deps.heartbeatMs });

  /** The signed-in agent's record that is on this call (the handler, or the agent transferring it). */
  function agentOnCall(user: AuthUser, callId: string): number {
    const mine = registry.agentsOfUser(user.id).map((a) => a.id);
    const session = tracker.get(callId);
    const transfer = transfers.view(callId);
    const onIt = mine.find((id) => session?.handler?.agentId === id || (transfer !== null && transfers.transferringAgent(callId) === id));
    if (onIt === undefined) throw new Errors.TransferNotOnCall(callId);
    return onIt;
  }

  return async function register(app: ApiInstance): Promise<void> {
    streams.register(app);
    const agentOnly = { config: { roles: ['agent'] as const } };
    app.get('/api/calls/:callId/transfer', { ...agentOnly, schema: { params: CallParams, response: { 200: TransferAndTargets } } }, async (request) => {
      const { callId } = request.params;
      const agentId = agentOnCall(requireUser(request), callId);
      return { transfer: transfers.view(callId), targets: targets.list(agentId) };
    });
    // The call's transfer pushed as `event: transfer` on every change (the console's transfer controls).
    app.get('/api/calls/:callId/transfer/stream', { ...agentOnly, schema: { params: CallParams, response: { 200: eventStreamOf('`transfer` events, each { transfer } as GET /api/calls/{callId}/transfer has it, on every change') } } }, async (request, reply) => {
      const { callId } = request.params;
      agentOnCall(requireUser(request), callId);
      const stream = streams.start(request, reply);
      stream.send('transfer', { transfer: transfers.view(callId) });
      stream.onEnd(
        transfers.onChange((changed) => {
          if (changed === callId) stream.send('transfer', { transfer: transfers.view(callId) });
        }),
      );
    });
    app.post('/api/calls/:callId/transfer', { ...agentOnly, schema: { params: CallParams, body: StartBody, response: { 202: TransferAnswer.describe('the transfer started: follow it on the transfer stream') } } }, async (request, reply) => {
      const { callId } = request.params;
      const agentId = agentOnCall(requireUser(request), callId);
      const body = request.body;
      const target = 'targetUserId' in body ? { kind: 'supervisor' as const, userId: body.targetUserId } : { kind: 'agent' as const, agentId: body.targetAgentId };
      const view = await transfers.start(callId, agentId, body.mode, target);
      reply.code(202);
      return { transfer: view };
    });
    app.post('/api/calls/:callId/transfer/:action', { ...agentOnly, schema: { params: ActionParams, response: { 200: TransferAnswer.describe('the transfer after the step (null when it is over)') } } }, async (request) => {
      const { callId, action } = request.params;
      const agentId = agentOnCall(requireUser(request), callId);
      return { transfer: transfers.act(callId, agentId, action) };
    });
    app.get('/api/calls/:callId/handoffs', { config: { roles: ['agent', 'manager', 'qa'] as const }, schema: { params: CallParams, response: { 200: HandoffsSchema } } }, async (request) => {
      const { callId } = request.params;
      const user = requireUser(request);
      const handlers = store.handlersOf(callId);
      if (user.role === 'agent') {
        const mine = new Set(registry.agentsOfUser(user.id).map((a) => a.id));
        if (!handlers.some((h) => h.agentId !== null && mine.has(h.agentId)) && !mine.has(tracker.get(callId)?.handler?.agentId ?? -1)) {
          throw new Errors.AuthForbidden(user.role, 'read the handoffs of a call they did not handle');
        }
      }
      return { transfers: store.transfersOf(callId), handlers };
    });
  };
}
