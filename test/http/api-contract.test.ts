/**
 * The API's contract in practice: validation messages in the API's words (naming the field,
 * listing what is accepted), answers checked against their declared response schema in tests,
 * and the `metrics` token scope that reads /metrics and nothing else.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiInstance } from '../../src/http/app.js';
import { bearer, errorOf, makeTestApp, type TestApp } from './support.js';

let t: TestApp;
afterEach(() => t.close());

describe('validation messages', () => {
  beforeEach(async () => {
    t = await makeTestApp();
    await t.seedRoles();
  });

  it('name the field and say what is accepted, never zod\'s wording', async () => {
    const session = await t.login('manager');
    const wrongName = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer(session), payload: { name: 'grafana' } });
    expect(wrongName.statusCode).toBe(400);
    expect(errorOf(wrongName)).toEqual({
      error: 'DIALER_ERR_REQUEST_INVALID',
      message: 'invalid request: body.label: required; body: unknown field "name" (accepted: label, expiresInDays, scope)',
    });
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer(session), payload: { label: '', expiresInDays: 1.5, scope: 'everything' } });
    expect(errorOf(bad).message).toBe(
      'invalid request: body.label: must not be empty; body.expiresInDays: must be a whole number; body.scope: must be one of "full", "metrics"',
    );
    expect(errorOf(bad).message).not.toMatch(/Invalid|expected|received|Unrecognized/);
    const badId = await t.app.inject({ method: 'DELETE', url: '/api/auth/tokens/abc', headers: bearer(session) });
    expect(errorOf(badId).message).toBe('invalid request: params.id: must be a number');
  });
});

describe('response schemas in tests', () => {
  const Answer = z.object({ id: z.number(), name: z.string() });
  async function drifting(app: ApiInstance): Promise<void> {
    app.get('/api/t/right', { config: { roles: ['agent'] }, schema: { response: { 200: Answer } } }, async () => ({ id: 1, name: 'ok' }));
    // A handler whose answer drifted from its declared schema (cast past the compiler, as a refactor might).
    app.get('/api/t/drifted', { config: { roles: ['agent'] }, schema: { response: { 200: Answer } } }, async () => ({ id: 'one' }) as unknown as z.infer<typeof Answer>);
    // A field the schema does not declare (the document would not show it).
    app.get('/api/t/extra', { config: { roles: ['agent'] }, schema: { response: { 200: z.object({ items: z.array(Answer) }) } } }, async () => ({
      items: [{ id: 1, name: 'ok', secret: 'x' } as z.infer<typeof Answer>],
    }));
    // A status the route declares no answer for.
    app.post('/api/t/created', { config: { roles: ['agent'] }, schema: { response: { 200: Answer } } }, async (_request, reply) => {
      // (the compiler refuses an undeclared status too; a cast is how one slips past it)
      (reply as unknown as { code(status: number): unknown }).code(201);
      return { id: 1, name: 'ok' };
    });
  }

  it('an answer that does not match its schema fails the request when validating (tests), not in production', async () => {
    t = await makeTestApp({ routes: [drifting] });
    await t.seedRoles();
    const agent = await t.login('agent');
    expect((await t.app.inject({ url: '/api/t/right', headers: bearer(agent) })).json()).toEqual({ id: 1, name: 'ok' });
    const drifted = await t.app.inject({ url: '/api/t/drifted', headers: bearer(agent) });
    expect(drifted.statusCode).toBe(500);
    expect(t.lines.some((l) => /does not match its schema/.test(JSON.stringify(l)))).toBe(true);
    const extra = await t.app.inject({ url: '/api/t/extra', headers: bearer(agent) });
    expect(extra.statusCode).toBe(500);
    expect(t.lines.some((l) => /fields not in the schema: items\[0\]\.secret/.test(JSON.stringify(l)))).toBe(true);
    const created = await t.app.inject({ method: 'POST', url: '/api/t/created', headers: bearer(agent) });
    expect(created.statusCode).toBe(500);
    expect(t.lines.some((l) => /has no declared schema for status 201/.test(JSON.stringify(l)))).toBe(true);
    await t.close();

    t = await makeTestApp({ routes: [drifting], validateResponses: false });
    await t.seedRoles();
    const again = await t.login('agent');
    expect((await t.app.inject({ url: '/api/t/drifted', headers: bearer(again) })).json()).toEqual({ id: 'one' });
  });
});

describe('the metrics token scope', () => {
  beforeEach(async () => {
    t = await makeTestApp();
    await t.seedRoles();
  });

  it('reads /metrics and nothing else', async () => {
    const session = await t.login('manager');
    const created = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer(session), payload: { label: 'prometheus', scope: 'metrics' } });
    expect(created.statusCode).toBe(201);
    const { token, scope } = (created.json() as { token: { token: string; scope: string } }).token;
    expect(scope).toBe('metrics');
    const metrics = await t.app.inject({ url: '/metrics', headers: bearer(token) });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('dialer_up 1');
    for (const url of ['/api/auth/me', '/api/auth/tokens']) {
      const res = await t.app.inject({ url, headers: bearer(token) });
      expect(res.statusCode, url).toBe(403);
      expect(errorOf(res).message, url).toContain('token scope metrics');
    }
    // A full token of the same manager still reaches the rest.
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(session) })).statusCode).toBe(200);
  });

  it('is only for roles that may read /metrics', async () => {
    const agent = await t.login('agent');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer(agent), payload: { label: 'x', scope: 'metrics' } });
    expect(res.statusCode).toBe(403);
  });
});
