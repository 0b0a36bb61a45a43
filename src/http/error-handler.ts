/**
 * The one error handler and the not-found handler: every error leaves as
 * `{ error: <DIALER_ERR_ code>, message }` with the matching status, and nothing internal
 * (stack, SQL, paths) leaks out of an unexpected 500.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { Errors, isCodedError, type FieldProblem } from '../errors.js';
import { invalidRequest } from './validation.js';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: string;
  message: string;
  /** The values in the message, so a console can word the error in its user's language. */
  params?: string[];
  /** A refused body's fields and zod problem codes. */
  fields?: FieldProblem[];
}

interface Mapped {
  statusCode: number;
  body: ErrorBody;
}

function mapError(err: unknown): Mapped {
  if (isCodedError(err) && err.code.startsWith('DIALER_ERR_')) {
    const statusCode = validStatus(err.statusCode) ?? 500;
    const body: ErrorBody = { error: err.code, message: err.message };
    if (err.params?.length) body.params = err.params;
    if (err.fields?.length) body.fields = err.fields;
    return { statusCode, body };
  }
  if (!(err instanceof Error)) {
    const internal = new Errors.Internal();
    return { statusCode: 500, body: { error: internal.code, message: internal.message } };
  }
  if ((err as FastifyError).validation) {
    const e = new Errors.BadRequest(err.message);
    return { statusCode: 400, body: { error: e.code, message: e.message } };
  }
  if (err instanceof ZodError) {
    // A handler that called schema.parse() directly instead of parseBody().
    return mapError(invalidRequest(err, 'request'));
  }
  // Fastify's own client errors (bad JSON, body too large, wrong content type…) carry a
  // 4xx statusCode and a safe message; keep the status, give them one of our codes.
  const status = validStatus((err as FastifyError).statusCode);
  if (status !== undefined && status >= 400 && status < 500) {
    const e =
      status === 413
        ? new Errors.RequestTooLarge(err.message)
        : status === 415
          ? new Errors.UnsupportedMediaType(err.message)
          : new Errors.BadRequest(err.message);
    return { statusCode: status, body: { error: e.code, message: e.message } };
  }
  const internal = new Errors.Internal();
  return { statusCode: 500, body: { error: internal.code, message: internal.message } };
}

function validStatus(code: unknown): number | undefined {
  return typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599 ? code : undefined;
}

/** Installs the error and not-found handlers on the root instance. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const { statusCode, body } = mapError(err);
    if (statusCode >= 500) {
      request.log.error({ err, statusCode, code: body.error }, 'http: request failed');
    } else {
      request.log.info({ statusCode, code: body.error, reason: body.message }, 'http: request refused');
    }
    return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const e = new Errors.NotFound('route', `${request.method} ${request.url.split('?')[0]}`);
    return reply.code(404).send({ error: e.code, message: e.message } satisfies ErrorBody);
  });
}
