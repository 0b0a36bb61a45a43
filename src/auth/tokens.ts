/**
 * Session and API bearer tokens. A token is 32 random bytes (base64url) handed out once;
 * the database keeps only its sha256, so a leaked database does not leak usable tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { authTokens, users, type AuthTokenScope, type UserLocale, type UserRole } from '../db/schema.js';

/** Who a request acts as: what route handlers read from `request.user`. */
export interface AuthUser {
  id: number;
  username: string;
  role: UserRole;
  /** The language of the consoles' pages for this user. */
  locale: UserLocale;
}

export type TokenKind = (typeof authTokens.$inferSelect)['kind'];

/** A token just issued: the only time its plain text is available. */
export interface IssuedToken {
  id: number;
  /** The bearer secret. Shown once; only its sha256 is stored. */
  token: string;
  kind: TokenKind;
  label: string;
  scope: AuthTokenScope;
  createdAt: number;
  expiresAt: number | null;
}

/** A token as listed to its owner: never the secret nor its hash. */
export interface TokenInfo {
  id: number;
  userId: number;
  kind: TokenKind;
  label: string;
  scope: AuthTokenScope;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** A successful {@link TokenStore.verify}. */
export interface VerifiedToken {
  user: AuthUser;
  tokenId: number;
  kind: TokenKind;
  scope: AuthTokenScope;
}

/** Options of {@link TokenStore}. */
export interface TokenStoreOptions {
  db: Db;
  clock: Clock;
  /** Idle time after which a session ends; each use extends it. Default 12 h. */
  sessionTtlMs?: number;
  /** Uses closer together than this do not rewrite lastUsedAt/expiry (saves a write per request). Default 60 s. */
  touchIntervalMs?: number;
}

const HOUR = 60 * 60 * 1000;
/** Default idle lifetime of a browser session. */
export const DEFAULT_SESSION_TTL_MS = 12 * HOUR;
const TOKEN_BYTES = 32;
// 32 bytes in base64url without padding is exactly 43 characters.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** sha256 (hex) of a token: the form stored and looked up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function toInfo(row: typeof authTokens.$inferSelect): TokenInfo {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    label: row.label,
    scope: row.scope,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** Issues, verifies and revokes session and API tokens. */
export class TokenStore {
  private readonly db: Db;
  private readonly clock: Clock;
  /** Idle lifetime of sessions, in ms. */
  readonly sessionTtlMs: number;
  private readonly touchIntervalMs: number;

  constructor(options: TokenStoreOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.sessionTtlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
    this.touchIntervalMs = options.touchIntervalMs ?? 60_000;
    if (!(this.sessionTtlMs > 0)) throw new RangeError('sessionTtlMs must be positive');
    if (!(this.touchIntervalMs >= 0) || this.touchIntervalMs >= this.sessionTtlMs) {
      throw new RangeError('touchIntervalMs must be ≥ 0 and shorter than sessionTtlMs');
    }
  }

  /** Starts a browser session for a user: expires after {@link sessionTtlMs} without use. */
  issueSession(userId: number, label = 'session'): IssuedToken {
    const now = this.clock.now();
    return this.insert(userId, 'session', label, now + this.sessionTtlMs);
  }

  /**
   * Creates a long-lived API token (for scripts, Prometheus…).
   * @param expiresAt epoch ms, or null/absent for no expiry.
   */
  issueApiToken(userId: number, options: { label: string; expiresAt?: number | null; scope?: AuthTokenScope }): IssuedToken {
    const expiresAt = options.expiresAt ?? null;
    if (expiresAt !== null && expiresAt <= this.clock.now()) throw new RangeError('expiresAt is in the past');
    return this.insert(userId, 'api', options.label, expiresAt, options.scope ?? 'full');
  }

