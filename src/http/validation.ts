/**
 * Request validation with zod. Each route declares its `params`, `querystring` and `body`
 * schemas in its fastify `schema`; {@link zodValidatorCompiler} validates with them (the same
 * schemas the OpenAPI document is generated from) and a failure becomes
 * `DIALER_ERR_REQUEST_INVALID` (400) naming each field in the API's words
 * (`body.label: required`), never the validator's ("Invalid input: expected string…").
 */
import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';
import { Errors, type CodedError } from '../errors.js';

/** Fastify type provider: a handler's `request.body` (etc.) is the output of the route's zod schema. */
export interface ZodApiTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
  null: 'null',
};

function sizeWords(origin: string, n: number | bigint): string {
  if (origin === 'string') return `${n} character${n === 1 ? '' : 's'}`;
  if (origin === 'array' || origin === 'set') return `${n} item${n === 1 ? '' : 's'}`;
  if (origin === 'file') return `${n} bytes`;
  return String(n);
}

function listValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
}

/**
 * The API's wording of one zod issue (without the field name). Messages a schema sets itself
 * (`.refine(…, 'message')`, `.min(1, 'message')`) take precedence over this (zod's rule).
 */
export function apiIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const bound = sizeWords(issue.origin, issue.minimum as number);
      if (issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
      if (issue.origin === 'array' && issue.minimum === 1) return 'must have at least one item';
      return issue.inclusive === false ? `must be more than ${bound}` : `must be at least ${bound}`;
    }
    case 'too_big': {
      const bound = sizeWords(issue.origin, issue.maximum as number);
      return issue.inclusive === false ? `must be less than ${bound}` : `must be at most ${bound}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${listValues(issue.values)}` : `must be one of ${listValues(issue.values)}`;
    case 'invalid_format':
      if (issue.format === 'regex') return 'is not in the expected format';
      return `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${listValues(issue.keys)}`;
    case 'invalid_key':
      return 'has a key that is not allowed';
    case 'invalid_element':
      return 'has an entry that is not allowed';
    case 'invalid_union':
      return 'does not match any accepted form';
    default:
      return 'is not valid';
  }
}

// Every zod schema in the service speaks the API's words unless it says its own.
z.config({ customError: (issue) => apiIssueMessage(issue) });

/** The field names an object schema accepts at `path` (best effort, for "unknown field" messages). */
function fieldsAt(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string[] | null {
  let current: unknown = schema;
  for (const key of [...path, null]) {
    // Unwrap optional/default/nullable/pipe wrappers to reach the object underneath.
    for (let i = 0; i < 8 && current instanceof z.ZodType && !(current instanceof z.ZodObject); i += 1) {
      const def = (current as z.ZodType).def as { innerType?: unknown; in?: unknown };
      current = def.innerType ?? def.in;
    }
    if (!(current instanceof z.ZodObject)) return null;
    if (key === null) return Object.keys(current.shape);
    current = current.shape[String(key)];
  }
  return null;
}

/** One line per zod issue: `where.field.path: message` (unknown fields also list the accepted ones). */
export function describeZodError(error: z.ZodError, where: string, schema?: z.ZodType): string {
  return error.issues
    .map((issue) => {
      const field = [where, ...issue.path.map(String)].join('.');
      let line = `${field}: ${issue.message}`;
      if (issue.code === 'unrecognized_keys') {
        const fields = fieldsAt(schema, issue.path);
        if (fields && fields.length > 0) line += ` (accepted: ${fields.join(', ')})`;
      }
      return line;
    })
    .join('; ');
}

// Fastify's name of each request part → the name a client knows it by.
const PART_NAMES: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** The request refused for a zod failure: the API's words, plus the fields and problems for the consoles. */
export function invalidRequest(error: z.ZodError, where: string, schema?: z.ZodType): CodedError {
  const err: CodedError = new Errors.BadRequest(describeZodError(error, where, schema));
  err.fields = error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), problem: issue.code }));
  return err;
}

/**
 * Fastify validator compiler for route schemas written in zod: parses (coerces, trims,
 * defaults) the request part and hands the handler the parsed value; a failure is a
 * `DIALER_ERR_REQUEST_INVALID` naming the fields.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const where = PART_NAMES[httpPart ?? 'body'] ?? String(httpPart);
  return (data: unknown) => {
    // Fastify hands a missing body over as null; zod's defaults and optionals expect undefined.
    const input = httpPart === 'body' && data === null ? undefined : data;
    const result = schema.safeParse(input);
    if (result.success) return { value: result.data };
    return { error: invalidRequest(result.error, where, schema) };
  };
};

/** `{ id }` route params: a positive integer id. */
export const IdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
