/**
 * Webhooks end to end on the real service: a manager registers a local HTTP receiver; calls,
 * do-not-call entries and events of one call reach it signed, in order, after the receiver
 * has failed and recovered; a delivery that ran out of attempts is visible with its attempts
 * and is re-sent from the API.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Caller } from '../support/harness-http.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../src/webhooks/signature.js';
import { receiver, type Received } from './receiver.js';

let h: Harness;
let manager: Caller;
const rx = receiver();
let base: string;

beforeAll(async () => {
  await new Promise<void>((r) => rx.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(rx.server.address() as AddressInfo).port}`;
  h = await startHarness({
    env: { WEBHOOK_BACKOFF_MS: '50', WEBHOOK_FEED_MS: '50', WEBHOOK_ATTEMPTS: '6', WEBHOOK_SWEEP_MS: '200' },
    scripts: { '8613700137001': { kind: 'answer', ringMs: 20, hangupAfterMs: 400 } },
  });
  manager = await signIn(h.service, 'wh-manager', 'manager');
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await new Promise((r) => rx.server.close(r));
});

function verified(r: Received, secret: string): boolean {
  const nowSec = Math.floor(h.service.clock.now() / 1000);
  return verifyWebhookSignature(secret, String(r.headers[SIGNATURE_HEADER]), r.raw, nowSec);
}

describe('webhooks', () => {
  it('deliver signed, versioned events in order per call once the receiver recovers', async () => {
    // Down for the first three requests, whichever lanes they come from: each lane has 6 attempts.
    rx.state.refuseNext = 3;
    const created = await manager.call('POST', '/api/webhooks', { url: `${base}/crm`, events: ['call.ended', 'do-not-call.added', 'disposition.saved'] });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json() as { id: number; secret: string };
    expect(endpoint.secret).toMatch(/^whsec_/);

    // A do-not-call entry through the API, and a real call through the simulator.
    expect((await manager.call('POST', '/api/do-not-call', { phone: '+8613800138000', reason: 'asked' })).statusCode).toBe(201);
    const agentId = h.addAgent('Wen', '7301');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign(['13700137001']);
    const [call] = await h.waitCampaignDone(campaignId, 1);
    // Three more events of one call, published in this order.
    const lanes = ['first', 'second', 'third'].flatMap((step) => h.service.webhooks.store.publish('disposition.saved', `call-${call!.id}`, { callId: call!.id, step }));
    await h.service.webhooks.delivery.enqueue(lanes);

    await waitFor('every event delivered', () => rx.state.received.length >= 5, 20_000);

    for (const r of rx.state.received) {
      expect(verified(r, endpoint.secret), r.raw).toBe(true);
      expect(r.body.version).toBe(1);
      expect(r.headers['x-dialer-event']).toBe(r.body.type);
      expect(r.headers['x-dialer-event-id']).toBe(r.body.id);
    }
    const ofCall = rx.state.received.filter((r) => r.body.data.callId === call!.id);
    expect(ofCall.map((r) => [r.body.type, r.body.data.step])).toEqual([
      ['call.ended', undefined],
      ['disposition.saved', 'first'],
      ['disposition.saved', 'second'],
      ['disposition.saved', 'third'],
    ]);
    expect(ofCall[0]!.body.data).toMatchObject({ callId: call!.id, campaignId, outcome: 'answered', phone: '+8613700137001' });
    const dnc = rx.state.received.find((r) => r.body.type === 'do-not-call.added');
    expect(dnc?.body.data).toMatchObject({ phone: '+8613800138000', scope: 'global', source: 'api', reason: 'asked' });

    // The console's view: deliveries with their attempts, the refused ones included. (The
    // receiver has each body before the service has its answer: wait for the last to be noted.)
    type Listed = { deliveries: Array<{ status: string; attempts: number; attemptsLog: Array<{ statusCode: number | null }> }> };
    await waitFor('all marked delivered', () => {
      const ds = h.service.webhooks.store.deliveries(endpoint.id, { limit: 10 });
      return ds.length === 5 && ds.every((d) => d.status === 'delivered');
    });
    const list = (await manager.call('GET', `/api/webhooks/${endpoint.id}/deliveries`)).json() as Listed;
    expect(list.deliveries).toHaveLength(5);
    const retried = list.deliveries.filter((d) => d.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(rx.state.refused).toBe(3);
    expect(retried.flatMap((d) => d.attemptsLog.map((a) => a.statusCode)).filter((c) => c === 503)).toHaveLength(3);
    expect(retried[0]!.attemptsLog[0]!.statusCode).toBe(204);
  });

  it('a delivery out of attempts is marked failed, shown, and re-sent on request', async () => {
    rx.state.refuseNext = 6;
    const created = await manager.call('POST', '/api/webhooks', { url: `${base}/orders`, events: ['subscription.cancelled'] });
    const endpoint = created.json() as { id: number; secret: string };
    const lanes = h.service.webhooks.store.publish('subscription.cancelled', 'subscription-77', { subscriptionId: 77 });
    await h.service.webhooks.delivery.enqueue(lanes);
    const failed = await waitFor('delivery failed', () => {
      const [d] = h.service.webhooks.store.deliveries(endpoint.id, { limit: 1 });
      return d?.status === 'failed' ? d : null;
    });
    expect(failed).toMatchObject({ attempts: 6, lastStatusCode: 503, lastError: 'the receiver answered 503' });

    expect(rx.state.refuseNext).toBe(0);
    const resent = await manager.call('POST', `/api/webhook-deliveries/${failed.id}/resend`);
    expect(resent.statusCode).toBe(200);
    const got = await waitFor('re-sent delivery received', () => rx.state.received.find((r) => r.path === '/orders'));
    expect(verified(got, endpoint.secret)).toBe(true);
    expect(got.body).toMatchObject({ type: 'subscription.cancelled', data: { subscriptionId: 77 } });
    await waitFor('marked delivered', () => h.service.webhooks.store.getDelivery(failed.id).status === 'delivered');
    const again = await manager.call('POST', `/api/webhook-deliveries/${failed.id}/resend`);
    expect(again.statusCode).toBe(200);
  });

  it('refuses bad endpoints in the API\'s words and is for managers', async () => {
    const bad = await manager.call('POST', '/api/webhooks', { url: 'ftp://x', events: ['nope'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('invalid request: body.url: must be an http:// or https:// address; body.events.0: must be one of ' +
      '"call.ended", "disposition.saved", "subscription.confirmed", "subscription.cancelled", "subscription.reversed", "subscription.confirmation-message", "do-not-call.added"');
    const agent = await signIn(h.service, 'wh-agent', 'agent');
    expect((await agent.call('GET', '/api/webhooks')).statusCode).toBe(403);
  });
});
