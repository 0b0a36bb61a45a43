/**
 * Test helpers for the auth and HTTP suites: a hand-driven clock, a captured pino logger,
 * and an app over a fresh migrated in-memory database.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Clock, TimerHandle } from '../../src/clock.js';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import { buildHttpApp, type HealthReport, type HttpAppDeps } from '../../src/http/app.js';
import { LoginThrottle } from '../../src/auth/login-throttle.js';
import { TokenStore } from '../../src/auth/tokens.js';
import { UserStore } from '../../src/auth/users.js';
import type { UserRole } from '../../src/db/schema.js';

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  private timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  constructor(private t = Date.UTC(2025, 0, 6, 9, 0, 0)) {}
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { at: this.t + ms, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }
  advance(ms: number): void {
    this.t += ms;
    const due = this.timers.filter((x) => !x.cancelled && x.at <= this.t).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((x) => !due.includes(x));
    for (const x of due) x.fn();
  }
}

/** A pino logger whose lines are kept as parsed objects. */
export function capturedLogger(level: pino.Level = 'debug'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { logger, lines };
}

/** Cheap scrypt cost for test users (the default cost is covered by password.test.ts). */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export const PASSWORDS: Record<UserRole, string> = {
  admin: 'admin-secret-1',
  manager: 'manager-secret-1',
  qa: 'qa-reviewer-secret',
  agent: 'agent-secret-01',
};

export interface TestApp {
  app: FastifyInstance;
  db: OpenDatabaseResult;
  clock: ManualClock;
  users: UserStore;
  tokens: TokenStore;
  lines: Array<Record<string, unknown>>;
  health: { report: HealthReport | Error };
  /** Creates one user per role (username = role) and returns their ids. */
  seedRoles(): Promise<Record<UserRole, number>>;
  /** Logs in and returns the session token. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the app over ':memory:' with a manual clock and a captured logger. */
export async function makeTestApp(extra: Partial<HttpAppDeps> = {}): Promise<TestApp> {
  const db = openDatabase(':memory:');
  const clock = new ManualClock();
  const { logger, lines } = capturedLogger();
  const users = new UserStore({ db: db.db, clock, logger, passwordParams: FAST_SCRYPT });
  const tokens = new TokenStore({ db: db.db, clock });
  const health: TestApp['health'] = {
    report: { status: 'ok', checks: { ari: { ok: true }, redis: { ok: true }, db: { ok: true } } },
  };
  const app = await buildHttpApp({
    db: db.db,
    clock,
    logger,
    users,
    tokens,
    loginThrottle: new LoginThrottle({ clock }),
    health: async () => {
      if (health.report instanceof Error) throw health.report;
      return health.report;
    },
    metrics: async () => '# HELP dialer_up 1 when up\n# TYPE dialer_up gauge\ndialer_up 1\n',
    validateResponses: true,
    ...extra,
  });
  await app.ready();
  const t: TestApp = {
    app,
    db,
    clock,
    users,
    tokens,
    lines,
    health,
    async seedRoles() {
      const ids = {} as Record<UserRole, number>;
      for (const role of ['admin', 'manager', 'qa', 'agent'] as const) {
        ids[role] = (await users.create({ username: role, password: PASSWORDS[role], role })).id;
      }
      return ids;
    },
    async login(username, password) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: password ?? PASSWORDS[username as UserRole] },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { token: string }).token;
    },
    async close() {
      await app.close();
      db.close();
    },
  };
  return t;
}

/** Authorization header for a bearer token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The JSON error body of a response. */
/** An error answer's code and message (its `params` and `fields` are checked in errors.test.ts). */
export function errorOf(res: LightMyRequestResponse): { error: string; message: string } {
  const { error, message } = res.json() as { error: string; message: string };
  return { error, message };
}
