/**
 * The transport of ARI's REST operations: one keep-alive HTTP agent, JSON in and out, errors
 * mapped to the service's coded errors. ari-client still says what each operation is (its
 * method, path and parameters, from the Swagger description this Asterisk serves: see
 * AriRest.call); sending it through ari-client's Swagger stack cost about 0.5 ms of CPU a
 * request, a sixth of the dialer's CPU on the call path (bench/calls.ts), and a call makes
 * about thirteen requests.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Agent, request, type IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Errors, hasCode } from '../errors.js';
import type { FetchedRecording } from './telephony.js';

/** How ari-client's Swagger description places an operation's parameters. */
export interface AriOperation {
  method: string;
  /** e.g. `/bridges/{bridgeId}/addChannel` */
  path: string;
  parameters: ReadonlyArray<{ name: string; paramType: string }>;
}

export interface AriHttpOptions {
  /** e.g. http://asterisk:8088/ari */
  base: string;
  authorization: string;
  timeoutMs: number;
}

/** How much of a downloaded file's start is kept (a WAV header is 44 bytes, more with extra chunks). */
const HEAD_BYTES = 4096;
/** How long an idle kept-alive socket is kept (see AriHttp.agent). */
const IDLE_SOCKET_MS = 5_000;

export class AriHttp {
  /**
   * Idle sockets are closed by us after 5 s (as Node's global agent does), well before Asterisk
   * closes an idle session (`session_keep_alive`, 15 s in http.conf): a request written on a
   * socket Asterisk is closing at that moment is reset unread.
   */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32, timeout: IDLE_SOCKET_MS });
  private readonly base: URL;
  /** e.g. `/ari` */
  private readonly basePath: string;

  constructor(private readonly o: AriHttpOptions) {
    this.base = new URL(o.base);
    this.basePath = this.base.pathname.replace(/\/+$/, '');
  }

  /** Sends `op` with `params` placed as the description says; resolves to the parsed JSON body (undefined on 204). */
  async send(label: string, op: AriOperation, params: Record<string, unknown>): Promise<unknown> {
    const { path, query, body } = placeParams(op, params);
    const res = await this.open(label, op.method, query.size ? `${path}?${query.toString()}` : path, this.o.timeoutMs, body);
    return answerOf(label, res.statusCode ?? 0, await collect(res));
  }

  /**
   * GETs `path` into `destPath` (through a `.part` file, renamed once whole), counting, hashing
   * and keeping the head of the body as it streams: the file is never read back.
   */
  async download(label: string, path: string, destPath: string, timeoutMs: number): Promise<FetchedRecording> {
    const res = await this.open(label, 'GET', path, timeoutMs);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw ariError(label, status, await collect(res));
    const partial = `${destPath}.part`;
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headBytes = 0;
    let bytes = 0;
    res.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
      if (headBytes < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
        headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
      }
    });
    try {
      await pipeline(res, createWriteStream(partial));
      await rename(partial, destPath);
    } catch (err) {
      await rm(partial, { force: true });
      throw new Errors.AriRequestFailed(label, (err as Error).message, { cause: err });
    }
    return { bytes, sha256: hash.digest('hex'), head: Buffer.concat(head) };
  }

  /**
   * Sends one request; resolves with the answer's head (its body still to read). A kept-alive
   * socket the server had closed (reset before any answer: the request was never read) is
   * retried once on a fresh one, as Node's documentation advises for `reusedSocket`.
   */
  private open(label: string, method: string, path: string, timeoutMs: number, body?: string, retried = false): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { authorization: this.o.authorization, accept: 'application/json' };
      if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      const req = request({ agent: this.agent, hostname: this.base.hostname, port: this.base.port, method, path: `${this.basePath}${path}`, headers }, resolve);
      // No answer (not even its head) for this long: given up, and the socket with it.
      req.setTimeout(timeoutMs, () => req.destroy(new Errors.AriTimeout(label, timeoutMs)));
      req.on('error', (err: Error & { code?: string }) => {
        if (!retried && req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
          resolve(this.open(label, method, path, timeoutMs, body, true));
          return;
        }
        reject(hasCode(err, 'DIALER_ERR_ARI_TIMEOUT') ? err : new Errors.AriUnavailable(`${label}: ${err.code ?? err.message}`, { cause: err }));
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function collect(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    // A socket cut mid-answer: settled rather than left waiting forever.
    res.on('close', () => {
      if (!res.complete) reject(new Error('the connection closed before the whole answer came'));
    });
  });
}

/** Where `op` puts each of `params`: its path (below `/ari`, with a leading slash), its query and its JSON body. */
export function placeParams(op: AriOperation, params: Record<string, unknown>): { path: string; query: URLSearchParams; body?: string } {
  let path = op.path;
  const query = new URLSearchParams();
  let body: string | undefined;
  for (const p of op.parameters) {
    const value = params[p.name];
    if (value === undefined || value === null) continue;
    if (p.paramType === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    else if (p.paramType === 'query') query.set(p.name, Array.isArray(value) ? value.join(',') : String(value));
    // ARI's only body parameters (`variables`, `fields`) are objects wrapped in their own name.
    else if (p.paramType === 'body') body = JSON.stringify({ [p.name]: value });
  }
  return body === undefined ? { path, query } : { path, query, body };
}

/** An answer's status and text as its parsed JSON body (undefined when empty), or as a coded error. */
export function answerOf(label: string, status: number, text: string): unknown {
  if (status < 200 || status >= 300) throw ariError(label, status, text);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Errors.AriRequestFailed(label, `unreadable answer: ${(err as Error).message}`);
  }
}

/** An error answer from Asterisk as a coded error: its JSON `message` (or `error`), or the text itself. */
export function ariError(label: string, status: number, text: string): Error {
  let message = text || `HTTP ${status}`;
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: unknown };
    message = String(parsed.message ?? parsed.error ?? message);
  } catch {
    // a plain-text answer is its own message
  }
  // Asterisk words its 404s "… not found", and some 400s too (a channel named in the query).
  if (status === 404 || /not found/i.test(message)) return new Errors.AriNotFound(label, message);
  return new Errors.AriRequestFailed(label, `${status} ${message}`);
}
