/**
 * ARI requests over the event WebSocket ("REST over WebSocket", Asterisk 22.4 on). Asterisk's
 * session thread reads this socket and runs each RESTRequest to its end before it reads the
 * next (res/ari/ari_websockets.c), so requests written back to back run in the order written,
 * all for one round trip; the HTTP requests of a pool of sockets may run in any order. Used
 * where order matters and time counts: an answered call's add, record and play
 * (Telephony.openCall).
 *
 * Each connection is probed first (GET asterisk/ping). An Asterisk without REST over WebSocket
 * ignores what the client writes, so until the probe is answered `ready` is false and callers
 * use HTTP. (Asterisk passes its RESTResponses through the app's event filter; this app sets
 * none.) A request in flight when the socket drops is failed at once: Asterisk may or may not
 * have run it, as with an HTTP connection cut before its answer.
 */
import type { Logger } from 'pino';
import { Errors } from '../errors.js';
import { answerOf, placeParams, type AriOperation } from './ari-http.js';

export interface AriWsRequestsOptions {
  /** Writes one text message on the open event WebSocket; false when there is none. */
  send: (text: string) => boolean;
  timeoutMs: number;
  logger: Logger;
}

interface Pending {
  label: string;
  resolve: (body: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

const PING: AriOperation = { method: 'GET', path: '/asterisk/ping', parameters: [] };

export class AriWsRequests {
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private state: 'down' | 'probing' | 'ready' | 'unsupported' = 'down';
  /** Requests answered since start (the probes included). */
  answered = 0;

  constructor(private readonly o: AriWsRequestsOptions) {}

  /** This connection's Asterisk has answered a RESTRequest: requests sent now run in order. */
  get ready(): boolean {
    return this.state === 'ready';
  }

  get probing(): boolean {
    return this.state === 'probing';
  }

  /** A new event WebSocket is open: probe it. */
  connected(): void {
    this.state = 'probing';
    this.send('asterisk.ping (REST over WebSocket probe)', PING, {}).then(
      () => {
        if (this.state !== 'probing') return;
        this.state = 'ready';
        this.o.logger.info('ari: requests that must keep their order go over the event WebSocket');
      },
      (err: unknown) => {
        if (this.state !== 'probing') return;
        this.state = 'unsupported';
        this.o.logger.warn({ err }, 'ari: this Asterisk does not answer REST over WebSocket; every request goes over HTTP');
      },
    );
  }

  /** The event WebSocket is gone: what was sent on it gets no answer. */
  disconnected(reason: string): void {
    this.state = 'down';
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(new Errors.AriUnavailable(`${p.label}: the event stream was lost before the answer (${reason})`));
    }
  }

  /** A RESTResponse read from the event WebSocket. */
  answer(msg: Record<string, unknown>): void {
    const id = typeof msg.request_id === 'string' ? msg.request_id : '';
    const p = this.pending.get(id);
    if (!p) {
      this.o.logger.debug({ requestId: id, status: msg.status_code }, 'ari: an answer to no request in flight (timed out?)');
      return;
    }
    this.pending.delete(id);
    clearTimeout(p.timer);
    this.answered += 1;
    try {
      p.resolve(answerOf(p.label, Number(msg.status_code), typeof msg.message_body === 'string' ? msg.message_body : ''));
    } catch (err) {
      p.reject(err as Error);
    }
  }

  /**
   * Writes `op` at once (before returning), so calls made one after another are run by
   * Asterisk in that order; resolves to the answer's JSON body.
   */
  send(label: string, op: AriOperation, params: Record<string, unknown>): Promise<unknown> {
    const { path, query, body } = placeParams(op, params);
    const requestId = `dialer-${this.nextId++}`;
    const msg: Record<string, unknown> = {
      type: 'RESTRequest',
      request_id: requestId,
      method: op.method,
      // Relative to /ari, without the leading slash (Asterisk splits the path at each '/').
      uri: path.replace(/^\/+/, ''),
      query_strings: [...query].map(([name, value]) => ({ name, value })),
    };
    if (body !== undefined) Object.assign(msg, { content_type: 'application/json', message_body: body });
    return new Promise((resolve, reject) => {
      if (!this.o.send(JSON.stringify(msg))) {
        reject(new Errors.AriUnavailable(`${label}: the event stream is not connected`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Errors.AriTimeout(label, this.o.timeoutMs));
      }, this.o.timeoutMs);
      this.pending.set(requestId, { label, resolve, reject, timer });
    });
  }
}
