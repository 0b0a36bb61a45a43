/**
 * The ARI adapter: the only module that imports ari-client.
 *
 * REST goes through ari-client's Swagger operations, each wrapped in a timeout (a request
 * whose socket drops never settles in ari-client). The event stream is our own WebSocket to
 * /ari/events rather than ari-client's `start()`, because ari-client's stream has three
 * traps we cannot guard from outside (see shared/ari/README.md): an event type missing from
 * the served events.json throws an uncaught exception inside its socket handler, it stops
 * reconnecting after 10 tries, and its per-instance listeners are never removed. Ours
 * reconnects forever with capped exponential backoff and detects dead sockets with pings.
 */
import ari, { type AriClient } from 'ari-client';
import { EventEmitter } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import { Errors, hasCode } from '../errors.js';
import { isLocalSecondHalf, eventChannelId, normaliseEvent } from './events.js';
import { installAriClientGuard } from './uncaught-guard.js';
import type {
  BridgeRecordOptions,
  LiveChannel,
  OriginateRequest,
  StoredRecording,
  Telephony,
  TelephonyListener,
} from './telephony.js';

export interface AriAdapterOptions {
  /** Base URL of Asterisk's HTTP server, e.g. http://asterisk:8088 (without /ari). */
  url: string;
  username: string;
  password: string;
  app: string;
  /** Every REST call is abandoned after this long. */
  requestTimeoutMs?: number;
  /** Recording downloads may take longer than other requests. */
  downloadTimeoutMs?: number;
  /** First reconnect delay; doubles per failure up to maxReconnectDelayMs. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** WebSocket ping period; a socket that misses one pong is considered dead. */
  pingIntervalMs?: number;
  logger: Logger;
}

const DEFAULTS = {
  requestTimeoutMs: 5_000,
  downloadTimeoutMs: 60_000,
  reconnectDelayMs: 250,
  maxReconnectDelayMs: 10_000,
  pingIntervalMs: 10_000,
};

type Listeners = { [K in keyof TelephonyListener]: TelephonyListener[K] };

export class AriAdapter implements Telephony {
  private readonly opts: Required<Omit<AriAdapterOptions, 'logger'>> & { logger: Logger };
  private readonly emitter = new EventEmitter();
  private client: AriClient | null = null;
  private ws: WebSocket | null = null;
  private connected = false;
  private stopped = true;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private awaitingPong = false;
  private removeGuard: (() => void) | null = null;
  private readonly log: Logger;

  constructor(options: AriAdapterOptions) {
    this.opts = { ...DEFAULTS, ...options };
    this.log = options.logger.child({ module: 'ari' });
    this.emitter.setMaxListeners(0);
  }

  get isConnected(): boolean {
    return this.connected;
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
    if (!this.stopped) return;
    this.stopped = false;
    this.removeGuard = installAriClientGuard(this.log);
    void this.connectOnce();
  }

