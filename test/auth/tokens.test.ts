import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { TokenStore, hashToken } from '../../src/auth/tokens.js';
import { UserStore } from '../../src/auth/users.js';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import { authTokens } from '../../src/db/schema.js';
import { FAST_SCRYPT, ManualClock } from '../http/support.js';

const HOUR = 3_600_000;
let db: OpenDatabaseResult;
let clock: ManualClock;
let tokens: TokenStore;
let users: UserStore;
let userId: number;

beforeEach(async () => {
  db = openDatabase(':memory:');
  clock = new ManualClock();
  tokens = new TokenStore({ db: db.db, clock });
  users = new UserStore({ db: db.db, clock, passwordParams: FAST_SCRYPT });
  userId = (await users.create({ username: 'agent1', password: 'agent1-password', role: 'agent' })).id;
});
afterEach(() => db.close());

describe('TokenStore', () => {
  it('issues 32-byte base64url tokens and stores only their sha256', () => {
    const issued = tokens.issueSession(userId);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(issued.token, 'base64url')).toHaveLength(32);
    const row = db.db.select().from(authTokens).where(eq(authTokens.id, issued.id)).get()!;
    expect(row.tokenHash).toBe(hashToken(issued.token));
    expect(JSON.stringify(row)).not.toContain(issued.token);
    expect(tokens.verify(issued.token)).toEqual({
      user: { id: userId, username: 'agent1', role: 'agent', locale: 'zh-CN' },
      tokenId: issued.id,
      kind: 'session',
      scope: 'full',
    });
  });

  it('ends a session after 12 h idle, sliding with each use', () => {
    const { token } = tokens.issueSession(userId);
    clock.advance(11 * HOUR);
    expect(tokens.verify(token)).not.toBeNull(); // slides to t=23 h
    clock.advance(11 * HOUR);
    expect(tokens.verify(token)).not.toBeNull(); // slides to t=34 h
    clock.advance(12 * HOUR);
    expect(tokens.verify(token)).toBeNull();
  });

  it('API tokens never expire unless told to', () => {
    const forever = tokens.issueApiToken(userId, { label: 'prometheus' });
    const week = tokens.issueApiToken(userId, { label: 'script', expiresAt: clock.now() + 7 * 24 * HOUR });
    expect(forever).toMatchObject({ kind: 'api', label: 'prometheus', expiresAt: null });
    clock.advance(8 * 24 * HOUR);
    expect(tokens.verify(forever.token)?.kind).toBe('api');
    expect(tokens.verify(week.token)).toBeNull();
    expect(() => tokens.issueApiToken(userId, { label: 'x', expiresAt: clock.now() - 1 })).toThrow(RangeError);
  });

  it('revokes one token, or all of a user', () => {
    const a = tokens.issueSession(userId);
    const b = tokens.issueApiToken(userId, { label: 'b' });
    const c = tokens.issueApiToken(userId, { label: 'c' });
    expect(tokens.revoke(a.id, { userId: userId + 1 })).toBe(false); // not theirs
    expect(tokens.revoke(a.id)).toBe(true);
    expect(tokens.revoke(a.id)).toBe(false); // already
    expect(tokens.verify(a.token)).toBeNull();
    expect(tokens.verify(b.token)).not.toBeNull();
    expect(tokens.revokeAllForUser(userId)).toBe(2);
    expect(tokens.verify(b.token)).toBeNull();
    expect(tokens.verify(c.token)).toBeNull();
    expect(tokens.listForUser(userId).every((t) => t.revokedAt === clock.now())).toBe(true);
  });

  it('refuses tokens of a disabled user, malformed and unknown tokens', () => {
    const { token } = tokens.issueApiToken(userId, { label: 'x' });
    users.setDisabled(userId, true);
    expect(tokens.verify(token)).toBeNull();
    users.setDisabled(userId, false);
    expect(tokens.verify(token)).not.toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify('not a token')).toBeNull();
    expect(tokens.verify('A'.repeat(43))).toBeNull();
  });

  it('records last use and purges dead tokens', () => {
    const s = tokens.issueSession(userId);
    clock.advance(5_000);
    tokens.verify(s.token);
    expect(tokens.find(s.id)?.lastUsedAt).toBe(clock.now());
    tokens.revoke(s.id);
    clock.advance(HOUR);
    expect(tokens.purge(clock.now())).toBe(1);
    expect(tokens.find(s.id)).toBeUndefined();
  });
});
