import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { SESSION_COOKIE } from '../../src/http/auth.js';
import { LoginThrottle } from '../../src/auth/login-throttle.js';
import { ManualClock, PASSWORDS, bearer, errorOf, makeTestApp, type TestApp } from './support.js';

const HOUR = 3_600_000;
let t: TestApp;

beforeEach(async () => {
  t = await makeTestApp();
  await t.seedRoles();
});
afterEach(() => t.close());

function login(username: string, password: string, remoteAddress = '127.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
}

describe('POST /api/auth/login', () => {
  it('signs in: httpOnly SameSite=Strict session cookie plus the token in the body', async () => {
    const res = await login('Manager', PASSWORDS.manager);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { user: { username: string; role: string }; token: string; expiresAt: number };
    expect(body.user).toMatchObject({ username: 'manager', role: 'manager' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.expiresAt).toBe(t.clock.now() + 12 * HOUR);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ value: body.token, httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('cookieOnly (the browser consoles): the session in the httpOnly cookie only, no token in the body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: PASSWORDS.manager, cookieOnly: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('token');
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: cookie.value } });
    expect(me.json().user).toMatchObject({ username: 'manager' });
  });

  it('me: the user\'s language (Chinese by default) and the centre\'s time zone; the user changes their language', async () => {
    const token = await t.login('agent');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.json().user.locale).toBe('zh-CN');
    expect(me.json().centre).toEqual({ timeZone: 'Asia/Shanghai' });
    const set = await t.app.inject({ method: 'PUT', url: '/api/auth/me/locale', headers: bearer(token), payload: { locale: 'en' } });
    expect(set.statusCode).toBe(200);
    expect(set.json().user.locale).toBe('en');
    const again = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(again.json().user.locale).toBe('en');
    const bad = await t.app.inject({ method: 'PUT', url: '/api/auth/me/locale', headers: bearer(token), payload: { locale: 'fr' } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).error).toBe('DIALER_ERR_REQUEST_INVALID');
    const anonymous = await t.app.inject({ method: 'PUT', url: '/api/auth/me/locale', payload: { locale: 'en' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('me: the centre\'s zone is the configured one', async () => {
    const urumqi = await makeTestApp({ centreTimeZone: 'Asia/Urumqi' });
    try {
      await urumqi.seedRoles();
      const me = await urumqi.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(await urumqi.login('qa')) });
      expect(me.json().centre.timeZone).toBe('Asia/Urumqi');
    } finally {
      await urumqi.close();
    }
  });

  it('marks the cookie Secure when configured', async () => {
    const secure = await makeTestApp({ cookieSecure: true });
    try {
      await secure.users.create({ username: 'x-agent', password: 'x-agent-password', role: 'agent' });
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'x-agent', password: 'x-agent-password' },
      });
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('refuses wrong passwords, unknown users and disabled accounts alike, without logging the password', async () => {
    for (const [u, p] of [['manager', 'wrong-password'], ['ghost', 'whatever-pass']] as const) {
      const res = await login(u, p);
      expect(res.statusCode).toBe(401);
      expect(errorOf(res)).toEqual({ error: 'DIALER_ERR_AUTH_BAD_CREDENTIALS', message: 'wrong username or password' });
      expect(res.cookies).toHaveLength(0);
    }
    t.users.setDisabled(t.users.findByUsername('qa')!.id, true);
    expect(errorOf(await login('qa', PASSWORDS.qa)).error).toBe('DIALER_ERR_AUTH_BAD_CREDENTIALS');
    expect(JSON.stringify(t.lines)).not.toContain('wrong-password');
    expect(JSON.stringify(t.lines)).not.toContain(PASSWORDS.qa);
  });

  it('validates the body and names the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager' } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error).toBe('DIALER_ERR_REQUEST_INVALID');
    expect(errorOf(res).message).toMatch(/body\.password/);
  });

  it('throttles after 10 failures per username+IP for 15 minutes, even with the right password', async () => {
    for (let i = 0; i < 10; i++) expect((await login('agent', 'bad-password-x')).statusCode).toBe(401);
    const blocked = await login('agent', PASSWORDS.agent);
    expect(blocked.statusCode).toBe(429);
    expect(errorOf(blocked).error).toBe('DIALER_ERR_AUTH_THROTTLED');
    expect(blocked.headers['retry-after']).toBe('900');
    // Same user from another address, and another user from the same address, are unaffected.
    expect((await login('agent', PASSWORDS.agent, '10.9.9.9')).statusCode).toBe(200);
    expect((await login('qa', PASSWORDS.qa)).statusCode).toBe(200);
    t.clock.advance(15 * 60_000 + 1);
    expect((await login('agent', PASSWORDS.agent)).statusCode).toBe(200);
  });

  describe('per address across usernames (a spray)', () => {
    // A small per-address limit: unknown usernames cost a full-price hash each.
    let sprayed: TestApp;
    beforeEach(async () => {
      sprayed = await makeTestApp({ addressThrottle: new LoginThrottle({ clock: new ManualClock(), maxFailures: 5 }) });
      await sprayed.seedRoles();
    });
    afterEach(() => sprayed.close());
    const at = (username: string, password: string, remoteAddress = '127.0.0.1') =>
      sprayed.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

    it('locks the spraying address, and only it', async () => {
      for (const u of ['admin', 'qa', 'agent', 'ghost-1', 'ghost-2']) expect((await at(u, 'Password123')).statusCode).toBe(401);
      const locked = await at('manager', PASSWORDS.manager);
      expect(locked.statusCode).toBe(429);
      expect(errorOf(locked).error).toBe('DIALER_ERR_AUTH_THROTTLED');
      expect((await at('manager', PASSWORDS.manager, '10.1.1.1')).statusCode).toBe(200);
    });

    it('a good account signing in does not wash out the spray count', async () => {
      for (const u of ['admin', 'qa', 'agent', 'ghost-1']) await at(u, 'Password123');
      expect((await at('qa', PASSWORDS.qa)).statusCode).toBe(200);
      expect((await at('ghost-2', 'Password123')).statusCode).toBe(401);
      expect((await at('agent', PASSWORDS.agent)).statusCode).toBe(429);
    });
  });

  it('the address limit defaults to 50 (settable: LOGIN_MAX_FAILURES_PER_ADDRESS)', () => {
    expect(loadConfig({ ARI_PASSWORD: 'x' }).LOGIN_MAX_FAILURES_PER_ADDRESS).toBe(50);
  });

  it('parallel guesses cannot overrun the limit while hashing is in flight', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => login('manager', 'bad-password-x')));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(10);
    expect(codes.filter((c) => c === 429)).toHaveLength(10);
  });

  it('signing in again from the same browser revokes the previous session', async () => {
    const first = await t.login('agent');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'agent', password: PASSWORDS.agent },
      cookies: { [SESSION_COOKIE]: first },
    });
    expect(again.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(first) })).statusCode).toBe(401);
  });

  it('a successful sign-in clears earlier failures', async () => {
    for (let i = 0; i < 9; i++) await login('agent', 'bad-password-x');
    expect((await login('agent', PASSWORDS.agent)).statusCode).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login('agent', 'bad-password-x')).statusCode).toBe(401);
    expect((await login('agent', PASSWORDS.agent)).statusCode).toBe(200);
  });
});