  /** Resolves when the event stream is up, or rejects after `timeoutMs`. */
  waitConnected(timeoutMs: number): Promise<void> {
    if (this.connected) return Promise.resolve();
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

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopPing();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
    }
    if (this.connected) {
      this.connected = false;
      this.emitter.emit('disconnected', 'stopped');
    }
    this.removeGuard?.();
    this.removeGuard = null;
  }

  // ---- connection -------------------------------------------------------------------

  private get ariBase(): string {
    return `${this.opts.url.replace(/\/+$/, '')}/ari`;
  }

  private get authHeader(): string {
    return `Basic ${Buffer.from(`${this.opts.username}:${this.opts.password}`).toString('base64')}`;
  }

  private async connectOnce(): Promise<void> {
    if (this.stopped) return;
    try {
      // Check credentials ourselves first: ari-client answers a 401 with a rejected string
      // *and* an uncaught exception.
      await this.checkCredentials();
      if (!this.client) {
        routeSwaggerLog(this.log);
        this.client = await this.withTimeout('connect', ari.connect(this.opts.url, this.opts.username, this.opts.password));
        this.client.on('APILoadError', (err: unknown) => this.log.warn({ err }, 'ari-client: API load error'));
      }
      await this.openEventStream();
    } catch (err) {
      this.scheduleReconnect(err);
    }
  }

  private async checkCredentials(): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`${this.ariBase}/asterisk/ping`, {
        headers: { authorization: this.authHeader },
        signal: AbortSignal.timeout(this.opts.requestTimeoutMs),
      });
    } catch (err) {
      throw new Errors.AriUnavailable(`${this.opts.url} unreachable`, { cause: err });
    }
    await res.body?.cancel();
    if (res.status === 401) {
      throw new Errors.AriUnavailable('Asterisk rejected ARI_USERNAME/ARI_PASSWORD (401); check ari.conf');
    }
    if (!res.ok) throw new Errors.AriUnavailable(`GET /asterisk/ping answered ${res.status}`);
  }

  private openEventStream(): Promise<void> {
    return new Promise((resolve, reject) => {
      const wsUrl = new URL(`${this.ariBase}/events`);
      wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
      wsUrl.searchParams.set('app', this.opts.app);
      wsUrl.searchParams.set('api_key', `${this.opts.username}:${this.opts.password}`);
      const ws = new WebSocket(wsUrl, { handshakeTimeout: this.opts.requestTimeoutMs });
      this.ws = ws;
      let opened = false;
      ws.on('open', () => {
        opened = true;
        this.connected = true;
        this.failures = 0;
        this.startPing(ws);
        this.log.info({ url: this.opts.url, app: this.opts.app }, 'ari: event stream connected');
        this.emitter.emit('connected');
        resolve();
      });
      ws.on('message', (data) => this.onMessage(data));
      ws.on('pong', () => {
        this.awaitingPong = false;
      });
      ws.on('error', (err) => {
        if (!opened) reject(err);
        else this.log.warn({ err }, 'ari: event stream error');
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
        this.log.warn({ code }, 'ari: event stream lost');
        this.emitter.emit('disconnected', why);
        this.scheduleReconnect(new Error(why));
      });
    });
  }

  private onMessage(data: WebSocket.RawData): void {
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch (err) {
      this.log.warn({ err }, 'ari: undecodable event ignored');
      return;
    }
    const ev = normaliseEvent(raw);
    if (!ev) return;
    const channelId = eventChannelId(ev);
    if (channelId && isLocalSecondHalf(channelId)) return;
    try {
      this.emitter.emit('event', ev);
    } catch (err) {
      // A listener's bug must not take the event stream down.
      this.log.error({ err, event: ev.type }, 'ari: event listener threw');
    }
  }

  private startPing(ws: WebSocket): void {
    this.stopPing();
    this.awaitingPong = false;
    this.pingTimer = setInterval(() => {
      if (this.awaitingPong) {
        this.log.warn('ari: no pong from Asterisk; dropping the event stream');
        ws.terminate();
        return;
      }
      this.awaitingPong = true;
      ws.ping();
    }, this.opts.pingIntervalMs);
    this.pingTimer.unref();
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private scheduleReconnect(err: unknown): void {
    if (this.stopped || this.reconnectTimer) return;
    this.failures += 1;
    const base = Math.min(this.opts.maxReconnectDelayMs, this.opts.reconnectDelayMs * 2 ** Math.min(this.failures - 1, 16));
    // Jitter so several dialers do not hammer a restarting Asterisk in step.
    const delayMs = Math.round(base * (0.75 + Math.random() * 0.5));
    const level = this.failures <= 3 || this.failures % 20 === 0 ? 'warn' : 'debug';
    this.log[level]({ err, attempt: this.failures, delayMs }, 'ari: not connected; retrying');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connectOnce();
    }, delayMs);
  }

  // ---- REST -------------------------------------------------------------------------

  private withTimeout<T>(label: string, p: Promise<T>, ms = this.opts.requestTimeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Errors.AriTimeout(label, ms)), ms);
      p.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  }

  private async call(resource: keyof AriClient & string, operation: string, params: Record<string, unknown>): Promise<unknown> {
    const label = `${resource}.${operation}`;
    const client = this.client;
    if (!client) throw new Errors.AriUnavailable(`${label}: not connected`);
    const op = (client[resource] as Record<string, ((p: Record<string, unknown>) => Promise<unknown>) | undefined>)[operation];
    if (typeof op !== 'function') throw new Errors.AriRequestFailed(label, 'operation not offered by this Asterisk');
    try {
      return await this.withTimeout(label, op(params));
    } catch (err) {
      throw mapAriError(label, err);
    }
  }

  async originate(req: OriginateRequest): Promise<void> {
    const params: Record<string, unknown> = {
      channelId: req.channelId,
      endpoint: req.endpoint,
      app: this.opts.app,
      appArgs: req.appArgs.join(','),
      timeout: req.timeoutSec,
    };
    if (req.callerId) params.callerId = req.callerId;
    if (req.variables && Object.keys(req.variables).length) params.variables = req.variables;
    await this.call('channels', 'originate', params);
  }

  async answer(channelId: string): Promise<void> {
    await this.call('channels', 'answer', { channelId });
  }

  async hangup(channelId: string, reason = 'normal'): Promise<void> {
    await this.call('channels', 'hangup', { channelId, reason });
  }

  async listChannels(): Promise<LiveChannel[]> {
    const list = await this.call('channels', 'list', {});
    return (Array.isArray(list) ? list : []).map((c: { id?: unknown; name?: unknown; state?: unknown }) => ({
      id: String(c.id ?? ''),
      name: String(c.name ?? ''),
      state: String(c.state ?? ''),
    }));
  }

  async playOnChannel(channelId: string, playbackId: string, media: string, lang?: string): Promise<void> {
    await this.call('channels', 'playWithId', { channelId, playbackId, media, ...(lang ? { lang } : {}) });
  }

  async listBridges(): Promise<Array<{ id: string; channels: string[] }>> {
    const list = await this.call('bridges', 'list', {});
    return (Array.isArray(list) ? list : []).map((b: { id?: unknown; channels?: unknown }) => ({
      id: String(b.id ?? ''),
      channels: Array.isArray(b.channels) ? b.channels.map(String) : [],
    }));
  }

  async createBridge(bridgeId: string, type: 'mixing' | 'holding'): Promise<void> {
    await this.call('bridges', 'create', { bridgeId, type });
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    await this.call('bridges', 'destroy', { bridgeId });
  }

  async addToBridge(bridgeId: string, channelId: string): Promise<void> {
    await this.call('bridges', 'addChannel', { bridgeId, channel: channelId });
  }

  async muteChannel(channelId: string, direction: 'in' | 'out' | 'both'): Promise<void> {
    await this.call('channels', 'mute', { channelId, direction });
  }

  async unmuteChannel(channelId: string, direction: 'in' | 'out' | 'both'): Promise<void> {
    await this.call('channels', 'unmute', { channelId, direction });
  }

  async removeFromBridge(bridgeId: string, channelId: string): Promise<void> {
    await this.call('bridges', 'removeChannel', { bridgeId, channel: channelId });
  }

  async playOnBridge(bridgeId: string, playbackId: string, media: string, lang?: string): Promise<void> {
    await this.call('bridges', 'playWithId', { bridgeId, playbackId, media, ...(lang ? { lang } : {}) });
  }

  /**
   * Asks Asterisk, not our folder: one GET /sounds?lang= (its media index), then GET
   * /sounds/{id} for any id the index lacks (the index may predate files added since start).
   */
  async missingSounds(soundIds: readonly string[], lang: string): Promise<string[]> {
    const hasLang = (s: unknown): boolean =>
      Array.isArray((s as { formats?: unknown }).formats) && (s as { formats: Array<{ language?: unknown }> }).formats.some((f) => f.language === lang);
    const listed = await this.call('sounds', 'list', { lang });
    const known = new Set((Array.isArray(listed) ? listed : []).filter(hasLang).map((s: { id?: unknown }) => String(s.id)));
    const unlisted = [...new Set(soundIds)].filter((id) => !known.has(id));
    const missing: string[] = [];
    // A few lookups at a time: a campaign can need a hundred prompts (every surname for {姓}).
    for (let i = 0; i < unlisted.length; i += 8) {
      const batch = unlisted.slice(i, i + 8);
      const found = await Promise.all(
        batch.map(async (id) => {
          try {
            return hasLang(await this.call('sounds', 'get', { soundId: id }));
          } catch (err) {
            if (!hasCode(err, 'DIALER_ERR_ARI_NOT_FOUND')) throw err;
            return false;
          }
        }),
      );
      batch.forEach((id, j) => {
        if (!found[j]) missing.push(id);
      });
    }
    return missing;
  }

  async stopPlayback(playbackId: string): Promise<void> {
    await this.call('playbacks', 'stop', { playbackId });
  }

  async recordBridge(bridgeId: string, name: string, opts: BridgeRecordOptions = {}): Promise<void> {
    const params: Record<string, unknown> = { bridgeId, name, format: opts.format ?? 'wav', ifExists: opts.ifExists ?? 'fail' };
    if (opts.maxDurationSeconds) params.maxDurationSeconds = opts.maxDurationSeconds;
    await this.call('bridges', 'record', params);
  }

  async stopRecording(name: string): Promise<void> {
    await this.call('recordings', 'stop', { recordingName: name });
  }

  async isRecordingLive(name: string): Promise<boolean> {
    try {
      await this.call('recordings', 'getLive', { recordingName: name });
      return true;
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'DIALER_ERR_ARI_NOT_FOUND') return false;
      throw err;
    }
  }

  async listStoredRecordings(): Promise<StoredRecording[]> {
    const list = await this.call('recordings', 'listStored', {});
    return (Array.isArray(list) ? list : []).map((r: { name?: unknown; format?: unknown }) => ({
      name: String(r.name ?? ''),
      format: String(r.format ?? ''),
    }));
  }

  /**
   * Streams the file with fetch rather than ari-client, which would buffer the whole WAV in
   * memory through its Swagger layer.
   */
  async downloadStoredRecording(name: string, destPath: string): Promise<number> {
    const label = `GET /recordings/stored/${name}/file`;
    let res: Response;
    try {
      res = await fetch(`${this.ariBase}/recordings/stored/${encodeURIComponent(name)}/file`, {
        headers: { authorization: this.authHeader },
        signal: AbortSignal.timeout(this.opts.downloadTimeoutMs),
      });
    } catch (err) {
      throw new Errors.AriUnavailable(`${label}: ${(err as Error).message}`, { cause: err });
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new Errors.AriNotFound(label, 'Recording not found');
    }
    if (!res.ok || !res.body) {
      const text = await res.text().catch(() => '');
      throw new Errors.AriRequestFailed(label, `${res.status} ${text}`.trim());
    }
    const partial = `${destPath}.part`;
    let bytes = 0;
    const body = Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    try {
      await pipeline(body, createWriteStream(partial));
      await rename(partial, destPath);
    } catch (err) {
      await rm(partial, { force: true });
      throw new Errors.AriRequestFailed(label, (err as Error).message, { cause: err });
    }
    return bytes;
  }

  async deleteStoredRecording(name: string): Promise<void> {
    await this.call('recordings', 'deleteStored', { recordingName: name });
  }

  async ping(): Promise<void> {
    await this.checkCredentials();
  }
}

/**
 * ari-client's bundled swagger-client logs through an implicit global `log` that prints to
 * stdout (e.g. "This API is using a deprecated version of Swagger!" on every connect to
 * Asterisk, which serves Swagger 1.1) and keeps every line in memory. Send it to our logger.
 */
function routeSwaggerLog(log: Logger): void {
  (globalThis as { log?: unknown }).log = (...args: unknown[]) => log.debug({ args }, 'swagger-client');
}

/**
 * ari-client rejects with `new Error(<response body>)` and no status code, so the body's
 * Asterisk message is all there is to classify on.
 */
export function mapAriError(label: string, err: unknown): Error {
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('DIALER_ERR_')) return err;
  const text = err instanceof Error ? err.message : String(err);
  let message = text;
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    message = String(body.message ?? body.error ?? text);
  } catch {
    // not JSON: a transport error
    if (err instanceof Error && 'code' in err && typeof err.code === 'string') {
      return new Errors.AriUnavailable(`${label}: ${err.code}`, { cause: err });
    }
  }
  if (/not found/i.test(message)) return new Errors.AriNotFound(label, message, { cause: err });
  return new Errors.AriRequestFailed(label, message, { cause: err });
}
