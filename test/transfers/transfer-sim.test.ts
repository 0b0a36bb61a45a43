/**
 * Transfers through the simulator, with the whole service: the customer holds on music in the
 * call's own recorded bridge, the agent consults in a bridge of their own, the handoff list
 * and the call row follow who has the customer, and the call keeps one verified recording.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OPENING, startHarness, waitFor, type Harness } from '../support/harness.js';
import { connectCall, readyAgent } from '../consent/consent-support.js';
import { signInExisting, type Caller } from '../support/harness-http.js';

let h: Harness;
let a: { agentId: number; agent: Caller };
let b: { agentId: number; agent: Caller };
/** Not logged in: rung at their extension, which answers. */
let c: number;
/** Not logged in: their phone rings and nobody answers. */
let d: number;
/** A manager whose supervisor phone (8101) answers. */
let boss: number;
/** A manager whose supervisor phone (8102) rings and nobody answers. */
let absentBoss: number;

beforeAll(async () => {
  h = await startHarness({
    env: { TRANSFER_NO_ANSWER_MS: '1000', WRAP_UP_MS: '0', CONSENT_KEY_TIMEOUT_MS: '1500', CONSENT_CONFIRMATION_DELAY_MS: '3600000' },
    sim: { defaultPlaybackMs: 30, soundDurationsMs: { [OPENING]: 200 } },
    // The harness's simulated second is 20 ms: Asterisk's own ring limit for the target (31 s) is 620 ms here.
    scripts: { '7203': { kind: 'answer', ringMs: 50 }, '7204': { kind: 'ring-forever' }, '8101': { kind: 'answer', ringMs: 50 }, '8102': { kind: 'ring-forever' } },
  });
  a = await readyAgent(h, 'Ann', '7201');
  b = await readyAgent(h, 'Bob', '7202');
  c = h.addAgent('Cai', '7203');
  d = h.addAgent('Dai', '7204');
  boss = (await h.service.users.create({ username: 'boss-fang', password: 'boss-fang-password-1', role: 'manager', displayName: '方经理' })).id;
  absentBoss = (await h.service.users.create({ username: 'boss-gu', password: 'boss-gu-password-1', role: 'manager', displayName: '顾经理' })).id;
  h.service.supervision.phones.set(boss, '8101');
  h.service.supervision.phones.set(absentBoss, '8102');
});
afterEach(async () => {
  for (const ch of h.sim.channels()) if (ch.id.startsWith('cust-')) h.sim.hangupFarEnd(ch.id);
  await waitFor('no live call', () => h.service.tracker.size === 0);
});
afterAll(async () => {
  await h?.stop();
});

const bridge = (id: string) => h.sim.bridges().find((x) => x.id === id);
const transfers = () => h.service.transfers;
const handlers = (callId: string) => transfers().store.handlersOf(callId);

/** Places a call for agent A, who is then the only one ready among A and B if `bBusy`. */
async function callForA() {
  await waitFor('B ready', () => h.service.agents.get(b.agentId)?.state === 'ready');
  // B must not take the call: pause B until A has it.
  h.service.agents.pause(b.agentId, 'break');
  const call = await connectCall(h, a.agentId);
  h.service.agents.resume(b.agentId);
  await waitFor('B ready again', () => h.service.agents.get(b.agentId)?.state === 'ready');
  return call;
}

/** A warm transfer from A to a phone nobody answers: after the no-answer limit A is back with the customer. */
async function unansweredWarm(call: Awaited<ReturnType<typeof callForA>>, target: { targetAgentId: number } | { targetUserId: number }) {
  expect((await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'warm', ...target })).statusCode).toBe(202);
  await waitFor('transfer over', () => transfers().service.view(call.callId) === null, 5_000);
  await waitFor('agent back with the customer', () => bridge(`br-${call.callId}`)?.channels.length === 2 && !bridge(`br-${call.callId}`)!.musicOnHold);
  expect(bridge(`br-${call.callId}`)!.channels.sort()).toEqual([call.customerChannel, call.agentChannel].sort());
  expect(transfers().store.transfersOf(call.callId)[0]).toMatchObject({ outcome: 'no-answer' });
}

async function endCall(callId: string, campaignId: number) {
  h.sim.hangupFarEnd(`cust-${callId}`);
  await h.waitCampaignDone(campaignId, 1);
  await h.waitRecordingsSettled(campaignId);
  return h.callsOf(campaignId)[0]!;
}

