/**
 * The OpenAPI 3.1 document, generated from the zod schemas each route validates with
 * (@fastify/swagger in dynamic mode, zod → JSON Schema by fastify-type-provider-zod), served
 * at `/openapi.json`, with Swagger UI at `/api/docs` (its assets come from the
 * @fastify/swagger-ui package: the page works with no internet access).
 *
 * Each operation also gets, from the route's own config: who may call it (`x-roles`, the
 * security schemes, a line in its description) and its error answers (the common ones, plus
 * any `config.errors` the route declares), all with the `{ error, message }` body.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Errors } from '../errors.js';

/** The description of a success answer whose shape the route does not declare yet. */
export const UNDECLARED_SUCCESS = 'Success (JSON; shape not yet declared in the route schema).';

/** The path of the machine-readable document. */
export const OPENAPI_PATH = '/openapi.json';
/** The interactive page. */
export const API_DOCS_PREFIX = '/api/docs';

/** A coded error class of src/errors.ts (what `config.errors` lists). */
type CodedErrorClass = { new (...args: never[]): Error & { code: string; statusCode?: number } };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Errors the route answers besides the common ones (documented in the OpenAPI document). */
    errors?: readonly CodedErrorClass[];
  }
  interface FastifyInstance {
    /** Every route registered after {@link installOpenApi} (what the document must cover). */
    registeredRoutes: readonly RegisteredRoute[];
  }
}

/** A registered route as the document check sees it. */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** `schema.hide`: deliberately left out of the document (console pages, the docs page itself). */
  hidden: boolean;
}

/** The body of every error answer. */
export const ErrorBodySchema = z
  .object({
    error: z.string().describe('a DIALER_ERR_<AREA>_<WHAT> code'),
    message: z.string().describe('what went wrong, in words for a person'),
    params: z.array(z.string()).optional().describe("the values in the message, in order, for a console to word it in the user's language"),
    fields: z
      .array(z.object({ field: z.string(), problem: z.string().describe("zod's issue code, e.g. too_big") }))
      .optional()
      .describe('a refused request: which fields, and what kind of problem'),
  })
  .meta({ id: 'Error' });

const ERROR_BODY_JSON = z.toJSONSchema(ErrorBodySchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
delete ERROR_BODY_JSON.$schema;
delete ERROR_BODY_JSON.id;

function codeOf(error: CodedErrorClass): { code: string; status: number } {
  const sample = new (error as unknown as new () => Error & { code: string; statusCode?: number })();
  return { code: sample.code, status: sample.statusCode ?? 500 };
}

/** The error answers of one route: status → the codes it may carry. */
function errorCodes(route: RouteOptions, schema: FastifySchema): Map<number, Set<string>> {
  const codes = new Map<number, Set<string>>();
  const add = (status: number, code: string) => {
    if (!codes.has(status)) codes.set(status, new Set());
    codes.get(status)!.add(code);
  };
  const config = route.config ?? {};
  if (schema.body || schema.querystring || schema.params) add(400, new Errors.BadRequest('x').code);
  if (!config.public) {
    add(401, new Errors.AuthRequired('x').code);
    add(403, new Errors.AuthForbidden('x', 'y').code);
  }
  if (schema.params) add(404, new Errors.NotFound('x', 'y').code);
  for (const error of config.errors ?? []) {
    const { code, status } = codeOf(error);
    add(status, code);
  }
  add(500, new Errors.Internal().code);
  return codes;
}

function rolesOf(route: RouteOptions): readonly string[] | 'public' {
  const config = route.config ?? {};
  if (config.public) return 'public';
  return [...(config.roles ?? []), 'admin'].filter((r, i, all) => all.indexOf(r) === i);
}

/** @fastify/swagger's per-route transform: zod → JSON Schema, then roles and error answers. */
const transform: Parameters<typeof swagger>[1] extends infer O ? (O extends { transform?: infer T } ? NonNullable<T> : never) : never = (input) => {
  const transformed = jsonSchemaTransform(input);
  const schema = (transformed.schema ?? {}) as Record<string, unknown>;
  const url = transformed.url;
  const route = input.route;
  const original = input.schema ?? {};
  if (schema.hide) return { schema, url };
  const out = { ...schema };
  const roles = rolesOf(route);
  out['x-roles'] = roles;
  out.security = roles === 'public' ? [] : [{ bearer: [] }, { session: [] }];
  const who = roles === 'public' ? 'No sign-in needed.' : `Roles: ${roles.join(', ')}.`;
  out.description = [out.description, who].filter(Boolean).join('\n\n');
  if (!out.tags) out.tags = [tagOf(url)];
  // Routes declare their success answers (test/http/openapi.test.ts holds them to it); one that
  // declares none shows an undeclared success, which that test reports. A route that declares
  // only error answers is one that exists to refuse (the test lists those, with the reason).
  const responses = { ...((out.response as Record<string, unknown>) ?? {}) };
  if (Object.keys(responses).length === 0) {
    responses['200'] = { description: UNDECLARED_SUCCESS, type: 'object' };
  }
  for (const [status, codes] of errorCodes(route, original)) {
    if (responses[String(status)]) continue;
    responses[String(status)] = { ...ERROR_BODY_JSON, description: `error: ${[...codes].join(', ')}` };
  }
  out.response = responses;
  return { schema: out, url };
};

/** The first path segment after /api (the OpenAPI tag a route is grouped under). */
function tagOf(url: string): string {
  const parts = url.split('/').filter(Boolean);
  return parts[0] === 'api' ? (parts[1] ?? 'api') : 'system';
}

/** Registers the document generator, `/openapi.json` and the `/api/docs` page. Call before the routes. */
export async function installOpenApi(app: FastifyInstance, info: { version: string }): Promise<void> {
  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (route) => {
    const hidden = Boolean((route.schema as { hide?: boolean } | undefined)?.hide);
    for (const method of [route.method].flat()) registered.push({ method, url: route.url, hidden });
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Outbound dialer API',
        version: info.version,
        description:
          'Every route needs the `dialer_session` cookie or `Authorization: Bearer <token>` unless it says it needs no sign-in. ' +
          'Errors answer `{ "error": "DIALER_ERR_…", "message": "…", "params"?: […], "fields"?: […] }` with the status shown. An API token with the `metrics` ' +
          'scope reads `/metrics` only.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A session token (POST /api/auth/login) or an API token (POST /api/auth/tokens).' },
          session: { type: 'apiKey', in: 'cookie', name: 'dialer_session', description: 'The browser session cookie set by POST /api/auth/login.' },
        },
      },
    },
    transform,
  });
  await app.register(async (docs) => {
    // The page and its assets need no sign-in; they carry no data.
    docs.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), public: true };
    });
    docs.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
    await docs.register(swaggerUi, {
      routePrefix: API_DOCS_PREFIX,
      staticCSP: true,
      uiConfig: { deepLinking: true },
    });
  });
}
