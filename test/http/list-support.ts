/**
 * The HTTP app with the list-import and do-not-call routes over a fresh in-memory database,
 * a private spool directory, signed-in users per role, and a multipart body builder.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { TokenStore } from '../../src/auth/tokens.js';
import { UserStore } from '../../src/auth/users.js';
import { CampaignStore } from '../../src/campaigns/campaign-store.js';
import { DoNotCallStore } from '../../src/campaigns/do-not-call.js';
import { ListImporter } from '../../src/campaigns/import/list-importer.js';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import type { UserRole } from '../../src/db/schema.js';
import { buildHttpApp } from '../../src/http/app.js';
import { doNotCallRoutes } from '../../src/http/routes/do-not-call-routes.js';
import { importRejectsRoutes } from '../../src/http/routes/import-rejects-routes.js';
import { listRoutes } from '../../src/http/routes/list-routes.js';
import { bearer, capturedLogger, FAST_SCRYPT, ManualClock, PASSWORDS } from './support.js';

export interface ListApp {
  app: FastifyInstance;
  db: OpenDatabaseResult;
  clock: ManualClock;
  users: UserStore;
  importer: ListImporter;
  dnc: DoNotCallStore;
  campaigns: CampaignStore;
  campaignId: number;
  spoolDir: string;
  /** Authorization headers per role (username = role). */
  as: Record<UserRole, Record<string, string>>;
  userIds: Record<UserRole, number>;
  /** Bearer headers for another user with `role`. */
  signIn(username: string, role: UserRole): Promise<{ id: number; headers: Record<string, string> }>;
  spooled(): string[];
  close(): Promise<void>;
}

export async function makeListApp(options: { maxBytes?: number; batchRows?: number } = {}): Promise<ListApp> {
  const db = openDatabase(':memory:');
  const clock = new ManualClock();
  const { logger } = capturedLogger('warn');
  const users = new UserStore({ db: db.db, clock, logger, passwordParams: FAST_SCRYPT });
  const tokens = new TokenStore({ db: db.db, clock });
  const dnc = new DoNotCallStore(db.db, clock);
  const importer = new ListImporter({ db: db.db, clock, logger, dnc, batchRows: options.batchRows ?? 1000 });
  const campaigns = new CampaignStore(db.db, clock);
  const spoolDir = mkdtempSync(join(tmpdir(), 'list-spool-'));
  const app = await buildHttpApp({
    db: db.db,
    clock,
    logger,
    users,
    tokens,
    health: async () => ({ status: 'ok', checks: { ari: { ok: true }, redis: { ok: true }, db: { ok: true } } }),
    metrics: async () => '',
    routes: [
      listRoutes({ importer, importsDir: spoolDir, maxBytes: options.maxBytes ?? 10 * 1024 * 1024 }),
      importRejectsRoutes({ importer }),
      doNotCallRoutes({ dnc, db: db.db }),
    ],
  });
  await app.ready();

  async function signIn(username: string, role: UserRole) {
    const password = PASSWORDS[role];
    const { id } = await users.create({ username, password, role });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return { id, headers: bearer((res.json() as { token: string }).token) };
  }

  const as = {} as Record<UserRole, Record<string, string>>;
  const userIds = {} as Record<UserRole, number>;
  for (const role of ['admin', 'manager', 'qa', 'agent'] as const) {
    const u = await signIn(role, role);
    as[role] = u.headers;
    userIds[role] = u.id;
  }
  const campaignId = campaigns.create({ name: 'http list', openingMedia: 'sound:dialer/opening' }).id;
  return {
    app,
    db,
    clock,
    users,
    importer,
    dnc,
    campaigns,
    campaignId,
    spoolDir,
    as,
    userIds,
    signIn,
    spooled: () => readdirSync(spoolDir),
    async close() {
      await importer.stop('test over');
      await app.close();
      db.close();
      rmSync(spoolDir, { recursive: true, force: true });
    },
  };
}

export type FormPart = { name: string; value: string } | { name: string; filename: string; content: Buffer | string; contentType?: string };

/** A multipart/form-data body, built by hand as a browser would send it. */
export function multipart(parts: FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----dialer-test-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('filename' in part) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType ?? 'text/csv'}\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}`));
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
