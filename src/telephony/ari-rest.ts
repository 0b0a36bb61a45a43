/**
 * ARI's REST half: every operation the service asks of Asterisk. ari-client loads the Swagger
 * description this Asterisk serves and so says what each operation is (method, path,
 * parameters); the request itself goes through our keep-alive transport (ari-http.ts), with a
 * timeout and errors mapped to the service's coded errors; recording files stream through it
 * to disk.
 */
import ari, { type AriClient } from 'ari-client';
import type { Logger } from 'pino';
import { Errors, hasCode } from '../errors.js';
import { AriHttp, type AriOperation } from './ari-http.js';
import type { AriWsRequests } from './ari-ws-requests.js';
import type { BridgeRecordOptions, FetchedRecording, LiveChannel, OpenCallRequest, OpenCallResults, OriginateRequest, StoredRecording } from './telephony.js';

export interface AriRestOptions {
  /** Base URL of Asterisk's HTTP server, e.g. http://asterisk:8088 (without /ari). */
  url: string;
  username: string;
  password: string;
  app: string;
  /** Every REST call is abandoned after this long. */
  requestTimeoutMs: number;
  /** Recording downloads may take longer than other requests. */
  downloadTimeoutMs: number;
}

export class AriRest {
  private client: AriClient | null = null;
  private http: AriHttp | null = null;
  /** Each operation's description, looked up once (`bridges.addChannel` → method, path, parameters). */
  private readonly operations = new Map<string, AriOperation | null>();
  /** Requests that Asterisk runs in the order sent (REST over the event WebSocket), when it offers them. */
  protected inOrder: AriWsRequests | null = null;

  constructor(
    protected readonly rest: AriRestOptions,
    protected readonly log: Logger,
  ) {}

  protected get ariBase(): string {
    return `${this.rest.url.replace(/\/+$/, '')}/ari`;
  }

  private get authHeader(): string {
    return `Basic ${Buffer.from(`${this.rest.username}:${this.rest.password}`).toString('base64')}`;
  }

  /**
   * Checks the credentials, then loads ari-client's Swagger operations once. Credentials are
   * checked by us first: ari-client answers a 401 with a rejected string *and* an uncaught
   * exception.
   */
  protected async prepareClient(): Promise<void> {
    await this.checkCredentials();
    if (this.client) return;
    routeSwaggerLog(this.log);
    this.client = await this.withTimeout('connect', ari.connect(this.rest.url, this.rest.username, this.rest.password));
    this.client.on('APILoadError', (err: unknown) => this.log.warn({ err }, 'ari-client: API load error'));
    this.http = new AriHttp({ base: this.ariBase, authorization: this.authHeader, timeoutMs: this.rest.requestTimeoutMs });
  }

  /** Closes the transport's idle keep-alive sockets. */
  protected closeHttp(): void {
    this.http?.close();
  }

