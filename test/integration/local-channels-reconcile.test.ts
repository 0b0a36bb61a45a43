/**
 * The `;2` halves of Local channels (`cust-…;2`, `agent-…;2`) are ours too: a reconcile while
 * a call is live through Local channels must neither cut the call nor log the agent out
 * (seen on a real Asterisk: every reconcile cut live calls at ~26 s).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('reconcile with Local channel pairs', () => {
  it('leaves the ;2 halves of live customer and agent channels alone', async () => {
    h = await startHarness({
      env: { CUSTOMER_ENDPOINT_TEMPLATE: 'Local/{number}@customers', AGENT_ENDPOINT_TEMPLATE: 'Local/{ext}@agents' },
      scripts: { '8613600136003': { kind: 'answer', ringMs: 10, hangupAfterMs: 1500 } },
    });
    const agentId = h.addAgent('Lu', '9001');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign(['13600136003']);
    const live = await waitFor('call connected', () => h!.service.tracker.list().find((s) => s.connectedAgent));
    const channels = await h.service.telephony.listChannels();
    // Asterisk lists both halves of each Local pair.
    expect(channels.some((c) => c.id === `${live.channelId};2`)).toBe(true);
    expect(channels.some((c) => c.id.startsWith('agent-') && c.id.endsWith(';2'))).toBe(true);

    const report = await h.service.reconciler.run();
    expect(report.orphanChannels).toBe(0);

    const [row] = await h.waitCampaignDone(campaignId, 1);
    // The far end hung up on its own schedule, not the reconciler.
    expect(row).toMatchObject({ outcome: 'answered', hangupBy: 'customer', agentId });
    expect(row!.endedAt! - row!.answeredAt!).toBeGreaterThanOrEqual(1400);
    expect(h.service.agents.get(agentId)?.state).not.toBe('logged-out');
    expect(h.service.agents.get(agentId)).toBeDefined();
  });
});
