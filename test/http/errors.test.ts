import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Errors } from '../../src/errors.js';
import { bearer, errorOf, makeTestApp, type TestApp } from './support.js';

const Body = z.object({ name: z.string().min(1), size: z.number().int().positive() });

async function failingRoutes(app: FastifyInstance): Promise<void> {
  const roles = ['agent'] as const;
  app.post('/api/t/conflict', { config: { roles } }, async () => {
    throw new Errors.Conflict('campaign 7 is already running');
  });
  app.post('/api/t/validate', { config: { roles }, schema: { body: Body } }, async (request) => request.body);
  app.post('/api/t/zod-direct', { config: { roles } }, async (request) => Body.parse(request.body));
  app.get('/api/t/boom', { config: { roles } }, async () => {
    throw new Error('SQLITE_ERROR: no such table: secret_stuff at /srv/dialer/db.ts:42');
  });
  app.get('/api/t/ari-down', { config: { roles } }, async () => {
    throw new Errors.AriUnavailable('connection refused');
  });
  app.get('/api/t/throw-string', { config: { roles } }, async () => {
    throw 'not an error object';
  });
}

let t: TestApp;
let agent: string;

beforeEach(async () => {
  t = await makeTestApp({ routes: [failingRoutes], bodyLimit: 1024 });
  await t.seedRoles();
  agent = await t.login('agent');
});
afterEach(() => t.close());

describe('error handler', () => {
  it('coded errors keep their status and code (409), logged at info', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/t/conflict', headers: bearer(agent) });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: 'DIALER_ERR_CONFLICT', message: 'campaign 7 is already running', params: ['campaign 7 is already running'] });
    const line = t.lines.find((l) => l.code === 'DIALER_ERR_CONFLICT');
    expect(line?.level).toBe(30);
  });

  it('route schema failures are 400 naming the field in the API\'s words', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/t/validate', headers: bearer(agent), payload: { name: 'x', size: -1 } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error).toBe('DIALER_ERR_REQUEST_INVALID');
    expect(errorOf(res).message).toBe('invalid request: body.size: must be more than 0');
    const ok = await t.app.inject({ method: 'POST', url: '/api/t/validate', headers: bearer(agent), payload: { name: 'x', size: 2 } });
    expect(ok.json()).toEqual({ name: 'x', size: 2 });
    const missing = await t.app.inject({ method: 'POST', url: '/api/t/validate', headers: bearer(agent) });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).message).toBe('invalid request: body: required');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/t/validate', headers: bearer(agent), payload: { size: 'big' } });
    expect(errorOf(wrong).message).toBe('invalid request: body.name: required; body.size: must be a number');
  });

  it('coded errors send the values of their message, so the consoles can word them (without the cause)', async () => {
    const err = new Errors.CampaignBadTransition(7, 'start', 'it has no list', { cause: new Error('inner') });
    expect(err.message).toBe('campaign 7 cannot start: it has no list');
    expect(err).toBeInstanceOf(Errors.CampaignBadTransition);
    expect((err as { params?: string[] }).params).toEqual(['7', 'start', 'it has no list']);
    const res = await t.app.inject({ method: 'GET', url: '/api/t/ari-down', headers: bearer(agent) });
    expect(res.json()).toMatchObject({ error: 'DIALER_ERR_ARI_UNAVAILABLE', params: ['connection refused'] });
  });

  it('a refused body names its fields and zod problem codes apart from the message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/t/validate', headers: bearer(agent), payload: { size: -1 } });
    expect(res.json().fields).toEqual([
      { field: 'name', problem: 'invalid_type' },
      { field: 'size', problem: 'too_small' },
    ]);
  });

  it('a ZodError thrown directly is also a 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/t/zod-direct', headers: bearer(agent), payload: { name: '' } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toMatch(/request\.name/);
  });

  it('fastify\'s own client errors get our codes: bad JSON 400, too large 413, wrong type 415', async () => {
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/t/validate',
      headers: { ...bearer(agent), 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(errorOf(badJson).error).toBe('DIALER_ERR_REQUEST_INVALID');
    const large = await t.app.inject({ method: 'POST', url: '/api/t/validate', headers: bearer(agent), payload: { name: 'x'.repeat(2000), size: 1 } });
    expect(large.statusCode).toBe(413);
    expect(errorOf(large).error).toBe('DIALER_ERR_REQUEST_TOO_LARGE');
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/t/validate',
      headers: { ...bearer(agent), 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(errorOf(xml).error).toBe('DIALER_ERR_REQUEST_UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown errors are a bare 500 without message details or stack, logged at error with the err', async () => {
    const res = await t.app.inject({ url: '/api/t/boom', headers: bearer(agent) });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'DIALER_ERR_INTERNAL', message: 'internal error' });
    expect(res.body).not.toMatch(/SQLITE|secret_stuff|\/srv|stack/);
    const line = t.lines.find((l) => l.level === 50 && l.msg === 'http: request failed');
    expect((line?.err as { message?: string } | undefined)?.message).toMatch(/secret_stuff/);
    expect((line?.err as { stack?: string } | undefined)?.stack).toBeDefined();
  });

  it('coded 5xx errors keep their code, logged at error', async () => {
    const res = await t.app.inject({ url: '/api/t/ari-down', headers: bearer(agent) });
    expect(res.statusCode).toBe(503);
    expect(errorOf(res).error).toBe('DIALER_ERR_ARI_UNAVAILABLE');
    expect(t.lines.find((l) => l.code === 'DIALER_ERR_ARI_UNAVAILABLE')?.level).toBe(50);
  });

  it('a thrown non-Error is a 500 too', async () => {
    const res = await t.app.inject({ url: '/api/t/throw-string', headers: bearer(agent) });
    expect(res.statusCode).toBe(500);
    expect(errorOf(res).error).toBe('DIALER_ERR_INTERNAL');
  });
});