  private async checkCredentials(): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`${this.ariBase}/asterisk/ping`, {
        headers: { authorization: this.authHeader },
        signal: AbortSignal.timeout(this.rest.requestTimeoutMs),
      });
    } catch (err) {
      throw new Errors.AriUnavailable(`${this.rest.url} unreachable`, { cause: err });
    }
    await res.body?.cancel();
    if (res.status === 401) {
      throw new Errors.AriUnavailable('Asterisk rejected ARI_USERNAME/ARI_PASSWORD (401); check ari.conf');
    }
    if (!res.ok) throw new Errors.AriUnavailable(`GET /asterisk/ping answered ${res.status}`);
  }

  protected withTimeout<T>(label: string, p: Promise<T>, ms = this.rest.requestTimeoutMs): Promise<T> {
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

  protected async call(resource: keyof AriClient & string, operation: string, params: Record<string, unknown>): Promise<unknown> {
    const { label, op, http } = this.described(resource, operation);
    return http.send(label, op, params);
  }

  /** `call`, but written on the event WebSocket before it returns (see AriWsRequests). */
  private callInOrder(requests: AriWsRequests, resource: keyof AriClient & string, operation: string, params: Record<string, unknown>): Promise<void> {
    try {
      const { label, op } = this.described(resource, operation);
      return requests.send(label, op, params).then(() => undefined);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /** The operation's label and description; throws when not connected or not offered. */
  private described(resource: string, operation: string): { label: string; op: AriOperation; http: AriHttp } {
    const label = `${resource}.${operation}`;
    const { client, http } = this;
    if (!client || !http) throw new Errors.AriUnavailable(`${label}: not connected`);
    const op = this.operation(client, label, resource, operation);
    if (!op) throw new Errors.AriRequestFailed(label, 'operation not offered by this Asterisk');
    return { label, op, http };
  }

  private operation(client: AriClient, label: string, resource: string, operation: string): AriOperation | null {
    let op = this.operations.get(label);
    if (op === undefined) {
      // ari-client keeps the Swagger description it loaded from Asterisk on `_swagger`.
      const swagger = (client as unknown as { _swagger?: { apis?: Record<string, { operations?: Record<string, Partial<AriOperation>> }> } })._swagger;
      const found = swagger?.apis?.[resource]?.operations?.[operation];
      op = found?.method && found.path ? { method: found.method.toUpperCase(), path: found.path, parameters: found.parameters ?? [] } : null;
      this.operations.set(label, op);
    }
    return op;
  }

  async originate(req: OriginateRequest): Promise<void> {
    const params: Record<string, unknown> = {
      channelId: req.channelId,
      endpoint: req.endpoint,
      app: this.rest.app,
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
    type Listed = { id?: unknown; name?: unknown; state?: unknown; caller?: { number?: unknown }; dialplan?: { app_name?: unknown; app_data?: unknown } };
    return (Array.isArray(list) ? (list as Listed[]) : []).map((c) => ({
      id: String(c.id ?? ''),
      name: String(c.name ?? ''),
      state: String(c.state ?? ''),
      callerNumber: String(c.caller?.number ?? ''),
      stasisArgs: this.stasisArgsOf(c.dialplan),
    }));
  }

  /** `Stasis(dialer,inbound,…)` as a channel listing shows it (dialplan app_data) → `['inbound', …]`; null when not in our app. */
  private stasisArgsOf(dialplan: { app_name?: unknown; app_data?: unknown } | undefined): string[] | null {
    if (dialplan?.app_name !== 'Stasis' || typeof dialplan.app_data !== 'string') return null;
    const [app, ...args] = dialplan.app_data.split(',');
    return app?.trim() === this.rest.app ? args.map((a) => a.trim()) : null;
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

  async startBridgeMoh(bridgeId: string, mohClass?: string): Promise<void> {
    await this.call('bridges', 'startMoh', { bridgeId, ...(mohClass ? { mohClass } : {}) });
  }

  async stopBridgeMoh(bridgeId: string): Promise<void> {
    await this.call('bridges', 'stopMoh', { bridgeId });
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
    await this.call('bridges', 'record', recordParams(bridgeId, name, opts));
  }

  /**
   * Over the event WebSocket the three go out back to back and Asterisk runs them in turn: one
   * round trip after the answer. Otherwise (an Asterisk without REST over WebSocket, or before
   * its probe was answered) the add and the record go side by side over HTTP, and the play once
   * both have answered and the customer is in.
   */
  openCall(req: OpenCallRequest): OpenCallResults {
    const add = { bridgeId: req.bridgeId, channel: req.channelId };
    const record = recordParams(req.bridgeId, req.recording.name, req.recording);
    const { id, media, lang } = req.playback;
    const play = { bridgeId: req.bridgeId, playbackId: id, media, ...(lang ? { lang } : {}) };
    const ws = this.inOrder;
    if (ws?.ready) {
      return {
        added: this.callInOrder(ws, 'bridges', 'addChannel', add),
        recorded: this.callInOrder(ws, 'bridges', 'record', record),
        played: this.callInOrder(ws, 'bridges', 'playWithId', play),
      };
    }
    const added = this.call('bridges', 'addChannel', add).then(() => undefined);
    const recorded = this.call('bridges', 'record', record).then(() => undefined);
    const played = Promise.all([added, recorded.catch(() => undefined)]).then(async () => {
      await this.call('bridges', 'playWithId', play);
    });
    return { added, recorded, played };
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

  /** Streams the stored recording's file to `destPath` (via a `.part` file), hashing it on the way. */
  async downloadStoredRecording(name: string, destPath: string): Promise<FetchedRecording> {
    const { http } = this;
    const label = `GET /recordings/stored/${name}/file`;
    if (!http) throw new Errors.AriUnavailable(`${label}: not connected`);
    return http.download(label, `/recordings/stored/${encodeURIComponent(name)}/file`, destPath, this.rest.downloadTimeoutMs);
  }

  async deleteStoredRecording(name: string): Promise<void> {
    await this.call('recordings', 'deleteStored', { recordingName: name });
  }

  async ping(): Promise<void> {
    await this.checkCredentials();
  }
}

function recordParams(bridgeId: string, name: string, opts: BridgeRecordOptions): Record<string, unknown> {
  const params: Record<string, unknown> = { bridgeId, name, format: opts.format ?? 'wav', ifExists: opts.ifExists ?? 'fail' };
  if (opts.maxDurationSeconds) params.maxDurationSeconds = opts.maxDurationSeconds;
  return params;
}

/**
 * ari-client's bundled swagger-client logs through an implicit global `log` that prints to
 * stdout (e.g. "This API is using a deprecated version of Swagger!" on every connect to
 * Asterisk, which serves Swagger 1.1) and keeps every line in memory. Send it to our logger.
 */
function routeSwaggerLog(log: Logger): void {
  (globalThis as { log?: unknown }).log = (...args: unknown[]) => log.debug({ args }, 'swagger-client');
}
