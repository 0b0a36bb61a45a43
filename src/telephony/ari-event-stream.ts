/**
 * ARI's event half: our own WebSocket to /ari/events rather than ari-client's `start()`,
 * because ari-client's stream has three traps we cannot guard from outside (see
 * shared/ari/README.md): an event type missing from the served events.json throws an uncaught
 * exception inside its socket handler, it stops reconnecting after 10 tries, and its
 * per-instance listeners are never removed. This one reconnects forever with capped,
 * jittered exponential backoff, detects dead sockets with pings, and closes with a close
 * frame when the service stops.
 */
import type { Logger } from 'pino';
import WebSocket from 'ws';
import { Errors } from '../errors.js';
import { eventChannelId, isLocalSecondHalf, normaliseEvent, type AriEvent } from './events.js';

export interface AriEventStreamOptions {
  /** http(s)://host:port/ari */
  ariBase: string;
  app: string;
  username: string;
  password: string;
  /** WebSocket handshake timeout. */
  handshakeTimeoutMs: number;
  /** First reconnect delay; doubles per failure up to maxReconnectDelayMs. */
  reconnectDelayMs: number;
  maxReconnectDelayMs: number;
  /** Ping period; a socket that misses one pong is considered dead. */
  pingIntervalMs: number;
  /** How long stop() waits for Asterisk to answer the close frame before dropping the socket. */
  closeTimeoutMs: number;
  /** Runs before each connection attempt (credentials, REST client); a rejection retries later. */
  prepare: () => Promise<void>;
  onEvent: (ev: AriEvent) => void;
  /** A RESTResponse (the answer to a request sent with send()), not an event. */
  onRestResponse: (msg: Record<string, unknown>) => void;
  onConnected: () => void;
  onDisconnected: (reason: string) => void;
  logger: Logger;
}

export class AriEventStream {
  private ws: WebSocket | null = null;
  private connected = false;
  private stopped = true;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private awaitingPong = false;

  constructor(private readonly o: AriEventStreamOptions) {}

  get isConnected(): boolean {
    return this.connected;
  }

  /** Writes `text` on the open socket (ARI REST over WebSocket); false when there is none. */
  send(text: string): boolean {
    const ws = this.ws;
    if (!this.connected || !ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(text);
    return true;
  }

  /** Starts connecting in the background; reconnects forever until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connectOnce();
  }

  /** Closes the socket cleanly (a close frame, answered or not within closeTimeoutMs) and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopPing();
    const ws = this.ws;
    this.ws = null;
    if (ws) await closeGracefully(ws, this.o.closeTimeoutMs);
    if (this.connected) {
      this.connected = false;
      this.o.onDisconnected('stopped');
    }
  }

  private async connectOnce(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.o.prepare();
      await this.open();
    } catch (err) {
      this.scheduleReconnect(err);
    }
  }

  private open(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wsUrl = new URL(`${this.o.ariBase}/events`);
      wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
      wsUrl.searchParams.set('app', this.o.app);
      wsUrl.searchParams.set('api_key', `${this.o.username}:${this.o.password}`);
      const ws = new WebSocket(wsUrl, { handshakeTimeout: this.o.handshakeTimeoutMs });
      this.ws = ws;
      let opened = false;
      ws.on('open', () => {
        opened = true;
        this.connected = true;
        this.failures = 0;
        this.startPing(ws);
        this.o.logger.info({ app: this.o.app }, 'ari: event stream connected');
        this.o.onConnected();
        resolve();
      });
      ws.on('message', (data) => this.onMessage(data));
      ws.on('pong', () => {
        this.awaitingPong = false;
      });
      ws.on('error', (err) => {
        if (!opened) reject(err);
        else this.o.logger.warn({ err }, 'ari: event stream error');
      });
      ws.on('close', (code, reason) => {
        if (this.ws !== ws) return;
        this.ws = null;
        this.stopPing();
        if (!opened) {
          reject(new Errors.AriUnavailable(`event stream closed before opening (${code})`));
          return;
        }
        this.connected = false;
        const why = `closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`;
        this.o.logger.warn({ code }, 'ari: event stream lost');
        this.o.onDisconnected(why);
        this.scheduleReconnect(new Error(why));
      });
    });
  }

  private onMessage(data: WebSocket.RawData): void {
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch (err) {
      this.o.logger.warn({ err }, 'ari: undecodable event ignored');
      return;
    }
    if ((raw as { type?: unknown } | null)?.type === 'RESTResponse') {
      this.o.onRestResponse(raw as Record<string, unknown>);
      return;
    }
    const ev = normaliseEvent(raw);
    if (!ev) return;
    const channelId = eventChannelId(ev);
    if (channelId && isLocalSecondHalf(channelId)) return;
    try {
      this.o.onEvent(ev);
    } catch (err) {
      // A listener's bug must not take the event stream down.
      this.o.logger.error({ err, event: ev.type }, 'ari: event listener threw');
    }
  }

  private startPing(ws: WebSocket): void {
    this.stopPing();
    this.awaitingPong = false;
    this.pingTimer = setInterval(() => {
      if (this.awaitingPong) {
        this.o.logger.warn('ari: no pong from Asterisk; dropping the event stream');
        ws.terminate();
        return;
      }
      this.awaitingPong = true;
      ws.ping();
    }, this.o.pingIntervalMs);
    this.pingTimer.unref();
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private scheduleReconnect(err: unknown): void {
    if (this.stopped || this.reconnectTimer) return;
    this.failures += 1;
    const base = Math.min(this.o.maxReconnectDelayMs, this.o.reconnectDelayMs * 2 ** Math.min(this.failures - 1, 16));
    // Jitter so several dialers do not hammer a restarting Asterisk in step.
    const delayMs = Math.round(base * (0.75 + Math.random() * 0.5));
    const level = this.failures <= 3 || this.failures % 20 === 0 ? 'warn' : 'debug';
    this.o.logger[level]({ err, attempt: this.failures, delayMs }, 'ari: not connected; retrying');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connectOnce();
    }, delayMs);
  }
}

/** Sends a close frame and waits for the socket to close; drops it if the peer does not answer in time. */
function closeGracefully(ws: WebSocket, timeoutMs: number): Promise<void> {
  ws.removeAllListeners();
  ws.on('error', () => undefined);
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  if (ws.readyState !== WebSocket.OPEN) {
    ws.terminate();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, timeoutMs);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1000, 'dialer stopping');
  });
}
