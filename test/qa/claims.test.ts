/**
 * Reviewers pulling from the real `qa-sampling` queue (real Redis, a prefix per test):
 * claim, renew, release, an abandoned claim expiring and being claimed again, and Redis
 * losing everything (its keys deleted, as a FLUSHALL would) with the sweeper restoring it.
 * Lock expiry is Redis time, so these tests run on the system clock with a short TTL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { qaClaims, qaPlanItems } from '../../src/db/schema.js';
import { body, makeQaEnv, until, type QaEnv } from './support.js';

let env: QaEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const NO_DEDUCTIONS = { deductions: [], fatal: [] };

/** An environment with `n` calls all sampled and enqueued, and reviewers qa and qa2. */
async function sampled(n: number, claimTtlMs: number) {
  env = await makeQaEnv({ clock: 'system', settings: { claimTtlMs }, module: { stalledIntervalMs: 100 } });
  await env.seedRoles();
  await env.users.create({ username: 'qa2', password: 'qa2-password-1', role: 'qa' });
  const campaignId = env.addCampaign();
  const agentId = env.addAgent();
  for (let i = 0; i < n; i++) env.addCall({ campaignId, agentId, answeredAt: Date.now() - 3_600_000 + i * 1000 });
  const run = await env.qa.planner.runCampaign(campaignId, 'manual');
  expect(run.newlySampled).toBe(n);
  env.qa.start();
  return env;
}

async function claim(e: QaEnv, who: string) {
  return e.app.inject({ method: 'POST', url: '/api/qa/claims', headers: await e.auth(who) });
}

