/**
 * A QA test environment: a fresh SQLite file with the real migrations, a real Redis (from
 * the global set-up) under a prefix of its own (removed afterwards), the QA module, and the
 * HTTP app with its routes. Calls and recordings are written straight into SQLite, with
 * real WAV files under the recordings directory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import { TokenStore } from '../../src/auth/tokens.js';
import { UserStore } from '../../src/auth/users.js';
import { LoginThrottle } from '../../src/auth/login-throttle.js';
import { systemClock, type Clock } from '../../src/clock.js';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import { agents, calls, campaigns, contacts, recordings, type UserRole } from '../../src/db/schema.js';
import { buildHttpApp } from '../../src/http/app.js';
import { createQaModule, type QaModule, type QaModuleOptions, type QaSettings } from '../../src/qa/qa-module.js';
import { capturedLogger, FAST_SCRYPT, ManualClock, PASSWORDS } from '../http/support.js';
import { makeWav } from '../support/wav.js';

export interface QaEnvOptions {
  /** 'manual' (default): a ManualClock at `startAt`; 'system': real time (claim expiry tests). */
  clock?: 'manual' | 'system';
  startAt?: number;
  settings?: Partial<QaSettings>;
  module?: Partial<Pick<QaModuleOptions, 'saleFacts' | 'newSeed' | 'stalledIntervalMs'>>;
}

export interface QaEnv {
  dir: string;
  db: OpenDatabaseResult;
  clock: Clock;
  manual: ManualClock | null;
  redis: Redis;
  prefix: string;
  qa: QaModule;
  app: FastifyInstance;
  users: UserStore;
  recordingsDir: string;
  /** One user per role (username = role); returns ids. */
  seedRoles(): Promise<Record<UserRole, number>>;
  /** A bearer header for a user (logs in once per username). */
  auth(username: string): Promise<Record<string, string>>;
  addCampaign(name?: string): number;
  addAgent(a?: { name?: string; team?: string; role?: 'agent' | 'trainee' | 'team-lead'; userId?: number | null }): number;
  /** A completed answered call with verified WAV segments; returns its id. */
  addCall(c: CallSpec): string;
  /** Deletes every Redis key of this environment (what a FLUSHALL does to it). */
  flushRedis(): Promise<number>;
  close(): Promise<void>;
}

export interface CallSpec {
  campaignId: number;
  agentId: number;
  answeredAt: number;
  /** Talk time from agent connect to end. Default 60 s. */
  talkMs?: number;
  /** Segment durations in ms and the gap before each (ms after the previous segment ended). Default one 1 s segment (small files). */
  segments?: Array<{ durationMs: number; gapBeforeMs?: number }>;
  outcome?: 'answered' | 'abandoned' | 'busy';
  recordingState?: 'verified' | 'missing' | 'broken';
}

let phoneSeq = 0;

