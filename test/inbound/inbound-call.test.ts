/**
 * Customers calling a campaign's number back, on the simulator (real HTTP + WebSocket ARI,
 * the whole service, real SQLite and Redis): the dialplan's Stasis(app,inbound,<caller>,<dialled>)
 * reaches the agent who last spoke with them, else a ready agent of the campaign, else the
 * "we will call you back" message and a callback; unknown callers hear the message.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { callbacks, calls, contacts, inboundCalls } from '../../src/db/schema.js';
import { eligibleCalls } from '../../src/qa/population.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';
import { signIn } from '../support/harness-http.js';

const N = (i: number) => `1380013800${i}`;
const R = (i: number) => `86${N(i)}`;
const CALLER_ID = '02161230000';
/** The campaign's number as the carrier sends it in the Request-URI. */
const DIALLED = '+86-21-6123-0000';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function inboundRows(h: Harness) {
  const { db } = h.service.database;
  return db.select().from(calls).where(eq(calls.direction, 'inbound')).all();
}

async function closedInbound(h: Harness, n: number) {
  return waitFor(`${n} closed inbound calls with judged recordings`, () => {
    const rows = inboundRows(h);
    return rows.length >= n && rows.every((r) => r.state === 'ended' && r.recordingState !== null && r.recordingState !== 'pending') && h.service.tracker.size === 0 ? rows : null;
  }, 15_000);
}

