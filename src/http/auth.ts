/**
 * Authentication and role checks for every route, failing closed.
 *
 * A request authenticates with the `dialer_session` cookie or `Authorization: Bearer <token>`.
 * Each route declares who may call it in its config:
 *
 * ```ts
 * app.get('/api/campaigns', { config: { roles: ['manager'] } }, async (request) => {
 *   const user = requireUser(request); // { id, username, role }
 * });
 * app.get('/login.html', { config: { public: true } }, handler); // no sign-in needed
 * ```
 *
 * `admin` passes every roles list. A route that declares neither `roles` nor `public` is
 * refused to everyone, admin included (and a warning is logged when it is registered), so a
 * forgotten declaration shows up as a 403 in the first test rather than as an open door.
 */
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { USER_ROLES, type AuthTokenScope, type UserRole } from '../db/schema.js';
import { Errors } from '../errors.js';
import type { AuthUser, TokenKind, TokenStore } from '../auth/tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles that may call the route; `admin` is always allowed. Required unless `public`. */
    roles?: readonly UserRole[];
    /** The route needs no sign-in (request.user is still set when valid credentials come along). */
    public?: boolean;
    /** Token scopes besides `full` that may call the route (e.g. `metrics` on /metrics). */
    scopes?: readonly AuthTokenScope[];
  }
  interface FastifyRequest {
    /** The signed-in user, or null on a public route called anonymously. Use {@link requireUser}. */
    user: AuthUser | null;
    /** How the request authenticated, or null. */
    credential: RequestCredential | null;
    /** Whether the request's credential still signs its user in (a long-lived stream re-checks); null when anonymous. */
    stillSignedIn: (() => boolean) | null;
  }
}

/** The token behind an authenticated request. */
export interface RequestCredential {
  tokenId: number;
  kind: TokenKind;
  scope: AuthTokenScope;
  via: 'cookie' | 'bearer';
}

/** Name of the browser session cookie. */
export const SESSION_COOKIE = 'dialer_session';

/** Every role: for routes any signed-in user may call (`{ config: { roles: ANY_ROLE } }`). */
export const ANY_ROLE: readonly UserRole[] = USER_ROLES;

/** Options of {@link installAuth}. */
export interface AuthOptions {
  tokens: TokenStore;
  /** Mark the session cookie `Secure` (serve over HTTPS). */
  cookieSecure: boolean;
}

/** The signed-in user of a request; throws 401 when there is none (public routes only). */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new Errors.AuthRequired('sign in first');
  return request.user;
}

function cookieOptions(secure: boolean) {
  // No maxAge: a browser-session cookie. The server-side sliding expiry is the real limit,
  // and closing the browser on a shared call-centre PC ends the session there.
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure };
}

/** Sets the session cookie on a reply. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(secure));
}

/** Clears the session cookie on a reply. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

type Presented = { token: string; via: 'cookie' | 'bearer' } | { malformed: true } | null;

function presentedToken(request: FastifyRequest): Presented {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(header);
    return match ? { token: match[1]!, via: 'bearer' } : { malformed: true };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

function describeRoute(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url}`;
}

/**
 * Installs the authentication hook on `app` (not encapsulated: it covers every route,
 * including those of plugins registered afterwards) and the request decorations.
 * Needs @fastify/cookie registered first.
 */
export function installAuth(app: FastifyInstance, options: AuthOptions): void {
  const { tokens, cookieSecure } = options;
  app.decorateRequest('user', null);
  app.decorateRequest('credential', null);
  app.decorateRequest('stillSignedIn', null);

  // Checked once the app is ready: a plugin's own onRoute hook may still mark its routes public
  // after this one has seen them (the OpenAPI page's assets do).
  const declared: { method: unknown; url: string; options: { config?: FastifyContextConfig } }[] = [];
  app.addHook('onRoute', (route) => {
    declared.push({ method: route.method, url: route.url, options: route });
  });
  app.addHook('onReady', async () => {
    for (const route of declared) {
      const config = route.options.config ?? {};
      if (!config.public && !config.roles) {
        app.log.warn(
          { method: route.method, url: route.url },
          'auth: route declares neither config.roles nor config.public; every request to it will be refused',
        );
      }
    }
  });

  // onRequest runs before the body is read, so an anonymous client cannot make us parse it.
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config ?? {};
    const isPublic = config.public === true && !request.is404;
    const presented = presentedToken(request);

    if (presented && !('malformed' in presented)) {
      const verified = tokens.verify(presented.token);
      if (verified) {
        request.user = verified.user;
        request.credential = { tokenId: verified.tokenId, kind: verified.kind, scope: verified.scope, via: presented.via };
        request.stillSignedIn = () => tokens.isLive(verified.tokenId);
      } else if (presented.via === 'cookie') {
        // Stale cookie: tell the browser to drop it.
        clearSessionCookie(reply, cookieSecure);
      }
    }
    if (isPublic) return;

    if (!request.user) {
      if (presented === null) throw new Errors.AuthRequired('no session cookie or bearer token');
      if ('malformed' in presented) throw new Errors.AuthRequired('Authorization header must be "Bearer <token>"');
      throw new Errors.AuthRequired('session or token expired, revoked or unknown');
    }
    // Unknown route for a signed-in user: let the not-found handler answer 404.
    if (request.is404) return;

    const roles = config.roles;
    if (!roles) {
      request.log.error({ route: describeRoute(request) }, 'auth: refused a request to a route that declares no roles');
      throw new Errors.AuthForbidden(request.user.role, `${describeRoute(request)} (the route declares no roles)`);
    }
    if (request.user.role !== 'admin' && !roles.includes(request.user.role)) {
      throw new Errors.AuthForbidden(request.user.role, describeRoute(request));
    }
    // A scoped token (a Prometheus scraper's) reaches only the routes that name its scope.
    const scope = request.credential?.scope ?? 'full';
    if (scope !== 'full' && !(config.scopes ?? []).includes(scope)) {
      throw new Errors.AuthForbidden(`${request.user.role} (token scope ${scope})`, describeRoute(request));
    }
  });
}
