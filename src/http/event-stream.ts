/**
 * Server-sent event streams (text/event-stream) for the live routes: the response headers,
 * named events as JSON, a comment heartbeat so proxies keep an idle stream open, a cut-off
 * for a client too slow to keep up (its EventSource reconnects), ending a stream whose
 * session was revoked or expired (checked at each heartbeat: signing out elsewhere, a
 * disabled user or a password change stops the data at once, not at the next reconnect), and
 * ending every open stream when the server closes (open streams would keep it from closing).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock, TimerHandle } from '../clock.js';

/** A client this far behind (bytes not yet sent) is cut off; its EventSource reconnects. */
const MAX_BACKLOG_BYTES = 1 << 20;

/** One open stream. */
export interface EventStream {
  /** Sends `event: <name>` with `data` as JSON. */
  send(event: string, data: unknown): void;
  /** Runs `fn` once when the stream ends (client gone, server closing, too slow). */
  onEnd(fn: () => void): void;
}

/** Opens streams of one route module; `register` once in it, then `open` per request. */
export class EventStreams {
  private readonly open = new Set<() => void>();

  constructor(private readonly o: { clock: Clock; heartbeatMs: number }) {}

  /** Ends the open streams when the server closes. */
  register(app: FastifyInstance): void {
    app.addHook('preClose', async () => {
      for (const end of [...this.open]) end();
    });
  }

  /** Takes over the reply and starts the stream. */
  start(request: FastifyRequest, reply: FastifyReply): EventStream {
    const { clock, heartbeatMs } = this.o;
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
    const onEnd: Array<() => void> = [];
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      heartbeat?.cancel();
      for (const fn of onEnd) fn();
      this.open.delete(end);
      if (!res.writableEnded) res.end();
    };
    const write = (chunk: string): void => {
      if (ended) return;
      if (res.writableLength > MAX_BACKLOG_BYTES) {
        request.log.warn({ userId: request.user?.id, route: request.routeOptions.url }, 'sse: client too slow; closing its stream');
        end();
        return;
      }
      res.write(chunk);
    };
    const beat = (): void => {
      heartbeat = clock.setTimeout(() => {
        if (request.stillSignedIn && !request.stillSignedIn()) {
          request.log.info({ userId: request.user?.id, route: request.routeOptions.url }, 'sse: session no longer valid; closing its stream');
          end();
          return;
        }
        write(`: heartbeat ${clock.now()}\n\n`);
        beat();
      }, heartbeatMs);
    };

    this.open.add(end);
    request.raw.on('close', end);
    res.on('close', end);
    res.on('error', end);
    write('retry: 5000\n\n');
    beat();
    return {
      send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
      onEnd: (fn) => {
        if (ended) fn();
        else onEnd.push(fn);
      },
    };
  }
}
