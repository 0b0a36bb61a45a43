/**
 * The ARI adapter: the Telephony the service uses, and with ari-rest.ts the only code that
 * imports ari-client. REST operations are AriRest's (ari-rest.ts); the event stream, its
 * reconnects and its clean close are AriEventStream's (ari-event-stream.ts); the events are
 * typed in events.ts. This class ties them together and owns the connection's lifecycle.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { Errors } from '../errors.js';
import { AriEventStream } from './ari-event-stream.js';
import { AriRestMedia } from './ari-rest-media.js';
import { AriWsRequests } from './ari-ws-requests.js';
import { installAriClientGuard } from './uncaught-guard.js';
import type { RestOverWebSocket, Telephony, TelephonyListener } from './telephony.js';

export interface AriAdapterOptions {
  /** Base URL of Asterisk's HTTP server, e.g. http://asterisk:8088 (without /ari). */
  url: string;
  username: string;
  password: string;
  app: string;
  /** Every REST call is abandoned after this long. */
  requestTimeoutMs?: number;
  /** Send requests that must keep their order on the event WebSocket when Asterisk answers there (default true). */
  restOverWebSocket?: boolean;
  /** Recording downloads may take longer than other requests. */
  downloadTimeoutMs?: number;
  /** First reconnect delay; doubles per failure up to maxReconnectDelayMs. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** WebSocket ping period; a socket that misses one pong is considered dead. */
  pingIntervalMs?: number;
  /** On stop, how long to wait for Asterisk to answer the WebSocket close frame. */
  closeTimeoutMs?: number;
  /**
   * Runs the delivery of one event to every listener (default: as is). The composition root
   * wraps it in one database commit (db/one-commit.ts).
   */
  deliver?: (toListeners: () => void) => void;
  logger: Logger;
}

const DEFAULTS = {
  requestTimeoutMs: 5_000,
  downloadTimeoutMs: 60_000,
  reconnectDelayMs: 250,
  maxReconnectDelayMs: 10_000,
  pingIntervalMs: 10_000,
  closeTimeoutMs: 1_000,
};

type Listeners = { [K in keyof TelephonyListener]: TelephonyListener[K] };

export class AriAdapter extends AriRestMedia implements Telephony {
  private readonly emitter = new EventEmitter();
  private readonly stream: AriEventStream;
  private removeGuard: (() => void) | null = null;

  constructor(options: AriAdapterOptions) {
    const o = { ...DEFAULTS, ...options };
    const log = options.logger.child({ module: 'ari' });
    super(o, log);
    this.emitter.setMaxListeners(0);
    const inOrder = (o.restOverWebSocket ?? true) ? new AriWsRequests({ send: (text) => this.stream.send(text), timeoutMs: o.requestTimeoutMs, logger: log }) : null;
    this.inOrder = inOrder;
    this.stream = new AriEventStream({
      ariBase: this.ariBase,
      app: o.app,
      username: o.username,
      password: o.password,
      handshakeTimeoutMs: o.requestTimeoutMs,
      reconnectDelayMs: o.reconnectDelayMs,
      maxReconnectDelayMs: o.maxReconnectDelayMs,
      pingIntervalMs: o.pingIntervalMs,
      closeTimeoutMs: o.closeTimeoutMs,
      prepare: () => this.prepareClient(),
      onEvent: options.deliver ? (ev) => options.deliver!(() => this.emitter.emit('event', ev)) : (ev) => this.emitter.emit('event', ev),
      onRestResponse: (msg) => inOrder?.answer(msg),
      onConnected: () => {
        inOrder?.connected();
        this.emitter.emit('connected');
      },
      onDisconnected: (reason) => {
        inOrder?.disconnected(reason);
        this.emitter.emit('disconnected', reason);
      },
      logger: log,
    });
  }

  get isConnected(): boolean {
    return this.stream.isConnected;
  }

  get restOverWebSocket(): RestOverWebSocket {
    const requests = this.inOrder;
    return { available: requests?.ready ?? false, probing: requests?.probing ?? false, answered: requests?.answered ?? 0 };
  }

  on<K extends keyof TelephonyListener>(event: K, listener: Listeners[K]): this {
    this.emitter.on(event, listener);
    return this;
  }

  off<K extends keyof TelephonyListener>(event: K, listener: Listeners[K]): this {
    this.emitter.off(event, listener);
    return this;
  }

  /** Starts connecting in the background; reconnects forever until stop(). */
  start(): void {
    this.removeGuard ??= installAriClientGuard(this.log);
    this.stream.start();
  }

  /** Resolves when the event stream is up, or rejects after `timeoutMs`. */
  waitConnected(timeoutMs: number): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.emitter.off('connected', onConnected);
        reject(new Errors.AriUnavailable(`not connected after ${timeoutMs} ms`));
      }, timeoutMs);
      const onConnected = () => {
        clearTimeout(timer);
        resolve();
      };
      this.emitter.once('connected', onConnected);
    });
  }

  /** Closes the event stream cleanly (a WebSocket close frame, as on SIGTERM) and stops reconnecting. */
  async stop(): Promise<void> {
    await this.stream.stop();
    this.closeHttp();
    this.removeGuard?.();
    this.removeGuard = null;
  }
}