describe('sessions and tokens', () => {
  it('the session works as a cookie and as a bearer token', async () => {
    const token = await t.login('qa');
    const viaCookie = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: token } });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json()).toMatchObject({ user: { username: 'qa', role: 'qa' }, credential: { kind: 'session', via: 'cookie' } });
    const viaBearer = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(viaBearer.json()).toMatchObject({ credential: { kind: 'session', via: 'bearer' } });
  });

  it('an idle session expires after 12 h (sliding) and the stale cookie is cleared', async () => {
    const token = await t.login('agent');
    t.clock.advance(11 * HOUR);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    t.clock.advance(11 * HOUR);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    t.clock.advance(12 * HOUR + 1);
    const res = await t.app.inject({ url: '/api/auth/me', cookies: { [SESSION_COOKIE]: token } });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).error).toBe('DIALER_ERR_AUTH_REQUIRED');
    const cleared = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
  });

  it('logout revokes the session and clears the cookie; it is harmless without one', async () => {
    const token = await t.login('agent');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { [SESSION_COOKIE]: token } });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
  });

  it('disabling a user refuses their live session at once', async () => {
    const token = await t.login('agent');
    t.users.setDisabled(t.users.findByUsername('agent')!.id, true);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('refuses malformed Authorization headers and garbage tokens', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'Bearer nope']) {
      const res = await t.app.inject({ url: '/api/auth/me', headers: { authorization } });
      expect(res.statusCode, authorization).toBe(401);
    }
  });

  it('API tokens: created once from a session, listed without secrets, usable, revocable', async () => {
    const session = await t.login('manager');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: bearer(session),
      payload: { label: 'prometheus' },
    });
    expect(created.statusCode).toBe(201);
    const { token } = created.json() as { token: { id: number; token: string; kind: string; expiresAt: number } };
    expect(token).toMatchObject({ kind: 'api', label: 'prometheus', expiresAt: t.clock.now() + 90 * 24 * HOUR });

    const list = await t.app.inject({ url: '/api/auth/tokens', headers: bearer(session) });
    expect(list.body).not.toContain(token.token);
    expect((list.json() as { tokens: Array<{ id: number }> }).tokens.map((x) => x.id)).toContain(token.id);

    const me = await t.app.inject({ url: '/api/auth/me', headers: bearer(token.token) });
    expect(me.json()).toMatchObject({ user: { username: 'manager' }, credential: { kind: 'api' } });

    // An API token cannot mint more tokens.
    const minted = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer(token.token), payload: { label: 'x' } });
    expect(minted.statusCode).toBe(403);

    // Another non-admin cannot revoke it; the owner can.
    const qa = await t.login('qa');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${token.id}`, headers: bearer(qa) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${token.id}`, headers: bearer(session) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(token.token) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${token.id}`, headers: bearer(session) })).statusCode).toBe(404);
  });

  it('API tokens expire after 90 days by default, and signing out with one revokes it', async () => {
    const session = await t.login('manager');
    const created = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer(session), payload: { label: 'script' } });
    const { token } = created.json() as { token: { token: string; expiresAt: number } };
    expect(token.expiresAt).toBe(t.clock.now() + 90 * 24 * HOUR);
    t.clock.advance(90 * 24 * HOUR - 1);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(token.token) })).statusCode).toBe(200);
    t.clock.advance(1);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(token.token) })).statusCode).toBe(401);

    const other = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer(await t.login('manager')), payload: { label: 'cron' } });
    const cron = (other.json() as { token: { token: string } }).token.token;
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(cron) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(cron) })).statusCode).toBe(401);
  });

  it('API tokens with an expiry stop working after it', async () => {
    const session = await t.login('manager');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: bearer(session),
      payload: { label: 'short', expiresInDays: 1 },
    });
    const { token } = created.json() as { token: { token: string } };
    t.clock.advance(23 * HOUR);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(token.token) })).statusCode).toBe(200);
    t.clock.advance(HOUR);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(token.token) })).statusCode).toBe(401);
  });

  it('changing one\'s own password keeps this session and revokes the others', async () => {
    const here = await t.login('qa');
    const elsewhere = await t.login('qa');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(here),
      payload: { currentPassword: 'not-my-password', newPassword: 'brand-new-password' },
    });
    expect(wrong.statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(here),
      payload: { currentPassword: PASSWORDS.qa, newPassword: 'brand-new-password' },
    });
    expect(res.json()).toEqual({ ok: true, revokedTokens: 1 });
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(here) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(elsewhere) })).statusCode).toBe(401);
    await t.login('qa', 'brand-new-password');
  });
});

describe('behind a reverse proxy (HTTP_TRUST_PROXY)', () => {
  it('throttles the client the proxy names, not the proxy', async () => {
    const config = loadConfig({ ARI_PASSWORD: 'x', HTTP_TRUST_PROXY: '127.0.0.1', HTTP_COOKIE_SECURE: 'true' });
    const proxied = await makeTestApp({ trustProxy: config.HTTP_TRUST_PROXY, cookieSecure: config.HTTP_COOKIE_SECURE });
    try {
      await proxied.users.create({ username: 'agent', password: PASSWORDS.agent, role: 'agent' });
      const via = (client: string, password: string) =>
        proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent', password }, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });
      for (let i = 0; i < 10; i++) expect((await via('203.0.113.9', 'bad-password-x')).statusCode).toBe(401);
      expect((await via('203.0.113.9', PASSWORDS.agent)).statusCode).toBe(429);
      // The owner, elsewhere behind the same proxy, still signs in; the cookie is Secure.
      const ok = await via('198.51.100.7', PASSWORDS.agent);
      expect(ok.statusCode).toBe(200);
      expect(ok.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('the settings are validated', () => {
    expect(loadConfig({ ARI_PASSWORD: 'x' })).toMatchObject({ HTTP_TRUST_PROXY: false, HTTP_COOKIE_SECURE: false, API_TOKEN_TTL_DAYS: 90 });
    expect(loadConfig({ ARI_PASSWORD: 'x', HTTP_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).HTTP_TRUST_PROXY).toBe('10.0.0.0/8,127.0.0.1');
    expect(loadConfig({ ARI_PASSWORD: 'x', HTTP_TRUST_PROXY: 'true' }).HTTP_TRUST_PROXY).toBe(true);
    expect(() => loadConfig({ ARI_PASSWORD: 'x', HTTP_TRUST_PROXY: 'the proxy' })).toThrow(/HTTP_TRUST_PROXY/);
  });
});
