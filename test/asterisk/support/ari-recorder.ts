/**
 * Records every ARI event Asterisk emits, through a second Stasis application subscribed to
 * all channels, bridges and playbacks (`subscribeAll=true`). It does not take channels from
 * the service's app; it only listens, so tests can assert on Asterisk's own event stream.
 */
import WebSocket from 'ws';

export interface RecordedEvent {
  type: string;
  /** Asterisk's own timestamp of the event, in ms. */
  at: number;
  raw: Record<string, unknown>;
}

export class AriRecorder {
  readonly events: RecordedEvent[] = [];
  private ws: WebSocket | null = null;

  constructor(
    private readonly url: string,
    private readonly username: string,
    private readonly password: string,
  ) {}

  async start(): Promise<void> {
    const wsUrl = `${this.url.replace(/^http/, 'ws')}/ari/events?app=tier-recorder&subscribeAll=true&api_key=${encodeURIComponent(`${this.username}:${this.password}`)}`;
    const ws = new WebSocket(wsUrl);
    this.ws = ws;
    ws.on('message', (data) => {
      const raw = JSON.parse(data.toString()) as Record<string, unknown>;
      const type = String(raw.type);
      const ts = typeof raw.timestamp === 'string' ? Date.parse(raw.timestamp.replace(/(\.\d{3})\d*/, '$1').replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Date.now();
      this.events.push({ type, at: ts, raw });
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  /** Events about one channel (by id), in order. */
  ofChannel(channelId: string): RecordedEvent[] {
    return this.events.filter((e) => (e.raw.channel as { id?: string } | undefined)?.id === channelId);
  }

  ofType(type: string): RecordedEvent[] {
    return this.events.filter((e) => e.type === type);
  }

  /** Resolves with the first recorded event matching `pred` (waiting for it). */
  async waitFor(what: string, pred: (e: RecordedEvent) => boolean, timeoutMs = 20_000): Promise<RecordedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.events.find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no ARI event for ${what} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  stop(): void {
    this.ws?.close();
    this.ws = null;
  }
}