describe('QA claims', () => {
  it('a claim locks the call to its reviewer, with details and a recording URL; others get the next one', async () => {
    const e = await sampled(2, 60_000);
    const first = await claim(e, 'qa');
    expect(first.statusCode).toBe(200);
    const view = body<Record<string, any>>(first);
    expect(view.claim).toMatchObject({ resumed: false });
    expect(view.claim.expiresAt - view.claim.claimedAt).toBe(60_000);
    expect(view.call).toMatchObject({ outcome: 'answered', recordingState: 'verified', talkSec: 60 });
    expect(view.call.phoneMasked).toMatch(/^\+86138\*+\d{4}$/);
    expect(view.agent).toMatchObject({ role: 'agent' });
    expect(view.sampling.reasons.length).toBeGreaterThan(0);
    expect(view.subscriptionEvidence).toEqual([]);
    expect(view.recording.url).toBe(`/api/qa/calls/${view.call.id}/recording`);
    expect(view.recording.segments).toHaveLength(1);
    expect(await e.qa.queue.lockHolder(view.call.id)).toMatch(/^qa-\d+-/);

    // Asking again resumes the same claim; another reviewer gets the other call; then none.
    expect(body<Record<string, any>>(await claim(e, 'qa')).claim).toMatchObject({ callId: view.call.id, resumed: true });
    const other = body<Record<string, any>>(await claim(e, 'qa2'));
    expect(other.call.id).not.toBe(view.call.id);
    await e.app.inject({ method: 'POST', url: `/api/qa/calls/${other.call.id}/score`, headers: await e.auth('qa2'), payload: NO_DEDUCTIONS });
    expect((await claim(e, 'qa2')).statusCode).toBe(204);

    // Managers and agents cannot claim.
    expect((await claim(e, 'manager')).statusCode).toBe(403);
    expect((await claim(e, 'agent')).statusCode).toBe(403);
    // Every claim is in the audit trail.
    expect(e.qa.audit.list({ callId: view.call.id }).map((a) => a.action)).toContain('claim');
  });

  it('two claim requests of one reviewer at once take one call, not two', async () => {
    const e = await sampled(3, 60_000);
    const [r1, r2] = await Promise.all([claim(e, 'qa'), claim(e, 'qa')]);
    const [v1, v2] = [body<Record<string, any>>(r1), body<Record<string, any>>(r2)];
    expect(v1.call.id).toBe(v2.call.id);
    expect([v1.claim.resumed, v2.claim.resumed].sort()).toEqual([false, true]);
    expect((await e.qa.queue.counts()).active).toBe(1);
  });

  it('an abandoned claim expires, goes back to the queue and is claimed again; the first reviewer is refused', async () => {
    const e = await sampled(1, 600);
    const a = body<Record<string, any>>(await claim(e, 'qa'));
    const callId = a.call.id as string;
    expect((await claim(e, 'qa2')).statusCode).toBe(204);
    // The stalled checker returns it once the lock has expired.
    await until('the expired claim back in the queue', async () => (await e.qa.queue.state(callId)) === 'waiting');
    const b = await claim(e, 'qa2');
    expect(body<Record<string, any>>(b).call.id).toBe(callId);
    const rows = e.db.db.select().from(qaClaims).all();
    expect(rows.map((r) => [r.reviewerId, r.endReason])).toEqual([
      [expect.any(Number), 'expired'],
      [expect.any(Number), null],
    ]);
    // The first reviewer can neither renew nor score it now.
    const extend = await e.app.inject({ method: 'POST', url: `/api/qa/claims/${callId}/extend`, headers: await e.auth('qa') });
    expect(extend.statusCode).toBe(409);
    expect(body(extend).error).toBe('DIALER_ERR_QA_CLAIM_EXPIRED');
    const late = await e.app.inject({ method: 'POST', url: `/api/qa/calls/${callId}/score`, headers: await e.auth('qa'), payload: NO_DEDUCTIONS });
    expect(late.statusCode).toBe(409);
    expect(body(late).error).toBe('DIALER_ERR_QA_CLAIM_EXPIRED');
    // The second one can; the job completes.
    const scored = await e.app.inject({ method: 'POST', url: `/api/qa/calls/${callId}/score`, headers: await e.auth('qa2'), payload: NO_DEDUCTIONS });
    expect(scored.statusCode).toBe(201);
    expect(await e.qa.queue.state(callId)).toBe('completed');
    expect(e.db.db.select().from(qaPlanItems).get()?.status).toBe('scored');
  });

  it('renewing keeps a claim past its TTL; releasing hands it to the next reviewer at once', async () => {
    const e = await sampled(1, 1500);
    const a = body<Record<string, any>>(await claim(e, 'qa'));
    const callId = a.call.id as string;
    const token = await e.qa.queue.lockHolder(callId);
    const until2 = Date.now() + 2500;
    while (Date.now() < until2) {
      const r = await e.app.inject({ method: 'POST', url: `/api/qa/claims/${callId}/extend`, headers: await e.auth('qa') });
      expect(r.statusCode).toBe(200);
      await new Promise((res) => setTimeout(res, 250));
    }
    expect(await e.qa.queue.lockHolder(callId)).toBe(token);
    expect(await e.qa.queue.state(callId)).toBe('active');

    const released = await e.app.inject({ method: 'POST', url: `/api/qa/claims/${callId}/release`, headers: await e.auth('qa') });
    expect(released.statusCode).toBe(204);
    expect(body<Record<string, any>>(await claim(e, 'qa2')).call.id).toBe(callId);
    const noClaim = await e.app.inject({ method: 'POST', url: `/api/qa/calls/${callId}/score`, headers: await e.auth('qa'), payload: NO_DEDUCTIONS });
    expect(body(noClaim).error).toBe('DIALER_ERR_QA_NO_CLAIM');
  });

  it('Redis loses every job: the sweeper restores them, a lost claim stays reserved to its reviewer', async () => {
    const e = await sampled(5, 60_000);
    const a = body<Record<string, any>>(await claim(e, 'qa'));
    const callId = a.call.id as string;
    expect(await e.flushRedis()).toBeGreaterThan(0);
    expect(await e.qa.queue.counts()).toMatchObject({ prioritized: 0, waiting: 0, active: 0 });

    const swept = await env!.app.inject({ method: 'POST', url: '/api/qa/queue/sweep', headers: await e.auth('manager') });
    expect(body(swept)).toEqual({ checked: 5, restored: 5, reserved: 1 });
    const counts = await e.qa.queue.counts();
    expect(counts.prioritized + counts.waiting).toBe(4);
    expect(counts.delayed).toBe(1);
    expect(await e.qa.queue.state(callId)).toBe('delayed');

    // Others get the four others, not the reserved call; its reviewer resumes and scores it.
    const others = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const r = body<Record<string, any>>(await claim(e, 'qa2'));
      others.add(r.call.id);
      await e.app.inject({ method: 'POST', url: `/api/qa/calls/${r.call.id}/score`, headers: await e.auth('qa2'), payload: NO_DEDUCTIONS });
    }
    expect(others.size).toBe(4);
    expect(others.has(callId)).toBe(false);
    expect((await claim(e, 'qa2')).statusCode).toBe(204);
    expect(body<Record<string, any>>(await claim(e, 'qa')).claim).toMatchObject({ callId, resumed: true });
    const scored = await e.app.inject({ method: 'POST', url: `/api/qa/calls/${callId}/score`, headers: await e.auth('qa'), payload: NO_DEDUCTIONS });
    expect(scored.statusCode).toBe(201);
    // Scored: its held-back job is gone, and a sweep finds nothing to restore.
    expect(await e.qa.queue.state(callId)).toBeNull();
    expect(await e.qa.sweeper.sweep()).toEqual({ checked: 0, restored: 0, reserved: 0 });
  });

  it('the sweeper runs by itself after a restart and restores what Redis lost', async () => {
    const e = await sampled(3, 60_000);
    await e.flushRedis();
    // The sweeper's first pass runs at start (it ran in sampled(); run it again as a restart would).
    await e.qa.sweeper.stop();
    e.qa.sweeper.start();
    await until('jobs restored', async () => {
      const c = await e.qa.queue.counts();
      return c.prioritized + c.waiting === 3;
    });
  });
});
