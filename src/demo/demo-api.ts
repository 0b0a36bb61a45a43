/**
 * The demo's people at their consoles: each signs in and works through the same HTTP API the
 * consoles use (in-process, `app.inject`), so the demo's desks, QA and manager are held to
 * the API's rules (a subscription only from the system's keypress verification, refusals
 * lock the offer, a failed score opens a reversal request).
 */
import type { DialerService } from '../service.js';

export interface DemoCaller {
  userId: number;
  username: string;
  /** A request as this user; throws on a status of 400 or more unless `allowFailure`. */
  call<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, opts?: { allowFailure?: boolean }): Promise<{ status: number; body: T }>;
}

/** Signs an existing user in through POST /api/auth/login. */
export async function signInDemo(service: DialerService, username: string, password: string): Promise<DemoCaller> {
  const res = await service.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`demo: ${username} could not sign in (${res.statusCode} ${res.body})`);
  const { token, user } = res.json() as { token: string; user: { id: number } };
  return {
    userId: user.id,
    username,
    async call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, opts: { allowFailure?: boolean } = {}) {
      const r = await service.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
      if (r.statusCode >= 400 && !opts.allowFailure) throw new Error(`demo: ${username} ${method} ${url}: ${r.statusCode} ${r.body}`);
      return { status: r.statusCode, body: (r.body ? r.json() : null) as T };
    },
  };
}