describe('transfers on the simulator', () => {
  it('warm to a ready agent: hold music in the recorded bridge, consult, three-way, leave; one recording, handoffs with times', async () => {
    const call = await callForA();
    const res = await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'warm', targetAgentId: b.agentId });
    expect(res.statusCode, res.body).toBe(202);
    const bChannel = h.service.agents.get(b.agentId)!.channelId;
    const view = await waitFor('consulting', () => transfers().service.view(call.callId)?.phase === 'consulting' && transfers().service.view(call.callId));
    const consult = `xbr-${view.id}`;
    await waitFor('agent and target in the consultation', () => bridge(consult)?.channels.length === 2);
    expect(bridge(consult)!.channels.sort()).toEqual([call.agentChannel, bChannel].sort());
    // The customer alone in the call's bridge, hearing music, still recorded.
    expect(bridge(`br-${call.callId}`)).toMatchObject({ channels: [call.customerChannel], musicOnHold: true });
    expect(bridge(`br-${call.callId}`)!.recording).toBeDefined();
    // Verification cannot start while the customer holds.
    expect(h.service.consent.service.status(call.callId).verifyBlockCode).toBe('not-live');

    expect((await a.agent.call('POST', `/api/calls/${call.callId}/transfer/complete`)).statusCode).toBe(200);
    await waitFor('three-way', () => bridge(`br-${call.callId}`)?.channels.length === 3 && !bridge(`br-${call.callId}`)!.musicOnHold);
    await waitFor('consultation bridge gone', () => !bridge(consult));
    expect((await a.agent.call('POST', `/api/calls/${call.callId}/transfer/leave`)).statusCode).toBe(200);
    await waitFor('A off the call', () => !bridge(`br-${call.callId}`)?.channels.includes(call.agentChannel));
    expect(bridge(`br-${call.callId}`)!.channels.sort()).toEqual([call.customerChannel, bChannel].sort());
    await waitFor('A free again', () => h.service.agents.get(a.agentId)?.state === 'ready');
    // B is the call's agent now and must confirm identity again.
    expect(h.callsOf(call.campaignId)[0]!.agentId).toBe(b.agentId);
    expect(h.service.consent.service.status(call.callId).identityConfirmed).toBe(false);
    expect((await b.agent.call('POST', `/api/calls/${call.callId}/consent/identity-confirmed`)).statusCode).toBe(200);
    // A still reads the call's card (masked, not live) from the handoff list.
    const cardA = await a.agent.call('GET', `/api/agents/${a.agentId}/calls/${call.callId}`);
    expect(cardA.statusCode).toBe(200);
    // A may no longer act on the call.
    expect((await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'blind', targetAgentId: c })).statusCode).toBe(409);

    const row = await endCall(call.callId, call.campaignId);
    expect(row.recordingState).toBe('verified');
    const segs = h.segmentsOf(call.callId);
    expect(segs.every((s) => s.state === 'verified')).toBe(true);
    // Music kept the recording fed: no gap, one segment.
    expect(segs).toHaveLength(1);
    const list = handlers(call.callId);
    const transfersOfCall = () => transfers().store.transfersOf(call.callId);
    expect(list.map((x) => [x.agentId, x.via])).toEqual([
      [a.agentId, 'dialer'],
      [b.agentId, 'warm'],
    ]);
    expect(list[0]!.fromAt).toBe(row.agentConnectedAt);
    // Both had the customer during the three-way: B from it, A until they left.
    expect(list[1]!.fromAt).toBe(transfersOfCall()[0]!.conferencedAt);
    expect(list[0]!.toAt).toBe(transfersOfCall()[0]!.endedAt);
    expect(list[0]!.toAt!).toBeGreaterThanOrEqual(list[1]!.fromAt);
    expect(list[1]!.toAt).toBe(row.endedAt);
    expect(list[0]!.toAt!).toBeGreaterThan(list[0]!.fromAt);
    expect(transfers().store.transfersOf(call.callId)[0]).toMatchObject({ mode: 'warm', outcome: 'completed' });
    // Talk time: each agent for their part.
    const report = h.service.agentReports.dayTallies(dayOf(row.agentConnectedAt!), [a.agentId, b.agentId]);
    const talkA = report.get(a.agentId)!.talkMs;
    const talkB = report.get(b.agentId)!.talkMs;
    expect(talkA).toBe(list[0]!.toAt! - list[0]!.fromAt);
    expect(talkB).toBe(list[1]!.toAt! - list[1]!.fromAt);
  });

  it('blind to an agent who is not logged in: their phone is rung, answers, and takes the customer', async () => {
    const call = await callForA();
    const res = await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'blind', targetAgentId: c });
    expect(res.statusCode, res.body).toBe(202);
    await waitFor('handed over', () => h.callsOf(call.campaignId)[0]!.agentId === c);
    await waitFor('A free again', () => h.service.agents.get(a.agentId)?.state === 'ready');
    const br = bridge(`br-${call.callId}`)!;
    expect(br.channels).toHaveLength(2);
    expect(br.channels).toContain(call.customerChannel);
    expect(br.channels.some((id) => id.startsWith('xfer-'))).toBe(true);
    expect(br.musicOnHold).toBe(false);
    const row = await endCall(call.callId, call.campaignId);
    expect(row.recordingState).toBe('verified');
    expect(handlers(call.callId).map((x) => [x.agentId, x.via])).toEqual([
      [a.agentId, 'dialer'],
      [c, 'blind'],
    ]);
    // The rung phone was hung up with the call.
    await waitFor('transfer leg gone', () => !h.sim.channels().some((x) => x.id.startsWith('xfer-')));
  });

  it('a target who does not answer in time returns the customer to the agent', async () => {
    const call = await callForA();
    await unansweredWarm(call, { targetAgentId: d });
    await waitFor('ringing leg gone', () => !h.sim.channels().some((x) => x.id.startsWith('xfer-')));
    expect(h.callsOf(call.campaignId)[0]!.agentId).toBe(a.agentId);
    // No handoff happened.
    expect(handlers(call.callId)).toEqual([]);
    const row = await endCall(call.callId, call.campaignId);
    expect(row.recordingState).toBe('verified');
  });

  it('cancel a consultation: the agent is back with the customer, the target is ready again', async () => {
    const call = await callForA();
    expect((await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'warm', targetAgentId: b.agentId })).statusCode).toBe(202);
    await waitFor('consulting', () => transfers().service.view(call.callId)?.phase === 'consulting');
    expect((await a.agent.call('POST', `/api/calls/${call.callId}/transfer/cancel`)).statusCode).toBe(200);
    await waitFor('agent back', () => bridge(`br-${call.callId}`)?.channels.length === 2 && !bridge(`br-${call.callId}`)!.musicOnHold);
    await waitFor('B ready', () => h.service.agents.get(b.agentId)?.state === 'ready');
    expect(h.service.agents.pendingDisposition(b.agentId)).toBeNull();
    // B's softphone is parked in B's holding bridge again.
    await waitFor('B parked', () => bridge(`hold-${b.agentId}`)?.channels.includes(h.service.agents.get(b.agentId)!.channelId));
    expect(transfers().store.transfersOf(call.callId)[0]).toMatchObject({ outcome: 'cancelled' });
    await endCall(call.callId, call.campaignId);
  });

  it("reconcile removes an earlier run's transfer phone and consultation bridge, and keeps a running consultation", async () => {
    const call = await callForA();
    expect((await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'warm', targetAgentId: b.agentId })).statusCode).toBe(202);
    await waitFor('consulting', () => transfers().service.view(call.callId)?.phase === 'consulting');
    const consult = `xbr-${transfers().service.view(call.callId)!.id}`;
    await waitFor('A and B in consultation', () => bridge(consult)?.channels.length === 2);
    // What a crash mid-transfer leaves behind: a consultation bridge, and a target's phone still ringing (7204 never answers).
    await h.service.telephony.createBridge('xbr-00deadbeef', 'mixing');
    await h.service.telephony.originate({ channelId: 'xfer-00deadbeef', endpoint: 'PJSIP/7204', appArgs: ['transfer'], timeoutSec: 30 });
    await waitFor('the stray phone ringing', () => h.sim.channels().some((x) => x.id === 'xfer-00deadbeef'));
    await h.service.reconciler.run();
    expect(bridge('xbr-00deadbeef')).toBeUndefined();
    await waitFor('the stray phone hung up', () => !h.sim.channels().some((x) => x.id === 'xfer-00deadbeef'));
    expect(bridge(consult)?.channels).toHaveLength(2);
    expect((await a.agent.call('POST', `/api/calls/${call.callId}/transfer/cancel`)).statusCode).toBe(200);
    await waitFor('agent back', () => bridge(`br-${call.callId}`)?.channels.length === 2 && !bridge(`br-${call.callId}`)!.musicOnHold);
    await endCall(call.callId, call.campaignId);
  });

  it('consent: no transfer while a verification runs; allowed once it has ended', async () => {
    const call = await callForA();
    expect((await a.agent.call('POST', `/api/calls/${call.callId}/consent/identity-confirmed`)).statusCode).toBe(200);
    expect((await a.agent.call('POST', `/api/calls/${call.callId}/consent/verification`)).statusCode).toBe(202);
    const refused = await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'blind', targetAgentId: b.agentId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('DIALER_ERR_TRANSFER_VERIFYING');
    // B was not taken for it.
    expect(h.service.agents.get(b.agentId)?.state).toBe('ready');
    // The customer never answers the identity question: the verification ends, then the transfer may go.
    await waitFor('verification over', () => h.service.consent.service.status(call.callId).verification === 'none' && h.service.consent.service.status(call.callId).lastOutcome !== null, 10_000);
    expect((await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'blind', targetAgentId: b.agentId })).statusCode).toBe(202);
    await waitFor('handed over', () => h.callsOf(call.campaignId)[0]!.agentId === b.agentId);
    await endCall(call.callId, call.campaignId);
  });

  it('refuses bad requests with coded errors', async () => {
    const call = await callForA();
    const self = await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'warm', targetAgentId: a.agentId });
    expect(self.statusCode).toBe(409);
    expect(self.json().error).toBe('DIALER_ERR_TRANSFER_TARGET_INVALID');
    const bad = await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'sideways', targetAgentId: b.agentId });
    expect(bad.statusCode).toBe(400);
    const none = await a.agent.call('POST', `/api/calls/${call.callId}/transfer/complete`);
    expect(none.json().error).toBe('DIALER_ERR_TRANSFER_NONE');
    const other = await b.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'blind', targetAgentId: c });
    expect(other.json().error).toBe('DIALER_ERR_TRANSFER_NOT_ON_CALL');
    const list = await a.agent.call('GET', `/api/calls/${call.callId}/transfer`);
    expect(list.statusCode).toBe(200);
    expect(list.json().targets.map((t: { agentId: number; availability: string }) => [t.agentId, t.availability])).toEqual(
      expect.arrayContaining([
        [b.agentId, 'ready'],
        [c, 'offline'],
      ]),
    );
    await endCall(call.callId, call.campaignId);
  });

  it('blind to a manager: their supervisor phone is rung, takes the customer, is a handler who is no agent; A owes the disposition', async () => {
    const talkOfA = () => h.service.agentReports.dayTallies(dayOf(h.service.clock.now()), [a.agentId]).get(a.agentId)?.talkMs ?? 0;
    const talkBefore = talkOfA();
    const call = await callForA();
    const picker = (await a.agent.call('GET', `/api/calls/${call.callId}/transfer`)).json() as { targets: Array<{ kind: string; userId?: number; name: string; extension: string }> };
    expect(picker.targets.filter((x) => x.kind === 'supervisor')).toEqual([
      { kind: 'supervisor', userId: boss, name: '方经理', extension: '8101', availability: 'free' },
      { kind: 'supervisor', userId: absentBoss, name: '顾经理', extension: '8102', availability: 'free' },
    ]);
    const res = await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'blind', targetUserId: boss });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().transfer).toMatchObject({ targetAgentId: null, targetUserId: boss });
    await waitFor('transfer done', () => transfers().service.view(call.callId) === null && transfers().store.transfersOf(call.callId)[0]?.outcome === 'completed');
    const leg = h.sim.channels().find((x) => x.id.startsWith('xfer-'))!;
    expect(leg.endpoint).toBe('PJSIP/8101');
    await waitFor('the manager with the customer', () => bridge(`br-${call.callId}`)?.channels.sort().join() === [call.customerChannel, leg.id].sort().join() && !bridge(`br-${call.callId}`)!.musicOnHold);
    // A is off the call; the call row keeps A, who gives its disposition (a manager has no disposition form).
    await waitFor('A off the call', () => h.service.agents.get(a.agentId)?.state !== 'on-call');
    expect(h.callsOf(call.campaignId)[0]!.agentId).toBe(a.agentId);
    expect(transfers().store.transfersOf(call.callId)[0]).toMatchObject({ targetKind: 'supervisor', targetUserId: boss, targetAgentId: null, targetExtension: '8101' });
    // The manager hangs up: the call ends, as after a supervisor's takeover.
    h.sim.hangupFarEnd(leg.id);
    await h.waitCampaignDone(call.campaignId, 1);
    await h.waitRecordingsSettled(call.campaignId);
    const row = h.callsOf(call.campaignId)[0]!;
    expect(row.recordingState).toBe('verified');
    const list = handlers(call.callId);
    expect(list.map((x) => [x.agentId, x.userId, x.via, x.extension])).toEqual([
      [a.agentId, null, 'dialer', null],
      [null, boss, 'blind', '8101'],
    ]);
    expect(list[1]!.toAt).toBe(row.endedAt);
    // The call's detail names who had the customer, agent and manager, from/to.
    const boss1 = await signInExisting(h.service, 'boss-fang', 'boss-fang-password-1');
    const detail = (await boss1.call('GET', `/api/calls/${call.callId}`)).json() as { handlers: unknown[]; monitoring: unknown[] };
    expect(detail.handlers).toEqual([
      { agentId: a.agentId, userId: null, name: 'Ann', extension: null, via: 'dialer', fromAt: list[0]!.fromAt, toAt: list[0]!.toAt },
      { agentId: null, userId: boss, name: '方经理', extension: '8101', via: 'blind', fromAt: list[1]!.fromAt, toAt: row.endedAt },
    ]);
    expect(detail.monitoring).toEqual([]);
    // Talk time is A's part only: the manager has none.
    expect(talkOfA() - talkBefore).toBe(list[0]!.toAt! - list[0]!.fromAt);
    expect((await a.agent.call('POST', `/api/calls/${call.callId}/disposition`, { code: 'not-interested' })).statusCode).toBe(200);
    await waitFor('A ready again', () => h.service.agents.get(a.agentId)?.state === 'ready');
  });

  it('a manager who does not answer in 20 s (here 1 s) returns the customer to the agent; a non-manager is refused', async () => {
    const call = await callForA();
    await unansweredWarm(call, { targetUserId: absentBoss });
    expect(transfers().store.transfersOf(call.callId)[0]).toMatchObject({ targetUserId: absentBoss });
    expect(handlers(call.callId)).toEqual([]);
    const notBoss = await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'blind', targetUserId: a.agent.userId });
    expect(notBoss.json()).toMatchObject({ error: 'DIALER_ERR_TRANSFER_SUPERVISOR_INVALID' });
    const both = await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'blind', targetUserId: boss, targetAgentId: b.agentId });
    expect(both.statusCode).toBe(400);
    await endCall(call.callId, call.campaignId);
  });

  it('a manager whose supervisor phone is supervising a call is busy: shown so, and a transfer to them is refused', async () => {
    const call = await callForA();
    const bossCaller = await signInExisting(h.service, 'boss-fang', 'boss-fang-password-1');
    const bossOf = async () => ((await a.agent.call('GET', `/api/calls/${call.callId}/transfer`)).json() as { targets: Array<{ userId?: number; availability: string }> }).targets.find((x) => x.userId === boss);
    const listen = await bossCaller.call('POST', '/api/supervision', { callId: call.callId, mode: 'listen' });
    expect(listen.statusCode, listen.body).toBe(201);
    expect(await bossOf()).toMatchObject({ availability: 'busy' });
    const refused = await a.agent.call('POST', `/api/calls/${call.callId}/transfer`, { mode: 'blind', targetUserId: boss });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'DIALER_ERR_TRANSFER_SUPERVISOR_INVALID' });
    expect(transfers().store.transfersOf(call.callId)).toEqual([]);
    expect((await bossCaller.call('DELETE', `/api/supervision/${listen.json().id}`)).statusCode).toBe(200);
    await waitFor('the supervision over', () => h.service.supervision.supervision.list().length === 0);
    expect(await bossOf()).toMatchObject({ availability: 'free' });
    await endCall(call.callId, call.campaignId);
  });
});

function dayOf(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: h.service.config.CENTRE_TIME_ZONE }).format(new Date(ms));
}
