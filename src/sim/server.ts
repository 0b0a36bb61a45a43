/**
 * {@link AriSimulator}: a real HTTP + WebSocket server that speaks enough of Asterisk's ARI
 * for unmodified `ari-client` to connect (`ari.connect(url, user, pass)`), with scripted far
 * ends. Event order and JSON shapes follow real Asterisk 22 traces (test/fixtures/ari).
 */
import { MOH_ANNOUNCER } from './bridges.js';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { ASTERISK_VERSION } from './asterisk-facts.js';
import { DEFAULT_DIGIT_GAP_MS } from './channels.js';
import { resolveOptions, validateScript, type ResolvedOptions } from './options.js';
import { bridgeRoutes } from './rest/bridge-routes.js';
import { channelRoutes } from './rest/channel-routes.js';
import { snoopRoutes } from './snoop.js';
import { miscRoutes } from './rest/misc-routes.js';
import { recordingRoutes } from './rest/recording-routes.js';
import { Router, collectParams, type RestResult } from './rest/router.js';
import { parseRestRequest, restResponse } from './rest/ws-rest.js';
import { SimCore } from './sim-core.js';
import { resourceDoc, resourceListing } from './swagger/docs.js';
import type {
  AriSimulatorEvents,
  AriSimulatorOptions,
  FarEndScript,
  InboundCall,
  SimBridgeView,
  SimChannelView,
  SimLogEntry,
} from './types.js';
import { WsHub } from './ws-hub.js';
import { carrierCall, type CarrierCall } from './inbound.js';

const MAX_BODY = 1 << 20;

/** The ARI simulator. See the module comment and `src/sim/README.md`. */
export class AriSimulator {
  /** Everything that happened: REST requests and events, with ms since start. */
  readonly log: SimLogEntry[];
  private readonly opts: ResolvedOptions;
  private readonly hub: WsHub;
  private readonly core: SimCore;
  private readonly router = new Router();
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<Socket>();
  private online = true;
  private refuseUntil = 0;
  /** Between `stopAsterisk()` and the port closing: REST is refused. */
  private stopping = false;
  private port = 0;
  private readonly listeners = new Map<(ev: Record<string, unknown>) => void, (ev: Record<string, unknown>) => void>();

  constructor(options: AriSimulatorOptions) {
    this.opts = resolveOptions(options);
    this.hub = new WsHub(this.opts.logger, () => this.opts.timers.now());
    this.core = new SimCore(this.opts, {
      isConnected: (app) => this.hub.isConnected(app),
      deliver: (app, ev) => this.hub.deliver(app, ev),
    });
    this.log = this.core.log;
    channelRoutes(this.router, this.core);
    snoopRoutes(this.router, this.core);
    bridgeRoutes(this.router, this.core);
    recordingRoutes(this.router, this.core);
    miscRoutes(this.router, this.core, () => this.knownApps());
  }

