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
import type { FastifyInstance } from 'fastify';
import type { AgentRegistry } from '../../agents/agent-registry.js';
import type { LiveEvent, LiveSnapshot, LiveView } from '../../agents/live-view.js';
import type { Clock, TimerHandle } from '../../clock.js';
import { agentScopeOf, inScope, type AgentScope } from '../agent-scope.js';
import { requireUser } from '../auth.js';

/** A client this far behind (bytes not yet sent) is cut off; its EventSource reconnects. */
const MAX_BACKLOG_BYTES = 1 << 20;

function scoped(snapshot: LiveSnapshot, scope: AgentScope): LiveSnapshot {
  return scope.all ? snapshot : { ...snapshot, agents: snapshot.agents.filter((a) => inScope(scope, a.agentId)) };
}

/** Route module of the live agent view (JSON and SSE). */
export function liveRoutes(deps: { live: LiveView; registry: AgentRegistry; clock: Clock; heartbeatMs: number }) {
  const { live, registry, clock, heartbeatMs } = deps;
  const open = new Set<() => void>();

  return async function register(app: FastifyInstance): Promise<void> {
    // Open streams would keep the server from closing.
    app.addHook('preClose', async () => {
      for (const end of [...open]) end();
    });

    app.get('/api/live/agents', { config: { roles: ['agent', 'manager'] } }, async (request) => {
      return scoped(live.snapshot(), agentScopeOf(requireUser(request), registry));
    });

    app.get('/api/live/agents/stream', { config: { roles: ['agent', 'manager'] } }, async (request, reply) => {
      const user = requireUser(request);
      const scope = agentScopeOf(user, registry);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // nginx: do not buffer the stream.
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });

      let heartbeat: TimerHandle | null = null;
      let unsubscribe: (() => void) | null = null;
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        heartbeat?.cancel();
        unsubscribe?.();
        open.delete(end);
        if (!res.writableEnded) res.end();
      };
      const write = (chunk: string): void => {
        if (ended) return;
        if (res.writableLength > MAX_BACKLOG_BYTES) {
          request.log.warn({ userId: user.id }, 'live: client too slow; closing its stream');
          end();
          return;
        }
        res.write(chunk);
      };
      const send = (event: string, data: unknown): void => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const beat = (): void => {
        heartbeat = clock.setTimeout(() => {
          write(`: heartbeat ${clock.now()}\n\n`);
          beat();
        }, heartbeatMs);
      };

      open.add(end);
      request.raw.on('close', end);
      res.on('close', end);
      res.on('error', end);
      write('retry: 5000\n\n');
      send('snapshot', scoped(live.snapshot(), scope));
      unsubscribe = live.subscribe((ev: LiveEvent) => {
        if (ev.type === 'snapshot') send('snapshot', scoped(ev.snapshot, scope));
        else if (inScope(scope, ev.agentId)) send('long-pause', ev);
      });
      beat();
    });
  };
}
