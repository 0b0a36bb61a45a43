/**
 * A bare ARI client for the simulator's tests: fetch for REST and a raw `ws` WebSocket for
 * events, so the tests see exactly the bytes a client gets. Plus helpers to start a simulator
 * in a temporary recordings directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { AriSimulator, type AriSimulatorOptions } from '../../../src/sim/index.js';

export type Json = Record<string, any>;

export interface RestReply {
  status: number;
  /** Parsed JSON, or '' for an empty body. */
  body: any;
  raw: Buffer;
  headers: Headers;
}

export const USER = 'dialer';
export const PASS = 'secret';

/** Starts a simulator with a fresh recordings directory; `close()` stops it and removes the directory. */
export async function startSim(opts: Partial<AriSimulatorOptions> = {}): Promise<{
  sim: AriSimulator;
  url: string;
  dir: string;
  close: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'ari-sim-'));
  const sim = new AriSimulator({ username: USER, password: PASS, recordingsDir: dir, ...opts });
  const { url } = await sim.start();
  return {
    sim,
    url,
    dir,
    close: async () => {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export class RawAri {
  readonly events: Json[] = [];
  private ws: WebSocket | undefined;
  private waiters: Array<{ pred: (e: Json) => boolean; resolve: (e: Json) => void }> = [];

  constructor(
    readonly base: string,
    readonly app = 'dialer',
    readonly user = USER,
    readonly pass = PASS,
  ) {}

  /** Opens the event WebSocket; resolves once it is open. */
  connect(): Promise<void> {
    const wsUrl = `${this.base.replace(/^http/, 'ws')}/ari/events?app=${this.app}&api_key=${this.user}:${this.pass}`;
    const ws = new WebSocket(wsUrl);
    this.ws = ws;
    ws.on('message', (data) => {
      const ev = JSON.parse(String(data)) as Json;
      this.events.push(ev);
      for (const w of [...this.waiters]) {
        if (w.pred(ev)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(ev);
        }
      }
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  close(): void {
    this.ws?.close();
  }

  /** Writes one text message on the event WebSocket (ARI REST over WebSocket: a RESTRequest). */
  sendText(text: string): void {
    if (!this.ws) throw new Error('not connected');
    this.ws.send(text);
  }

  async rest(method: string, path: string, query: Record<string, string | number | boolean> = {}, body?: unknown): Promise<RestReply> {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    const res = await fetch(`${this.base}/ari${path}${qs ? `?${qs}` : ''}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${this.user}:${this.pass}`).toString('base64')}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const raw = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    const parsed = raw.length === 0 ? '' : type.includes('json') ? JSON.parse(raw.toString('utf8')) : raw;
    return { status: res.status, body: parsed, raw, headers: res.headers };
  }

  /** Resolves with the first event (already received or future) matching `pred`. */
  waitFor(pred: (e: Json) => boolean, label: string, timeoutMs = 4000): Promise<Json> {
    const seen = this.events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`timed out waiting for ${label}; got: ${this.events.map((e) => e.type).join(', ')}`));
      }, timeoutMs);
      const done = (e: Json): void => {
        clearTimeout(timer);
        resolve(e);
      };
      this.waiters.push({ pred, resolve: done });
    });
  }

  /** Waits for an event of `type` about channel `id` (in `channel` or `peer`). */
  waitChannel(type: string, id: string, timeoutMs?: number): Promise<Json> {
    return this.waitFor((e) => e.type === type && (e.channel?.id === id || e.peer?.id === id), `${type} ${id}`, timeoutMs);
  }
}

/** Resolves after `ms` — only for scenario time (how long a party talks), never to wait for an outcome. */
export const talk = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Simulators for one test at a time: `connected()` starts one with a raw app connected;
 * `onCleanup` adds more to undo; all of it is undone, newest first, after each test.
 */
export function simPerTest() {
  let cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const fn of cleanup.reverse()) await fn();
    cleanup = [];
  });
  const onCleanup = (...fns: Array<() => Promise<void> | void>): void => {
    cleanup.push(...fns);
  };
  async function connected() {
    const s = await startSim();
    const app = new RawAri(s.url);
    await app.connect();
    onCleanup(s.close, () => app.close());
    return { ...s, app };
  }
  return { connected, onCleanup };
}
