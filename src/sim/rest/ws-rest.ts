/**
 * ARI's REST over WebSocket (Asterisk 22.4 on): a client may send `RESTRequest` messages on
 * its event WebSocket; Asterisk runs them one at a time, in the order they came, through the
 * same handlers as HTTP, and answers each with a `RESTResponse` on the same socket, among the
 * events. Shapes and error words follow Asterisk 22.10's res/ari/ari_websocket_requests.c.
 */
import { STATUS_CODES } from 'node:http';
import type { RestResult } from './router.js';

/** A RESTRequest as the simulator dispatches it. */
export interface WsRestRequest {
  transactionId: string;
  requestId: string;
  method: string;
  /** As sent, without its query part (Asterisk answers with this `uri`). */
  uri: string;
  /** Below `/ari`, with a leading slash (as the HTTP routes see it). */
  path: string;
  search: URLSearchParams;
  /** A JSON `message_body`, or empty. */
  body: string;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * Asterisk's reason phrase: each handler writes its own, mostly the standard one; the lookup
 * of a bridge says "Not found" (resource_bridges.c find_bridge), a malformed RESTRequest "Bad request".
 */
function reasonPhrase(status: number, body: unknown, malformed: boolean): string {
  if (malformed) return 'Bad request';
  if (status === 404 && (body as { message?: unknown } | undefined)?.message === 'Bridge not found') return 'Not found';
  return STATUS_CODES[status] ?? 'Unknown';
}

/** The RESTResponse message for `result`; an error's `{message}` travels as `message_body`. */
export function restResponse(ids: { transactionId: string; requestId: string; uri: string }, result: RestResult, malformed = false): Record<string, unknown> {
  const msg: Record<string, unknown> = {
    type: 'RESTResponse',
    transaction_id: ids.transactionId,
    request_id: ids.requestId,
    status_code: result.status,
    reason_phrase: reasonPhrase(result.status, result.body, malformed),
    uri: ids.uri,
  };
  if (result.raw) {
    // Asterisk cannot send a file over the socket.
    return { ...msg, status_code: 406, reason_phrase: 'Not Acceptable.  Use HTTP GET' };
  }
  if (result.body !== undefined) Object.assign(msg, { content_type: 'application/json', message_body: JSON.stringify(result.body) });
  return msg;
}

/** Parses one text message from the client: a request to dispatch, or the error RESTResponse Asterisk would send. */
export function parseRestRequest(text: string): { request: WsRestRequest } | { error: Record<string, unknown> } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      error: { type: 'RESTResponse', transaction_id: '', request_id: '', status_code: 400, reason_phrase: 'Failed to parse request message JSON', uri: '' },
    };
  }
  const m = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const text_ = (v: unknown): string => (typeof v === 'string' ? v : '');
  const ids = { transactionId: text_(m.transaction_id), requestId: text_(m.request_id), uri: '' };
  const bad = (message: string) => ({ error: restResponse(ids, { status: 400, body: { message } }, true) });
  if (!text_(m.type)) return bad("No 'type' property.");
  if (m.type !== 'RESTRequest') return bad('Unknown request type.');
  const [uri = '', queryPart] = text_(m.uri).split(/\?(.*)/s);
  ids.uri = uri;
  if (!uri) return bad("Empty or missing 'uri' property.");
  const method = text_(m.method).toUpperCase();
  if (!METHODS.has(method)) return bad("Unknown or missing 'method' property.");
  const search = new URLSearchParams(queryPart ?? '');
  if (m.query_strings !== undefined) {
    if (!Array.isArray(m.query_strings)) return bad("Unable to parse 'query_strings' array.");
    for (const q of m.query_strings as Array<Record<string, unknown>>) {
      if (typeof q?.name !== 'string' || typeof q.value !== 'string') return bad("Unable to parse 'query_strings' array.");
      search.append(q.name, q.value);
    }
  }
  const body = text_(m.message_body);
  if (body) {
    const type = text_(m.content_type);
    if (!type) return bad("No 'content_type' for 'message_body'.");
    if (type === 'application/x-www-form-urlencoded') for (const [k, v] of new URLSearchParams(body)) search.append(k, v);
    else if (type !== 'application/json') return bad('Unknown content type.');
  }
  const jsonBody = body && text_(m.content_type) === 'application/json' ? body : '';
  return { request: { ...ids, method, uri, path: `/${uri}`, search, body: jsonBody } };
}
