/**
 * A small, direct ARI client for the differential check: REST with fetch, events from the
 * app's WebSocket. It drives the simulator and a real Asterisk exactly alike, so the events
 * each emits can be compared.
 */
import WebSocket from 'ws';

export interface AriEventRecord {
  type: string;
  [key: string]: unknown;
}

export class AriDriver {
  readonly events: AriEventRecord[] = [];
  private ws: WebSocket | null = null;

  constructor(
    private readonly url: string,
    private readonly username: string,
    private readonly password: string,
    readonly app: string,
  ) {}

  async connect(): Promise<void> {
    const key = encodeURIComponent(`${this.username}:${this.password}`);
    const ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}/ari/events?app=${this.app}&api_key=${key}`);
    this.ws = ws;
    ws.on('message', (data) => this.events.push(JSON.parse(data.toString()) as AriEventRecord));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  /** One REST request; resolves with the status (throws on a 5xx or a refused connection). */
  async rest(method: 'GET' | 'POST' | 'DELETE', path: string, query: Record<string, string> = {}): Promise<number> {
    const qs = new URLSearchParams(query).toString();
    const res = await fetch(`${this.url}/ari${path}${qs ? `?${qs}` : ''}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}` },
    });
    await res.arrayBuffer();
    if (res.status >= 500) throw new Error(`${method} ${path}: ${res.status}`);
    return res.status;
  }

  /**
   * A RESTRequest on the event WebSocket (ARI REST over WebSocket), sent at once; its
   * RESTResponse arrives among the events, carrying `requestId`. `raw` is written as is instead.
   */
  wsRest(requestId: string, method: string, uri: string, query: Record<string, string> = {}, raw?: string): void {
    if (!this.ws) throw new Error('differential: not connected');
    const query_strings = Object.entries(query).map(([name, value]) => ({ name, value }));
    this.ws.send(raw ?? JSON.stringify({ type: 'RESTRequest', request_id: requestId, method, uri, query_strings }));
  }

  /** Waits for an event matching `pred`, recorded before or after the call. */
  async waitFor(what: string, pred: (e: AriEventRecord) => boolean, timeoutMs = 30_000): Promise<AriEventRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.events.find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`differential: no ${what} within ${timeoutMs} ms; saw ${this.events.map((e) => e.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Closes the event socket and waits until it is closed. */
  async close(): Promise<void> {
    const ws = this.ws;
    this.ws = null;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
    });
  }
}

export const channelOf = (e: AriEventRecord): string | undefined => (e.channel as { id?: string } | undefined)?.id;
export const bridgeOf = (e: AriEventRecord): string | undefined => (e.bridge as { id?: string } | undefined)?.id;
export const playbackOf = (e: AriEventRecord): string | undefined => (e.playback as { id?: string } | undefined)?.id;
export const recordingOf = (e: AriEventRecord): string | undefined => (e.recording as { name?: string } | undefined)?.name;
