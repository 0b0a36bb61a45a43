/**
 * Callbacks for managers (issue 14 item 5), over the whole service and the simulator: an owned
 * callback nobody answers stays its agent's — scheduled again at the retry time — until it
 * expires, then goes to whoever is free; managers list callbacks across campaigns, reassign,
 * reschedule (inside the calling window) and cancel them; completing or archiving a campaign
 * asks what to do with its callbacks (cancel, or move them to another campaign).
 */
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { agents, callbacks, calls, contacts, qaAuditLog, qaPlanItems, qaPlanRuns, qaRubrics, qaScores } from '../../src/db/schema.js';
import { ManualClock } from '../http/support.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';
import { signIn, type Caller } from '../support/harness-http.js';

const SH = 'Asia/Shanghai';
const local = (iso: string) => DateTime.fromISO(iso, { zone: SH }).toMillis();
const MIN = 60_000;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function agentUser(h: Harness, name: string, ext: string): Promise<{ id: number; api: Caller }> {
  const id = h.addAgent(name, ext);
  const api = await signIn(h.service, name.toLowerCase(), 'agent');
  h.service.database.db.update(agents).set({ userId: api.userId }).where(eq(agents.id, id)).run();
  await h.loginAgent(id);
  return { id, api };
}

const callbackRows = (h: Harness) => h.service.database.db.select().from(callbacks).all();
const contactOf = (h: Harness, campaignId: number, phone: string) =>
  h.service.database.db.select().from(contacts).where(eq(contacts.campaignId, campaignId)).all().find((c) => c.phone === phone);

describe('an owned callback nobody answers', () => {
  it('stays its agent\'s across unanswered attempts until it expires, then goes to whoever is free', async () => {
    const clock = new ManualClock(local('2025-01-07T10:00:00'));
    h = await startHarness({ clock, tickMs: 10 * 86_400_000, scripts: { '8613500135011': { kind: 'answer', ringMs: 20, hangupAfterMs: 300 } } });
    const ada = await agentUser(h, 'Ada', '7511');
    const id = h.runCampaign(['13500135011']);
    const first = await waitFor('call with Ada', () => h!.callsOf(id).find((c) => c.agentConnectedAt !== null));
    const made = await ada.api.call('POST', `/api/agents/${ada.id}/callbacks`, { callId: first.id, at: local('2025-01-07T14:00:00') });
    expect(made.json()).toMatchObject({ agentId: ada.id, expiresAt: local('2025-01-08T14:00:00') }); // a day's hold by default
    await h.waitCampaignDone(id, 1);
    await waitFor('Ada ready', () => h!.service.agents.get(ada.id)?.state === 'ready');

    // The customer does not pick up at 14:00: busy.
    h.sim.setScript('8613500135011', { kind: 'busy', ringMs: 10 });
    clock.advance(local('2025-01-07T14:00:00') - clock.now());
    expect(h.service.dialLoop.pass()).toBe(1);
    await h.waitCampaignDone(id, 2);
    const [again] = callbackRows(h);
    // Busy is retried after the default 15 minutes, and the callback is still Ada's.
    expect(again).toMatchObject({ status: 'scheduled', agentId: ada.id, attempts: 1, callId: null });
    expect(again!.dueAt - clock.now()).toBe(15 * MIN);
    expect(contactOf(h, id, '+8613500135011')).toMatchObject({ status: 'callback', lastOutcome: 'busy' });

    // Due again while Ada is on a break: Bo, ready, does not get it.
    const bo = await agentUser(h, 'Bo', '7512');
    h.service.agents.pause(ada.id, 'BREAK');
    clock.advance(again!.dueAt - clock.now());
    expect(h.service.dialLoop.pass()).toBe(0);

    // After its expiry (a day after 14:00) anyone free takes it; busy again, it has expired.
    clock.advance(local('2025-01-08T14:00:00') - clock.now());
    expect(h.service.dialLoop.pass()).toBe(1);
    const third = await waitFor('the third call', () => h!.callsOf(id).find((c) => c.id !== first.id && c.state === 'ended' && c.originatedAt >= local('2025-01-08T14:00:00')));
    expect(third.outcome).toBe('busy');
    await waitFor('the callback expired', () => callbackRows(h!)[0]?.status === 'expired');
    expect(callbackRows(h)[0]).toMatchObject({ attempts: 2, closedReason: expect.stringContaining("the owner's hold ended") });
    expect(h.service.agents.get(bo.id)?.state).toBe('ready');
  });
});

