/**
 * Preview dialing and scheduled callbacks through the API, over the whole service and the
 * simulator: the agent sees the card (and only they do), dials with themself reserved, skips;
 * a callback owned by an agent waits for that agent; an open one goes to whoever is free.
 * Also: the campaign's own safe-harbour message on an abandoned call.
 */
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { agents, callbacks, contacts } from '../../src/db/schema.js';
import { ManualClock } from '../http/support.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';
import { signIn, type Caller } from '../support/harness-http.js';

const SH = 'Asia/Shanghai';
const local = (iso: string) => DateTime.fromISO(iso, { zone: SH }).toMillis();
const talk = (ms: number) => ({ kind: 'answer' as const, ringMs: 20, hangupAfterMs: ms });

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** An agent record linked to a signed-in agent user, logged in and ready. */
async function agentUser(h: Harness, name: string, ext: string): Promise<{ id: number; api: Caller }> {
  const id = h.addAgent(name, ext);
  const api = await signIn(h.service, name.toLowerCase(), 'agent');
  h.service.database.db.update(agents).set({ userId: api.userId }).where(eq(agents.id, id)).run();
  await h.loginAgent(id);
  return { id, api };
}

const contactRows = (h: Harness, campaignId: number) => h.service.database.db.select().from(contacts).where(eq(contacts.campaignId, campaignId)).all();

