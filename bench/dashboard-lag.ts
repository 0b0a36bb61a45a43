/**
 * Dashboard benchmark (issue 15, item 3): the whole service (real SQLite file, the ARI
 * simulator, a private Redis) with one campaign of 1,000,000 contacts, while manager
 * dashboards poll what the console asks for — the campaign list and the campaign's live
 * figures, each every 3 s — over real HTTP, and a load balancer probes /health every 100 ms.
 *
 * Prints the event-loop lag (p50 / p99 / max, goal p99 ≤ 20 ms: agent wait timers ride this
 * loop), the /health latency (p50 / p99) and each dashboard request's latency; and, for
 * reference, what the old synchronous count(*) of the campaign's contacts costs.
 *
 *   npx tsx bench/dashboard-lag.ts [--contacts N] [--dashboards N] [--seconds N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { startDemoEnvironment } from '../src/demo/demo-environment.js';
import { EventLoopLag } from '../src/metrics/event-loop-lag.js';
import { createDialerService } from '../src/service.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONTACTS = arg('contacts', 1_000_000);
const DASHBOARDS = arg('dashboards', 5);
const SECONDS = arg('seconds', 20);
const POLL_MS = 3_000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const f1 = (x: number) => x.toFixed(1).padStart(7);

const dir = mkdtempSync(join(tmpdir(), 'dialer-bench-dash-'));
const dbPath = join(dir, 'dialer.db');

// The campaign and its contacts, written straight into the file (the import has its own bench).
{
  const { sqlite, close } = openDatabase(dbPath);
  const t0 = performance.now();
  const campaignId = Number(sqlite.prepare(`insert into campaigns (name, status, opening_media, created_at, updated_at) values ('big', 'paused', 'sound:x', 0, 0)`).run().lastInsertRowid);
  const insert = sqlite.prepare(`insert into contacts (campaign_id, phone, status, created_at) values (?, ?, ?, 0)`);
  const statuses = ['pending', 'pending', 'pending', 'done', 'failed'];
  sqlite.transaction(() => {
    for (let i = 0; i < CONTACTS; i++) insert.run(campaignId, `+86138${String(i).padStart(8, '0')}`, statuses[i % statuses.length]);
  })();
  console.log(`setup: ${CONTACTS.toLocaleString('en')} contacts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  const old = sqlite.prepare(`select count(*) as n from contacts where campaign_id = ? and status in ('pending','dialing','held','callback')`).get(campaignId) as { n: number };
  const t2 = performance.now();
  sqlite.prepare(`select count(*) from contacts where campaign_id = ? and status = 'pending'`).get(campaignId);
  const t3 = performance.now();
  console.log(`reference: the old per-campaign count(*) (left ${old.n.toLocaleString('en')}): ${(t2 - t1).toFixed(1)} ms + pending ${(t3 - t2).toFixed(1)} ms, per listed campaign, per poll`);
  close();
}

const env = await startDemoEnvironment({});
const config = loadConfig({
  ARI_URL: env.ariUrl,
  ARI_USERNAME: env.ariUsername,
  ARI_PASSWORD: env.ariPassword,
  REDIS_URL: env.redisUrl,
  DATABASE_PATH: dbPath,
  RECORDINGS_DIR: join(dir, 'recordings'),
  IMPORTS_DIR: join(dir, 'imports'),
  PROMPTS_DIR: join(dir, 'prompts'),
  HTTP_HOST: '127.0.0.1',
  HTTP_PORT: '0',
  QA_PLAN_TIME: 'off',
  LOG_LEVEL: 'silent',
});
const service = await createDialerService({ config, logger: pino({ level: 'silent' }) });
await service.start();
await service.users.create({ username: 'bench-manager', password: 'bench-manager-password', role: 'manager' });
const base = `http://127.0.0.1:${(service.http.server.address() as AddressInfo).port}`;
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-manager', password: 'bench-manager-password' }) });
const { token } = (await login.json()) as { token: string };
const auth = { authorization: `Bearer ${token}` };
const campaignId = ((await (await fetch(`${base}/api/campaigns`, { headers: auth })).json()) as { campaigns: Array<{ id: number }> }).campaigns[0]!.id;

const timings: Record<string, number[]> = { health: [], 'GET /api/campaigns': [], 'GET /api/campaigns/:id/live': [] };
async function timed(label: string, url: string, headers: Record<string, string> = {}): Promise<void> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (!res.ok && label !== 'health') throw new Error(`${url}: ${res.status}`);
  timings[label]!.push(performance.now() - t0);
}

const lag = new EventLoopLag(5).start();
const until = Date.now() + SECONDS * 1000;
const loops: Array<Promise<void>> = [];
loops.push(
  (async () => {
    while (Date.now() < until) {
      await timed('health', `${base}/health`);
      await new Promise((r) => setTimeout(r, 100));
    }
  })(),
);
for (let d = 0; d < DASHBOARDS; d++) {
  loops.push(
    (async () => {
      await new Promise((r) => setTimeout(r, (d * POLL_MS) / DASHBOARDS));
      while (Date.now() < until) {
        await Promise.all([timed('GET /api/campaigns', `${base}/api/campaigns`, auth), timed('GET /api/campaigns/:id/live', `${base}/api/campaigns/${campaignId}/live`, auth)]);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    })(),
  );
}
await Promise.all(loops);
const l = lag.read();
lag.stop();

console.log(`\n${DASHBOARDS} dashboards polling every ${POLL_MS / 1000} s, /health every 100 ms, ${SECONDS} s, ${CONTACTS.toLocaleString('en')} contacts:`);
console.log(`  event-loop lag        p50 ${f1(l.p50)} ms   p99 ${f1(l.p99)} ms   max ${f1(l.max)} ms   (goal p99 ≤ 20 ms: ${l.p99 <= 20 ? 'met' : 'NOT met'})`);
for (const [label, xs] of Object.entries(timings)) {
  console.log(`  ${label.padEnd(28)} p50 ${f1(pct(xs, 50))} ms   p99 ${f1(pct(xs, 99))} ms   (${xs.length} requests)`);
}

await service.stop();
await env.stop();
rmSync(dir, { recursive: true, force: true });
