import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserRole } from '../../src/db/schema.js';
import { PASSWORDS, bearer, errorOf, makeTestApp, type TestApp } from './support.js';

let t: TestApp;
let ids: Record<UserRole, number>;
let admin: string;

beforeEach(async () => {
  t = await makeTestApp();
  ids = await t.seedRoles();
  admin = await t.login('admin');
});
afterEach(() => t.close());

describe('/api/users (admin)', () => {
  it('lists users without password hashes', async () => {
    const res = await t.app.inject({ url: '/api/users', headers: bearer(admin) });
    expect(res.statusCode).toBe(200);
    const { users } = res.json() as { users: Array<Record<string, unknown>> };
    expect(users.map((u) => u.username)).toEqual(['admin', 'agent', 'manager', 'qa']);
    expect(res.body).not.toMatch(/scrypt|password/i);
  });

  it('creates a user (201) who can then sign in; duplicates are 409', async () => {
    const payload = { username: 'Li.Na', password: 'li-na-password', role: 'qa', displayName: '李娜' };
    const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: bearer(admin), payload });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ user: { username: 'li.na', role: 'qa', displayName: '李娜', disabled: false } });
    await t.login('li.na', 'li-na-password');
    const dup = await t.app.inject({ method: 'POST', url: '/api/users', headers: bearer(admin), payload });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).error).toBe('DIALER_ERR_USER_EXISTS');
  });

  it('validates new users: short password, unknown role, bad username, unknown fields', async () => {
    const bad = [
      [{ username: 'x1', password: 'short', role: 'qa' }, /body\.password/],
      [{ username: 'x1', password: 'long-enough-pw', role: 'boss' }, /body\.role/],
      [{ username: 'x 1', password: 'long-enough-pw', role: 'qa' }, /username/],
      [{ username: 'x1', password: 'long-enough-pw', role: 'qa', isAdmin: true }, /isAdmin/],
    ] as const;
    for (const [payload, message] of bad) {
      const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: bearer(admin), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorOf(res).message).toMatch(message);
    }
  });

  it('changes a role; disabling signs the user out everywhere', async () => {
    const agentSession = await t.login('agent');
    const promoted = await t.app.inject({ method: 'PATCH', url: `/api/users/${ids.agent}`, headers: bearer(admin), payload: { role: 'qa' } });
    expect(promoted.json()).toMatchObject({ user: { role: 'qa' } });
    const disabled = await t.app.inject({ method: 'PATCH', url: `/api/users/${ids.agent}`, headers: bearer(admin), payload: { disabled: true } });
    expect(disabled.json()).toMatchObject({ user: { disabled: true } });
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(agentSession) })).statusCode).toBe(401);
    // Re-enabling does not resurrect the old session.
    await t.app.inject({ method: 'PATCH', url: `/api/users/${ids.agent}`, headers: bearer(admin), payload: { disabled: false } });
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(agentSession) })).statusCode).toBe(401);
    await t.login('agent');
  });

  it('refuses to disable or demote the last admin (409), and empty or unknown updates', async () => {
    const demote = await t.app.inject({ method: 'PATCH', url: `/api/users/${ids.admin}`, headers: bearer(admin), payload: { role: 'agent' } });
    expect(demote.statusCode).toBe(409);
    expect(errorOf(demote).error).toBe('DIALER_ERR_USER_LAST_ADMIN');
    const empty = await t.app.inject({ method: 'PATCH', url: `/api/users/${ids.admin}`, headers: bearer(admin), payload: {} });
    expect(empty.statusCode).toBe(400);
    const missing = await t.app.inject({ method: 'PATCH', url: '/api/users/9999', headers: bearer(admin), payload: { role: 'qa' } });
    expect(missing.statusCode).toBe(404);
    const badId = await t.app.inject({ method: 'PATCH', url: '/api/users/abc', headers: bearer(admin), payload: { role: 'qa' } });
    expect(badId.statusCode).toBe(400);
    expect(errorOf(badId).message).toMatch(/params\.id/);
  });

  it('resets a password and revokes the user\'s sessions and tokens', async () => {
    const qaSession = await t.login('qa');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/users/${ids.qa}/password`,
      headers: bearer(admin),
      payload: { password: 'reset-by-admin-1' },
    });
    expect(res.json()).toEqual({ ok: true, revokedTokens: 1 });
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(qaSession) })).statusCode).toBe(401);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'qa', password: PASSWORDS.qa } });
    expect(old.statusCode).toBe(401);
    await t.login('qa', 'reset-by-admin-1');
  });

  it('is refused to managers', async () => {
    const manager = await t.login('manager');
    const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: bearer(manager), payload: { username: 'x1', password: 'long-enough-pw', role: 'admin' } });
    expect(res.statusCode).toBe(403);
  });
});
