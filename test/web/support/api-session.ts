/** The service's API as a console user (signed in with the console test password), without a browser. */
import type { LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD, type ConsoleHarness } from './console-harness.js';

export type ApiSession = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => Promise<LightMyRequestResponse>;

/** Signs `username` in through the API; calls go through `app.inject` with their token. */
export async function apiSession(h: ConsoleHarness, username: string): Promise<ApiSession> {
  const login = await h.service.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
  const { token } = login.json() as { token: string };
  return (method, url, body) => h.service.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
}
