/**
 * Restart safety through the simulator: the ARI WebSocket dropped mid-campaign, and the
 * service restarted mid-call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

const N = (i: number) => `1390013900${i}`;
const R = (i: number) => `86${N(i)}`;

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.stop().catch(() => undefined);
});

describe('restart safety', () => {
  it('ARI WebSocket dropped mid-campaign: dialing pauses, resumes on reconnect, nothing left in progress', async () => {
    const scripts = Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [R(i), { kind: 'answer' as const, ringMs: 20, hangupAfterMs: 300 }]));
    const h = await startHarness({ scripts });
    harnesses.push(h);
    await h.loginAgent(h.addAgent('Ann', '7101'));
    await h.loginAgent(h.addAgent('Ben', '7102'));
    const campaignId = h.runCampaign([1, 2, 3, 4, 5, 6].map(N));
    await waitFor('first call connected', () => h.callsOf(campaignId).some((c) => c.agentConnectedAt !== null));

    h.sim.dropConnections({ refuseForMs: 600 });
    await waitFor('service notices the drop', () => !h.service.telephony.isConnected);
    const placedWhileDown = h.callsOf(campaignId).length;
    expect(h.service.dialLoop.pass()).toBe(0);
    expect(h.service.dialLoop.paused).toBe('ARI disconnected');
    expect(h.callsOf(campaignId).length).toBe(placedWhileDown);

    await waitFor('reconnected', () => h.service.telephony.isConnected, 10_000);
    const rows = await h.waitCampaignDone(campaignId, 6, 20_000);
    await h.waitRecordingsSettled(campaignId);
    expect(rows.every((r) => r.state === 'ended' && r.outcome !== null)).toBe(true);
    expect(h.service.calls.notEnded()).toHaveLength(0);
    expect(h.service.dialLoop.paused).toBeNull();
    // Calls whose events were missed during the outage are closed, not left in progress.
    expect(h.service.tracker.size).toBe(0);
  });

  it('service restarted mid-call: the call is closed as interrupted, its channels hung up, its recording fetched', async () => {
    const first = await startHarness({ scripts: { [R(7)]: { kind: 'answer', ringMs: 20 } } });
    harnesses.push(first);
    const agentId = first.addAgent('Cal', '7103');
    await first.loginAgent(agentId);
    const campaignId = first.runCampaign([N(7)]);
    const live = await waitFor('call connected', () => first.callsOf(campaignId).find((c) => c.agentConnectedAt !== null));
    await waitFor('recording running', () => first.sim.bridges().find((b) => b.id === `br-${live.id}`)?.recording);

    // Crash: the process goes away without hanging anything up.
    await first.service.stop();
    harnesses.pop();
    expect(first.sim.channels().map((c) => c.id)).toContain(`cust-${live.id}`);

    const second = await startHarness({ reuse: { dir: first.dir, sim: first.sim } });
    harnesses.push(second);
    const row = await waitFor('call closed as interrupted', () => {
      const r = second.callsOf(campaignId).find((c) => c.id === live.id);
      return r?.state === 'ended' ? r : null;
    });
    expect(row.outcome).toBe('interrupted');
    await waitFor('orphan channels hung up', () => second.sim.channels().length === 0);
    await waitFor('orphan bridges gone', () => second.sim.bridges().length === 0);
    await waitFor('recording fetched and judged', () => {
      const r = second.callsOf(campaignId)[0];
      return r?.recordingState && r.recordingState !== 'pending' ? r : null;
    });
    const segs = second.segmentsOf(live.id);
    expect(segs.length).toBeGreaterThanOrEqual(1);
    expect(segs[0]!.state).toBe('verified');
    expect(second.service.calls.notEnded()).toHaveLength(0);
  });

  it('service restarted with an agent who dialled in: their softphone, still in the app, logs them in again, parked and ready', async () => {
    const first = await startHarness();
    harnesses.push(first);
    const { id } = await first.service.agentRegistry.create({ name: 'Eve', extension: '7105', pin: '1357' });
    const phone = first.sim.placeInboundCall({ endpoint: 'PJSIP/7105', app: 'dialer', args: ['login', '7105', '1357'] });
    await waitFor('Eve ready', () => first.service.agents.get(id)?.state === 'ready');

    await first.service.stop();
    harnesses.pop();
    const second = await startHarness({ reuse: { dir: first.dir, sim: first.sim } });
    harnesses.push(second);
    await waitFor('Eve ready again on the same phone', () => second.service.agents.get(id)?.state === 'ready');
    expect(second.service.agents.get(id)).toMatchObject({ via: 'dial-in', channelId: phone });
    expect(second.sim.bridges().find((b) => b.id === `hold-${id}`)?.channels).toEqual([phone]);
    await second.service.agents.logout(id);
  });

  it('SIGTERM past the grace: calls still up are closed as interrupted before the service exits', async () => {
    const h = await startHarness({ scripts: { [R(8)]: { kind: 'answer', ringMs: 20 } } });
    harnesses.push(h);
    await h.loginAgent(h.addAgent('Dee', '7104'));
    const campaignId = h.runCampaign([N(8)]);
    const live = await waitFor('call connected', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null));

    // What main.ts does on SIGTERM: drain with the grace, then stop. The customer never hangs up.
    await h.service.drain(100);
    const row = h.callsOf(campaignId).find((c) => c.id === live.id)!;
    expect(row).toMatchObject({ state: 'ended', outcome: 'interrupted', hangupBy: 'system' });
    expect(row.hangupCauseText).toMatch(/shutdown grace/);
    expect(h.service.calls.notEnded()).toHaveLength(0);
    expect(h.sim.channels().map((c) => c.id)).not.toContain(`cust-${live.id}`);
  });
});
