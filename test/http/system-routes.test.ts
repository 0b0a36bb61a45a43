import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, errorOf, makeTestApp, type TestApp } from './support.js';

let t: TestApp;

beforeEach(async () => {
  t = await makeTestApp();
  await t.seedRoles();
});
afterEach(() => t.close());

describe('GET /health', () => {
  it('is public and 200 when ok', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { ari: { ok: true }, redis: { ok: true }, db: { ok: true } } });
  });

  it('is 200 when degraded and 503 when down, and never sends the details', async () => {
    t.health.report = {
      status: 'degraded',
      checks: { ari: { ok: true }, redis: { ok: false, detail: 'redis://:hunter2@10.0.0.5:6379 ECONNREFUSED' }, db: { ok: true } },
    };
    const degraded = await t.app.inject({ url: '/health' });
    expect(degraded.statusCode).toBe(200);
    expect(degraded.json()).toEqual({ status: 'degraded', checks: { ari: { ok: true }, redis: { ok: false }, db: { ok: true } } });
    expect(degraded.body).not.toContain('hunter2');

    t.health.report = {
      status: 'down',
      checks: { ari: { ok: false, detail: 'ws closed' }, redis: { ok: true }, db: { ok: true } },
    };
    const down = await t.app.inject({ url: '/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'down', checks: { ari: { ok: false } } });
    expect(down.body).not.toContain('ws closed');
  });

  it('is 503 down when the probe itself throws', async () => {
    t.health.report = new Error('probe exploded with secret');
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'down' });
    expect(res.body).not.toContain('secret');
  });
});

describe('GET /metrics', () => {
  it('requires authentication', async () => {
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).error).toBe('DIALER_ERR_AUTH_REQUIRED');
  });

  it('refuses agents and QA', async () => {
    const agent = await t.login('agent');
    expect((await t.app.inject({ url: '/metrics', headers: bearer(agent) })).statusCode).toBe(403);
  });

  it('serves the injected text to a manager\'s API token (as Prometheus would scrape)', async () => {
    const session = await t.login('manager');
    const created = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer(session), payload: { label: 'prometheus' } });
    const { token } = created.json() as { token: { token: string } };
    const res = await t.app.inject({ url: '/metrics', headers: bearer(token.token) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.body).toBe('# HELP dialer_up 1 when up\n# TYPE dialer_up gauge\ndialer_up 1\n');
  });
});
