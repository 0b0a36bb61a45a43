/**
 * A chaos run (issue 15, item 7): a campaign on the simulator while, at moments drawn from
 * a seed, the service is stopped and started again, Redis is flushed, Redis is stopped and
 * brought back, and the ARI connection drops. Afterwards the invariants hold:
 * - every answered call has a verified recording, or its missing/broken recording is
 *   recorded with the reason (an incident, not a silence);
 * - no contact is dialed beyond its rules (attempts, do-not-call), nor twice at once;
 * - no subscription exists without its evidence;
 * - every due follow-up message is sent exactly once;
 * - the QA queue equals the plan.
 * The schedule (numbers' behaviour, chaos kinds and moments) is a function of the seed;
 * each run takes a few seconds of wall time.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, contacts, notificationOutbox, qaPlanItems, subscriptions, verifications } from '../../src/db/schema.js';
import { createRng, type Rng } from '../../src/qa/sampling/random.js';
import type { FarEndScript } from '../../src/sim/index.js';
import { startPrivateRedis, type PrivateRedis } from '../../src/support/private-redis.js';
import { readyAgent } from '../consent/consent-support.js';
import { recordVerifiedSale } from '../qa/verified-sale.js';
import { signInExisting } from '../support/harness-http.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

let redis: PrivateRedis;
let webhook: Server;
let webhookUrl: string;
const delivered: number[] = [];

beforeAll(async () => {
  redis = await startPrivateRedis();
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      delivered.push((JSON.parse(body) as { subscriptionId: number }).subscriptionId);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/sms`;
});
afterAll(async () => {
  await redis?.stop();
  await new Promise((r) => webhook.close(r));
});

type Chaos = 'restart-service' | 'flush-redis' | 'stop-redis' | 'drop-ari';
const CHAOS: Chaos[] = ['restart-service', 'flush-redis', 'stop-redis', 'drop-ari'];
const CONTACTS = 10;
const national = (seedNo: number, i: number) => `1390${seedNo}${String(100_000 + i).slice(1)}`.padEnd(11, '0');

/** The far end of each number, drawn from the seed: most answer and hang up after a while. */
function scriptsFor(rng: Rng, seedNo: number): Record<string, FarEndScript> {
  const out: Record<string, FarEndScript> = {};
  for (let i = 0; i < CONTACTS; i++) {
    const roll = rng.nextFloat();
    const script: FarEndScript =
      roll < 0.7 ? { kind: 'answer', ringMs: 20 + rng.nextInt(200), hangupAfterMs: 400 + rng.nextInt(1200) } : roll < 0.85 ? { kind: 'busy', ringMs: 50 } : { kind: 'ring-forever' };
    out[`86${national(seedNo, i)}`] = script;
  }
  return out;
}

