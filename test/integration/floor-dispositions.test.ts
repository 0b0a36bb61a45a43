/**
 * Dispositions per campaign, the wrap-up gate and the do-not-call button (issue 14, items 2
 * and 3), over the whole service and the simulator: managers edit a campaign's list; the
 * category decides what happens (a callback needs its time and is scheduled, do-not-call lists
 * the number at once, a sale needs a verified subscription); an agent owing a disposition is
 * not offered the next call — ready is refused, and a wrap-up that runs out pauses them with
 * DISPO; the disposition shows in call history, call detail and the reports (JSON and CSV).
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { callbacks, contacts, doNotCallGlobal } from '../../src/db/schema.js';
import { connectCall, readyAgent } from '../consent/consent-support.js';
import { HARNESS_START, startHarness, waitFor, type Harness } from '../support/harness.js';
import { signIn } from '../support/harness-http.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Requires dispositions; a 1 s wrap-up (the default is 15 s). */
const GATED = { dispositionRequired: true, wrapUpSec: 1 };

describe('dispositions and the wrap-up gate', () => {
  it('a campaign list managers edit; the agent must dispose before the next call; the category drives what happens', { timeout: 60_000 }, async () => {
    h = await startHarness();
    const manager = await signIn(h.service, 'boss', 'manager');
    const { agentId, agent } = await readyAgent(h, 'Ada', '7701');
    const call = await connectCall(h, agentId, GATED);

    // The campaign's list: the defaults; a manager adds one and retires one.
    const list = async (caller = agent) => (await caller.call('GET', `/api/campaigns/${call.campaignId}/dispositions`)).json().dispositions as Array<{ code: string; category: string; active: boolean }>;
    expect((await list()).map((d) => [d.code, d.category])).toEqual([
      ['sale', 'sale'],
      ['declined', 'refusal'],
      ['refused', 'refusal'],
      ['not-interested', 'no-interest'],
      ['callback', 'callback'],
      ['do-not-call', 'do-not-call'],
      ['wrong-person', 'wrong-person'],
      ['other', 'other'],
    ]);
    expect((await manager.call('POST', `/api/campaigns/${call.campaignId}/dispositions`, { code: 'complaint', label: '投诉 Complaint', category: 'other' })).statusCode).toBe(201);
    expect((await manager.call('POST', `/api/campaigns/${call.campaignId}/dispositions`, { code: 'complaint', label: 'again', category: 'other' })).json().error).toBe('DIALER_ERR_DISPOSITION_EXISTS');
    expect((await manager.call('POST', `/api/campaigns/${call.campaignId}/dispositions`, { code: 'x', label: 'x', category: 'vip' })).statusCode).toBe(400);
    expect((await manager.call('PATCH', `/api/campaigns/${call.campaignId}/dispositions/refused`, { active: false })).json()).toMatchObject({ code: 'refused', active: false });
    expect((await agent.call('POST', `/api/campaigns/${call.campaignId}/dispositions`, { code: 'mine', label: 'm', category: 'other' })).statusCode).toBe(403);
    expect((await list()).map((d) => d.code)).toEqual(['sale', 'declined', 'not-interested', 'callback', 'do-not-call', 'wrong-person', 'other', 'complaint']);
    expect((await list(manager)).length).toBe(8);
    expect((await manager.call('GET', `/api/campaigns/${call.campaignId}/dispositions?all=1`)).json().dispositions).toHaveLength(9);

    // The customer hangs up: wrap-up. Ready is refused while the disposition is owed.
    h.sim.hangupFarEnd(call.customerChannel);
    await waitFor('wrap-up', () => h!.service.agents.get(agentId)?.state === 'wrap-up');
    const early = await agent.call('POST', `/api/agents/${agentId}/ready`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'DIALER_ERR_AGENT_DISPOSITION_PENDING' });
    // The wrap-up runs out: paused "disposition pending", not ready.
    await waitFor('paused DISPO', () => h!.service.agents.get(agentId)?.state === 'paused', 10_000);
    expect(h.service.agents.get(agentId)).toMatchObject({ state: 'paused', reason: 'DISPO' });
    expect((await agent.call('POST', `/api/agents/${agentId}/ready`)).statusCode).toBe(409);

    // Refused: a retired code, a sale without a verified subscription, a callback without a time or outside the window.
    const give = (body: unknown, caller = agent) => caller.call('POST', `/api/calls/${call.callId}/disposition`, body);
    expect((await give({ code: 'refused' })).json().error).toBe('DIALER_ERR_DISPOSITION_UNKNOWN');
    expect((await give({ code: 'sale' })).statusCode).toBe(403);
    expect((await give({ code: 'callback' })).json().error).toBe('DIALER_ERR_DISPOSITION_NEEDS_TIME');
    expect((await give({ code: 'callback', callback: { at: HARNESS_START - 1 } })).statusCode).toBe(400);
    const other = await signIn(h.service, 'someone', 'agent');
    expect((await give({ code: 'other' }, other)).statusCode).toBe(403);
    expect(h.service.agents.pendingDisposition(agentId)).toBe(call.callId);

    // A callback tomorrow at 10:00 Beijing: scheduled for Ada, and the gate opens.
    const at = HARNESS_START + 86_400_000;
    const given = await give({ code: 'callback', note: '明天上午', callback: { at } });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({ disposition: { code: 'callback', category: 'callback' }, callbackId: expect.any(Number), doNotCallAdded: false });
    const cb = h.service.database.db.select().from(callbacks).where(eq(callbacks.id, given.json().callbackId)).get();
    expect(cb).toMatchObject({ agentId, dueAt: at, fromCallId: call.callId, status: 'scheduled' });
    expect((await agent.call('POST', `/api/agents/${agentId}/ready`)).statusCode).toBe(200);
    expect(h.service.agents.get(agentId)?.state).toBe('ready');

    // Call history and detail show it.
    const rows = (await manager.call('GET', `/api/calls?campaignId=${call.campaignId}`)).json().calls;
    expect(rows[0]).toMatchObject({ id: call.callId, disposition: 'callback', dispositionCategory: 'callback', dispositionLabel: '预约回访 Call back later', dispositionAt: expect.any(Number) });
    expect((await manager.call('GET', `/api/calls/${call.callId}`)).json()).toMatchObject({ disposition: 'callback', dispositionLabel: '预约回访 Call back later' });

    // The reports: by category per agent and per campaign, and in the CSV.
    const report = (await manager.call('GET', '/api/reports/agents?from=2025-01-07&to=2025-01-07')).json();
    expect(report.agents.find((a: { agentId: number }) => a.agentId === agentId)).toMatchObject({ dispositions: { callback: 1 }, undisposed: 0 });
    expect(report.campaigns.find((c: { campaignId: number }) => c.campaignId === call.campaignId)).toMatchObject({ dispositions: { callback: 1 }, undisposed: 0 });
    const csv = (await manager.call('GET', '/api/reports/agents?from=2025-01-07&to=2025-01-07&format=csv&view=campaigns')).body;
    const [header, line] = csv.replace('\uFEFF', '').split('\r\n');
    const cols = header!.split(',');
    expect(line!.split(',')[cols.indexOf('disp_callback')]).toBe('1');
    expect(line!.split(',')[cols.indexOf('undisposed')]).toBe('0');
  });

  it('a do-not-call disposition lists the number at once; a call given its disposition during the talk leaves the agent ready after wrap-up', { timeout: 60_000 }, async () => {
    h = await startHarness();
    const manager = await signIn(h.service, 'boss', 'manager');
    const { agentId, agent } = await readyAgent(h, 'Bo', '7702');
    const call = await connectCall(h, agentId, GATED);
    const res = await agent.call('POST', `/api/calls/${call.callId}/disposition`, { code: 'do-not-call', note: '不要再打了' });
    expect(res.json()).toMatchObject({ disposition: { category: 'do-not-call' }, doNotCallAdded: true });
    const phone = h.callsOf(call.campaignId)[0]!.phone;
    expect((await manager.call('GET', `/api/do-not-call?phone=${encodeURIComponent(phone)}`)).json()).toMatchObject({ blocked: true, entries: [{ source: 'disposition', callId: call.callId }] });
    h.sim.hangupFarEnd(call.customerChannel);
    await waitFor('wrap-up', () => h!.service.agents.get(agentId)?.state === 'wrap-up');
    await waitFor('ready after the wrap-up', () => h!.service.agents.get(agentId)?.state === 'ready', 10_000);
  });

  it('the do-not-call button: the agent on the live call lists the number, recorded with who and which call; nobody else may', { timeout: 60_000 }, async () => {
    h = await startHarness();
    const { agentId, agent } = await readyAgent(h, 'Cy', '7703');
    const call = await connectCall(h, agentId);
    const other = await signIn(h.service, 'someone', 'agent');
    expect((await other.call('POST', `/api/calls/${call.callId}/do-not-call`, { reason: 'x' })).statusCode).toBe(403);
    const res = await agent.call('POST', `/api/calls/${call.callId}/do-not-call`, { reason: 'the customer asked on the call not to be called again' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ added: true, scope: 'global' });
    const row = h.service.database.db.select().from(doNotCallGlobal).where(eq(doNotCallGlobal.callId, call.callId)).get();
    expect(row).toMatchObject({ source: 'disposition', addedBy: agent.userId, reason: 'the customer asked on the call not to be called again' });
    const contactId = h.callsOf(call.campaignId)[0]!.contactId;
    expect(h.service.database.db.select().from(contacts).where(eq(contacts.id, contactId)).get()?.doNotCallAt).toEqual(expect.any(Number));
  });
});
