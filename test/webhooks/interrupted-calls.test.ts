/**
 * Calls no session ended still reach the receivers: a call a crash left in progress, closed as
 * interrupted by the next start, and a call still up when the shutdown grace ran out, each
 * send `call.ended` (signed, on the call's lane) like any other call.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/harness-http.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../src/webhooks/signature.js';
import { receiver, type Received } from './receiver.js';

const ENV = { WEBHOOK_BACKOFF_MS: '50', WEBHOOK_FEED_MS: '50', WEBHOOK_ATTEMPTS: '6', WEBHOOK_SWEEP_MS: '200' };
const rx = receiver();
let base: string;
const harnesses: Harness[] = [];

beforeAll(async () => {
  await new Promise<void>((r) => rx.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(rx.server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.stop().catch(() => undefined);
});
afterAll(() => new Promise((r) => rx.server.close(r)));

/** A harness with a manager's endpoint for call.ended, and a call connected to an agent. */
async function liveCall(h: Harness, phone: string, agentExt: string, path: string) {
  const manager = await signIn(h.service, `m-${agentExt}`, 'manager');
  const created = await manager.call('POST', '/api/webhooks', { url: `${base}${path}`, events: ['call.ended'] });
  expect(created.statusCode).toBe(201);
  const endpoint = created.json() as { id: number; secret: string };
  await h.loginAgent(h.addAgent(`A${agentExt}`, agentExt));
  const campaignId = h.runCampaign([phone]);
  const live = await waitFor('call connected', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null));
  return { endpoint, campaignId, live };
}

function endedOf(path: string, callId: string): Received[] {
  return rx.state.received.filter((r) => r.path === path && r.body.type === 'call.ended' && r.body.data.callId === callId);
}

describe('call.ended for calls closed as interrupted', () => {
  it('a call a crash left in progress: sent by the restarted service', async () => {
    const first = await startHarness({ env: ENV, scripts: { '8613900139011': { kind: 'answer', ringMs: 20 } } });
    harnesses.push(first);
    const { endpoint, campaignId, live } = await liveCall(first, '13900139011', '7411', '/restart');

    // Crash: the process goes away mid-call; nothing was sent for this call.
    await first.service.stop();
    harnesses.pop();
    expect(endedOf('/restart', live.id)).toEqual([]);

    const second = await startHarness({ env: ENV, reuse: { dir: first.dir, sim: first.sim } });
    harnesses.push(second);
    const [sent] = await waitFor('call.ended received', () => {
      const got = endedOf('/restart', live.id);
      return got.length > 0 ? got : null;
    }, 20_000);
    expect(sent!.body.data).toMatchObject({ callId: live.id, campaignId, outcome: 'interrupted', hangupBy: 'system', phone: '+8613900139011' });
    const nowSec = Math.floor(second.service.clock.now() / 1000);
    expect(verifyWebhookSignature(endpoint.secret, String(sent!.headers[SIGNATURE_HEADER]), sent!.raw, nowSec)).toBe(true);
    // Once, on the call's lane.
    await waitFor('delivery noted', () => second.service.webhooks.store.deliveries(endpoint.id, { limit: 10 }).every((d) => d.status === 'delivered'));
    expect(endedOf('/restart', live.id)).toHaveLength(1);
    expect(second.service.webhooks.store.deliveries(endpoint.id, { limit: 10 }).map((d) => d.lane)).toEqual([`${endpoint.id}:call-${live.id}`]);
  });

  it('a call still up when the shutdown grace ran out: sent before the service stops', async () => {
    const h = await startHarness({ env: ENV, scripts: { '8613900139012': { kind: 'answer', ringMs: 20 } } });
    harnesses.push(h);
    const { campaignId, live } = await liveCall(h, '13900139012', '7412', '/drain');
    await h.service.drain(100);
    const [sent] = await waitFor('call.ended received', () => {
      const got = endedOf('/drain', live.id);
      return got.length > 0 ? got : null;
    }, 20_000);
    expect(sent!.body.data).toMatchObject({ callId: live.id, campaignId, outcome: 'interrupted' });
  });
});
