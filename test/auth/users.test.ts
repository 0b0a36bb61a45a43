import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { UserStore } from '../../src/auth/users.js';
import { parsePasswordHash } from '../../src/auth/password.js';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import { users as usersTable } from '../../src/db/schema.js';
import { hasCode } from '../../src/errors.js';
import { FAST_SCRYPT, ManualClock, capturedLogger } from '../http/support.js';

let db: OpenDatabaseResult;
let clock: ManualClock;

beforeEach(() => {
  db = openDatabase(':memory:');
  clock = new ManualClock();
});
afterEach(() => db.close());

function store(extra: Partial<ConstructorParameters<typeof UserStore>[0]> = {}) {
  return new UserStore({ db: db.db, clock, passwordParams: FAST_SCRYPT, ...extra });
}

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
}

describe('UserStore', () => {
  it('creates users with normalised usernames and never exposes the hash', async () => {
    const s = store();
    const u = await s.create({ username: '  Zhang.San ', password: 'long-enough-pw', role: 'agent', displayName: ' 张三 ' });
    expect(u).toEqual({ id: u.id, username: 'zhang.san', displayName: '张三', role: 'agent', disabled: false, createdAt: clock.now(), locale: 'zh-CN' });
    expect(s.findByUsername('ZHANG.SAN')?.id).toBe(u.id);
    expect(s.findById(u.id)?.username).toBe('zhang.san');
    expect(Object.keys(s.list()[0]!)).not.toContain('passwordHash');
    const row = db.db.select().from(usersTable).where(eq(usersTable.id, u.id)).get()!;
    expect(parsePasswordHash(row.passwordHash)).not.toBeNull();
    expect(row.passwordHash).not.toContain('long-enough-pw');
  });

  it('enforces username and password rules and uniqueness', async () => {
    const s = store();
    expect(await codeOf(s.create({ username: 'a', password: 'long-enough-pw', role: 'agent' }))).toBe('DIALER_ERR_REQUEST_INVALID');
    expect(await codeOf(s.create({ username: 'has space', password: 'long-enough-pw', role: 'agent' }))).toBe('DIALER_ERR_REQUEST_INVALID');
    expect(await codeOf(s.create({ username: 'li.si', password: 'short', role: 'agent' }))).toBe('DIALER_ERR_REQUEST_INVALID');
    expect(await codeOf(s.create({ username: 'li.si.12345', password: 'LI.SI.12345', role: 'agent' }))).toBe('DIALER_ERR_REQUEST_INVALID');
    await s.create({ username: 'li.si', password: 'long-enough-pw', role: 'agent' });
    expect(await codeOf(s.create({ username: 'LI.SI', password: 'long-enough-pw', role: 'qa' }))).toBe('DIALER_ERR_USER_EXISTS');
  });

  it('verifies credentials; unknown user, wrong password and disabled account all give null', async () => {
    const s = store();
    const u = await s.create({ username: 'wang', password: 'wang-password', role: 'manager' });
    expect((await s.verifyCredentials('WANG', 'wang-password'))?.id).toBe(u.id);
    expect(await s.verifyCredentials('wang', 'wrong-password')).toBeNull();
    expect(await s.verifyCredentials('nobody', 'wang-password')).toBeNull();
    s.setDisabled(u.id, true);
    expect(await s.verifyCredentials('wang', 'wang-password')).toBeNull();
  });

  it('re-hashes with stronger parameters on a good login', async () => {
    const weak = store();
    const u = await weak.create({ username: 'zhao', password: 'zhao-password', role: 'qa' });
    const stronger = store({ passwordParams: { N: 2 ** 11, r: 8, p: 1 } });
    expect(await stronger.verifyCredentials('zhao', 'zhao-password')).not.toBeNull();
    const row = db.db.select().from(usersTable).where(eq(usersTable.id, u.id)).get()!;
    expect(parsePasswordHash(row.passwordHash)?.N).toBe(2 ** 11);
    expect(await stronger.verifyCredentials('zhao', 'zhao-password')).not.toBeNull();
  });

  it('changes password and role, and protects the last active admin', async () => {
    const s = store();
    const admin = await s.create({ username: 'root', password: 'root-password', role: 'admin' });
    await s.changePassword(admin.id, 'new-root-password');
    expect(await s.verifyCredentials('root', 'root-password')).toBeNull();
    expect(await s.verifyCredentials('root', 'new-root-password')).not.toBeNull();
    expect(await codeOf(s.changePassword(admin.id, 'short'))).toBe('DIALER_ERR_REQUEST_INVALID');

    expect(await codeOf(() => s.changeRole(admin.id, 'manager'))).toBe('DIALER_ERR_USER_LAST_ADMIN');
    expect(await codeOf(() => s.setDisabled(admin.id, true))).toBe('DIALER_ERR_USER_LAST_ADMIN');
    const second = await s.create({ username: 'root2', password: 'root2-password', role: 'admin' });
    expect(s.changeRole(admin.id, 'manager').role).toBe('manager');
    expect(await codeOf(() => s.setDisabled(second.id, true))).toBe('DIALER_ERR_USER_LAST_ADMIN');
    expect(await codeOf(() => s.changeRole(999, 'qa'))).toBe('DIALER_ERR_NOT_FOUND');
  });

  it('update() is all or nothing', async () => {
    const s = store();
    const admin = await s.create({ username: 'only-admin', password: 'admin-password', role: 'admin' });
    // The display name change would succeed, the disable is refused: neither happens.
    const err = await codeOf(() => s.update(admin.id, { displayName: 'Boss', disabled: true }));
    expect(err).toBe('DIALER_ERR_USER_LAST_ADMIN');
    expect(s.findById(admin.id)).toMatchObject({ displayName: '', disabled: false });
    expect(s.update(admin.id, { displayName: 'Boss' }).displayName).toBe('Boss');
  });

  describe('ensureFirstAdmin', () => {
    it('creates the admin once and is idempotent afterwards', async () => {
      const { logger, lines } = capturedLogger();
      const s = store({ logger });
      expect(await s.ensureFirstAdmin({ username: 'Admin', password: 'first-admin-pw' })).toBe('created');
      expect(await s.ensureFirstAdmin({ username: 'Admin', password: 'first-admin-pw' })).toBe('admin-exists');
      expect(await s.ensureFirstAdmin({ username: 'other', password: 'other-admin-pw' })).toBe('admin-exists');
      expect(s.list().filter((u) => u.role === 'admin').map((u) => u.username)).toEqual(['admin']);
      expect(await s.verifyCredentials('admin', 'first-admin-pw')).not.toBeNull();
      expect(JSON.stringify(lines)).not.toContain('first-admin-pw');
    });

    it('creates nobody and warns clearly when no password is configured', async () => {
      const { logger, lines } = capturedLogger();
      const s = store({ logger });
      expect(await s.ensureFirstAdmin({ username: 'admin', password: undefined })).toBe('no-password');
      expect(s.list()).toEqual([]);
      const warn = lines.find((l) => l.level === 40);
      expect(String(warn?.msg)).toMatch(/ADMIN_PASSWORD is not set/);
    });

    it('does not hijack an existing non-admin account of the same name', async () => {
      const { logger, lines } = capturedLogger();
      const s = store({ logger });
      await s.create({ username: 'admin', password: 'agent-password', role: 'agent' });
      expect(await s.ensureFirstAdmin({ username: 'admin', password: 'first-admin-pw' })).toBe('username-taken');
      expect(s.findByUsername('admin')?.role).toBe('agent');
      expect(lines.some((l) => l.level === 50)).toBe(true);
    });

    it('rejects a configured admin password that breaks the rules', async () => {
      const s = store();
      const err = await s.ensureFirstAdmin({ username: 'admin', password: 'short' }).catch((e: unknown) => e);
      expect(hasCode(err, 'DIALER_ERR_REQUEST_INVALID')).toBe(true);
    });
  });
});