async function runChaos(seed: string, seedNo: number): Promise<void> {
  const rng = createRng(seed);
  delivered.length = 0;
  const scripts = scriptsFor(rng, seedNo);
  const env = {
    REDIS_URL: redis.url,
    REDIS_PREFIX: `chaos-${randomUUID().slice(0, 8)}`,
    CONSENT_KEY_TIMEOUT_MS: '250',
    CONSENT_CONFIRMATION_DELAY_MS: '2500',
    CONSENT_WEBHOOK_URL: webhookUrl,
    CONSENT_WEBHOOK_BACKOFF_MS: '50',
    CONSENT_SWEEP_MS: '300',
    QA_SWEEP_MS: '1000',
    QA_PLAN_TIME: 'off',
  };
  const sim = { defaultPlaybackMs: 30, perDigitPlaybackMs: 10, scripts };
  let h = await startHarness({ env, sim });
  const first = h;
  const { agentId, agent } = await readyAgent(h, `Chaos${seedNo}`, `78${seedNo}1`);
  const other = h.addAgent(`Chaos${seedNo}b`, `78${seedNo}2`);
  await h.loginAgent(other);

  // A sale before the chaos: its confirmation falls due in the middle of it.
  const sale = await recordVerifiedSale(h, agentId, agent);

  const numbers = Array.from({ length: CONTACTS }, (_, i) => national(seedNo, i));
  const campaignId = h.runCampaign(numbers, { settings: { maxAttempts: 1, name: `chaos ${seed}` } });
  // One number goes on the do-not-call list after loading: only the pre-dial check stands in its way.
  const blocked = `+86${numbers[CONTACTS - 1]}`;
  h.service.dnc.add({ phone: blocked, source: 'api', reason: 'asked during the chaos test' });

  let redisUp = true;
  const startService = async () => {
    h = await startHarness({ env, reuse: { dir: first.dir, sim: first.sim } });
    // Agents log in after the start-up reconcile: one logging in while it runs can be taken
    // for a lost softphone and logged out again (a race in the reconciler, reported in issue 15's notes).
    await h.service.reconciler.run();
    await h.loginAgent(agentId);
    await h.loginAgent(other);
  };
  for (let step = 0; step < 4; step++) {
    await new Promise((r) => setTimeout(r, 200 + rng.nextInt(900)));
    const kind = CHAOS[rng.nextInt(CHAOS.length)]!;
    if (process.env.CHAOS_TRACE) console.log(`chaos ${seed} step ${step}: ${kind}`);
    if (kind === 'restart-service') {
      await h.service.stop();
      await startService();
    } else if (kind === 'flush-redis' && redisUp) {
      const admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
      await admin.flushall();
      admin.disconnect();
    } else if (kind === 'stop-redis' && redisUp) {
      await redis.stop();
      redisUp = false;
    } else if (kind === 'drop-ari') {
      h.sim.dropConnections({ refuseForMs: 100 + rng.nextInt(500) });
    }
    // Redis comes back at the next step (or at the end) where it stood.
    if (!redisUp && kind !== 'stop-redis') {
      redis = await startPrivateRedis(10_000, Number(new URL(redis.url).port));
      redisUp = true;
    }
  }
  if (!redisUp) redis = await startPrivateRedis(10_000, Number(new URL(redis.url).port));
  await waitFor('ARI connected', () => h.service.telephony.isConnected, 10_000);
  await h.service.reconciler.run();
  for (const id of [agentId, other]) if (h.service.agents.get(id)?.state !== 'ready') await h.loginAgent(id).catch(() => undefined);

  const { db } = h.service.database;
  const contactRows = () => db.select().from(contacts).where(eq(contacts.campaignId, campaignId)).all();
  await waitFor('every contact settled', () => contactRows().every((c) => c.status === 'done' || c.status === 'failed') && h.service.tracker.size === 0, 30_000);
  await h.service.recordings.recoverPending();
  await h.waitRecordingsSettled(campaignId, 15_000);

  try {
    // 1. Every answered call: a verified recording, or the reason it has none.
    const callRows = db.select().from(calls).where(eq(calls.campaignId, campaignId)).all();
    expect(callRows.every((c) => c.state === 'ended')).toBe(true);
    for (const c of callRows.filter((r) => r.answeredAt !== null)) {
      expect(['verified', 'missing', 'broken'], `call ${c.id}`).toContain(c.recordingState);
      if (c.recordingState !== 'verified') expect(c.recordingProblem, `call ${c.id}`).toBeTruthy();
    }

    // 2. Dialed within the rules: at most maxAttempts calls a contact, never two at once, never the blocked number.
    for (const contact of contactRows()) {
      const mine = callRows.filter((c) => c.contactId === contact.id).sort((a, b) => a.originatedAt - b.originatedAt);
      expect(mine.length, contact.phone).toBeLessThanOrEqual(1);
      for (let k = 1; k < mine.length; k++) expect(mine[k]!.originatedAt).toBeGreaterThanOrEqual(mine[k - 1]!.endedAt!);
    }
    expect(callRows.filter((c) => c.phone === blocked)).toEqual([]);

    // 3. No subscription without its evidence.
    for (const s of db.select().from(subscriptions).all()) {
      const v = db.select().from(verifications).where(eq(verifications.id, s.verificationId)).get();
      expect(v?.outcome).toBe('confirmed');
      expect(s.identityKeyChannel).toBe(s.consentKeyChannel);
      expect(s.identityKeyChannel).toBe(`cust-${s.callId}`);
      expect(s.offsets.consentKey).toBeTruthy();
    }

    // 4. The due follow-up goes out exactly once.
    await waitFor('confirmation sent', () => delivered.includes(sale.subscription.id), 15_000);
    await waitFor('outbox says sent', () => db.select().from(notificationOutbox).where(eq(notificationOutbox.subscriptionId, sale.subscription.id)).get()?.status === 'sent');
    await h.service.consent.followUp.sweep();
    expect(delivered.filter((id) => id === sale.subscription.id)).toHaveLength(1);
    expect(h.service.consent.subscriptions.eventsOf(sale.subscription.id).filter((e) => e.kind === 'confirmation-sent')).toHaveLength(1);

    // 5. The QA queue equals the plan, even after one more flush.
    await h.service.qa.planner.runAll('manual');
    const flush = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    await flush.flushall();
    flush.disconnect();
    await h.service.qa.sweeper.sweep();
    const pending = db.select({ callId: qaPlanItems.callId }).from(qaPlanItems).where(eq(qaPlanItems.status, 'pending')).all();
    // The sale's call at least is sampled (a campaign of one verified call samples it).
    expect(pending.map((p) => p.callId)).toContain(sale.callId);
    expect(await h.service.qa.queue.missing(pending.map((p) => p.callId))).toEqual([]);
    const counts = await h.service.qa.queue.counts();
    expect(counts.waiting + counts.prioritized + counts.delayed).toBe(pending.length);
  } finally {
    await h.stop();
  }
}

describe('chaos run', () => {
  it.each([
    ['chaos-seed-1', 1],
    ['chaos-seed-2', 2],
    ['chaos-seed-3', 3],
  ])('%s: the invariants hold', async (seed, seedNo) => {
    await runChaos(seed, seedNo);
  }, 120_000);
});
