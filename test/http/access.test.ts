import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANY_ROLE, requireUser } from '../../src/http/auth.js';
import type { UserRole } from '../../src/db/schema.js';
import { bearer, errorOf, makeTestApp, type TestApp } from './support.js';

/** A route module as another team would write one. */
async function sampleRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/sample/managers', { config: { roles: ['manager'] } }, async (request) => ({ who: requireUser(request) }));
  app.get('/api/sample/qa', { config: { roles: ['qa', 'manager'] } }, async () => ({ ok: true }));
  app.get('/api/sample/anyone', { config: { roles: ANY_ROLE } }, async (request) => ({ role: requireUser(request).role }));
  app.get('/api/sample/public', { config: { public: true } }, async (request) => ({ user: request.user?.username ?? null }));
  // Forgot to declare roles: must be refused to everyone.
  app.get('/api/sample/undeclared', async () => ({ secret: 'leaked' }));
  app.post('/api/sample/undeclared', async () => ({ secret: 'leaked' }));
}

let t: TestApp;
let sessions: Record<UserRole, string>;

beforeEach(async () => {
  t = await makeTestApp({ routes: [sampleRoutes] });
  await t.seedRoles();
  sessions = {
    admin: await t.login('admin'),
    manager: await t.login('manager'),
    qa: await t.login('qa'),
    agent: await t.login('agent'),
  };
});
afterEach(() => t.close());

// Expected status per role for each route (admin may do everything declared).
const MATRIX: Array<[string, string, Record<UserRole, number>]> = [
  ['GET', '/api/users', { admin: 200, manager: 403, qa: 403, agent: 403 }],
  ['GET', '/api/sample/managers', { admin: 200, manager: 200, qa: 403, agent: 403 }],
  ['GET', '/api/sample/qa', { admin: 200, manager: 200, qa: 200, agent: 403 }],
  ['GET', '/api/sample/anyone', { admin: 200, manager: 200, qa: 200, agent: 200 }],
  ['GET', '/api/auth/me', { admin: 200, manager: 200, qa: 200, agent: 200 }],
  ['GET', '/metrics', { admin: 200, manager: 200, qa: 403, agent: 403 }],
  ['GET', '/api/sample/undeclared', { admin: 403, manager: 403, qa: 403, agent: 403 }],
  ['POST', '/api/sample/undeclared', { admin: 403, manager: 403, qa: 403, agent: 403 }],
];

describe('role checks', () => {
  for (const [method, url, expected] of MATRIX) {
    for (const role of ['admin', 'manager', 'qa', 'agent'] as const) {
      it(`${role} ${method} ${url} → ${expected[role]}`, async () => {
        const res = await t.app.inject({ method: method as 'GET', url, headers: bearer(sessions[role]) });
        expect(res.statusCode).toBe(expected[role]);
        if (expected[role] === 403) expect(errorOf(res).error).toBe('DIALER_ERR_AUTH_FORBIDDEN');
        expect(res.body).not.toContain('leaked');
      });
    }
  }

  it('an agent listing users gets 403 DIALER_ERR_AUTH_FORBIDDEN naming role and route', async () => {
    const res = await t.app.inject({ url: '/api/users', headers: bearer(sessions.agent) });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res)).toEqual({ error: 'DIALER_ERR_AUTH_FORBIDDEN', message: 'role agent may not GET /api/users' });
  });

  it('unauthenticated requests get 401 on every non-public route, before the body is read', async () => {
    for (const [method, url] of MATRIX) {
      const res = await t.app.inject({ method: method as 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(errorOf(res).error).toBe('DIALER_ERR_AUTH_REQUIRED');
    }
    const withBody = await t.app.inject({ method: 'POST', url: '/api/users', payload: '{not json' , headers: { 'content-type': 'application/json' } });
    expect(withBody.statusCode).toBe(401);
  });

  it('a route without declared roles is refused, and its registration was warned about', async () => {
    const res = await t.app.inject({ url: '/api/sample/undeclared', headers: bearer(sessions.admin) });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).message).toMatch(/declares no roles/);
    const warned = t.lines.filter((l) => l.level === 40 && l.url === '/api/sample/undeclared');
    expect(warned.length).toBeGreaterThan(0);
  });

  it('public routes need no sign-in but still see a signed-in user', async () => {
    expect((await t.app.inject({ url: '/api/sample/public' })).json()).toEqual({ user: null });
    expect((await t.app.inject({ url: '/api/sample/public', headers: bearer(sessions.qa) })).json()).toEqual({ user: 'qa' });
    // A bad credential on a public route is ignored, not an error.
    expect((await t.app.inject({ url: '/api/sample/public', headers: bearer('x'.repeat(43)) })).statusCode).toBe(200);
  });

  it('request.user carries id, username and role', async () => {
    const res = await t.app.inject({ url: '/api/sample/managers', headers: bearer(sessions.manager) });
    expect(res.json()).toEqual({ who: { id: t.users.findByUsername('manager')!.id, username: 'manager', role: 'manager', locale: 'zh-CN' } });
  });

  it('HEAD follows the GET route\'s roles', async () => {
    expect((await t.app.inject({ method: 'HEAD', url: '/api/sample/managers', headers: bearer(sessions.agent) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'HEAD', url: '/api/sample/managers', headers: bearer(sessions.manager) })).statusCode).toBe(200);
  });

  it('role changes apply to live sessions at once', async () => {
    t.users.changeRole(t.users.findByUsername('agent')!.id, 'manager');
    expect((await t.app.inject({ url: '/api/sample/managers', headers: bearer(sessions.agent) })).statusCode).toBe(200);
  });

  it('unknown routes: 401 when anonymous, JSON 404 when signed in', async () => {
    expect((await t.app.inject({ url: '/api/nope' })).statusCode).toBe(401);
    const res = await t.app.inject({ url: '/api/nope?x=1', headers: bearer(sessions.agent) });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res)).toEqual({ error: 'DIALER_ERR_NOT_FOUND', message: 'route GET /api/nope not found' });
  });

  it('sets protective headers on every response', async () => {
    const res = await t.app.inject({ url: '/api/auth/me', headers: bearer(sessions.agent) });
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });

  it('logs route templates, not raw URLs (numbers in paths stay out of the logs)', async () => {
    await t.app.inject({ url: '/api/sample/anyone?phone=%2B8613800138000', headers: bearer(sessions.agent) });
    const line = t.lines.find((l) => l.msg === 'http: request' && l.route === '/api/sample/anyone');
    expect(line).toMatchObject({ method: 'GET', statusCode: 200, userId: t.users.findByUsername('agent')!.id });
    expect(JSON.stringify(t.lines)).not.toContain('8613800138000');
  });
});
