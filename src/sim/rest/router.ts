/**
 * A tiny router for the ARI REST paths (`/channels/{channelId}/play/{playbackId}`) and the
 * parameter conventions of Asterisk: everything in the query string, or as keys of a JSON
 * body (body wins), `allowMultiple` parameters as repeated keys or comma lists.
 */

/** A parsed request as handlers see it. */
export interface RestRequest {
  method: string;
  /** Path below `/ari`. */
  path: string;
  /** Path parameters, URI-decoded. */
  params: Record<string, string>;
  /** Query and JSON-body parameters as strings (repeated keys joined with commas). */
  query: Record<string, string>;
  /** The JSON body, when there was one. */
  body: Record<string, unknown> | undefined;
  /** Host header, for absolute URLs in the Swagger documents. */
  host: string;
}

/** What a handler answers. `body` is sent as JSON; `raw` as bytes; neither = empty (204). */
export interface RestResult {
  status: number;
  body?: unknown;
  raw?: { data: Buffer; contentType: string };
  headers?: Record<string, string>;
}

export type RestHandler = (req: RestRequest) => RestResult;

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  handler: RestHandler;
}

export type RouteMatch =
  | { kind: 'found'; handler: RestHandler; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

export class Router {
  private readonly routes: Route[] = [];

  /** Registers `handler` for `method` and a path template like `/bridges/{bridgeId}`. */
  add(method: string, template: string, handler: RestHandler): this {
    const names: string[] = [];
    const pattern = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method: method.toUpperCase(), regex: new RegExp(`^${pattern}$`), names, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { kind: 'found', handler: r.handler, params };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}

/** `{"message": …}` with `status`. */
export const fail = (status: number, message: string): RestResult => ({ status, body: { message } });
export const ok = (body: unknown): RestResult => ({ status: 200, body });
export const noContent = (): RestResult => ({ status: 204 });

/** A string parameter, undefined when absent or empty. */
export function str(req: RestRequest, name: string): string | undefined {
  const v = req.query[name];
  return v === undefined || v === '' ? undefined : v;
}

/** An integer parameter (lenient like Asterisk's atoi); `fallback` when absent. */
export function int(req: RestRequest, name: string, fallback: number): number {
  const v = str(req, name);
  if (v === undefined) return fallback;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : fallback;
}

/** A boolean parameter (`true`/`false`, `1`/`0`, `yes`/`no`). */
export function bool(req: RestRequest, name: string, fallback: boolean): boolean {
  const v = str(req, name)?.toLowerCase();
  if (v === undefined) return fallback;
  return v === 'true' || v === '1' || v === 'yes';
}

/** A list parameter (`media=a&media=b` or `media=a,b`). */
export function list(req: RestRequest, name: string): string[] {
  const v = req.query[name];
  if (v === undefined || v === '') return [];
  return v.split(',').map((s) => s.trim());
}

/** Merges query string and JSON body into `RestRequest.query`. */
export function collectParams(search: URLSearchParams, body: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(search.keys())) out[key] = search.getAll(key).join(',');
  if (body) {
    for (const [key, value] of Object.entries(body)) {
      if (key === 'variables' || key === 'fields' || value === null || value === undefined) continue;
      if (Array.isArray(value)) out[key] = value.map(String).join(',');
      else if (typeof value !== 'object') out[key] = String(value);
    }
  }
  return out;
}
