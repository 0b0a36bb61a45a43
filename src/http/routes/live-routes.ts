/**
 * The live agent view over HTTP: a JSON snapshot, and a server-sent event stream that pushes
 * a snapshot on every change (and at least every LIVE_REFRESH_MS), a `long-pause` event when
 * a pause crosses the limit, and a comment heartbeat every LIVE_HEARTBEAT_MS so proxies keep
 * an idle stream open. Sign-in as for every route (the browser's EventSource sends the
 * session cookie); managers see every agent, an agent themself, a team lead their team.
 *
 *   GET /api/live/agents          → LiveSnapshot (JSON)
 *   GET /api/live/agents/stream   → text/event-stream: `event: snapshot` / `event: long-pause`
 */
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import { AGENT_STATES } from '../../agents/agent-states.js';
import { eventStreamOf } from '../response-schemas.js';
import type { AgentRegistry } from '../../agents/agent-registry.js';
import type { LiveEvent, LiveSnapshot, LiveView } from '../../agents/live-view.js';
import type { Clock } from '../../clock.js';
import { agentScopeOf, inScope, type AgentScope } from '../agent-scope.js';
import { requireUser } from '../auth.js';
import { EventStreams } from '../event-stream.js';

const LiveAgentRowSchema = z.object({
  agentId: z.number().int(),
  name: z.string(),
  team: z.string(),
  role: z.string(),
  extension: z.string(),
  state: z.enum([...AGENT_STATES, 'logged-out']),
  stateSince: z.number().nullable(),
  timeInStateSec: z.number().nullable(),
  reason: z.string().nullable().describe('the pause code while paused'),
  pendingPause: z.string().nullable(),
  pauseSec: z.number().nullable(),
  longPause: z.boolean(),
  callId: z.string().nullable(),
  connectedToday: z.number().int(),
  talkTodaySec: z.number(),
  loggedInTodaySec: z.number(),
  targetSec: z.number(),
  targetSource: z.enum(['agent', 'team', 'default']),
  progressPct: z.number().nullable(),
  projectedTalkSec: z.number(),
  projectedAttainmentPct: z.number().nullable(),
});

const LiveSnapshotSchema = z.object({
  at: z.number(),
  day: z.string(),
  timeZone: z.string(),
  longPauseLimitSec: z.number(),
  shiftHours: z.number(),
  projection: z.string(),
  agents: z.array(LiveAgentRowSchema),
});

function scoped(snapshot: LiveSnapshot, scope: AgentScope): LiveSnapshot {
  return scope.all ? snapshot : { ...snapshot, agents: snapshot.agents.filter((a) => inScope(scope, a.agentId)) };
}

/** Route module of the live agent view (JSON and SSE). */
export function liveRoutes(deps: { live: LiveView; registry: AgentRegistry; clock: Clock; heartbeatMs: number }) {
  const { live, registry, clock, heartbeatMs } = deps;
  const streams = new EventStreams({ clock, heartbeatMs });

  return async function register(app: ApiInstance): Promise<void> {
    streams.register(app);

    app.get('/api/live/agents', { config: { roles: ['agent', 'manager'] }, schema: { response: { 200: LiveSnapshotSchema } } }, async (request) => {
      return scoped(live.snapshot(), agentScopeOf(requireUser(request), registry));
    });

    app.get('/api/live/agents/stream', { config: { roles: ['agent', 'manager'] }, schema: { response: { 200: eventStreamOf('`snapshot` events (the body of GET /api/live/agents) and `long-pause` events (agentId, name, reason, pausedSince, at)') } } }, async (request, reply) => {
      const scope = agentScopeOf(requireUser(request), registry);
      const stream = streams.start(request, reply);
      stream.send('snapshot', scoped(live.snapshot(), scope));
      const unsubscribe = live.subscribe((ev: LiveEvent) => {
        if (ev.type === 'snapshot') stream.send('snapshot', scoped(ev.snapshot, scope));
        else if (inScope(scope, ev.agentId)) stream.send('long-pause', ev);
      });
      stream.onEnd(unsubscribe);
    });
  };
}
