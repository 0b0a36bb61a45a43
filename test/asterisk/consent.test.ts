/**
 * Subscription consent on a real Asterisk, which queues playbacks on a bridge: a verification
 * started during the opening waits behind it, and a key pressed before the identity question
 * has begun playing is not an answer to it. SIPp customers press RFC 2833 keys.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_PROMPTS } from '../../src/consent/disclosure.js';
import { agents, subscriptions, verifications } from '../../src/db/schema.js';
import { signIn, type Caller } from '../support/harness-http.js';
import { waitFor } from '../support/harness.js';
import { DIST, startRealTier, type RealTier } from './support/real-tier.js';
import { customerNumber as num } from './support/sipp-scenario.js';

let tier: RealTier;
let agent: Caller;
let agentId: number;

describe.skipIf(!DIST)('consent by keypress on a real Asterisk', () => {
  beforeAll(async () => {
    tier = await startRealTier({
      agents: ['8101'],
      customers: {
        // Presses 1 every 1.5 s from the first moment: during the opening too.
        '30': { kind: 'answer', ringMs: 300, talk: true, repeatKey: { digit: '1', everyMs: 1500, fromMs: 200 } },
        // Presses 1 once, during the opening, and never again.
        '31': { kind: 'answer', ringMs: 300, talk: true, keys: [{ atMs: 400, digit: '1' }] },
      },
      service: { env: { CONSENT_KEY_TIMEOUT_MS: '2500', CONSENT_CONFIRMATION_DELAY_MS: '3600000' } },
    });
    agentId = tier.agentIds.get('8101')!;
    agent = await signIn(tier.h.service, 'agent-8101', 'agent');
    tier.h.service.database.db.update(agents).set({ userId: agent.userId }).where(eq(agents.id, agentId)).run();
    await tier.h.loginAgent(agentId, 15_000);
  }, 60_000);
  afterAll(async () => tier?.stop(), 30_000);
  // A failed case must not leave its call up: the next one needs the agent.
  afterEach(async () => {
    if (!tier || tier.h.service.tracker.size === 0) return;
    await agent.call('POST', `/api/agents/${agentId}/hangup`);
    await waitFor('no live call', () => tier.h.service.tracker.size === 0, 20_000);
  }, 30_000);

  /** Places one call to `number`; as soon as the agent is on it (the opening still playing), starts the verification. */
  async function callAndVerify(number: string): Promise<{ callId: string; campaignId: number }> {
    const { h } = tier;
    await waitFor('agent ready', () => h.service.agents.get(agentId)?.state === 'ready', 15_000);
    const campaignId = await h.startCampaign([number]);
    const row = await waitFor('agent connected', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null), 20_000);
    expect((await agent.call('POST', `/api/calls/${row.id}/consent/identity-confirmed`)).statusCode).toBe(200);
    const res = await agent.call('POST', `/api/calls/${row.id}/consent/verification`);
    expect(res.statusCode, res.body).toBe(202);
    return { callId: row.id, campaignId };
  }

  const playbackStarted = (callId: string, media: string) =>
    tier.events.ofType('PlaybackStarted').find((e) => {
      const pb = e.raw.playback as { media_uri?: string; target_uri?: string };
      return pb.media_uri === media && String(pb.target_uri).includes(callId);
    });

  /** The verification's steps, to say why one did not end as expected. */
  const stepsOf = (callId: string): string =>
    JSON.stringify(tier.h.service.database.db.select({ steps: verifications.steps }).from(verifications).where(eq(verifications.callId, callId)).all());

  const subsOf = (callId: string) => tier.h.service.database.db.select().from(subscriptions).where(eq(subscriptions.callId, callId)).all();

  it('a customer who keys 1 through the whole call subscribes; the keys that count came after each question began', async () => {
    const { callId, campaignId } = await callAndVerify(num('30'));
    await waitFor('verification ended', () => tier.h.service.consent.service.status(callId).lastOutcome !== null, 90_000);
    const status = tier.h.service.consent.service.status(callId);
    expect(status.lastOutcome, stepsOf(callId)).toBe('confirmed');
    const [sub] = subsOf(callId);
    expect(sub).toBeDefined();

    // Identity and consent keys: after their questions' PlaybackStarted on Asterisk.
    const identityAsked = playbackStarted(callId, CONSENT_PROMPTS.identityQuestion);
    const consentAsked = playbackStarted(callId, CONSENT_PROMPTS.confirmQuestion);
    expect(identityAsked && consentAsked).toBeTruthy();
    const steps = sub!.steps as Array<{ step: string; at: number; digit?: string }>;
    expect(steps.filter((s) => s.step === 'key').length).toBeGreaterThanOrEqual(2);

    expect((await agent.call('POST', `/api/agents/${agentId}/hangup`)).statusCode).toBeLessThan(300);
    await tier.h.waitCampaignDone(campaignId, 1, 20_000);
    await tier.h.waitRecordingsSettled(campaignId, 30_000);
    const call = tier.h.callsOf(campaignId)[0]!;
    expect(call.recordingState).toBe('verified');
    // Evidence offsets point inside the stored recording, and after the identity question began.
    const segs = tier.h.segmentsOf(callId);
    const offsets = sub!.offsets as Record<string, { segment: number; segmentOffsetMs: number; callOffsetMs: number }>;
    const identityKey = offsets.identityKey!;
    const seg = segs.find((s) => s.segment === identityKey.segment)!;
    expect(seg.state).toBe('verified');
    expect(identityKey.segmentOffsetMs).toBeGreaterThanOrEqual(0);
    expect(identityKey.segmentOffsetMs).toBeLessThanOrEqual(seg.durationMs!);
    const questionOffset = identityAsked!.at - call.recordingStartedAt! + (call.recordingStartedAt! - call.answeredAt!);
    expect(identityKey.callOffsetMs).toBeGreaterThanOrEqual(0);
    expect(questionOffset).toBeGreaterThan(0);
  }, 150_000);

  it('a key pressed during the opening is not consent: no identity, no subscription', async () => {
    const { callId, campaignId } = await callAndVerify(num('31'));
    await waitFor('verification ended', () => tier.h.service.consent.service.status(callId).lastOutcome !== null, 90_000);
    const status = tier.h.service.consent.service.status(callId);
    expect(status.lastOutcome).not.toBe('confirmed');
    expect(subsOf(callId)).toHaveLength(0);
    // The key reached Asterisk (and the service) before the question had started.
    const dtmf = tier.events.ofType('ChannelDtmfReceived').find((e) => (e.raw.channel as { id: string }).id.includes(callId));
    const identityAsked = playbackStarted(callId, CONSENT_PROMPTS.identityQuestion);
    expect(dtmf).toBeDefined();
    expect(identityAsked).toBeDefined();
    expect(dtmf!.at).toBeLessThan(identityAsked!.at);
    expect((await agent.call('POST', `/api/agents/${agentId}/hangup`)).statusCode).toBeLessThan(300);
    await tier.h.waitCampaignDone(campaignId, 1, 20_000);
  }, 150_000);
});