export async function makeQaEnv(opts: QaEnvOptions = {}): Promise<QaEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'dialer-qa-'));
  const recordingsDir = join(dir, 'recordings');
  mkdirSync(recordingsDir, { recursive: true });
  const db = openDatabase(join(dir, 'dialer.db'));
  const manual = opts.clock === 'system' ? null : new ManualClock(opts.startAt);
  const clock: Clock = manual ?? systemClock;
  const { logger } = capturedLogger('warn');
  const prefix = `qa-test-${randomUUID().slice(0, 8)}`;
  const redis = new Redis(process.env.TEST_REDIS_URL as string, { maxRetriesPerRequest: null });
  const settings: QaSettings = {
    timeZone: 'Asia/Shanghai',
    cycleStartDay: 21,
    planTime: 'off',
    claimTtlMs: 60_000,
    sweepMs: 3_600_000,
    redisPrefix: prefix,
    recordingsDir,
    ...opts.settings,
  };
  const qa = createQaModule({ db: db.db, clock, logger, settings, connection: redis, ...opts.module });
  const users = new UserStore({ db: db.db, clock, logger, passwordParams: FAST_SCRYPT });
  const tokens = new TokenStore({ db: db.db, clock });
  const app = await buildHttpApp({
    db: db.db,
    clock,
    logger,
    users,
    tokens,
    loginThrottle: new LoginThrottle({ clock }),
    health: async () => ({ status: 'ok', checks: { ari: { ok: true }, redis: { ok: true }, db: { ok: true } } }),
    metrics: async () => '',
    routes: qa.routes,
  });
  await app.ready();
  const sessions = new Map<string, string>();

  const env: QaEnv = {
    dir,
    db,
    clock,
    manual,
    redis,
    prefix,
    qa,
    app,
    users,
    recordingsDir,
    async seedRoles() {
      const ids = {} as Record<UserRole, number>;
      for (const role of ['admin', 'manager', 'qa', 'agent'] as const) ids[role] = (await users.create({ username: role, password: PASSWORDS[role], role })).id;
      return ids;
    },
    async auth(username) {
      // A session per manual-clock hour: tests move the clock by days and sessions idle out after 12 h.
      const key = `${username}@${Math.floor(clock.now() / 3_600_000)}`;
      let token = sessions.get(key);
      if (!token) {
        const password = PASSWORDS[username as UserRole] ?? `${username}-password-1`;
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
        if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
        token = (res.json() as { token: string }).token;
        sessions.set(key, token);
      }
      return { authorization: `Bearer ${token}` };
    },
    addCampaign(name = 'QA campaign') {
      const now = clock.now();
      return db.db.insert(campaigns).values({ name, openingMedia: 'sound:dialer/opening', createdAt: now, updatedAt: now }).returning().get().id;
    },
    addAgent(a = {}) {
      const n = db.db.select().from(agents).all().length + 1;
      return db.db
        .insert(agents)
        .values({ name: a.name ?? `Agent ${n}`, extension: `${1000 + n}`, team: a.team ?? '', role: a.role ?? 'agent', userId: a.userId ?? null, createdAt: clock.now() })
        .returning()
        .get().id;
    },
    addCall(c) {
      const id = randomUUID();
      const talkMs = c.talkMs ?? 60_000;
      const phone = `+86138${String(++phoneSeq).padStart(8, '0')}`;
      const contactId = db.db.insert(contacts).values({ campaignId: c.campaignId, phone, createdAt: c.answeredAt }).returning().get().id;
      const connected = c.answeredAt + 1000;
      const ended = connected + talkMs;
      const state = c.recordingState ?? 'verified';
      db.db
        .insert(calls)
        .values({
          id,
          campaignId: c.campaignId,
          contactId,
          agentId: c.agentId,
          phone,
          endpoint: `PJSIP/${phone.slice(1)}@carrier`,
          channelId: `chan-${id}`,
          state: 'ended',
          originatedAt: c.answeredAt - 5000,
          answeredAt: c.answeredAt,
          recordingStartedAt: c.answeredAt,
          agentConnectedAt: connected,
          endedAt: ended,
          outcome: c.outcome ?? 'answered',
          recordingState: state,
        })
        .run();
      const segs = c.segments ?? [{ durationMs: 1000 }];
      let at = c.answeredAt;
      segs.forEach((s, i) => {
        at += s.gapBeforeMs ?? 0;
        const wav = makeWav(s.durationMs);
        const rel = `2025/01/01/rec-${id}-${i}.wav`;
        mkdirSync(join(recordingsDir, '2025/01/01'), { recursive: true });
        writeFileSync(join(recordingsDir, rel), wav);
        db.db
          .insert(recordings)
          .values({
            callId: id,
            segment: i,
            ariName: `rec-${id}-${i}`,
            path: rel,
            bytes: wav.length,
            durationMs: s.durationMs,
            sha256: createHash('sha256').update(wav).digest('hex'),
            state: state === 'verified' ? 'verified' : state,
            startedAt: at,
            finishedAt: at + s.durationMs,
            storedAt: ended,
          })
          .run();
        at += s.durationMs;
      });
      return id;
    },
    async flushRedis() {
      let cursor = '0';
      let deleted = 0;
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) deleted += await redis.del(...keys);
      } while (cursor !== '0');
      return deleted;
    },
    async close() {
      await app.close();
      await qa.stop();
      await env.flushRedis();
      redis.disconnect();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return env;
}

/** Polls until `probe` returns a truthy value (no fixed sleeps). */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The JSON body of a response, typed loosely. */
export function body<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

/** Milliseconds of a local Asia/Shanghai wall-clock time (UTC+8, no DST). */
export function shanghai(y: number, m: number, d: number, hh = 10, mm = 0): number {
  return Date.UTC(y, m - 1, d, hh - 8, mm);
}
