/**
 * The OpenAPI 3.1 document covers the whole service: every route registered on the real
 * service's app is in /openapi.json (or deliberately hidden: console pages, the docs page),
 * each operation says who may call it and its errors, request shapes come from the schemas the
 * route validates with, and /api/docs serves Swagger UI from the package (no CDN).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNDECLARED_SUCCESS } from '../../src/http/openapi.js';
import { startHarness, type Harness } from '../support/harness.js';

/** Routes whose success answers are not declared yet (issue 16: emptied; a new route declares its answers). */
const NOT_YET_DECLARED: string[] = [
];

/**
 * Routes that exist only to refuse, so they have no success answer to declare: each declares
 * its refusal instead. Why each one never succeeds:
 */
const REFUSE_ONLY: Record<string, string> = Object.fromEntries(
  ['/api/subscriptions', '/api/subscriptions/{id}', '/api/calls/{callId}/subscriptions'].flatMap((path) =>
    ['DELETE', 'PATCH', 'POST', 'PUT'].map((m) => [
      `${m} ${path}`,
      'subscriptions are created only by the system from a completed verification, never created or edited through the API (403, logged)',
    ]),
  ),
);

let h: Harness;
type Operation = {
  'x-roles': string[] | 'public';
  security: unknown[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
};
let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_PASSWORD: 'admin-password-1' } });
  const res = await h.service.http.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
}, 60_000);
afterAll(() => h?.stop());

/** fastify's `/api/x/:id` → OpenAPI's `/api/x/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('/openapi.json', () => {
  it('is OpenAPI 3.1 and lists every registered route', () => {
    expect(doc.openapi).toBe('3.1.0');
    const routes = h.service.http.registeredRoutes.filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(100);
    const missing = routes
      .filter((r) => !r.hidden)
      .filter((r) => !doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    // Only pages and the docs themselves may stay out; every /api route is documented.
    const hidden = routes.filter((r) => r.hidden).map((r) => r.url);
    expect(hidden.filter((u) => u.startsWith('/api/') && !u.startsWith('/api/docs'))).toEqual([]);
  });

  it('says who may call each operation and its error codes', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ path, m, op })));
    for (const { path, m, op } of ops) {
      const where = `${m} ${path}`;
      expect(op['x-roles'], where).toBeDefined();
      if (op['x-roles'] === 'public') expect(op.security, where).toEqual([]);
      else {
        expect(op['x-roles'], where).toContain('admin');
        expect(op.responses['401']?.description, where).toContain('DIALER_ERR_AUTH_REQUIRED');
        expect(op.responses['403']?.description, where).toContain('DIALER_ERR_AUTH_FORBIDDEN');
      }
      expect(op.responses['500']?.description, where).toContain('DIALER_ERR_INTERNAL');
      if (path.includes('{')) {
        const inPath = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        for (const name of path.match(/\{([^}]+)\}/g)!.map((s) => s.slice(1, -1))) expect(inPath, `${where} param ${name}`).toContain(name);
      }
    }
    const start = doc.paths['/api/campaigns/{id}/start']!.post!;
    expect(start['x-roles']).toEqual(['manager', 'admin']);
    expect(start.responses['409']?.description).toContain('DIALER_ERR_CAMPAIGN_NOT_RUNNABLE');
    expect(doc.paths['/health']!.get!['x-roles']).toBe('public');
  });

  it('documents request bodies from the validating schemas (POST /api/auth/tokens needs label)', () => {
    const body = doc.paths['/api/auth/tokens']!.post!.requestBody!.content['application/json']!.schema as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(body.properties).sort()).toEqual(['expiresInDays', 'label', 'scope']);
    expect(body.required).toEqual(['label']);
    expect(body.additionalProperties).toBe(false);
    const q = doc.paths['/api/calls']!.get!.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
    expect(q).toEqual(expect.arrayContaining(['campaignId', 'cursor', 'limit']));
  });

  it('documents the success answers of every route (the few not yet declared are listed here, and only those)', () => {
    const undeclared: string[] = [];
    const refused: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) {
        const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        const refuses = REFUSE_ONLY[`${m.toUpperCase()} ${path}`];
        if (refuses) {
          // No success to declare; its refusal is declared instead, with the error body.
          expect(successes, `${m} ${path}`).toEqual([]);
          expect(Object.keys(op.responses['403']?.content ?? {}), `${m} ${path}`).toEqual(['application/json']);
          refused.push(`${m.toUpperCase()} ${path}`);
          continue;
        }
        expect(successes.length, `${m} ${path}`).toBeGreaterThan(0);
        for (const [status, answer] of successes) {
          if (answer.description === UNDECLARED_SUCCESS) undeclared.push(`${m.toUpperCase()} ${path}`);
          else if (status !== '204') expect(Object.keys(answer.content ?? {}).length, `${m} ${path} ${status}`).toBeGreaterThan(0);
        }
      }
    }
    // A new route must declare its answers; declaring one of these takes it off the list.
    expect(undeclared.sort()).toEqual([...NOT_YET_DECLARED].sort());
    expect(refused.sort()).toEqual(Object.keys(REFUSE_ONLY).sort());
  });

  it('documents response shapes where routes declare them', () => {
    const login = doc.paths['/api/auth/login']!.post!.responses['200']!.content!['application/json']!.schema as { properties: Record<string, unknown> };
    expect(Object.keys(login.properties)).toEqual(expect.arrayContaining(['user', 'expiresAt']));
  });
});

describe('/api/docs', () => {
  it('serves Swagger UI and its assets from the service itself, without signing in', async () => {
    const page = await h.service.http.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    // Every script and stylesheet is relative: served by the service, nothing from a CDN.
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(2);
    expect(assets.filter((a) => /^(https?:)?\/\//.test(a))).toEqual([]);
    for (const asset of assets.filter((a) => /\.(js|css)$/.test(a))) {
      const res = await h.service.http.inject({ method: 'GET', url: new URL(asset, 'http://x/api/docs/').pathname });
      expect(res.statusCode, asset).toBe(200);
    }
    const bundle = await h.service.http.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(bundle.body.length).toBeGreaterThan(100_000);
    const json = await h.service.http.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.json()).toEqual(doc);
  });
});