  /** Starts listening; resolves with the base URL to give ari-client (it appends `/ari`). */
  async start(): Promise<{ url: string }> {
    if (this.server) return { url: this.url() };
    mkdirSync(this.opts.recordingsDir, { recursive: true });
    const server = createServer((req, res) => {
      this.onRequest(req, res).catch((err: unknown) => {
        // Last resort: never let a request take the hosting process down.
        this.opts.logger.error({ err }, 'sim: could not answer a request');
        res.destroy();
      });
    });
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.onUpgrade(req, socket, head));
    this.server = server;
    this.core.startedAt = this.core.now();
    await this.listen(this.opts.port);
    this.opts.logger.info({ url: this.url() }, 'sim: ARI simulator listening');
    return { url: this.url() };
  }

  /** Stops everything: timers, sockets, the listener. */
  async stop(): Promise<void> {
    this.core.clock.cancelAll();
    this.hub.closeAll();
    this.wss.close();
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Scripts (or re-scripts) the far end of `resource` for calls originated from now on. */
  setScript(resource: string, script: FarEndScript): void {
    this.opts.scripts.set(resource, validateScript(resource, script));
  }

  /**
   * Closes every event WebSocket abruptly (a network drop). With `refuseForMs`, WebSocket
   * upgrades and REST requests get 503 for that long. Calls go on; their events are lost.
   */
  dropConnections(opts: { refuseForMs?: number } = {}): void {
    this.refuseUntil = this.opts.timers.now() + Math.max(0, opts.refuseForMs ?? 0);
    this.hub.dropAll();
  }

  /** How each event WebSocket ended, oldest first: the close code (1006 = no close frame) and reason. */
  get socketCloses(): ReadonlyArray<{ apps: string[]; code: number; reason: string }> {
    return this.hub.closes;
  }

  /**
   * `core stop now`: the Recorder of every recorded bridge leaves first (RecordingFinished),
   * then every channel is hung up (ChannelHangupRequest `cause: 4, soft: true` → … →
   * ChannelDestroyed); REST answers 503 from then on, the event WebSockets are closed with a
   * close frame (events already sent still arrive), and the port closes, as {@link setOnline}(false).
   */
  async stopAsterisk(): Promise<void> {
    if (!this.online) return;
    this.core.rec.recorderLeavesAll();
    for (const ch of [...this.core.channels.values()]) this.core.chan.hangupForShutdown(ch);
    this.stopping = true;
    this.hub.closeAll();
    // Let the close frames (and the events queued before them) go out before the port closes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    this.setOnline(false);
  }

  /**
   * `false`: Asterisk is down — the port stops listening (connections are refused), sockets
   * drop and every call, bridge and live recording is gone (as after a restart; recordings keep
   * what they had written). `true`: listening again on the same port, with empty state.
   */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    if (!online) {
      this.hub.dropAll();
      this.core.reset();
      for (const s of this.sockets) s.destroy();
      this.server?.close();
      return;
    }
    this.stopping = false;
    if (this.server && !this.server.listening) {
      this.listen(this.port).catch((err: unknown) => this.opts.logger.error({ err }, 'sim: could not listen again'));
    }
  }

  /**
   * A phone calls into the application through the dialplan (e.g. an agent dialing the login
   * extension): the app gets StasisStart with `args` on an `Up` channel. Returns the channel id.
   * @throws TypeError on a bad endpoint, app or args.
   */
  placeInboundCall(call: InboundCall): string {
    return this.core.inbound.place(call);
  }

  /** A customer calls `dialled` from `caller` over the carrier trunk (dialplan/inbound.conf, INBOUND_POLICY=stasis); returns the channel id. */
  placeCarrierCall(call: CarrierCall): string {
    return this.core.inbound.place(carrierCall(call));
  }

  /** The far end of `channelId` hangs up now (before answer: the attempt fails with `cause`). */
  hangupFarEnd(channelId: string, cause = 16): void {
    const found = this.core.findChannel(channelId);
    if (!found) {
      this.opts.logger.warn({ channelId }, 'sim: hangupFarEnd on an unknown channel');
      return;
    }
    this.core.chan.farEndHangup(found.ch, cause);
  }

  /** The far end of an answered channel presses `digits`, `gapMs` apart. */
  pressDigits(channelId: string, digits: string, gapMs = DEFAULT_DIGIT_GAP_MS): void {
    const found = this.core.findChannel(channelId);
    if (!found || found.ch.phase !== 'up') {
      this.opts.logger.warn({ channelId }, 'sim: pressDigits on a channel that is not answered');
      return;
    }
    this.core.chan.pressDigits(found.ch, digits, gapMs);
  }

  /** Forces a live recording to finish now, as Asterisk does on its own (RecordingFinished while the call goes on). */
  finishRecordingEarly(name: string): void {
    if (!this.core.rec.finishEarly(name)) this.opts.logger.warn({ name }, 'sim: no live recording with that name');
  }

  /** Live channels (not the `;2` halves of Local channels). */
  channels(): SimChannelView[] {
    return [...this.core.channels.values()].map((ch) => ({
      id: ch.snap.id,
      name: ch.snap.name,
      state: ch.snap.state,
      endpoint: ch.endpoint,
      args: [...ch.appArgs],
      app: ch.app,
      inStasis: ch.inStasis,
      bridgeId: ch.bridgeId,
    }));
  }

  bridges(): SimBridgeView[] {
    return [...this.core.bridges.values()].map((b) => ({
      id: b.id,
      name: b.name,
      type: b.bridgeType,
      technology: b.technology,
      channels: [...b.channels],
      recording: b.recording,
      musicOnHold: b.internal.has(MOH_ANNOUNCER),
    }));
  }

  /** Typed listener map: `on('event', ev => …)` sees every event produced. */
  on<K extends keyof AriSimulatorEvents>(event: K, cb: AriSimulatorEvents[K]): this {
    if (event === 'event' && !this.listeners.has(cb)) {
      this.listeners.set(cb, cb);
      this.core.bus.onEvent(cb);
    }
    return this;
  }

  off<K extends keyof AriSimulatorEvents>(event: K, cb: AriSimulatorEvents[K]): this {
    if (event === 'event' && this.listeners.delete(cb)) this.core.bus.offEvent(cb);
    return this;
  }

  // ---- network ---------------------------------------------------------------------------

  private url(): string {
    const host = this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host;
    return `http://${host}:${this.port}`;
  }

  private listen(port: number): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.opts.host, () => {
        server.off('error', reject);
        const addr = server.address();
        this.port = typeof addr === 'object' && addr ? addr.port : port;
        resolve();
      });
    });
  }

  private knownApps(): string[] {
    const apps = new Set(this.hub.apps());
    for (const ch of this.core.channels.values()) if (ch.app) apps.add(ch.app);
    return [...apps];
  }

  private refusing(): boolean {
    return !this.online || this.stopping || this.opts.timers.now() < this.refuseUntil;
  }

  private authorized(req: IncomingMessage, url: URL): boolean {
    const expected = `${this.opts.username}:${this.opts.password}`;
    if (url.searchParams.get('api_key') === expected) return true;
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    return Buffer.from(header.slice(6), 'base64').toString('utf8') === expected;
  }

  private onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const reject = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    };
    try {
      const url = new URL(req.url ?? '/', 'http://sim');
      if (this.refusing()) return reject(503, 'Service Unavailable');
      if (url.pathname !== '/ari/events') return reject(404, 'Not Found');
      if (!this.authorized(req, url)) return reject(401, 'Unauthorized');
      const apps = (url.searchParams.get('app') ?? '').split(',').filter((a) => a !== '');
      if (apps.length === 0) return reject(400, 'Bad Request');
      this.wss.handleUpgrade(req, socket, head, (ws) => this.hub.attach(ws, apps, this.opts.restOverWebSocket ? (text) => this.onSocketRequest(text) : null));
    } catch (err) {
      this.opts.logger.error({ err }, 'sim: WebSocket upgrade failed');
      socket.destroy();
    }
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = url.pathname.startsWith('/ari') ? url.pathname.slice(4) : url.pathname;
    let result: RestResult;
    try {
      result = await this.route(req, method, url, path);
    } catch (err) {
      this.opts.logger.error({ err, method, path }, 'sim: request handler failed');
      result = { status: 500, body: { message: err instanceof Error ? err.message : String(err) } };
    }
    this.logRequest(method, path, url.searchParams, result.status);
    this.send(res, result);
  }

  private logRequest(method: string, path: string, search: URLSearchParams, status: number, transport?: 'ws'): void {
    if (path.startsWith('/api-docs')) return;
    const t = this.core.now() - this.core.startedAt;
    this.core.record({ kind: 'rest', t, method, path, query: Object.fromEntries(search), status, ...(transport ? { transport } : {}) });
  }

  private async route(req: IncomingMessage, method: string, url: URL, path: string): Promise<RestResult> {
    if (this.refusing()) return { status: 503, body: { message: 'Service Unavailable' } };
    if (!url.pathname.startsWith('/ari/')) return { status: 404, body: { message: 'Not found' } };
    const raw = await readBody(req);
    if (!this.authorized(req, url)) {
      return { status: 401, body: { message: 'Authentication required' }, headers: { 'WWW-Authenticate': 'Basic realm="Asterisk REST Interface"' } };
    }
    return this.dispatch(method, path, url.searchParams, raw.toString('utf8'), req.headers.host);
  }

  /**
   * A RESTRequest on an event WebSocket (authenticated when it was opened): dispatched at once,
   * so requests run one after another in the order they came, as Asterisk's session thread runs them.
   */
  private onSocketRequest(text: string): Record<string, unknown> {
    const parsed = parseRestRequest(text);
    if ('error' in parsed) return parsed.error;
    const r = parsed.request;
    let result: RestResult;
    try {
      result = this.refusing() ? { status: 503, body: { message: 'Service Unavailable' } } : this.dispatch(r.method, r.path, r.search, r.body, undefined);
    } catch (err) {
      this.opts.logger.error({ err, method: r.method, path: r.path }, 'sim: request handler failed');
      result = { status: 500, body: { message: err instanceof Error ? err.message : String(err) } };
    }
    this.logRequest(r.method, r.path, r.search, result.status, 'ws');
    return restResponse(r, result);
  }

  /** Everything below authentication, shared by HTTP and REST over WebSocket. */
  private dispatch(method: string, path: string, search: URLSearchParams, raw: string, hostHeader: string | undefined): RestResult {
    const host = hostHeader ?? `${this.opts.host}:${this.port}`;
    if (path.startsWith('/api-docs/')) {
      const file = path.slice('/api-docs/'.length).replace(/\.json$/, '');
      const doc = file === 'resources' ? resourceListing(host) : resourceDoc(file, host);
      return doc ? { status: 200, body: doc } : { status: 404, body: { message: 'Not found' } };
    }
    let body: Record<string, unknown> | undefined;
    if (raw.length > 0) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        return { status: 400, body: { message: 'Unable to parse request body as JSON' } };
      }
    }
    const match = this.router.match(method, path);
    if (match.kind === 'not-found') return { status: 404, body: { message: 'Resource not found' } };
    if (match.kind === 'method-not-allowed') return { status: 405, body: { message: 'Invalid method' } };
    return match.handler({ method, path, params: match.params, query: collectParams(search, body), body, host });
  }

  private send(res: ServerResponse, result: RestResult): void {
    if (res.destroyed || res.headersSent) return;
    const headers: Record<string, string | number> = { Server: `Asterisk/${ASTERISK_VERSION}`, 'Cache-Control': 'no-cache, no-store', ...result.headers };
    if (result.raw) {
      res.writeHead(result.status, { ...headers, 'Content-Type': result.raw.contentType, 'Content-Length': result.raw.data.length });
      res.end(result.raw.data);
    } else if (result.body === undefined) {
      res.writeHead(result.status, { ...headers, 'Content-Length': 0 });
      res.end();
    } else {
      const data = Buffer.from(JSON.stringify(result.body));
      res.writeHead(result.status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': data.length });
      res.end(data);
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
