/**
 * Sign-in, sign-out, "who am I", own password, and API tokens.
 *
 * - `POST /api/auth/login` {username, password} → sets the session cookie, returns {user, token, expiresAt}
 * - `POST /api/auth/logout` → revokes the credential used (session or API token) and clears the cookie
 * - `GET /api/auth/me` → {user, credential, centre: {timeZone}} (the consoles show every time in the centre's zone)
 * - `PUT /api/auth/me/locale` {locale: 'zh-CN' | 'en'} → {user}: the user's own choice of console language
 * - `POST /api/auth/password` {currentPassword, newPassword} → other sessions and tokens revoked
 * - `GET /api/auth/tokens`, `POST /api/auth/tokens` {label, expiresInDays?, scope?: full|metrics}, `DELETE /api/auth/tokens/:id`
 */
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import { LoginThrottle } from '../../auth/login-throttle.js';
import type { TokenStore } from '../../auth/tokens.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type UserStore } from '../../auth/users.js';
import type { Clock } from '../../clock.js';
import { AUTH_TOKEN_KINDS, AUTH_TOKEN_SCOPES, USER_LOCALES, USER_ROLES } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import { ANY_ROLE, clearSessionCookie, requireUser, setSessionCookie } from '../auth.js';
import { IdParams } from '../validation.js';

/** Options of {@link authRoutes}. */
export interface AuthRoutesOptions {
  users: UserStore;
  tokens: TokenStore;
  /** Failures per username + client address. */
  throttle: LoginThrottle;
  /** Failures per client address across usernames (a higher limit: many people share a NAT). */
  addressThrottle: LoginThrottle;
  clock: Clock;
  cookieSecure: boolean;
  /** API tokens expire after this many days unless created with fewer. */
  apiTokenTtlDays: number;
  /** CENTRE_TIME_ZONE, told to the consoles so no browser's own zone decides a time or a day. */
  centreTimeZone: string;
}

const LocaleBody = z.strictObject({ locale: z.enum(USER_LOCALES) });

const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  /** The browser consoles: the session only in the httpOnly cookie, never readable by the page's scripts. */
  cookieOnly: z.boolean().optional(),
});

const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
});

const CreateTokenBody = z.strictObject({
  label: z.string().trim().min(1).max(100),
  /** Absent: the service's API_TOKEN_TTL_DAYS (default 90); revocable any time before. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  /** `metrics`: the token reads GET /metrics and nothing else (for Prometheus). Default `full`. */
  scope: z.enum(AUTH_TOKEN_SCOPES).default('full'),
});

/** A user as the API shows it (never the password hash). */
export const UserView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  disabled: z.boolean(),
  createdAt: z.number().describe('ms since the epoch'),
  locale: z.enum(USER_LOCALES).describe("the consoles' language for this user"),
});

const LoginAnswer = z.object({
  user: UserView,
  token: z.string().optional().describe('the session token, for `Authorization: Bearer`; absent with cookieOnly'),
  expiresAt: z.number().nullable().describe('when the session ends unless used (ms since the epoch)'),
});

const TokenInfoView = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  kind: z.enum(AUTH_TOKEN_KINDS),
  label: z.string(),
  scope: z.enum(AUTH_TOKEN_SCOPES),
  createdAt: z.number(),
  expiresAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});

const Ok = z.object({ ok: z.boolean() });
const PasswordChanged = z.object({ ok: z.boolean(), revokedTokens: z.number().int().describe('sessions and tokens signed out') });
export { PasswordChanged };

const MeAnswer = z.object({
  user: UserView,
  credential: z.object({ kind: z.enum(AUTH_TOKEN_KINDS).optional(), via: z.enum(['cookie', 'bearer']).optional() }),
  centre: z.object({ timeZone: z.string().describe('CENTRE_TIME_ZONE: the zone every time and day is shown in') }),
});

const IssuedTokenView = z.object({
  id: z.number().int(),
  token: z.string().describe('the bearer secret: shown once, only its hash is kept'),
  kind: z.enum(AUTH_TOKEN_KINDS),
  label: z.string(),
  scope: z.enum(AUTH_TOKEN_SCOPES),
  createdAt: z.number(),
  expiresAt: z.number().nullable(),
});

const DAY = 24 * 60 * 60 * 1000;

