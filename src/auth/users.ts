/**
 * Staff accounts (agents, managers, QA reviewers, admins) over drizzle. Passwords are kept
 * only as scrypt hashes and are never logged or returned.
 */
import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { USER_ROLES, users, type UserLocale, type UserRole } from '../db/schema.js';
import { Errors } from '../errors.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './password.js';

/** A user as the rest of the service sees it: never the password hash. */
export interface PublicUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  disabled: boolean;
  createdAt: number;
  /** The consoles' language for this user. */
  locale: UserLocale;
}

/** Options of {@link UserStore}. */
export interface UserStoreOptions {
  db: Db;
  clock: Clock;
  /** Where first-admin warnings go; silent when absent. */
  logger?: Logger;
  /** scrypt cost for new hashes; defaults to {@link DEFAULT_SCRYPT_PARAMS}. */
  passwordParams?: ScryptParams;
}

/** Input of {@link UserStore.create}. */
export interface NewUser {
  username: string;
  password: string;
  role: UserRole;
  displayName?: string;
  /** Defaults to Simplified Chinese. */
  locale?: UserLocale;
}

/** What {@link UserStore.ensureFirstAdmin} did. */
export type FirstAdminOutcome = 'created' | 'admin-exists' | 'no-password' | 'username-taken';

/** Minimum staff password length. */
export const MIN_PASSWORD_LENGTH = 10;
/** Upper bound, so a request cannot make us hash megabytes. */
export const MAX_PASSWORD_LENGTH = 256;
/** 2–64 characters: lower-case letters, digits, `.`, `_`, `-`; starts with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Usernames are case-insensitive: stored and looked up trimmed and lower-cased. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Problem with a username, or null when it is acceptable (after normalisation). */
export function usernameProblem(username: string): string | null {
  const u = normalizeUsername(username);
  if (!USERNAME_PATTERN.test(u)) {
    return 'username: 2–64 characters, letters, digits, ".", "_" or "-", starting with a letter or digit';
  }
  return null;
}

/** Problem with a staff password, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `password: at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `password: at most ${MAX_PASSWORD_LENGTH} characters`;
  if (username !== undefined && password.trim().toLowerCase() === normalizeUsername(username)) {
    return 'password: must not be the username';
  }
  return null;
}

type UserRow = typeof users.$inferSelect;

function toPublic(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.createdAt,
    locale: row.locale,
  };
}

/** A hash of a random string, verified against when the username is unknown so that
 *  a wrong username costs the same time as a wrong password. */
let dummyHash: Promise<string> | undefined;

/** Staff accounts: create, find, list, disable, change password or role. */
export class UserStore {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;
  private readonly params: ScryptParams;

  constructor(options: UserStoreOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.logger = options.logger;
    this.params = options.passwordParams ?? DEFAULT_SCRYPT_PARAMS;
  }

