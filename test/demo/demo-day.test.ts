/**
 * The demo's day (issue 14, item 9) on the simulator: its scripted customers, worked by the
 * demo's own desks through the agent API — three subscribe by keypress after the system's
 * verification, one refuses three times (the offer is locked), one asks not to be called
 * again (on the list at once); then a customer cancels and QA finds a fraudulent order on a
 * complaint, so the subscriptions, commission, cancellations and QA reversal screens have
 * data. And the two live-floor campaigns run side by side, each with its own agents.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { signInDemo, type DemoCaller } from '../../src/demo/demo-api.js';
import { DEMO_NUMBERS, DEMO_PRODUCT, DEMO_RING_TIMEOUT_SEC, DEMO_SECOND_MS, demoScripts, deskRoleOf, LIVE_FLOOR_NUMBERS } from '../../src/demo/demo-campaign.js';
import { closeTheDay, setUpLiveFloors } from '../../src/demo/demo-day.js';
import { DemoDesk } from '../../src/demo/demo-desk.js';
import { agents, consentActions, doNotCallGlobal, subscriptions } from '../../src/db/schema.js';
import { OPENING, startHarness, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** An agent with a user of its own, signed in as the demo signs its agents in, logged in and ready. */
async function deskAgent(harness: Harness, name: string, extension: string): Promise<{ agentId: number; caller: DemoCaller }> {
  const agentId = harness.addAgent(name, extension);
  const user = await harness.service.users.create({ username: name, password: `${name}-password-1`, role: 'agent' });
  harness.service.database.db.update(agents).set({ userId: user.id }).where(eq(agents.id, agentId)).run();
  await harness.loginAgent(agentId);
  return { agentId, caller: await signInDemo(harness.service, name, `${name}-password-1`) };
}

async function staff(harness: Harness, username: string, role: 'manager' | 'qa'): Promise<DemoCaller> {
  await harness.service.users.create({ username, password: `${username}-password-1`, role });
  return signInDemo(harness.service, username, `${username}-password-1`);
}

