/**
 * Request validation with zod: each route parses its body, params and query through a
 * schema; a failure becomes `DIALER_ERR_REQUEST_INVALID` (400) naming the offending field.
 */
import { z } from 'zod';
import { Errors, type CodedError } from '../errors.js';

/** One line per zod issue: `where.field.path: message`. */
export function describeZodError(error: z.ZodError, where: string): string {
  return error.issues
    .map((issue) => `${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}

/** The request refused for a zod failure: the API's words, plus the fields and problems for the consoles. */
export function invalidRequest(error: z.ZodError, where: string): CodedError {
  const err: CodedError = new Errors.BadRequest(describeZodError(error, where));
  err.fields = error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), problem: issue.code }));
  return err;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(result.error, where);
  return result.data;
}

/** Parses a request body; throws Errors.BadRequest (400) naming the field on failure. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parse(schema, body, 'body');
}

/** Parses route params (e.g. `/:id`); throws Errors.BadRequest (400) on failure. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  return parse(schema, params, 'params');
}

/** Parses the query string; throws Errors.BadRequest (400) on failure. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  return parse(schema, query, 'query');
}

/** `{ id }` route params: a positive integer id. */
export const IdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