describe('callbacks for managers', () => {
  it('lists them across campaigns; reassigns, reschedules inside the window, cancels with a reason', async () => {
    const clock = new ManualClock(local('2025-01-07T10:00:00'));
    h = await startHarness({ clock, tickMs: 10 * 86_400_000 });
    const manager = await signIn(h.service, 'mgr', 'manager');
    const ada = h.addAgent('Ada', '7521');
    const bo = h.addAgent('Bo', '7522');
    const a = h.service.campaigns.create({ name: 'VP15' }).id;
    const b = h.service.campaigns.create({ name: 'Music' }).id;
    h.service.campaigns.addContacts(a, [{ phone: '13500135021' }]);
    h.service.campaigns.addContacts(b, [{ phone: '13500135022' }]);
    const cbA = h.service.callbacks.schedule({ campaignId: a, contactId: contactOf(h, a, '+8613500135021')!.id, agentId: ada, dueAt: local('2025-01-07T15:00:00') });
    const cbB = h.service.callbacks.schedule({ campaignId: b, contactId: contactOf(h, b, '+8613500135022')!.id, agentId: null, dueAt: local('2025-01-07T11:00:00') });

    const all = await manager.call('GET', '/api/callbacks');
    expect(all.statusCode).toBe(200);
    expect(all.json().callbacks.map((c: { id: number }) => c.id)).toEqual([cbB.id, cbA.id]);
    expect(all.json().callbacks[1]).toMatchObject({ phone: '+8613500135021', campaignName: 'VP15', agentName: 'Ada', ownerUntil: local('2025-01-08T15:00:00') });
    expect((await manager.call('GET', `/api/callbacks?agentId=none`)).json().callbacks.map((c: { id: number }) => c.id)).toEqual([cbB.id]);
    expect((await manager.call('GET', `/api/callbacks?campaignId=${a}`)).json().callbacks.map((c: { id: number }) => c.id)).toEqual([cbA.id]);
    expect((await manager.call('GET', '/api/callbacks?status=lost')).statusCode).toBe(400);

    expect((await manager.call('POST', `/api/callbacks/${cbA.id}/assign`, { agentId: bo })).json()).toMatchObject({ agentId: bo });
    const late = await manager.call('POST', `/api/callbacks/${cbA.id}/reschedule`, { dueAt: local('2025-01-07T21:30:00') });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('DIALER_ERR_WINDOW_CLOSED');
    expect((await manager.call('POST', `/api/callbacks/${cbA.id}/reschedule`, { dueAt: local('2025-01-07T09:00:00') })).statusCode).toBe(400);
    const moved = await manager.call('POST', `/api/callbacks/${cbA.id}/reschedule`, { dueAt: local('2025-01-08T10:00:00'), expiresAt: local('2025-01-08T18:00:00') });
    expect(moved.json()).toMatchObject({ dueAt: local('2025-01-08T10:00:00'), expiresAt: local('2025-01-08T18:00:00'), status: 'scheduled' });

    const cancelled = await manager.call('POST', `/api/callbacks/${cbB.id}/cancel`, { reason: 'customer called in' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', closedReason: 'customer called in' });
    expect((await manager.call('POST', `/api/callbacks/${cbB.id}/cancel`, {})).json().error).toBe('DIALER_ERR_CALLBACK_NOT_OPEN');
    const agent = await signIn(h.service, 'ada', 'agent');
    expect((await agent.call('GET', '/api/callbacks')).statusCode).toBe(403);
  });

  it('completing or archiving a campaign asks what to do with its callbacks: move them or cancel them', async () => {
    const clock = new ManualClock(local('2025-01-07T10:00:00'));
    h = await startHarness({ clock, tickMs: 10 * 86_400_000 });
    const manager = await signIn(h.service, 'mgr', 'manager');
    const ada = h.addAgent('Ada', '7531');
    const old = h.runCampaign(['13500135031', '13500135032']);
    await manager.call('POST', `/api/campaigns/${old}/pause`);
    const next = h.service.campaigns.create({ name: 'Next' }).id;
    h.service.dnc.add({ phone: '+8613500135032', campaignId: next, source: 'api' });
    for (const phone of ['+8613500135031', '+8613500135032']) {
      h.service.callbacks.schedule({ campaignId: old, contactId: contactOf(h, old, phone)!.id, agentId: ada, dueAt: local('2025-01-07T16:00:00'), note: 'wants the family plan' });
    }
    expect((await manager.call('GET', `/api/campaigns/${old}`)).json().openCallbacks).toBe(2);

    const asked = await manager.call('POST', `/api/campaigns/${old}/complete`);
    expect(asked.statusCode).toBe(409);
    expect(asked.json()).toMatchObject({ error: 'DIALER_ERR_CAMPAIGN_CALLBACKS_OPEN', message: expect.stringContaining('has 2 scheduled callbacks') });
    expect(h.service.campaigns.get(old).status).toBe('paused');
    expect((await manager.call('POST', `/api/campaigns/${old}/complete`, { callbacks: 'move', toCampaignId: old })).statusCode).toBe(400);
    expect((await manager.call('POST', `/api/campaigns/${old}/complete`, { callbacks: 'keep' })).statusCode).toBe(400);

    const done = await manager.call('POST', `/api/campaigns/${old}/complete`, { callbacks: 'move', toCampaignId: next });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', openCallbacks: 0, callbacks: { moved: 1, cancelled: 0, notMoved: [{ reason: 'the number is on the do-not-call list' }] } });
    const inNext = callbackRows(h).filter((c) => c.campaignId === next);
    expect(inNext).toMatchObject([{ status: 'scheduled', agentId: ada, dueAt: local('2025-01-07T16:00:00'), note: 'wants the family plan' }]);
    expect(contactOf(h, next, '+8613500135031')).toMatchObject({ status: 'callback' });
    expect(callbackRows(h).filter((c) => c.campaignId === old).map((c) => c.status)).toEqual(['cancelled', 'cancelled']);

    // Archiving the other campaign: cancel them.
    await manager.call('POST', `/api/campaigns/${next}/contacts`, { contacts: [{ phone: '13500135033' }] });
    const archived = await manager.call('POST', `/api/campaigns/${next}/archive`, { callbacks: 'cancel' });
    expect(archived.json()).toMatchObject({ status: 'archived', callbacks: { cancelled: 1, moved: 0 } });
    expect(callbackRows(h).filter((c) => c.campaignId === next)[0]).toMatchObject({ status: 'cancelled', closedReason: expect.stringContaining('cancelled its callbacks') });
  });

  it('a failed QA score opens a correction task: a callback by the call\'s agent to the customer within the time set, audited', async () => {
    const clock = new ManualClock(local('2025-01-07T10:00:00'));
    h = await startHarness({ clock, tickMs: 10 * 86_400_000 });
    const manager = await signIn(h.service, 'mgr', 'manager');
    const { db } = h.service.database;
    const ada = h.addAgent('Ada', '7541');
    const id = h.service.campaigns.create({ name: 'QA' }).id;
    h.service.campaigns.addContacts(id, [{ phone: '13500135041' }]);
    const contactId = contactOf(h, id, '+8613500135041')!.id;
    const callId = '00000000-0000-4000-8000-000000007541';
    db.insert(calls).values({ id: callId, campaignId: id, contactId, agentId: ada, phone: '+8613500135041', endpoint: 'x', channelId: 'c', state: 'ended', outcome: 'answered', originatedAt: clock.now() - 600_000, answeredAt: clock.now() - 590_000, endedAt: clock.now() - 300_000 }).run();
    const run = db.insert(qaPlanRuns).values({ campaignId: id, cycleLabel: '2025-01', seed: '', algorithm: 'test', trigger: 'on-demand', ranAt: 0, cutoffAt: 0, populationSize: 0, targetSize: 0, alreadySampled: 0, newlySampled: 1, totalSampled: 1, options: {}, summary: {} }).returning().get();
    db.insert(qaPlanItems).values({ callId, runId: run.id, campaignId: id, cycleLabel: '2025-01', agentId: ada, reasons: [], weight: 1, isSale: false, durationSec: 290, answeredAt: 0, sampledAt: 0, status: 'scored' }).run();
    const rubricId = (db.select().from(qaRubrics).get() ?? db.insert(qaRubrics).values({ version: 1, name: 'default', definition: {}, createdAt: 0 }).returning().get()).id;
    const score = (total: number) => ({ callId, agentId: ada, campaignId: id, rubricId, reviewerId: manager.userId, kind: 'review' as const, reviewedAt: 0, reviewDate: '2025-01-07', total, passed: total >= 80, fatal: false, defect: total < 80, detail: {}, current: true });
    db.insert(qaScores).values(score(72)).run();

    const res = await manager.call('POST', `/api/qa/calls/${callId}/correction`, { withinMinutes: 30 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ agentId: ada, contactId, dueAt: clock.now(), expiresAt: clock.now() + 30 * MIN, fromCallId: callId, status: 'scheduled', note: expect.stringContaining('QA correction (score 72)') });
    expect(db.select().from(qaAuditLog).all().find((a) => a.action === 'correction')).toMatchObject({ callId, detail: { withinMinutes: 30, agentId: ada } });
    expect((await manager.call('POST', `/api/qa/calls/${callId}/correction`, { withinMinutes: 1 })).statusCode).toBe(400);
    db.update(qaScores).set({ total: 90, passed: true, defect: false }).run();
    const passed = await manager.call('POST', `/api/qa/calls/${callId}/correction`, {});
    expect(passed.statusCode).toBe(409);
    expect(passed.json().message).toContain('passed QA (90 points)');
    const agent = await signIn(h.service, 'ada', 'agent');
    expect((await agent.call('POST', `/api/qa/calls/${callId}/correction`, {})).statusCode).toBe(403);
  });
});
