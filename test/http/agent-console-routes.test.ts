/**
 * The agent console's API on a live call through the simulator: who the agent is, the call
 * card (full number only on the agent's own live call, masked everywhere else), today's calls,
 * callbacks with masked numbers, and the consent status pushed as server-sent events — each
 * readable by the agent on the call (or a manager) and refused to other agents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCall, readyAgent, type LiveCall } from '../consent/consent-support.js';
import { signIn, type Caller } from '../support/harness-http.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

let h: Harness;
let ada: { agentId: number; agent: Caller };
let bo: { agentId: number; agent: Caller };
let manager: Caller;

beforeAll(async () => {
  h = await startHarness({ env: { WRAP_UP_MS: '600000' } });
  ada = await readyAgent(h, 'Ada', '7201');
  bo = await readyAgent(h, 'Bo', '7202');
  manager = await signIn(h.service, 'desk-manager', 'manager');
  // Bo takes no calls here: only Ada is offered them.
  await h.service.agents.logout(bo.agentId);
});

afterAll(async () => {
  await h?.stop();
});

/** The call's number as the contact row holds it (E.164). */
const phoneOf = (call: LiveCall) => h.callsOf(call.campaignId)[0]!.phone;

describe('GET /api/me/agent', () => {
  it("gives the signed-in agent their record and session; a user with no agent record is told why; other roles are refused", async () => {
    const me = await ada.agent.call('GET', '/api/me/agent');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ agent: { id: ada.agentId, extension: '7201' }, session: { state: 'ready' }, previewCampaigns: [] });

    const nobody = await signIn(h.service, 'no-record-agent', 'agent');
    const res = await nobody.call('GET', '/api/me/agent');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'DIALER_ERR_AGENT_NO_RECORD' });
    expect(res.json().message).toMatch(/no-record-agent.*not linked to an agent record/);

    expect((await manager.call('GET', '/api/me/agent')).statusCode).toBe(403);
  });
});

describe('the call card and the consent status', () => {
  let call: LiveCall;

  beforeAll(async () => {
    call = await connectCall(h, ada.agentId, { openingText: '您好,请问您是机主吗?', scriptText: '介绍产品' });
  });

  it('shows the agent on the call the full number, the campaign texts and the product terms', async () => {
    const res = await ada.agent.call('GET', `/api/agents/${ada.agentId}/current-call`);
    expect(res.statusCode).toBe(200);
    const { call: card } = res.json();
    expect(card).toMatchObject({
      callId: call.callId,
      live: true,
      phone: phoneOf(call),
      campaign: { id: call.campaignId, openingText: '您好,请问您是机主吗?', scriptText: '介绍产品', refusalLimit: 3, product: { code: 'VP15', priceMinor: 1500, billingPeriod: 'monthly', cancelHow: 'send TD to 10086' } },
      subscriptions: [],
      disposition: null,
    });
    expect(card.phoneMasked).not.toBe(card.phone);
    // The words the disclosure plays, in the campaign's language (Mandarin by default).
    expect(card.campaign.product.termsText).toContain('资费为每月十五元。');
    // A manager may look at any agent's call.
    expect((await manager.call('GET', `/api/agents/${ada.agentId}/current-call`)).json().call.phone).toBe(phoneOf(call));
  });

  it("refuses another agent the call and its consent status", async () => {
    expect((await bo.agent.call('GET', `/api/agents/${ada.agentId}/current-call`)).statusCode).toBe(403);
    expect((await bo.agent.call('GET', `/api/agents/${ada.agentId}/calls/${call.callId}`)).statusCode).toBe(403);
    // Through Bo's own agent id the call does not exist for him.
    expect((await bo.agent.call('GET', `/api/agents/${bo.agentId}/calls/${call.callId}`)).statusCode).toBe(404);
    expect((await bo.agent.call('GET', `/api/calls/${call.callId}/consent`)).statusCode).toBe(403);
    expect((await ada.agent.call('GET', `/api/calls/${call.callId}/consent`)).statusCode).toBe(200);
  });

  it('pushes the consent status on every change (server-sent events)', async () => {
    const base = await h.service.http.listen({ host: '127.0.0.1', port: 0 });
    const abort = new AbortController();
    const res = await fetch(`${base}/api/calls/${call.callId}/consent/stream`, { headers: { authorization: `Bearer ${ada.agent.token}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = readEvents(res.body!);
    expect(await events.next('consent')).toMatchObject({ callId: call.callId, identityConfirmed: false, refusals: 0 });
    await ada.agent.call('POST', `/api/calls/${call.callId}/consent/refusals`, { note: 'no' });
    expect(await events.next('consent')).toMatchObject({ refusals: 1 });
    await ada.agent.call('POST', `/api/calls/${call.callId}/consent/identity-confirmed`);
    expect(await events.next('consent')).toMatchObject({ identityConfirmed: true, verifyBlockedBy: null, verifyBlockCode: null });
    abort.abort();
    const other = await fetch(`${base}/api/calls/${call.callId}/consent/stream`, { headers: { authorization: `Bearer ${bo.agent.token}` } });
    expect(other.status).toBe(403);
  });

  it('after the call: the number is masked on the card, in the day list and in the callbacks list', async () => {
    h.sim.hangupFarEnd(call.customerChannel);
    await h.waitCampaignDone(call.campaignId, 1);
    await waitFor('agent in wrap-up', () => h.service.agents.get(ada.agentId)?.state === 'wrap-up');
    const card = (await ada.agent.call('GET', `/api/agents/${ada.agentId}/calls/${call.callId}`)).json();
    expect(card).toMatchObject({ callId: call.callId, live: false, outcome: 'answered' });
    expect(card.phone).toBe(card.phoneMasked);
    expect(card.phone).toMatch(/^\+86\d{3}\*{4}\d{4}$/);

    await ada.agent.call('POST', `/api/calls/${call.callId}/consent/disposition`, { disposition: 'not-interested', note: 'tomorrow' });
    const day = await ada.agent.call('GET', `/api/agents/${ada.agentId}/calls`);
    expect(day.json().calls).toEqual([expect.objectContaining({ callId: call.callId, phoneMasked: card.phoneMasked, sold: false, disposition: expect.objectContaining({ disposition: 'not-interested', label: '不感兴趣 Not interested', note: 'tomorrow' }) })]);
    expect(day.body).not.toContain(phoneOf(call));

    const at = h.service.clock.now() + 86_400_000;
    expect((await ada.agent.call('POST', `/api/agents/${ada.agentId}/callbacks`, { callId: call.callId, at })).statusCode).toBe(201);
    const list = await ada.agent.call('GET', `/api/agents/${ada.agentId}/callbacks`);
    expect(list.json().callbacks).toEqual([expect.objectContaining({ phoneMasked: card.phoneMasked, dueAt: at })]);
    expect(list.body).not.toContain(phoneOf(call));
  });
});

/** Reads named server-sent events from a response body, one at a time. */
function readEvents(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(name: string): Promise<unknown> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === name && data !== undefined) return JSON.parse(data);
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before a ${name} event`);
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}
