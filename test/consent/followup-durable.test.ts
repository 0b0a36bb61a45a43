/**
 * The confirmation message survives Redis (issue 15, item 1): its outbox row commits with
 * the sale; Redis flushed and stopped, the service stopped and started again, the message
 * still goes out — once, even when its job is enqueued twice or two deliveries race.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_PROMPTS } from '../../src/consent/disclosure.js';
import { notificationOutbox } from '../../src/db/schema.js';
import { startPrivateRedis, type PrivateRedis } from '../../src/support/private-redis.js';
import { QUEUE_NAMES } from '../../src/support/redis-keys.js';
import { signInExisting } from '../support/harness-http.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';
import { connectCall, readyAgent, waitAsked, waitVerificationEnded } from './consent-support.js';

let redis: PrivateRedis;
let webhook: Server;
let url: string;
const received: number[] = [];
/** While set, the gateway holds each request until it is called (a slow delivery). */
let hold: Promise<void> | null = null;

beforeAll(async () => {
  redis = await startPrivateRedis();
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      void (hold ?? Promise.resolve()).then(() => {
        received.push((JSON.parse(body) as { subscriptionId: number }).subscriptionId);
        res.writeHead(200).end();
      });
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/sms`;
});
afterAll(async () => {
  await redis?.stop();
  await new Promise((r) => webhook.close(r));
});

const portOf = (u: string) => Number(new URL(u).port);

async function sale(h: Harness, agentId: number, agent: Awaited<ReturnType<typeof readyAgent>>['agent']): Promise<number> {
  const call = await connectCall(h, agentId);
  expect((await agent.call('POST', `/api/calls/${call.callId}/consent/identity-confirmed`)).statusCode).toBe(200);
  expect((await agent.call('POST', `/api/calls/${call.callId}/consent/verification`)).statusCode).toBe(202);
  await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
  h.sim.pressDigits(call.customerChannel, '1', 0);
  await waitAsked(h, call.callId, CONSENT_PROMPTS.confirmQuestion);
  h.sim.pressDigits(call.customerChannel, '1', 0);
  const st = await waitVerificationEnded(h, call.callId, agent);
  h.sim.hangupFarEnd(call.customerChannel);
  expect(st.subscriptionIds).toHaveLength(1);
  return st.subscriptionIds[0]!;
}

describe('a due confirmation message around a Redis flush, a Redis outage and a restart', () => {
  it('is sent exactly once', async () => {
    const env = {
      REDIS_URL: redis.url,
      REDIS_PREFIX: `fu-${randomUUID().slice(0, 8)}`,
      CONSENT_KEY_TIMEOUT_MS: '250',
      CONSENT_CONFIRMATION_DELAY_MS: '1500',
      CONSENT_WEBHOOK_URL: url,
      CONSENT_WEBHOOK_BACKOFF_MS: '50',
      CONSENT_SWEEP_MS: '200',
    };
    const h = await startHarness({ env, sim: { defaultPlaybackMs: 30, perDigitPlaybackMs: 10 } });
    const { agentId, agent } = await readyAgent(h, 'Dora', '7301');
    const subscriptionId = await sale(h, agentId, agent);
    const outbox = (db: Harness['service']['database']['db']) => db.select().from(notificationOutbox).where(eq(notificationOutbox.subscriptionId, subscriptionId)).get();
    // The message to send committed with the sale, before any delivery.
    expect(outbox(h.service.database.db)).toMatchObject({ status: 'pending', attempts: 0 });

    // Redis loses the job, then goes away; the service stops while it is away.
    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
    await redis.stop();
    await h.service.stop();
    expect(received).not.toContain(subscriptionId);

    redis = await startPrivateRedis(10_000, portOf(redis.url));
    const h2 = await startHarness({ env, reuse: { dir: h.dir, sim: h.sim } });
    try {
      await waitFor('message sent', () => outbox(h2.service.database.db)?.status === 'sent', 10_000);
      expect(received.filter((id) => id === subscriptionId)).toHaveLength(1);

      // Enqueued twice (another job for the same message): still sent once.
      const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
      const dup = new Queue(QUEUE_NAMES.consentFollowUp, { connection, prefix: env.REDIS_PREFIX });
      await dup.add('confirmation', { subscriptionId }, { jobId: 'a-second-job' });
      await waitForJob(dup, 'a-second-job');
      await dup.close();
      connection.disconnect();
      expect(received.filter((id) => id === subscriptionId)).toHaveLength(1);
      const events = h2.service.consent.subscriptions.eventsOf(subscriptionId).filter((e) => e.kind === 'confirmation-sent');
      expect(events).toHaveLength(1);
      expect(outbox(h2.service.database.db)).toMatchObject({ status: 'sent', attempts: 1 });

      // Two deliveries racing: the first claims the message, the second finds it taken.
      await h2.loginAgent(agentId);
      const second = await sale(h2, agentId, await signInExisting(h2.service, 'dora-agent', 'dora-agent-password-1'));
      let release!: () => void;
      hold = new Promise((r) => (release = r));
      const first = h2.service.consent.followUp.deliver(second);
      await waitFor('claimed', () => outbox2(h2, second)?.status === 'sending');
      expect(await h2.service.consent.followUp.deliver(second)).toBe('in-flight-elsewhere');
      release();
      hold = null;
      expect(await first).toBe('sent');
      expect(await h2.service.consent.followUp.deliver(second)).toBe('already-sent');
      await waitFor('no more deliveries', () => outbox2(h2, second)?.status === 'sent');
      expect(received.filter((id) => id === second)).toHaveLength(1);
    } finally {
      await h2.stop();
    }
  }, 60_000);
});

function outbox2(h: Harness, subscriptionId: number) {
  return h.service.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.subscriptionId, subscriptionId)).get();
}

/** Waits until BullMQ has finished a job (completed or failed). */
async function waitForJob(queue: Queue, jobId: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') return;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
