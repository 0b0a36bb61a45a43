/**
 * GET /health's report: the database, the ARI event stream, Redis and recording storage.
 * Without the database nothing works; without the others the service is up but degraded.
 */
import type Database from 'better-sqlite3';
import type { Redis } from 'ioredis';
import type { HealthReport } from './http/app.js';

export interface HealthDeps {
  telephony: { readonly isConnected: boolean };
  redis: Redis;
  sqlite: Database.Database;
  storage: { readonly trouble: string | null };
}

export async function checkHealth(d: HealthDeps): Promise<HealthReport> {
  const ari = d.telephony.isConnected ? { ok: true } : { ok: false, detail: 'ARI event stream not connected' };
  let redisCheck: { ok: boolean; detail?: string } = { ok: true };
  try {
    if (d.redis.status === 'wait' || d.redis.status === 'end') await d.redis.connect().catch(() => undefined);
    await d.redis.ping();
  } catch (err) {
    redisCheck = { ok: false, detail: (err as Error).message };
  }
  let dbCheck: { ok: boolean; detail?: string } = { ok: true };
  try {
    d.sqlite.prepare('select 1').get();
  } catch (err) {
    dbCheck = { ok: false, detail: (err as Error).message };
  }
  const recordingStorage = d.storage.trouble ? { ok: false, detail: d.storage.trouble } : { ok: true };
  const status = !dbCheck.ok ? 'down' : ari.ok && redisCheck.ok && recordingStorage.ok ? 'ok' : 'degraded';
  return { status, checks: { ari, redis: redisCheck, db: dbCheck, recordingStorage } };
}
