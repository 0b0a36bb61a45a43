/** HTTP helpers over a harness's service: users by role and `app.inject` with their token. */
import type { LightMyRequestResponse } from 'fastify';
import type { UserRole } from '../../src/db/schema.js';
import type { DialerService } from '../../src/service.js';

export interface Caller {
  userId: number;
  token: string;
  /** `app.inject` as this user; `body` is sent as JSON. */
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Creates a user with `role` and signs them in through the API. */
export async function signIn(service: DialerService, username: string, role: UserRole): Promise<Caller> {
  const password = `${username}-password-1`;
  await service.users.create({ username, password, role });
  return signInExisting(service, username, password);
}

/** Signs an existing user in through the API. */
export async function signInExisting(service: DialerService, username: string, password: string): Promise<Caller> {
  const res = await service.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const { token, user } = res.json() as { token: string; user: { id: number } };
  return {
    userId: user.id,
    token,
    call: (method, url, body) =>
      service.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) }),
  };
}
