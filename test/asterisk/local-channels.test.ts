/**
 * The no-carrier procedure of docs/asterisk.md, as written, on a real Asterisk: customers and
 * agents are Local channels into the dialplan's `customers` and `agents` contexts, the list
 * holds ordinary E.164 numbers whose last four digits pick the behaviour, and a scripted
 * customer (6001, keys 1 every 2 s) completes a subscription. The reconciler runs every
 * second meanwhile: the `;2` halves of the Local channels are the service's own and must
 * not be hung up.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents, subscriptions } from '../../src/db/schema.js';
import { signIn } from '../support/harness-http.js';
import { waitFor } from '../support/harness.js';
import { DIST, startRealTier, type RealTier } from './support/real-tier.js';

let tier: RealTier;

describe.skipIf(!DIST)('no carrier, no softphones: Local channels into the scripted far ends', () => {
  beforeAll(async () => {
    tier = await startRealTier({
      customers: {},
      service: {
        env: { CUSTOMER_ENDPOINT_TEMPLATE: 'Local/{number}@customers', AGENT_ENDPOINT_TEMPLATE: 'Local/{ext}@agents', CONSENT_KEY_TIMEOUT_MS: '3000' },
        reconcileEveryMs: 1000,
      },
    });
  }, 60_000);
  afterAll(async () => tier?.stop(), 30_000);

  it('a scripted customer confirms a subscription by keypress while the reconciler runs; nothing is cut', async () => {
    const { h } = tier;
    const agentId = h.addAgent('Local agent', '8001');
    const agent = await signIn(h.service, 'local-agent', 'agent');
    h.service.database.db.update(agents).set({ userId: agent.userId }).where(eq(agents.id, agentId)).run();
    await h.loginAgent(agentId, 15_000);
    const campaignId = await h.startCampaign(['+8613900006001']);
    const row = await waitFor('agent connected', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null), 20_000);
    expect((await agent.call('POST', `/api/calls/${row.id}/consent/identity-confirmed`)).statusCode).toBe(200);
    expect((await agent.call('POST', `/api/calls/${row.id}/consent/verification`)).statusCode).toBe(202);
    await waitFor('verification ended', () => h.service.consent.service.status(row.id).lastOutcome !== null, 90_000);
    expect(h.service.consent.service.status(row.id).lastOutcome).toBe('confirmed');
    expect(h.service.database.db.select().from(subscriptions).where(eq(subscriptions.callId, row.id)).all()).toHaveLength(1);
    // Still up after ~30 reconciles: the agent and the customer, both Local halves.
    expect(h.callsOf(campaignId)[0]!.state).not.toBe('ended');
    expect(h.service.agents.get(agentId)).not.toBeNull();
    expect((await agent.call('POST', `/api/agents/${agentId}/hangup`)).statusCode).toBeLessThan(300);
    await h.waitCampaignDone(campaignId, 1, 20_000);
    await h.waitRecordingsSettled(campaignId, 20_000);
    expect(h.callsOf(campaignId)[0]).toMatchObject({ outcome: 'answered', hangupBy: 'agent', recordingState: 'verified' });
  }, 150_000);
});
