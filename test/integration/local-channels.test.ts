/**
 * The templates used against a real Asterisk configured with asterisk-config/
 * (Local/{number}@customers, Local/{ext}@agents): Local channel pairs, `;2` halves, and the
 * busy cause reported only on the `;2` half (the originated leg is destroyed with cause 0).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('Local channel templates', () => {
  it('busy and answered calls through Local channels', async () => {
    h = await startHarness({
      env: { CUSTOMER_ENDPOINT_TEMPLATE: 'Local/{number}@customers', AGENT_ENDPOINT_TEMPLATE: 'Local/{ext}@agents' },
      scripts: {
        '8613600136001': { kind: 'busy', ringMs: 20 },
        '8613600136002': { kind: 'answer', ringMs: 30, hangupAfterMs: 700 },
      },
    });
    const agentId = h.addAgent('Lu', '9001');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign(['13600136001', '13600136002']);
    const rows = await h.waitCampaignDone(campaignId, 2);
    await h.waitRecordingsSettled(campaignId);
    const byPhone = Object.fromEntries(h.callsOf(campaignId).map((r) => [r.phone, r]));
    expect(byPhone['+8613600136001']).toMatchObject({ outcome: 'busy', dialStatus: 'BUSY', hangupCause: 0, endpoint: 'Local/8613600136001@customers' });
    expect(byPhone['+8613600136002']).toMatchObject({ outcome: 'answered', recordingState: 'verified', agentId });
    expect(rows).toHaveLength(2);
    // The `;2` halves were reported by the simulator and ignored by the service.
    expect(h.sim.log.some((e) => e.kind === 'event' && String((e.event.channel as { id?: string } | undefined)?.id ?? '').endsWith(';2'))).toBe(true);
    await waitFor('agent ready again', () => h!.service.agents.get(agentId)?.state === 'ready');
  });
});