/** Registers the /api/auth routes. */
export function authRoutes(options: AuthRoutesOptions) {
  const { users, tokens, throttle, addressThrottle, clock, cookieSecure, centreTimeZone } = options;

  return async function register(app: ApiInstance): Promise<void> {
    app.post('/api/auth/login', { config: { public: true, errors: [Errors.AuthBadCredentials, Errors.AuthThrottled] }, schema: { body: LoginBody, response: { 200: LoginAnswer } } }, async (request, reply) => {
      const body = request.body;
      const key = LoginThrottle.key(body.username, request.ip);
      const addressKey = LoginThrottle.addressKey(request.ip);
      for (const [k, t, what] of [[key, throttle, 'user and address'], [addressKey, addressThrottle, 'address']] as const) {
        const verdict = t.check(k);
        if (verdict.allowed) continue;
        const seconds = Math.ceil(verdict.retryAfterMs / 1000);
        request.log.warn({ username: body.username, ip: request.ip, lockedBy: what }, 'auth: sign-in throttled');
        reply.header('retry-after', String(seconds));
        throw new Errors.AuthThrottled(seconds);
      }
      // Count the attempt as a failure before the (slow) check and forgive it on success, so
      // parallel guesses cannot all slip past check() while the first ones are still hashing.
      throttle.recordFailure(key);
      addressThrottle.recordFailure(addressKey);
      const user = await users.verifyCredentials(body.username, body.password);
      if (!user) {
        request.log.info({ username: body.username, ip: request.ip }, 'auth: sign-in failed');
        throw new Errors.AuthBadCredentials();
      }
      throttle.reset(key);
      // Only this attempt is forgiven: one good account must not wash out a spray from the same address.
      addressThrottle.forgiveLast(addressKey);
      // Signing in again from a browser replaces its session rather than leaving the old one live.
      if (request.credential?.kind === 'session' && request.credential.via === 'cookie') tokens.revoke(request.credential.tokenId);
      const session = tokens.issueSession(user.id);
      setSessionCookie(reply, session.token, cookieSecure);
      request.log.info({ userId: user.id, username: user.username, ip: request.ip }, 'auth: signed in');
      if (body.cookieOnly) return { user, expiresAt: session.expiresAt };
      return { user, token: session.token, expiresAt: session.expiresAt };
    });

    app.post('/api/auth/logout', { config: { public: true }, schema: { response: { 200: Ok } } }, async (request, reply) => {
      const credential = request.credential;
      // Signing out ends the credential used, an API token included (a script's "log out").
      if (credential) {
        tokens.revoke(credential.tokenId);
        request.log.info({ userId: request.user?.id, kind: credential.kind, tokenId: credential.tokenId }, 'auth: signed out');
      }
      clearSessionCookie(reply, cookieSecure);
      return { ok: true };
    });

    app.get('/api/auth/me', { config: { roles: ANY_ROLE }, schema: { response: { 200: MeAnswer } } }, async (request) => {
      const me = requireUser(request);
      const user = users.findById(me.id);
      if (!user) throw new Errors.AuthRequired('account no longer exists');
      return { user, credential: { kind: request.credential?.kind, via: request.credential?.via }, centre: { timeZone: centreTimeZone } };
    });

    app.put('/api/auth/me/locale', { config: { roles: ANY_ROLE }, schema: { body: LocaleBody, response: { 200: z.object({ user: UserView }) } } }, async (request) => {
      const me = requireUser(request);
      const { locale } = request.body;
      return { user: users.changeLocale(me.id, locale) };
    });

    app.post('/api/auth/password', { config: { roles: ANY_ROLE, errors: [Errors.AuthBadCredentials] }, schema: { body: ChangePasswordBody, response: { 200: PasswordChanged } } }, async (request) => {
      const me = requireUser(request);
      const body = request.body;
      const ok = await users.verifyCredentials(me.username, body.currentPassword);
      if (!ok) throw new Errors.AuthBadCredentials();
      await users.changePassword(me.id, body.newPassword);
      // Everything else signed in as this user goes; the session in use stays.
      const current = request.credential?.tokenId;
      let revoked = 0;
      for (const t of tokens.listForUser(me.id)) {
        if (t.revokedAt === null && t.id !== current && tokens.revoke(t.id)) revoked += 1;
      }
      request.log.info({ userId: me.id, revoked }, 'auth: password changed');
      return { ok: true, revokedTokens: revoked };
    });

    app.get('/api/auth/tokens', { config: { roles: ANY_ROLE }, schema: { response: { 200: z.object({ tokens: z.array(TokenInfoView) }) } } }, async (request) => {
      const me = requireUser(request);
      return { tokens: tokens.listForUser(me.id).filter((t) => t.revokedAt === null) };
    });

    app.post('/api/auth/tokens', { config: { roles: ANY_ROLE }, schema: { body: CreateTokenBody, response: { 201: z.object({ token: IssuedTokenView }) } } }, async (request, reply) => {
      const me = requireUser(request);
      // A leaked API token must not be able to mint more of itself.
      if (request.credential?.kind !== 'session') {
        throw new Errors.AuthForbidden(me.role, 'create API tokens with an API token (sign in first)');
      }
      const body = request.body;
      const expiresAt = clock.now() + (body.expiresInDays ?? options.apiTokenTtlDays) * DAY;
      if (body.scope === 'metrics' && me.role !== 'manager' && me.role !== 'admin') {
        throw new Errors.AuthForbidden(me.role, 'create a metrics token (GET /metrics is for managers and admins)');
      }
      const issued = tokens.issueApiToken(me.id, { label: body.label, expiresAt, scope: body.scope });
      request.log.info({ userId: me.id, tokenId: issued.id, label: issued.label }, 'auth: API token created');
      return reply.code(201).send({ token: issued });
    });

    app.delete('/api/auth/tokens/:id', { config: { roles: ANY_ROLE }, schema: { params: IdParams, response: { 200: Ok } } }, async (request) => {
      const me = requireUser(request);
      const { id } = request.params;
      const token = tokens.find(id);
      // Someone else's token looks the same as a missing one, except to an admin.
      if (!token || token.revokedAt !== null || (token.userId !== me.id && me.role !== 'admin')) {
        throw new Errors.NotFound('token', String(id));
      }
      tokens.revoke(id);
      request.log.info({ userId: me.id, tokenId: id, ownerId: token.userId }, 'auth: token revoked');
      return { ok: true };
    });
  };
}
