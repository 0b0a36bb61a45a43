/**
 * Transfers on a real Asterisk: two baresip agents and a SIPp customer who talks the whole
 * call. A warm transfer (hold music in the call's recorded bridge, consultation, three-way,
 * the first agent leaves) and a blind one each end with one verified recording and the right
 * handoff list; a target whose phone rings unanswered returns the customer to the agent; a
 * blind transfer to a manager rings their supervisor phone (baresip), which takes the customer
 * and ends the call when it hangs up.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../src/db/schema.js';
import { signIn, type Caller } from '../support/harness-http.js';
import { waitFor } from '../support/harness.js';
import { DIST, startRealTier, type RealTier } from './support/real-tier.js';
import { customerNumber as num } from './support/sipp-scenario.js';

let tier: RealTier;
const ids: Record<string, number> = {};
const callers: Record<string, Caller> = {};
let calls = 0;
let bossId: number;

describe.skipIf(!DIST)('transfers on a real Asterisk', () => {
  beforeAll(async () => {
    tier = await startRealTier({
      agents: ['8101', '8102', '8103'],
      supervisors: ['8201'],
      // 8103 is never logged in and nobody picks up its phone.
      manualAnswer: ['8103'],
      customers: { '40': { kind: 'answer', ringMs: 300, talk: true } },
      service: { env: { TRANSFER_NO_ANSWER_MS: '4000', WRAP_UP_MS: '0' } },
    });
    for (const ext of ['8101', '8102', '8103']) {
      ids[ext] = tier.agentIds.get(ext)!;
      callers[ext] = await signIn(tier.h.service, `agent-${ext}`, 'agent');
      tier.h.service.database.db.update(agents).set({ userId: callers[ext]!.userId }).where(eq(agents.id, ids[ext]!)).run();
    }
    await tier.h.loginAgent(ids['8101']!, 15_000);
    await tier.h.loginAgent(ids['8102']!, 15_000);
    bossId = (await tier.h.service.users.create({ username: 'boss-fang', password: 'boss-fang-password-1', role: 'manager', displayName: '方经理' })).id;
    tier.h.service.supervision.phones.set(bossId, '8201');
  }, 90_000);
  afterAll(async () => tier?.stop(), 30_000);
  afterEach(async () => {
    if (!tier || tier.h.service.tracker.size === 0) return;
    for (const s of tier.h.service.tracker.list()) s.endByAgent();
    await waitFor('no live call', () => tier.h.service.tracker.size === 0, 20_000);
  }, 30_000);

  const svc = () => tier.h.service;
  /** Polls an asynchronous condition (Asterisk's own view over ARI). */
  async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const bridgesNow = () => svc().telephony.listBridges();
  const bridgeOf = async (id: string) => (await bridgesNow()).find((b) => b.id === id);

  /** A call the customer answers, taken by 8101 (8102 paused meanwhile so it cannot take it). */
  async function callFor8101(): Promise<{ callId: string; campaignId: number }> {
    await waitFor('agents ready', () => svc().agents.get(ids['8101']!)?.state === 'ready' && svc().agents.get(ids['8102']!)?.state === 'ready', 15_000);
    svc().agents.pause(ids['8102']!, 'break');
    const campaignId = await tier.h.startCampaign([num('40', calls++)]);
    const row = await waitFor('agent connected', () => tier.h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null), 20_000);
    svc().agents.resume(ids['8102']!);
    await waitFor('8102 ready', () => svc().agents.get(ids['8102']!)?.state === 'ready', 10_000);
    return { callId: row.id, campaignId };
  }

  async function finish(callId: string, campaignId: number, by: string) {
    expect((await callers[by]!.call('POST', `/api/agents/${ids[by]}/hangup`)).statusCode).toBeLessThan(300);
    await tier.h.waitCampaignDone(campaignId, 1, 20_000);
    await tier.h.waitRecordingsSettled(campaignId, 30_000);
    const row = tier.h.callsOf(campaignId)[0]!;
    return { row, segments: tier.h.segmentsOf(callId), handlers: svc().transfers.store.handlersOf(callId), transfers: svc().transfers.store.transfersOf(callId) };
  }

  it('warm: the customer holds on music in the recorded bridge while the agents consult, then three-way, then 8101 leaves', async () => {
    const { callId, campaignId } = await callFor8101();
    const a = svc().agents.get(ids['8101']!)!.channelId;
    const b = svc().agents.get(ids['8102']!)!.channelId;
    const res = await callers['8101']!.call('POST', `/api/calls/${callId}/transfer`, { mode: 'warm', targetAgentId: ids['8102'] });
    expect(res.statusCode, res.body).toBe(202);
    const view = await waitFor('consulting', () => svc().transfers.service.view(callId)?.phase === 'consulting' && svc().transfers.service.view(callId), 10_000);
    await waitUntil('consultation bridge with both agents', async () => (await bridgeOf(`xbr-${view.id}`))?.channels.length === 2, 10_000);
    expect((await bridgeOf(`xbr-${view.id}`))!.channels.sort()).toEqual([a, b].sort());
    expect((await bridgeOf(`br-${callId}`))!.channels).toEqual([`cust-${callId}`]);
    // Talking a while on hold: the recording must go on through it.
    await new Promise((r) => setTimeout(r, 3000));
    expect((await callers['8101']!.call('POST', `/api/calls/${callId}/transfer/complete`)).statusCode).toBe(200);
    await waitUntil('three in the call bridge', async () => (await bridgeOf(`br-${callId}`))?.channels.length === 3, 10_000);
    await waitUntil('consultation bridge gone', async () => !(await bridgeOf(`xbr-${view.id}`)), 10_000);
    expect((await callers['8101']!.call('POST', `/api/calls/${callId}/transfer/leave`)).statusCode).toBe(200);
    await waitUntil('8101 off the call', async () => (await bridgeOf(`br-${callId}`))?.channels.length === 2, 10_000);
    expect((await bridgeOf(`br-${callId}`))!.channels.sort()).toEqual([`cust-${callId}`, b].sort());
    await waitFor('8101 free', () => svc().agents.get(ids['8101']!)?.state === 'ready', 10_000);
    expect(svc().consent.service.status(callId).identityConfirmed).toBe(false);
    await new Promise((r) => setTimeout(r, 1500));

    const { row, segments, handlers, transfers } = await finish(callId, campaignId, '8102');
    const transfersOfCall = () => transfers;
    expect(row.agentId).toBe(ids['8102']);
    expect(row.recordingState, row.recordingProblem ?? '').toBe('verified');
    expect(segments.length).toBeGreaterThan(0);
    expect(segments.every((s) => s.state === 'verified')).toBe(true);
    // The music kept the bridge recording fed on hold: one segment for the whole call.
    expect(segments).toHaveLength(1);
    expect(handlers.map((h) => [h.agentId, h.via])).toEqual([
      [ids['8101'], 'dialer'],
      [ids['8102'], 'warm'],
    ]);
    expect(handlers[0]!.fromAt).toBe(row.agentConnectedAt);
    // Both had the customer during the three-way: B from it, A until they left.
    expect(handlers[1]!.fromAt).toBe(transfersOfCall()[0]!.conferencedAt);
    expect(handlers[0]!.toAt).toBe(transfersOfCall()[0]!.endedAt);
    expect(handlers[0]!.toAt!).toBeGreaterThanOrEqual(handlers[1]!.fromAt);
    expect(handlers[1]!.toAt).toBe(row.endedAt);
    expect(transfers[0]).toMatchObject({ mode: 'warm', outcome: 'completed' });
    expect(transfers[0]!.answeredAt).not.toBeNull();
    expect(transfers[0]!.conferencedAt).not.toBeNull();
  }, 120_000);

  it('blind: 8102 takes the customer at once, 8101 is free; one verified recording', async () => {
    const { callId, campaignId } = await callFor8101();
    const b = svc().agents.get(ids['8102']!)!.channelId;
    const res = await callers['8101']!.call('POST', `/api/calls/${callId}/transfer`, { mode: 'blind', targetAgentId: ids['8102'] });
    expect(res.statusCode, res.body).toBe(202);
    await waitFor('handed over', () => tier.h.callsOf(campaignId)[0]!.agentId === ids['8102'], 10_000);
    await waitUntil('customer with 8102', async () => {
      const br = await bridgeOf(`br-${callId}`);
      return br?.channels.length === 2 && br.channels.includes(b);
    }, 10_000);
    await waitFor('8101 free', () => svc().agents.get(ids['8101']!)?.state === 'ready', 10_000);
    await new Promise((r) => setTimeout(r, 2000));
    const { row, segments, handlers, transfers } = await finish(callId, campaignId, '8102');
    expect(row.recordingState, row.recordingProblem ?? '').toBe('verified');
    expect(segments.every((s) => s.state === 'verified')).toBe(true);
    expect(segments).toHaveLength(1);
    expect(handlers.map((h) => [h.agentId, h.via])).toEqual([
      [ids['8101'], 'dialer'],
      [ids['8102'], 'blind'],
    ]);
    expect(transfers[0]).toMatchObject({ mode: 'blind', outcome: 'completed' });
  }, 120_000);

  it('a target whose phone rings unanswered: the customer is back with 8101 after the limit', async () => {
    const { callId, campaignId } = await callFor8101();
    const a = svc().agents.get(ids['8101']!)!.channelId;
    const res = await callers['8101']!.call('POST', `/api/calls/${callId}/transfer`, { mode: 'warm', targetAgentId: ids['8103'] });
    expect(res.statusCode, res.body).toBe(202);
    // The phone really rang.
    await waitFor('8103 ringing', () => /Incoming call|incoming call/i.test(tier.phones.get('8103')!.log()), 10_000);
    await waitFor('transfer over', () => svc().transfers.service.view(callId) === null, 15_000);
    await waitUntil('customer back with 8101', async () => {
      const br = await bridgeOf(`br-${callId}`);
      return br?.channels.length === 2 && br.channels.includes(a);
    }, 10_000);
    expect(svc().transfers.store.transfersOf(callId)[0]).toMatchObject({ outcome: 'no-answer' });
    await waitUntil('the rung leg gone', async () => !(await svc().telephony.listChannels()).some((c) => c.id.startsWith('xfer-')), 10_000);
    const { row, segments, handlers } = await finish(callId, campaignId, '8101');
    expect(row.agentId).toBe(ids['8101']);
    expect(row.recordingState, row.recordingProblem ?? '').toBe('verified');
    expect(segments.every((s) => s.state === 'verified')).toBe(true);
    expect(handlers).toEqual([]);
  }, 120_000);

  it('blind to a manager: their supervisor phone answers and has the customer; its hangup ends the call; one verified recording', async () => {
    const { callId, campaignId } = await callFor8101();
    const res = await callers['8101']!.call('POST', `/api/calls/${callId}/transfer`, { mode: 'blind', targetUserId: bossId });
    expect(res.statusCode, res.body).toBe(202);
    await waitFor('handed over', () => svc().transfers.store.transfersOf(callId)[0]?.outcome === 'completed', 15_000);
    await waitUntil('customer with the manager', async () => {
      const br = await bridgeOf(`br-${callId}`);
      return br?.channels.length === 2 && br.channels.includes(`cust-${callId}`) && br.channels.some((c) => c.startsWith('xfer-'));
    }, 10_000);
    await waitFor('8101 free', () => svc().agents.get(ids['8101']!)?.state === 'ready', 10_000);
    await new Promise((r) => setTimeout(r, 2000));
    // The manager hangs up their phone: the call ends, as after a takeover.
    await tier.phones.get('8201')!.hangup();
    await tier.h.waitCampaignDone(campaignId, 1, 20_000);
    await tier.h.waitRecordingsSettled(campaignId, 30_000);
    const row = tier.h.callsOf(campaignId)[0]!;
    expect(row.agentId).toBe(ids['8101']);
    expect(row.recordingState, row.recordingProblem ?? '').toBe('verified');
    const segments = tier.h.segmentsOf(callId);
    expect(segments).toHaveLength(1);
    expect(segments.every((x) => x.state === 'verified')).toBe(true);
    const handlers = svc().transfers.store.handlersOf(callId);
    expect(handlers.map((x) => [x.agentId, x.userId, x.via, x.extension])).toEqual([
      [ids['8101'], null, 'dialer', null],
      [null, bossId, 'blind', '8201'],
    ]);
    expect(handlers[1]!.toAt).toBe(row.endedAt);
    expect(svc().transfers.store.transfersOf(callId)[0]).toMatchObject({ mode: 'blind', targetKind: 'supervisor', targetUserId: bossId });
  }, 120_000);
});
