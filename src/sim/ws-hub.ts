/**
 * Event WebSockets (`/ari/events?app=a,b`). One socket per application, as in Asterisk: a new
 * connection for an application takes it over and the old socket gets ApplicationReplaced.
 * Events for an application without a socket are dropped — they are not queued.
 */
import type { WebSocket } from 'ws';
import { ASTERISK_ID, asteriskTime } from './asterisk-facts.js';
import type { Json } from './events.js';
import type { SimLogger } from './types.js';

const OPEN = 1;

export class WsHub {
  private readonly byApp = new Map<string, WebSocket>();
  private readonly sockets = new Set<WebSocket>();
  /** How each client socket ended: the close frame's code (1006 = none: dropped without one). */
  readonly closes: Array<{ apps: string[]; code: number; reason: string }> = [];

  constructor(
    private readonly log: SimLogger,
    private readonly now: () => number,
  ) {}

  /**
   * Registers a freshly upgraded socket for `apps`; `onRequest` answers each text message the
   * client sends (REST over WebSocket); null ignores them, as Asterisk before 22.4 does.
   */
  attach(ws: WebSocket, apps: string[], onRequest: ((text: string) => Json) | null): void {
    this.sockets.add(ws);
    for (const app of apps) {
      const old = this.byApp.get(app);
      if (old && old !== ws && old.readyState === OPEN) {
        this.send(old, { type: 'ApplicationReplaced', timestamp: asteriskTime(this.now()), asterisk_id: ASTERISK_ID, application: app });
      }
      this.byApp.set(app, ws);
    }
    ws.on('close', (code, reason) => {
      this.closes.push({ apps, code, reason: reason.toString() });
      this.forget(ws);
    });
    ws.on('error', (err) => this.log.debug({ err }, 'sim: event socket error'));
    // Asterisk reads this socket for RESTRequests only; each answer goes out in turn, among the events.
    ws.on('message', (data, isBinary) => {
      if (!isBinary && onRequest) this.send(ws, onRequest(data.toString()));
    });
    this.log.info({ apps }, 'sim: event WebSocket connected');
  }

  isConnected(app: string): boolean {
    return this.byApp.get(app)?.readyState === OPEN;
  }

  /** Applications with a connected socket. */
  apps(): string[] {
    return [...this.byApp.keys()].filter((a) => this.isConnected(a));
  }

  deliver(app: string, event: Json): void {
    const ws = this.byApp.get(app);
    if (ws) this.send(ws, event);
  }

  /** Closes every socket abruptly (no close frame), like a network drop. */
  dropAll(): void {
    for (const ws of [...this.sockets]) {
      ws.terminate();
      this.forget(ws);
    }
  }

  /** Closes every socket politely (shutdown). */
  closeAll(): void {
    for (const ws of [...this.sockets]) {
      try {
        ws.close(1001, 'shutdown');
      } catch {
        ws.terminate();
      }
      this.forget(ws);
    }
  }

  private send(ws: WebSocket, event: Json): void {
    if (ws.readyState !== OPEN) return;
    ws.send(JSON.stringify(event), (err) => {
      if (err) this.log.debug({ err }, 'sim: event not delivered');
    });
  }

  private forget(ws: WebSocket): void {
    this.sockets.delete(ws);
    for (const [app, s] of this.byApp) if (s === ws) this.byApp.delete(app);
  }
}
