/**
 * Do-not-call is checked again immediately before each dial: a number listed mid-campaign
 * (after its contact was loaded) is never dialed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('do-not-call before each dial', () => {
  it('a number added to the list mid-campaign is not dialed; the others are', async () => {
    h = await startHarness({
      scripts: {
        '8613500135001': { kind: 'answer', ringMs: 20, hangupAfterMs: 400 },
        '8613500135002': { kind: 'answer', ringMs: 20, hangupAfterMs: 400 },
        '8613500135003': { kind: 'answer', ringMs: 20, hangupAfterMs: 400 },
      },
    });
    const agentId = h.addAgent('Mo', '7401');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign(['13500135001', '13500135002', '13500135003']);
    // While the first call is up (one agent: nothing else is dialed), the customer of the
    // second contact asks, on another channel, never to be called again.
    await waitFor('first call connected', () => h!.callsOf(campaignId).find((c) => c.agentConnectedAt !== null));
    expect(h.callsOf(campaignId)).toHaveLength(1);
    h.service.dnc.add({ phone: '+8613500135002', source: 'api', reason: 'asked by phone' });

    const rows = await h.waitCampaignDone(campaignId, 2);
    await waitFor('no contact left to dial', () => h!.service.campaigns.pendingCount(campaignId) === 0);
    expect(h.callsOf(campaignId).map((c) => c.phone).sort()).toEqual(['+8613500135001', '+8613500135003']);
    expect(rows).toHaveLength(2);
    const dialed = h.sim.log.filter((e) => e.kind === 'rest' && e.method === 'POST' && /^\/channels/.test(e.path) && String(e.query.endpoint ?? '').includes('8613500135002'));
    expect(dialed).toHaveLength(0);
    const blocked = h.service.database.sqlite.prepare("select status, last_outcome as lastOutcome from contacts where phone = '+8613500135002'").get();
    expect(blocked).toEqual({ status: 'failed', lastOutcome: 'do-not-call' });
  });
});