describe('preview dialing', () => {
  it('next shows the card to its agent only; dial reserves them; skip puts the contact back for later', async () => {
    h = await startHarness({ scripts: { '8613500135001': talk(300), '8613500135002': talk(300), '8613500135003': talk(300) } });
    const ada = await agentUser(h, 'Ada', '7501');
    const bo = await agentUser(h, 'Bo', '7502');
    const id = h.runCampaign(['13500135001', '13500135002', '13500135003'], { settings: { dialMode: 'preview' } });
    h.service.dialLoop.pass();
    expect(h.callsOf(id)).toHaveLength(0); // preview: nothing is dialed without the agent

    const first = await ada.api.call('POST', `/api/agents/${ada.id}/preview/next`);
    expect(first.statusCode).toBe(200);
    const card = first.json().card;
    expect(card).toMatchObject({ contactId: expect.any(Number), campaignId: id, phone: '+8613500135001', attempts: 0, callback: null });
    expect(h.service.agents.get(ada.id)?.state).toBe('reserved');
    expect((await ada.api.call('POST', `/api/agents/${ada.id}/preview/next`)).json().card.contactId).toBe(card.contactId);
    // Another agent may not see it, nor act as Ada.
    expect((await bo.api.call('GET', `/api/agents/${ada.id}/preview`)).statusCode).toBe(403);
    expect((await bo.api.call('POST', `/api/agents/${ada.id}/preview/${card.contactId}/dial`)).statusCode).toBe(403);
    const notHeld = await bo.api.call('POST', `/api/agents/${bo.id}/preview/${card.contactId}/dial`);
    expect(notHeld.statusCode).toBe(409);
    expect(notHeld.json().error).toBe('DIALER_ERR_PREVIEW_NOT_HELD');

    const skipped = await ada.api.call('POST', `/api/agents/${ada.id}/preview/${card.contactId}/skip`);
    expect(skipped.statusCode).toBe(200);
    const back = contactRows(h, id).find((c) => c.id === card.contactId)!;
    expect(back).toMatchObject({ status: 'pending', attempts: 0, heldByAgentId: null });
    expect(back.nextAttemptAt! - h.service.clock.now()).toBeGreaterThan(9 * 60_000);
    expect(h.service.agents.get(ada.id)?.state).toBe('ready');

    const second = (await ada.api.call('POST', `/api/agents/${ada.id}/preview/next`)).json().card;
    expect(second.phone).toBe('+8613500135002');
    const dialed = await ada.api.call('POST', `/api/agents/${ada.id}/preview/${second.contactId}/dial`);
    expect(dialed.statusCode).toBe(200);
    const { callId } = dialed.json();
    // Bo has been ready longer, but the previewed call is Ada's.
    const row = await waitFor('preview call connected', () => h!.callsOf(id).find((c) => c.id === callId && c.agentConnectedAt !== null));
    expect(row.agentId).toBe(ada.id);
    const busy = await ada.api.call('POST', `/api/agents/${ada.id}/preview/next`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error).toBe('DIALER_ERR_AGENT_NOT_READY');
    await h.waitCampaignDone(id, 1);
    expect(contactRows(h, id).find((c) => c.id === second.contactId)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('a preview call nobody answers hands the agent back', async () => {
    h = await startHarness({ scripts: { '8613500135004': { kind: 'busy', ringMs: 20 } } });
    const ada = await agentUser(h, 'Ada', '7503');
    const id = h.runCampaign(['13500135004'], { settings: { dialMode: 'preview', maxAttempts: 1 } });
    const card = (await ada.api.call('POST', `/api/agents/${ada.id}/preview/next`)).json().card;
    await ada.api.call('POST', `/api/agents/${ada.id}/preview/${card.contactId}/dial`);
    await h.waitCampaignDone(id, 1);
    await waitFor('agent ready again', () => h!.service.agents.get(ada.id)?.state === 'ready');
    expect((await ada.api.call('POST', `/api/agents/${ada.id}/preview/next`)).json().card).toBeNull();

    // "Dialed" is what Ada did, stored on the call (issue 14, item 7): the agents report counts
    // it, and switching the campaign to progressive afterwards rewrites nothing.
    expect(h.callsOf(id)).toEqual([expect.objectContaining({ dialedByAgentId: ada.id, agentId: null, outcome: 'busy' })]);
    const manager = await signIn(h.service, 'mgr', 'manager');
    const dialed = async () => (await manager.call('GET', `/api/reports/agents?from=2025-01-07&to=2025-01-07&agentId=${ada.id}`)).json().agents[0]?.dialed;
    expect(await dialed()).toBe(1);
    h.service.campaigns.setStatus(id, 'paused');
    const switched = await manager.call('PATCH', `/api/campaigns/${id}`, { dialMode: 'progressive' });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(await dialed()).toBe(1);
  });
});

describe('a preview card left alone', () => {
  it('is released after 5 minutes and the agent paused (an empty desk gets no automatic calls)', async () => {
    const clock = new ManualClock(local('2025-01-07T10:00:00'));
    h = await startHarness({ clock, tickMs: 10 * 86_400_000, scripts: {} });
    const ada = await agentUser(h, 'Ada', '7509');
    const id = h.runCampaign(['13500135009'], { settings: { dialMode: 'preview' } });
    const card = (await ada.api.call('POST', `/api/agents/${ada.id}/preview/next`)).json().card;
    expect(contactRows(h, id)[0]).toMatchObject({ status: 'held', heldByAgentId: ada.id });
    clock.advance(5 * 60_000 - 1);
    expect(h.service.agents.get(ada.id)?.state).toBe('reserved');
    clock.advance(1);
    expect(contactRows(h, id)[0]).toMatchObject({ id: card.contactId, status: 'pending', heldByAgentId: null, attempts: 0 });
    expect(h.service.agents.get(ada.id)?.state).toBe('paused');
    expect((await ada.api.call('POST', `/api/agents/${ada.id}/preview/${card.contactId}/dial`)).statusCode).toBe(409);
  });
});

describe('scheduled callbacks', () => {
  it('an owned callback waits for its agent, then is dialed with that agent reserved', async () => {
    const clock = new ManualClock(local('2025-01-07T10:00:00'));
    h = await startHarness({ clock, tickMs: 10 * 86_400_000, scripts: { '8613500135005': talk(400) } });
    const ada = await agentUser(h, 'Ada', '7504');
    const id = h.runCampaign(['13500135005']);
    const first = await waitFor('call with Ada', () => h!.callsOf(id).find((c) => c.agentConnectedAt !== null));

    // Refused: outside the window (21:30), in the past, someone else's call.
    const at = (iso: string) => local(iso);
    const late = await ada.api.call('POST', `/api/agents/${ada.id}/callbacks`, { callId: first.id, at: at('2025-01-07T21:30:00') });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: 'DIALER_ERR_WINDOW_CLOSED', message: expect.stringContaining('2025-01-08T01:00:00.000Z') });
    expect((await ada.api.call('POST', `/api/agents/${ada.id}/callbacks`, { callId: first.id, at: at('2025-01-07T09:00:00') })).statusCode).toBe(400);
    const bo = await agentUser(h, 'Bo', '7505');
    expect((await bo.api.call('POST', `/api/agents/${bo.id}/callbacks`, { callId: first.id, at: at('2025-01-07T14:00:00') })).statusCode).toBe(403);

    const made = await ada.api.call('POST', `/api/agents/${ada.id}/callbacks`, { callId: first.id, at: '2025-01-07T14:00:00+08:00', note: 'after lunch' });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ agentId: ada.id, dueAt: at('2025-01-07T14:00:00'), status: 'scheduled', note: 'after lunch' });
    await h.waitCampaignDone(id, 1);
    expect(contactRows(h, id)[0]).toMatchObject({ status: 'callback', lastOutcome: 'answered' });
    expect((await ada.api.call('GET', `/api/agents/${ada.id}/callbacks`)).json().callbacks).toHaveLength(1);

    // Due, but Ada is paused: Bo (ready) does not get it.
    await waitFor('Ada ready', () => h!.service.agents.get(ada.id)?.state === 'ready');
    h.service.agents.pause(ada.id, 'BREAK');
    clock.advance(at('2025-01-07T14:00:00') - clock.now());
    expect(h.service.dialLoop.pass()).toBe(0);
    expect(h.service.agents.get(bo.id)?.state).toBe('ready');

    h.service.agents.resume(ada.id); // the pool's ready event runs a pass
    const second = await waitFor('the callback connected', () => h!.callsOf(id).find((c) => c.id !== first.id && c.agentConnectedAt !== null));
    expect(second.agentId).toBe(ada.id);
    await h.waitCampaignDone(id, 2);
    const cb = h.service.database.db.select().from(callbacks).all();
    expect(cb).toMatchObject([{ status: 'done', callId: second.id, fromCallId: first.id }]);
    expect(contactRows(h, id)[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('an open callback goes to any free agent; a manager can reassign or cancel one', async () => {
    const clock = new ManualClock(local('2025-01-07T10:00:00'));
    h = await startHarness({ clock, tickMs: 10 * 86_400_000, scripts: { '8613500135006': talk(300), '8613500135007': { kind: 'busy', ringMs: 10 } } });
    const ada = await agentUser(h, 'Ada', '7506');
    const manager = await signIn(h.service, 'mgr', 'manager');
    const id = h.runCampaign(['13500135006', '13500135007']);
    const call = await waitFor('call with Ada', () => h!.callsOf(id).find((c) => c.agentConnectedAt !== null));
    const made = await ada.api.call('POST', `/api/agents/${ada.id}/callbacks`, { callId: call.id, at: local('2025-01-07T11:00:00'), anyAgent: true });
    expect(made.json()).toMatchObject({ agentId: null });
    await h.waitCampaignDone(id, 2);
    const list = await manager.call('GET', `/api/campaigns/${id}/callbacks?status=scheduled`);
    expect(list.json().callbacks).toHaveLength(1);

    h.service.agents.pause(ada.id, 'BREAK');
    const bo = await agentUser(h, 'Bo', '7507');
    clock.advance(local('2025-01-07T11:00:00') - clock.now());
    expect(h.service.dialLoop.pass()).toBe(1);
    const cbCall = await waitFor('the open callback connected', () => h!.callsOf(id).find((c) => c.id !== call.id && c.agentConnectedAt !== null));
    expect(cbCall.agentId).toBe(bo.id);
    await h.waitCampaignDone(id, 3);

    // Manager: schedule another from Bo's call, reassign it, cancel it.
    const again = (await bo.api.call('POST', `/api/agents/${bo.id}/callbacks`, { callId: cbCall.id, at: local('2025-01-07T15:00:00') })).json();
    const reassigned = await manager.call('POST', `/api/campaigns/${id}/callbacks/${again.id}/assign`, { agentId: ada.id });
    expect(reassigned.json()).toMatchObject({ agentId: ada.id });
    expect((await manager.call('POST', `/api/campaigns/${id}/callbacks/${again.id}/assign`, { agentId: 9999 })).statusCode).toBe(404);
    const cancelled = await manager.call('POST', `/api/campaigns/${id}/callbacks/${again.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect((await manager.call('POST', `/api/campaigns/${id}/callbacks/${again.id}/cancel`)).statusCode).toBe(409);
    expect(contactRows(h, id).find((c) => c.phone === '+8613500135006')).toMatchObject({ status: 'done' });
  });
});

describe('the campaign\'s own safe-harbour message', () => {
  it('an answered call no agent takes in time hears it, then is hung up as abandoned', async () => {
    h = await startHarness({
      scripts: { '8613500135008': { kind: 'answer', ringMs: 150 } },
      env: { AGENT_WAIT_MS: '100', SAFE_HARBOUR_MEDIA: 'sound:dialer/service-sorry' },
      sim: { soundDurationsMs: { 'sound:dialer/opening': 100, 'sound:dialer/campaign-sorry': 100 } },
    });
    const agentId = h.addAgent('Cy', '7508');
    await h.loginAgent(agentId);
    const id = h.runCampaign(['13500135008'], { settings: { safeHarbourMedia: 'sound:dialer/campaign-sorry', maxAttempts: 1 } });
    await waitFor('ringing', () => h!.callsOf(id)[0]);
    h.service.agents.pause(agentId, 'BREAK'); // the only agent steps away before the answer
    const [row] = await h.waitCampaignDone(id, 1);
    expect(row).toMatchObject({ outcome: 'abandoned', hangupBy: 'system', agentConnectedAt: null });
    const plays = h.sim.log.filter((e) => e.kind === 'rest' && e.path.startsWith(`/bridges/br-${row!.id}/play`));
    expect(plays.map((e) => (e.kind === 'rest' ? e.query.media : null))).toEqual(['sound:dialer/opening', 'sound:dialer/campaign-sorry']);
  });
});