  /**
   * Creates a user. Throws `DIALER_ERR_REQUEST_INVALID` (bad username or password) or
   * `DIALER_ERR_USER_EXISTS`.
   */
  async create(input: NewUser): Promise<PublicUser> {
    const username = normalizeUsername(input.username);
    const problem = usernameProblem(username) ?? passwordProblem(input.password, username);
    if (problem) throw new Errors.BadRequest(problem);
    if (!USER_ROLES.includes(input.role)) throw new Errors.BadRequest(`role: one of ${USER_ROLES.join(', ')}`);
    if (this.findRow(username)) throw new Errors.UserExists(username);
    const passwordHash = await hashPassword(input.password, this.params);
    try {
      const row = this.db
        .insert(users)
        .values({
          username,
          displayName: (input.displayName ?? '').trim(),
          passwordHash,
          role: input.role,
          createdAt: this.clock.now(),
          ...(input.locale ? { locale: input.locale } : {}),
        })
        .returning()
        .get();
      return toPublic(row);
    } catch (err) {
      // Lost a race with another create of the same name between the check and the insert.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new Errors.UserExists(username, { cause: err });
      }
      throw err;
    }
  }

  /** The user with this id, or undefined. */
  findById(id: number): PublicUser | undefined {
    const row = this.db.select().from(users).where(eq(users.id, id)).get();
    return row ? toPublic(row) : undefined;
  }

  /** The user with this username (case-insensitive), or undefined. */
  findByUsername(username: string): PublicUser | undefined {
    const row = this.findRow(normalizeUsername(username));
    return row ? toPublic(row) : undefined;
  }

  /** Every user, by username. */
  list(): PublicUser[] {
    return this.db.select().from(users).orderBy(asc(users.username)).all().map(toPublic);
  }

  /**
   * Checks a username and password. Returns the user, or null when the username is unknown,
   * the password is wrong or the account is disabled — the caller cannot tell which, on
   * purpose. Re-hashes with the current parameters when the stored hash is weaker.
   */
  async verifyCredentials(username: string, password: string): Promise<PublicUser | null> {
    const row = this.findRow(normalizeUsername(username));
    if (!row) {
      dummyHash ??= hashPassword(`dummy-${Math.random()}`, DEFAULT_SCRYPT_PARAMS);
      await verifyPassword(password, await dummyHash);
      return null;
    }
    const ok = await verifyPassword(password, row.passwordHash);
    if (!ok || row.disabled) return null;
    if (needsRehash(row.passwordHash, this.params)) {
      const passwordHash = await hashPassword(password, this.params);
      this.db.update(users).set({ passwordHash }).where(eq(users.id, row.id)).run();
    }
    return toPublic(row);
  }

  /** Disables or re-enables a user. Refuses to disable the last active admin. */
  setDisabled(id: number, disabled: boolean): PublicUser {
    const row = this.requireRow(id);
    if (disabled && row.role === 'admin' && !row.disabled && this.activeAdminsOtherThan(id) === 0) {
      throw new Errors.UserLastAdmin('disable');
    }
    return toPublic(this.db.update(users).set({ disabled }).where(eq(users.id, id)).returning().get()!);
  }

  /** Changes a user's role. Refuses to demote the last active admin. */
  changeRole(id: number, role: UserRole): PublicUser {
    if (!USER_ROLES.includes(role)) throw new Errors.BadRequest(`role: one of ${USER_ROLES.join(', ')}`);
    const row = this.requireRow(id);
    if (row.role === 'admin' && role !== 'admin' && !row.disabled && this.activeAdminsOtherThan(id) === 0) {
      throw new Errors.UserLastAdmin('demote');
    }
    return toPublic(this.db.update(users).set({ role }).where(eq(users.id, id)).returning().get()!);
  }

  /** Changes a user's display name. */
  changeDisplayName(id: number, displayName: string): PublicUser {
    this.requireRow(id);
    return toPublic(
      this.db.update(users).set({ displayName: displayName.trim() }).where(eq(users.id, id)).returning().get()!,
    );
  }

  /** Sets the language the consoles speak to this user. */
  changeLocale(id: number, locale: UserLocale): PublicUser {
    this.requireRow(id);
    return toPublic(this.db.update(users).set({ locale }).where(eq(users.id, id)).returning().get()!);
  }

  /**
   * Applies several changes at once, all or nothing (e.g. a role change and a disable in
   * one request, where the second may be refused).
   */
  update(id: number, changes: { role?: UserRole; disabled?: boolean; displayName?: string }): PublicUser {
    return this.db.transaction(() => {
      let user = this.findById(id);
      if (!user) throw new Errors.NotFound('user', String(id));
      if (changes.displayName !== undefined) user = this.changeDisplayName(id, changes.displayName);
      if (changes.role !== undefined) user = this.changeRole(id, changes.role);
      if (changes.disabled !== undefined) user = this.setDisabled(id, changes.disabled);
      return user;
    });
  }

  /** Sets a new password (same rules as at creation). Sessions are the caller's to revoke. */
  async changePassword(id: number, password: string): Promise<void> {
    const row = this.requireRow(id);
    const problem = passwordProblem(password, row.username);
    if (problem) throw new Errors.BadRequest(problem);
    const passwordHash = await hashPassword(password, this.params);
    this.db.update(users).set({ passwordHash }).where(eq(users.id, id)).run();
  }

  /**
   * Makes sure someone can administer the service on first start. When no active admin
   * exists: creates `username` as admin if a password is given; otherwise logs a warning
   * (the service still starts, but nobody can sign in until ADMIN_PASSWORD is set).
   * Idempotent: once an admin exists it does nothing.
   */
  async ensureFirstAdmin(first: { username: string; password?: string | undefined }): Promise<FirstAdminOutcome> {
    const admins = this.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
      .get();
    if ((admins?.n ?? 0) > 0) return 'admin-exists';
    if (!first.password) {
      this.logger?.warn(
        { username: normalizeUsername(first.username) },
        'auth: no admin account exists and ADMIN_PASSWORD is not set; nobody can sign in to administer the service until it is set and the service restarted',
      );
      return 'no-password';
    }
    if (this.findRow(normalizeUsername(first.username))) {
      this.logger?.error(
        { username: normalizeUsername(first.username) },
        'auth: no active admin exists, but ADMIN_USERNAME is taken by a non-admin or disabled account; choose another ADMIN_USERNAME',
      );
      return 'username-taken';
    }
    const user = await this.create({ username: first.username, password: first.password, role: 'admin', displayName: 'Administrator' });
    this.logger?.info({ userId: user.id, username: user.username }, 'auth: first admin account created');
    return 'created';
  }

  private findRow(normalizedUsername: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.username, normalizedUsername)).get();
  }

  private requireRow(id: number): UserRow {
    const row = this.db.select().from(users).where(eq(users.id, id)).get();
    if (!row) throw new Errors.NotFound('user', String(id));
    return row;
  }

  private activeAdminsOtherThan(id: number): number {
    const r = this.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, id)))
      .get();
    return r?.n ?? 0;
  }
}