describe('the demo day', () => {
  it('subscriptions by keypress, three refusals that lock the offer, a do-not-call request; then a cancellation and a QA reversal', { timeout: 120_000 }, async () => {
    // The demo's ring timeout in real time (ARI seconds of DEMO_SECOND_MS): the day's customers pick up within it.
    h = await startHarness({ scripts: demoScripts(), sim: { secondMs: DEMO_SECOND_MS, defaultPlaybackMs: 100 } });
    const { service } = h;
    const { db } = service.database;
    const desks = new Map<number, DemoCaller>();
    for (const [i, name] of ['li', 'wang'].entries()) {
      const a = await deskAgent(h, name, `810${i}`);
      desks.set(a.agentId, a.caller);
    }
    const manager = await staff(h, 'mgr', 'manager');
    const qa = await staff(h, 'qa1', 'qa');
    const day = DEMO_NUMBERS.filter((n) => n.desk);
    expect(day.map((n) => n.desk).sort()).toEqual(['do-not-call', 'refuses-three-times', 'subscribes', 'subscribes', 'subscribes']);

    const desk = new DemoDesk({ service, sim: h.sim, agents: desks, roleOf: deskRoleOf, pollMs: 20 });
    desk.start();
    const campaignId = service.campaigns.create({ name: 'day', openingMedia: OPENING, ringTimeoutSec: DEMO_RING_TIMEOUT_SEC, maxAttempts: 1, ...DEMO_PRODUCT, dispositionRequired: false, wrapUpSec: 0 }).id;
    service.campaigns.addContacts(campaignId, day.map((n) => ({ phone: n.national })));
    service.campaigns.setStatus(campaignId, 'running');
    service.dialLoop.kick();
    await h.waitCampaignDone(campaignId, day.length, 90_000);
    await h.waitRecordingsSettled(campaignId, 30_000);
    await desk.stop();

    const byRole = (role: string) => desk.results.filter((r) => r.role === role);
    expect(byRole('subscribes').map((r) => r.result)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(byRole('refuses-three-times')).toEqual([expect.objectContaining({ result: expect.stringContaining('locked after 3 refusals') })]);
    expect(byRole('do-not-call')).toEqual([expect.objectContaining({ result: 'on the do-not-call list' })]);
    const subs = db.select().from(subscriptions).where(eq(subscriptions.campaignId, campaignId)).all();
    expect(subs.map((s) => s.callId).sort()).toEqual(byRole('subscribes').map((r) => r.callId).sort());
    const refuser = byRole('refuses-three-times')[0]!;
    expect(db.select().from(consentActions).where(and(eq(consentActions.callId, refuser.callId), eq(consentActions.kind, 'refusal'))).all()).toHaveLength(3);
    expect(db.select().from(subscriptions).where(eq(subscriptions.callId, refuser.callId)).all()).toEqual([]);
    expect(db.select().from(doNotCallGlobal).where(eq(doNotCallGlobal.phone, '+8613800000025')).get()).toMatchObject({ callId: byRole('do-not-call')[0]!.callId });

    const closed = await closeTheDay({ manager, qa, desks: desk.results });
    expect(closed.problems).toEqual([]);
    const now = service.clock.now();
    const cancellations = await manager.call<{ agents: Array<{ cancelled: number; sales: number }> }>('GET', `/api/reports/cancellations?from=${now - 86_400_000}&to=${now + 60_000}`);
    expect(cancellations.body.agents.reduce((n, a) => n + a.cancelled, 0)).toBe(1);
    const cancelled = await manager.call<{ status: string; commission: Array<{ amountMinor: number }> }>('GET', `/api/subscriptions/${closed.cancelledSubscriptionId}`);
    expect(cancelled.body.status).toBe('cancelled');
    const reversals = await manager.call<{ subscriptions: Array<{ callId: string }> }>('GET', '/api/subscriptions?qaReversal=open');
    expect(reversals.body.subscriptions.map((s) => s.callId)).toEqual([closed.reversalCallId]);
  });

  it('runs the two live-floor campaigns side by side, each with its own agents: their calls never mix, and the customers answer in the ring time', { timeout: 120_000 }, async () => {
    // The demo's ring timeout in real time (ARI seconds of DEMO_SECOND_MS) and the floor's own
    // pick-up times; the talk is cut short (it is not the point here).
    const scripts = Object.fromEntries(Object.entries(demoScripts()).map(([n, s]) => [n, s.kind === 'answer' ? { ...s, hangupAfterMs: 1500 } : s]));
    h = await startHarness({ scripts, sim: { secondMs: DEMO_SECOND_MS } });
    const { service } = h;
    const ids: number[] = [];
    for (const [i, name] of ['a1', 'a2', 'b1', 'b2'].entries()) ids.push((await deskAgent(h, name, `820${i}`)).agentId);
    const floorA = { name: 'A', numbers: LIVE_FLOOR_NUMBERS.slice(0, 6), agentIds: ids.slice(0, 2) };
    const floorB = { name: 'B', numbers: LIVE_FLOOR_NUMBERS.slice(20, 26), agentIds: ids.slice(2) };
    const [a, b] = setUpLiveFloors(service, [floorA, floorB], { ringTimeoutSec: DEMO_RING_TIMEOUT_SEC, openingMedia: OPENING, ...DEMO_PRODUCT });
    for (const c of [a!, b!]) service.campaigns.setStatus(c.id, 'running');
    service.dialLoop.kick();
    const callsA = await h.waitCampaignDone(a!.id, 6, 90_000);
    const callsB = await h.waitCampaignDone(b!.id, 6, 90_000);
    for (const [calls, floor] of [
      [callsA, floorA],
      [callsB, floorB],
    ] as const) {
      expect(calls.every((c) => c.outcome === 'answered'), JSON.stringify(calls.map((c) => c.outcome))).toBe(true);
      for (const c of calls) expect(floor.agentIds).toContain(c.agentId);
    }
  });
});