  /**
   * Resolves a presented token to its user. Null when unknown, malformed, expired, revoked,
   * or when the user is disabled. A session's expiry slides forward with each use.
   */
  verify(token: string): VerifiedToken | null {
    if (!TOKEN_PATTERN.test(token)) return null;
    const row = this.db
      .select({
        id: authTokens.id,
        kind: authTokens.kind,
        scope: authTokens.scope,
        expiresAt: authTokens.expiresAt,
        lastUsedAt: authTokens.lastUsedAt,
        createdAt: authTokens.createdAt,
        revokedAt: authTokens.revokedAt,
        userId: users.id,
        username: users.username,
        role: users.role,
        locale: users.locale,
        disabled: users.disabled,
      })
      .from(authTokens)
      .innerJoin(users, eq(users.id, authTokens.userId))
      .where(eq(authTokens.tokenHash, hashToken(token)))
      .get();
    if (!row || row.revokedAt !== null || row.disabled) return null;
    const now = this.clock.now();
    if (row.expiresAt !== null && row.expiresAt <= now) return null;
    if (now - (row.lastUsedAt ?? row.createdAt) >= this.touchIntervalMs || row.lastUsedAt === null) {
      const expiresAt = row.kind === 'session' ? now + this.sessionTtlMs : row.expiresAt;
      this.db.update(authTokens).set({ lastUsedAt: now, expiresAt }).where(eq(authTokens.id, row.id)).run();
    }
    return { user: { id: row.userId, username: row.username, role: row.role, locale: row.locale }, tokenId: row.id, kind: row.kind, scope: row.scope };
  }

  /**
   * Revokes one token. With `userId`, only if it belongs to that user.
   * @returns false when there is no such (live) token.
   */
  revoke(tokenId: number, options: { userId?: number } = {}): boolean {
    const where = and(
      eq(authTokens.id, tokenId),
      isNull(authTokens.revokedAt),
      options.userId === undefined ? undefined : eq(authTokens.userId, options.userId),
    );
    const res = this.db.update(authTokens).set({ revokedAt: this.clock.now() }).where(where).run();
    return res.changes > 0;
  }

  /** Revokes every live token of a user, optionally of one kind only. Returns how many. */
  revokeAllForUser(userId: number, kind?: TokenKind): number {
    const where = and(
      eq(authTokens.userId, userId),
      isNull(authTokens.revokedAt),
      kind === undefined ? undefined : eq(authTokens.kind, kind),
    );
    return this.db.update(authTokens).set({ revokedAt: this.clock.now() }).where(where).run().changes;
  }

  /** The user's tokens, newest first (secrets are never available again). */
  listForUser(userId: number): TokenInfo[] {
    return this.db
      .select()
      .from(authTokens)
      .where(eq(authTokens.userId, userId))
      .orderBy(desc(authTokens.createdAt), desc(authTokens.id))
      .all()
      .map(toInfo);
  }

  /**
   * Whether a token still signs its user in (not revoked or expired, user not disabled),
   * without sliding its expiry: for long-lived requests such as event streams to re-check.
   */
  isLive(tokenId: number): boolean {
    const row = this.db
      .select({ expiresAt: authTokens.expiresAt, revokedAt: authTokens.revokedAt, disabled: users.disabled })
      .from(authTokens)
      .innerJoin(users, eq(users.id, authTokens.userId))
      .where(eq(authTokens.id, tokenId))
      .get();
    if (!row || row.revokedAt !== null || row.disabled) return false;
    return row.expiresAt === null || row.expiresAt > this.clock.now();
  }

  /** One token's information, or undefined. */
  find(tokenId: number): TokenInfo | undefined {
    const row = this.db.select().from(authTokens).where(eq(authTokens.id, tokenId)).get();
    return row ? toInfo(row) : undefined;
  }

  /** Housekeeping: deletes tokens expired or revoked before `before` (epoch ms). Returns how many. */
  purge(before: number): number {
    return this.db
      .delete(authTokens)
      .where(or(lt(authTokens.expiresAt, before), lt(authTokens.revokedAt, before)))
      .run().changes;
  }

  private insert(userId: number, kind: TokenKind, label: string, expiresAt: number | null, scope: AuthTokenScope = 'full'): IssuedToken {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const createdAt = this.clock.now();
    const row = this.db
      .insert(authTokens)
      .values({ tokenHash: hashToken(token), userId, kind, label: label.trim(), scope, createdAt, expiresAt })
      .returning({ id: authTokens.id })
      .get();
    return { id: row.id, token, kind, label: label.trim(), scope, createdAt, expiresAt };
  }
}