describe('inbound calls on the simulator', () => {
  it('a customer calling back reaches the agent who last spoke with them, recorded and verified, in QA population and talk time', async () => {
    h = await startHarness({
      // Long enough for the agents to join on a loaded machine (the premise: both customers talked to an agent).
      scripts: { [R(1)]: { kind: 'answer', ringMs: 50, hangupAfterMs: 2000 }, [R(2)]: { kind: 'answer', ringMs: 50, hangupAfterMs: 3500 } },
    });
    const ada = h.addAgent('Ada', '7001');
    const bob = h.addAgent('Bob', '7002');
    await h.loginAgent(ada);
    await h.loginAgent(bob);
    const campaignId = h.runCampaign([N(1), N(2)], { settings: { callerId: CALLER_ID } });
    const out = await h.waitCampaignDone(campaignId, 2);
    // The customer whose call ended last: their agent became ready last, so "ready longest" would pick the other.
    const last = out.reduce((a, b) => (a.endedAt! > b.endedAt! ? a : b));
    const other = last.agentId === ada ? bob : ada;
    expect([ada, bob]).toContain(last.agentId);
    expect(out.every((c) => c.agentConnectedAt !== null)).toBe(true);
    await waitFor('both agents ready', () => [ada, bob].every((a) => h!.service.agents.get(a)?.state === 'ready'));

    const caller = last.phone === '+8613800138001' ? N(1) : N(2);
    const channelId = h.sim.placeCarrierCall({ caller, dialled: DIALLED, app: 'dialer', script: { hangupAfterMs: 1000 } });
    const [row] = await closedInbound(h, 1);
    expect(row).toMatchObject({
      direction: 'inbound',
      campaignId,
      contactId: last.contactId,
      agentId: last.agentId,
      channelId,
      phone: last.phone,
      outcome: 'answered',
      hangupBy: 'customer',
      recordingState: 'verified',
    });
    expect(row!.endpoint).toMatch(/^PJSIP\/carrier-/);
    expect(row!.agentConnectedAt).not.toBeNull();
    expect(row!.recordingStartedAt!).toBeLessThanOrEqual(row!.openingStartedAt!);
    expect(h.segmentsOf(row!.id).every((s) => s.state === 'verified')).toBe(true);
    // The welcome, not the campaign's outbound opening, was played on the recorded bridge.
    const plays = h.sim.log.filter((e) => e.kind === 'rest' && e.path.startsWith(`/bridges/br-${row!.id}/play`));
    expect(plays.map((p) => (p.kind === 'rest' ? p.query.media : ''))).toEqual(['sound:dialer/inbound-welcome']);
    const { db } = h.service.database;
    expect(db.select().from(inboundCalls).all()).toEqual([expect.objectContaining({ route: 'last-agent', agentId: last.agentId, callId: row!.id, caller: last.phone, dialled: DIALLED, campaignId })]);
    expect(h.service.agents.get(other)?.state).toBe('ready');
    // The contact's outbound state is not touched by the inbound call.
    expect(db.select({ status: contacts.status }).from(contacts).where(eq(contacts.id, last.contactId)).get()?.status).toBe('done');

    // QA's population and the agent's talk time include it; pacing's abandon figures do not count it.
    const population = eligibleCalls(db, { campaignId, from: 0, to: Number.MAX_SAFE_INTEGER, cutoff: Number.MAX_SAFE_INTEGER });
    expect(population.map((c) => c.callId)).toContain(row!.id);
    const tally = h.service.agentReports.dayTallies('2025-01-07', [last.agentId!]).get(last.agentId!);
    expect(tally?.connected).toBe(2);
    expect(tally?.talkMs).toBe(last.endedAt! - last.agentConnectedAt! + (row!.endedAt! - row!.agentConnectedAt!));

    // Call search finds it, and can ask for one direction.
    const manager = await signIn(h.service, 'boss', 'manager');
    const found = (direction: string) => manager.call('GET', `/api/calls?campaignId=${campaignId}${direction}`).then((r) => (r.json() as { calls: Array<{ id: string; direction: string }> }).calls);
    expect((await found('')).map((c) => c.id).sort()).toEqual([...out.map((c) => c.id), row!.id].sort());
    expect(await found('&direction=inbound')).toEqual([expect.objectContaining({ id: row!.id, direction: 'inbound' })]);
    expect((await manager.call('GET', '/api/calls?direction=sideways')).statusCode).toBe(400);
    // The customer's history is for the agent on the call, while it lasts.
    expect((await manager.call('GET', `/api/agents/${last.agentId}/calls/${row!.id}/history`)).statusCode).toBe(404);
  });

  it('nobody ready: the customer hears the message (recorded) and a callback is scheduled for their last agent; another ready agent of the campaign takes the next', async () => {
    h = await startHarness({ scripts: { [R(1)]: { kind: 'answer', ringMs: 50, hangupAfterMs: 500 } }, env: { INBOUND_CALLBACK_DELAY_MS: '900000' } });
    const ada = h.addAgent('Ada', '7001');
    await h.loginAgent(ada);
    const campaignId = h.runCampaign([N(1)], { settings: { callerId: CALLER_ID } });
    const [out] = await h.waitCampaignDone(campaignId, 1);
    await waitFor('Ada ready', () => h!.service.agents.get(ada)?.state === 'ready');
    h.service.agents.pause(ada, 'break');

    const before = h.service.clock.now();
    h.sim.placeCarrierCall({ caller: `+86${N(1)}`, dialled: CALLER_ID, app: 'dialer' });
    const [row] = await closedInbound(h, 1);
    expect(row).toMatchObject({ direction: 'inbound', agentId: null, agentConnectedAt: null, outcome: 'answered', hangupBy: 'system', recordingState: 'verified', contactId: out!.contactId });
    const plays = h.sim.log.filter((e) => e.kind === 'rest' && e.path.startsWith(`/bridges/br-${row!.id}/play`));
    expect(plays.map((p) => (p.kind === 'rest' ? p.query.media : ''))).toEqual(['sound:dialer/inbound-callback']);
    const { db } = h.service.database;
    const [cb] = db.select().from(callbacks).where(eq(callbacks.contactId, out!.contactId)).all();
    expect(cb).toMatchObject({ agentId: ada, status: 'scheduled', fromCallId: row!.id, campaignId });
    expect(cb!.dueAt - before).toBeGreaterThanOrEqual(900_000);
    expect(cb!.dueAt - before).toBeLessThan(960_000);
    expect(db.select().from(inboundCalls).all()).toEqual([expect.objectContaining({ route: 'callback', agentId: ada, callId: row!.id, callbackId: cb!.id })]);
    // Agentless calls have nobody to score: not in QA's population.
    expect(eligibleCalls(db, { campaignId, from: 0, to: Number.MAX_SAFE_INTEGER, cutoff: Number.MAX_SAFE_INTEGER }).map((c) => c.callId)).not.toContain(row!.id);

    // Ada still paused; Bob, assigned like her, is ready: the next call from the customer goes to him.
    const bob = h.addAgent('Bob', '7002');
    await h.loginAgent(bob);
    h.sim.placeCarrierCall({ caller: N(1), dialled: CALLER_ID, app: 'dialer', script: { hangupAfterMs: 300 } });
    const rows = await closedInbound(h, 2);
    expect(rows.find((r) => r.id !== row!.id)).toMatchObject({ agentId: bob, recordingState: 'verified' });
    expect(db.select({ route: inboundCalls.route }).from(inboundCalls).all().map((r) => r.route)).toEqual(['callback', 'campaign-agent']);
  });

  it('unknown callers follow INBOUND_UNKNOWN_POLICY: the message and hang-up by default', async () => {
    h = await startHarness();
    const ada = h.addAgent('Ada', '7001');
    await h.loginAgent(ada);
    // A draft campaign with no list: its number is still the campaign's.
    const campaignId = h.service.campaigns.create({ name: 'inbound', openingMedia: 'sound:dialer/opening', callerId: CALLER_ID }).id;
    const stranger = h.sim.placeCarrierCall({ caller: N(7), dialled: CALLER_ID, app: 'dialer' });
    const nowhere = h.sim.placeCarrierCall({ caller: N(8), dialled: '4008001234', app: 'dialer' });
    await waitFor('both callers hung up', () => !h!.sim.channels().some((c) => c.id === stranger || c.id === nowhere));
    const plays = h.sim.log.filter((e) => e.kind === 'rest' && /^\/channels\/[^/]+\/play/.test(e.path));
    expect(plays.map((p) => (p.kind === 'rest' ? p.query.media : ''))).toEqual(['sound:dialer/nobody-available', 'sound:dialer/nobody-available']);
    const { db } = h.service.database;
    expect(inboundRows(h)).toEqual([]);
    expect(db.select().from(inboundCalls).all()).toEqual([
      expect.objectContaining({ route: 'unknown-message', campaignId, callId: null, caller: `+86${N(7)}` }),
      expect.objectContaining({ route: 'unknown-message', campaignId: null, callId: null }),
    ]);
    expect(h.service.agents.get(ada)?.state).toBe('ready');
  });

  it('with INBOUND_UNKNOWN_POLICY=campaign-agents a stranger calling a campaign\'s number reaches its ready agent and becomes a contact that is never dialled', async () => {
    h = await startHarness({ env: { INBOUND_UNKNOWN_POLICY: 'campaign-agents' } });
    const ada = h.addAgent('Ada', '7001');
    await h.loginAgent(ada);
    // A draft campaign with no list: its number is still the campaign's.
    const campaignId = h.service.campaigns.create({ name: 'inbound', openingMedia: 'sound:dialer/opening', callerId: CALLER_ID }).id;
    h.sim.placeCarrierCall({ caller: N(7), dialled: CALLER_ID, app: 'dialer', script: { hangupAfterMs: 300 } });
    const [row] = await closedInbound(h, 1);
    expect(row).toMatchObject({ agentId: ada, campaignId, phone: `+86${N(7)}`, recordingState: 'verified' });
    const { db } = h.service.database;
    expect(db.select().from(contacts).where(and(eq(contacts.campaignId, campaignId), eq(contacts.phone, `+86${N(7)}`))).get()).toMatchObject({ status: 'done', id: row!.contactId });
    expect(db.select({ route: inboundCalls.route }).from(inboundCalls).all()).toEqual([{ route: 'unknown-agent' }]);
  });
  it('a caller with an agent when the service crashed is routed again by the restarted one: with nobody logged in yet they hear the message and get a callback', async () => {
    const first = await startHarness({ scripts: { [R(1)]: { kind: 'answer', ringMs: 50, hangupAfterMs: 500 } }, env: { INBOUND_CALLBACK_DELAY_MS: '900000' } });
    h = first;
    const ada = first.addAgent('Ada', '7001');
    await first.loginAgent(ada);
    const campaignId = first.runCampaign([N(1)], { settings: { callerId: CALLER_ID } });
    const [out] = await first.waitCampaignDone(campaignId, 1);
    await waitFor('Ada ready', () => first.service.agents.get(ada)?.state === 'ready');
    const channelId = first.sim.placeCarrierCall({ caller: `+86${N(1)}`, dialled: CALLER_ID, app: 'dialer' });
    const talking = await waitFor('the caller talking to Ada', () => inboundRows(first).find((r) => r.agentConnectedAt !== null));

    // Crash: the process goes away without hanging anything up; the caller stays in the app.
    await first.service.stop();
    expect(first.sim.channels().find((c) => c.id === channelId)).toMatchObject({ inStasis: true });
    h = await startHarness({ reuse: { dir: first.dir, sim: first.sim } });
    const second = h;
    const rows = await waitFor('the old call closed, the caller routed again and the new call closed', () => {
      const r = inboundRows(second);
      return r.length === 2 && r.every((c) => c.state === 'ended' && c.recordingState !== null && c.recordingState !== 'pending') ? r : null;
    }, 15_000);
    expect(rows.find((r) => r.id === talking.id)).toMatchObject({ outcome: 'interrupted' });
    const again = rows.find((r) => r.id !== talking.id)!;
    expect(again).toMatchObject({ channelId, agentId: null, outcome: 'answered', hangupBy: 'system', recordingState: 'verified', contactId: out!.contactId });
    const plays = second.sim.log.filter((e) => e.kind === 'rest' && e.path.startsWith(`/bridges/br-${again.id}/play`));
    expect(plays.map((p) => (p.kind === 'rest' ? p.query.media : ''))).toEqual(['sound:dialer/inbound-callback']);
    const { db } = second.service.database;
    expect(db.select().from(callbacks).where(eq(callbacks.contactId, out!.contactId)).all()).toEqual([expect.objectContaining({ agentId: ada, status: 'scheduled', fromCallId: again.id })]);
    await waitFor('the caller gone', () => !second.sim.channels().some((c) => c.id === channelId));
  });
  it('a caller is routed once: a late StasisStart after the reconciler routed them, or a listing that still shows a caller gone meanwhile, routes nobody again', async () => {
    h = await startHarness({ env: { INBOUND_CALLBACK_DELAY_MS: '900000' } });
    const { tracker } = h.service;
    const caller = h.sim.placeCarrierCall({ caller: `+86${N(7)}`, dialled: '4008001234', app: 'dialer' });
    await waitFor('the stranger hears the message', () => h!.sim.log.some((e) => e.kind === 'rest' && e.path.startsWith(`/channels/${caller}/play`)));
    const listed = (await h.service.telephony.listChannels()).find((c) => c.id === caller)!;
    expect(listed.stasisArgs).toEqual(['inbound', `+86${N(7)}`, '4008001234']);
    // Seen entering: the reconciler leaves it to its owner, and a second StasisStart is ignored.
    expect(tracker.enterAgain({ ...listed, stasisArgs: listed.stasisArgs! })).toBe(false);
    tracker.handle({ type: 'StasisStart', channel: { id: caller, name: listed.name, state: 'Up', callerNumber: '' }, args: listed.stasisArgs! });
    const { db } = h.service.database;
    expect(db.select().from(inboundCalls).all()).toHaveLength(1);

    // Gone while a reconcile's listing was in flight: that listing does not bring it back.
    // (An inbound channel's last event is its StasisEnd: the dialplan runs on, unseen.)
    let leftSeen = false;
    const route = tracker.handle.bind(tracker);
    tracker.handle = (ev) => {
      route(ev);
      if (ev.type === 'StasisEnd' && ev.channel.id === caller) leftSeen = true;
    };
    tracker.reconcileStarted(new Set([caller]));
    h.sim.hangupFarEnd(caller);
    await waitFor('the service saw the caller leave', () => leftSeen);
    expect(tracker.enterAgain({ ...listed, stasisArgs: listed.stasisArgs! })).toBe(false);
    tracker.reconcileEnded();
    expect(db.select().from(inboundCalls).all()).toHaveLength(1);
  });
});
