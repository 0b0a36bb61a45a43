/**
 * The HTTP shell: a fastify instance with cookies, authentication (fail-closed roles),
 * one error handler, /health, /metrics, the auth and user routes, then whatever route
 * modules the composition root passes in.
 */
import cookie from '@fastify/cookie';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { Logger } from 'pino';
import { LoginThrottle } from '../auth/login-throttle.js';
import { TokenStore } from '../auth/tokens.js';
import { UserStore } from '../auth/users.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { installAuth } from './auth.js';
import { installErrorHandlers } from './error-handler.js';
import { installOpenApi } from './openapi.js';
import { installResponseCheck, responseSerializer } from './response-check.js';
import { authRoutes } from './routes/auth-routes.js';
import { systemRoutes, type HealthReport } from './routes/system-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { zodValidatorCompiler, type ZodApiTypeProvider } from './validation.js';

export type { HealthCheck, HealthReport } from './routes/system-routes.js';

/**
 * The instance route modules register on: route schemas are zod, and a handler's
 * `request.params/query/body` are what those schemas parsed.
 */
export type ApiInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  RawReplyDefaultExpression<RawServerDefault>,
  FastifyBaseLogger,
  ZodApiTypeProvider
>;

/** A route module: registers its routes on the (encapsulated) instance it is given. */
export type RouteModule = (app: ApiInstance) => Promise<void> | void;

/** What {@link buildHttpApp} needs. */
export interface HttpAppDeps {
  db: Db;
  clock: Clock;
  /** A pino logger (used as is), fastify logger options, or nothing/false for silence. */
  logger?: Logger | FastifyServerOptions['logger'];
  /** The service's health probe; its `detail` strings are never sent to clients. */
  health: () => Promise<HealthReport>;
  /** Prometheus text exposition, produced elsewhere. */
  metrics: () => Promise<string>;
  /** More route modules, registered after auth is set up; each must declare `config.roles` per route. */
  routes?: RouteModule[];
  /** Mark the session cookie `Secure` (when served over HTTPS). Default false. */
  cookieSecure?: boolean;
  /** Reuse the composition root's stores; built from db and clock when absent. */
  users?: UserStore;
  tokens?: TokenStore;
  /** Failed-login throttle; default 10 failures per username+IP per 15 min. */
  loginThrottle?: LoginThrottle;
  /** Failed-login throttle per client address across usernames; default 50 per 15 min. */
  addressThrottle?: LoginThrottle;
  /** API tokens expire after this many days unless created with fewer. Default 90. */
  apiTokenTtlDays?: number;
  /** Fastify's trustProxy, so request.ip (login throttling, logs) is the client behind a reverse proxy. Default false. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** CENTRE_TIME_ZONE, sent to the consoles with /api/auth/me. Default Asia/Shanghai. */
  centreTimeZone?: string;
  /** Largest accepted request body, bytes. Default 1 MiB (list uploads go through multipart with its own limits). */
  bodyLimit?: number;
  /** Fail a request whose answer does not match its route's declared response schema (tests). Default false. */
  validateResponses?: boolean;
  /** The service's version, shown in the OpenAPI document. */
  version?: string;
}

function isPinoLogger(value: unknown): value is Logger {
  return typeof value === 'object' && value !== null && typeof (value as Logger).child === 'function';
}

// Routes polled by machines: their request lines go to debug, not info.
const QUIET_ROUTES = new Set(['/health', '/metrics']);

/** Builds the fastify app (not listening). The caller calls `listen` and `close`. */
export async function buildHttpApp(deps: HttpAppDeps): Promise<FastifyInstance> {
  const cookieSecure = deps.cookieSecure ?? false;
  const loggerOptions: Partial<FastifyServerOptions> = isPinoLogger(deps.logger)
    ? { loggerInstance: deps.logger }
    : { logger: deps.logger ?? false };
  const app = Fastify({
    ...loggerOptions,
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    trustProxy: deps.trustProxy ?? false,
    // Fastify's own request lines log the full URL; ours log the route template instead, so
    // customer numbers in paths or query strings stay out of the logs (requirements §6).
    logController: new LogController({ disableRequestLogging: true }),
  }) as unknown as FastifyInstance;

  const users = deps.users ?? new UserStore({ db: deps.db, clock: deps.clock, ...(isPinoLogger(deps.logger) ? { logger: deps.logger } : {}) });
  const tokens = deps.tokens ?? new TokenStore({ db: deps.db, clock: deps.clock });
  const throttle = deps.loginThrottle ?? new LoginThrottle({ clock: deps.clock });
  const addressThrottle = deps.addressThrottle ?? new LoginThrottle({ clock: deps.clock, maxFailures: 50 });

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(responseSerializer(deps.validateResponses ?? false));
  installResponseCheck(app, deps.validateResponses ?? false);
  installErrorHandlers(app);
  await app.register(cookie);
  installAuth(app, { tokens, cookieSecure });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    // API answers carry personal data; no shared or browser cache should keep them.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.is404 ? '(not found)' : (request.routeOptions.url ?? '(unknown)');
    const line = {
      method: request.method,
      route,
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      userId: request.user?.id,
    };
    if (QUIET_ROUTES.has(route)) request.log.debug(line, 'http: request');
    else request.log.info(line, 'http: request');
  });

  await installOpenApi(app, { version: deps.version ?? '0.0.0' });
  const api = app.withTypeProvider<ZodApiTypeProvider>();
  for (const routes of [
    systemRoutes({ health: deps.health, metrics: deps.metrics }),
    authRoutes({ users, tokens, throttle, addressThrottle, clock: deps.clock, cookieSecure, apiTokenTtlDays: deps.apiTokenTtlDays ?? 90, centreTimeZone: deps.centreTimeZone ?? 'Asia/Shanghai' }),
    userRoutes({ users, tokens }),
    ...(deps.routes ?? []),
  ]) {
    await api.register(async (child) => {
      await routes(child);
    });
  }
  return app;
}
