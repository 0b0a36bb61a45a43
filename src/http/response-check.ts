/**
 * The tests' guard against the API drifting from its document: with checking on, every JSON
 * answer of a route is compared with the response schema the route declares for that status
 * (the one the OpenAPI document shows). An answer that does not match — a field missing or of
 * another type, a field the schema does not declare, or a status the route declares no schema
 * for — fails the request (500, logged with the difference), so the test that made it fails.
 * In production answers are sent as they are.
 */
import type { FastifyInstance, FastifySchema, FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';

/** Paths of the fields in `sent` that parsing dropped (not in the schema), e.g. `calls[0].extra`. */
export function undeclaredFields(sent: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    return sent.flatMap((item, i) => undeclaredFields(item, parsed[i], `${path}[${i}]`));
  }
  if (sent === null || parsed === null || typeof sent !== 'object' || typeof parsed !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(sent)) {
    const at = path ? `${path}.${key}` : key;
    if (!Object.hasOwn(parsed, key)) out.push(at);
    else out.push(...undeclaredFields(value, (parsed as Record<string, unknown>)[key], at));
  }
  return out;
}

/** Why `data` (as the client receives it, after JSON) does not match `schema`, or null when it does. */
export function responseMismatch(schema: z.ZodType, data: unknown): string | null {
  const sent: unknown = data === undefined ? undefined : JSON.parse(JSON.stringify(data));
  const result = schema.safeParse(sent);
  if (!result.success) return z.prettifyError(result.error);
  const extra = undeclaredFields(sent, result.data);
  return extra.length > 0 ? `fields not in the schema: ${extra.join(', ')}` : null;
}

/**
 * Serializes a route's declared responses as JSON. With `check` (the tests) a body that does
 * not match the route's response schema fails the request, so a test that calls it finds the drift.
 */
export function responseSerializer(check: boolean): FastifySerializerCompiler<z.ZodType | Record<string, unknown>> {
  return ({ schema, method, url }) =>
    (data: unknown) => {
      if (check && schema instanceof z.ZodType) {
        const problem = responseMismatch(schema, data);
        if (problem) throw new Error(`response of ${method} ${url} does not match its schema: ${problem}`);
      }
      return JSON.stringify(data);
    };
}

/** The schema a route declares for `status` (exact, `2xx`-style, or `default`). */
function declaredFor(schema: FastifySchema | undefined, status: number): unknown {
  const responses = (schema?.response ?? {}) as Record<string, unknown>;
  return responses[String(status)] ?? responses[`${Math.floor(status / 100)}xx`] ?? responses.default;
}

/** With `check`, a route answering a success with a status it declares no schema for fails the request. */
export function installResponseCheck(app: FastifyInstance, check: boolean): void {
  if (!check) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.is404 || reply.statusCode >= 400 || payload === undefined || payload === null || payload === '') return payload;
    const schema = request.routeOptions.schema as (FastifySchema & { hide?: boolean }) | undefined;
    if (schema?.hide) return payload;
    // A route that declares no answers at all is the document test's to report (it lists them).
    if (schema?.response === undefined) return payload;
    if (declaredFor(schema, reply.statusCode) === undefined) {
      throw new Error(`response of ${request.method} ${request.routeOptions.url} has no declared schema for status ${reply.statusCode}`);
    }
    return payload;
  });
}
