/**
 * The verification through the simulator, inside the call's recorded bridge: what the customer
 * hears, which keys count, and that a subscription exists only from a completed verification.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_PROMPTS, disclosurePlaylist } from '../../src/consent/disclosure.js';
import { subscriptions } from '../../src/db/schema.js';
import { eq } from 'drizzle-orm';
import type { Caller } from '../support/harness-http.js';
import { OPENING, startHarness, TEST_PRODUCT, waitFor, type Harness } from '../support/harness.js';

/** An opening long enough for the agent to start the verification while it still plays. */
const LONG_OPENING = 'sound:dialer/long-opening';
import { connectCall, consentMedia, playbackEventAt, readyAgent, waitAsked, waitPlayed, waitVerificationEnded } from './consent-support.js';
import { DateTime } from 'luxon';

let h: Harness;
let agentId: number;
let agent: Caller;

beforeAll(async () => {
  h = await startHarness({
    env: { CONSENT_KEY_TIMEOUT_MS: '250', CONSENT_CONFIRMATION_DELAY_MS: '3600000' },
    sim: {
      defaultPlaybackMs: 30,
      perDigitPlaybackMs: 10,
      soundDurationsMs: { [OPENING]: 300, [LONG_OPENING]: 1500, 'sound:dialer/safe-harbour': 200 },
    },
  });
  ({ agentId, agent } = await readyAgent(h, 'Ada', '7101'));
});
// A failed test must not leave its call up (the next one needs the agent).
afterEach(() => {
  for (const c of h.sim.channels()) if (c.id.startsWith('cust-')) h.sim.hangupFarEnd(c.id);
});
afterAll(async () => {
  await h?.stop();
});

const terms = disclosurePlaylist({
  productCode: TEST_PRODUCT.productCode,
  productName: TEST_PRODUCT.productName,
  priceMinor: TEST_PRODUCT.productPriceMinor,
  currency: 'CNY',
  billingPeriod: 'monthly',
  freeTrialDays: 0,
  afterTrial: null,
  cancelHow: TEST_PRODUCT.productCancelHow,
});

async function startVerification(callId: string): Promise<void> {
  expect((await agent.call('POST', `/api/calls/${callId}/consent/identity-confirmed`)).statusCode).toBe(200);
  const res = await agent.call('POST', `/api/calls/${callId}/consent/verification`);
  expect(res.statusCode, res.body).toBe(202);
}

const subsOf = (callId: string) => h.service.database.db.select().from(subscriptions).where(eq(subscriptions.callId, callId)).all();

describe('verification on a live recorded call', () => {
  it('happy path: identity 1, the full terms, consent 1 → one subscription with its evidence; agent muted then unmuted', async () => {
    const call = await connectCall(h, agentId);
    await startVerification(call.callId);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.confirmQuestion);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    const st = await waitVerificationEnded(h, call.callId, agent);
    expect(st.lastOutcome).toBe('confirmed');
    expect(st.subscriptionIds).toHaveLength(1);

    // Played on the recorded bridge, in order: identity, the product's terms, the question, thanks.
    expect(consentMedia(h, call.callId)).toEqual([CONSENT_PROMPTS.identityQuestion, ...terms.media, CONSENT_PROMPTS.confirmQuestion, CONSENT_PROMPTS.subscribed]);
    // The agent could hear but not speak: muted towards Asterisk during it, unmuted after.
    const mutes = h.sim.log.filter((e) => e.kind === 'rest' && e.path === `/channels/${call.agentChannel}/mute`);
    expect(mutes.map((e) => (e.kind === 'rest' ? `${e.method} ${e.query.direction}` : ''))).toEqual(['POST in', 'DELETE in']);
    // The customer is back with the agent, in the same bridge.
    const bridge = h.sim.bridges().find((b) => b.id === `br-${call.callId}`);
    expect(bridge?.channels).toEqual(expect.arrayContaining([call.customerChannel, call.agentChannel]));

    const [sub] = subsOf(call.callId);
    expect(sub).toMatchObject({ agentId, campaignId: call.campaignId, productCode: 'VP15', priceMinor: 1500, identityKeyChannel: call.customerChannel, consentKeyChannel: call.customerChannel });
    expect((sub!.terms as { media: string[] }).media).toEqual(terms.media);
    // The evidence keeps the words played and the fingerprint of the audio (PromptStore.playedAudio).
    expect(sub!.terms).toMatchObject({ language: 'zh', text: terms.text, audioSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((sub!.terms as { prompts: Array<{ media: string }> }).prompts.map((p) => p.media)).toEqual(terms.media);
    const steps = sub!.steps as Array<{ step: string; at: number }>;
    expect(steps.map((s) => s.step)).toContain('key');
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.at).toBeGreaterThanOrEqual(steps[i - 1]!.at);

    // Evidence offsets fall inside the stored recording.
    h.sim.hangupFarEnd(call.customerChannel);
    await h.waitCampaignDone(call.campaignId, 1);
    await h.waitRecordingsSettled(call.campaignId);
    const segs = h.segmentsOf(call.callId);
    const o = sub!.offsets;
    for (const key of ['identityKey', 'disclosureStart', 'disclosureEnd', 'consentKey']) {
      const off = o[key]!;
      const seg = segs.find((s) => s.segment === off.segment);
      expect(seg?.state, key).toBe('verified');
      expect(off.segmentOffsetMs!).toBeGreaterThanOrEqual(0);
      expect(off.segmentOffsetMs!, key).toBeLessThanOrEqual(seg!.durationMs!);
    }
    expect(o.disclosureStart!.at).toBeLessThan(o.disclosureEnd!.at);
    expect(o.identityKey!.at).toBeLessThanOrEqual(o.disclosureStart!.at);
    expect(o.disclosureEnd!.at).toBeLessThanOrEqual(o.consentKey!.at);

    // The sale reaches the agent's figures (issue 6) through the consent records.
    const day = DateTime.fromMillis(sub!.confirmedAt, { zone: h.service.config.CENTRE_TIME_ZONE }).toISODate()!;
    const report = h.service.agentReports.report(day, day, { agentIds: [agentId] });
    expect(report.agents.find((a) => a.agentId === agentId)).toMatchObject({ sales: 1, salesReversed: 0 });
  });

  it('a key pressed during the opening is not consent: the identity question waits behind it and is asked from its PlaybackStarted', async () => {
    const call = await connectCall(h, agentId, { openingMedia: LONG_OPENING });
    const openingId = `pb-${call.callId}-opening`;
    await startVerification(call.callId);
    await waitPlayed(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    // The opening still plays, the question is queued behind it: a "1" now answers nothing.
    expect(playbackEventAt(h, openingId, 'PlaybackFinished')).toBeNull();
    h.sim.pressDigits(call.customerChannel, '1', 0);
    await waitFor('the early key logged', () => h.sim.log.some((e) => e.kind === 'event' && e.type === 'ChannelDtmfReceived' && (e.event.channel as { id: string }).id === call.customerChannel));
    expect(h.service.consent.service.status(call.callId).phase).toBe('identity');

    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    const questionId = `pb-${call.callId}-consent-1`;
    // Asterisk's order: the question starts only once the opening has finished.
    expect(playbackEventAt(h, questionId, 'PlaybackStarted')!).toBeGreaterThanOrEqual(playbackEventAt(h, openingId, 'PlaybackFinished')!);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.confirmQuestion);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    const st = await waitVerificationEnded(h, call.callId, agent);
    expect(st.lastOutcome).toBe('confirmed');

    const [sub] = subsOf(call.callId);
    const steps = (sub!.steps as Array<{ step: string; at: number }>).map((s) => s.step);
    expect(steps.indexOf('key-ignored-before-question')).toBeGreaterThan(-1);
    expect(steps.indexOf('key-ignored-before-question')).toBeLessThan(steps.indexOf('asked'));
    const row = h.callsOf(call.campaignId)[0]!;
    const o = sub!.offsets;
    // The evidence points after each question began — and after the opening ended.
    expect(o.identityQuestion!.at).toBeGreaterThanOrEqual(row.openingFinishedAt!);
    expect(o.identityKey!.at).toBeGreaterThanOrEqual(o.identityQuestion!.at);
    expect(o.consentKey!.at).toBeGreaterThanOrEqual(o.confirmQuestion!.at);
    // Same millisecond is possible when the key follows the question's start at once.
    expect(o.identityKey!.callOffsetMs!).toBeGreaterThanOrEqual(o.identityQuestion!.callOffsetMs!);
    h.sim.hangupFarEnd(call.customerChannel);
    await h.waitCampaignDone(call.campaignId, 1);
    await h.waitRecordingsSettled(call.campaignId);
    const segs = h.segmentsOf(call.callId);
    for (const key of ['identityQuestion', 'identityKey', 'confirmQuestion', 'consentKey']) {
      const off = o[key]!;
      const seg = segs.find((s) => s.segment === off.segment);
      expect(seg?.state, key).toBe('verified');
      expect(off.segmentOffsetMs!, key).toBeLessThanOrEqual(seg!.durationMs!);
    }
  });

  it('an agent acting the instant the call card appears is not refused as another agent\'s (409 until connected, then 200)', async () => {
    const user = { id: agent.userId, username: 'ada-agent', role: 'agent' as const, locale: 'zh-CN' as const };
    const seen: string[] = [];
    const onChanged = (v: { agentId: number; callId: string | null }) => {
      if (v.agentId !== agentId || !v.callId || seen.length) return;
      // The card is served from this moment (the pool holds the call): act at once.
      try {
        h.service.consent.service.confirmIdentity(v.callId, user);
        seen.push('ok');
      } catch (err) {
        seen.push(String((err as { code?: string }).code));
      }
    };
    h.service.agents.on('changed', onChanged);
    try {
      const call = await connectCall(h, agentId);
      // Not "another agent's call" (403): the call is just not live with them yet (409).
      expect(seen).toEqual(['DIALER_ERR_CONSENT_NOT_LIVE']);
      expect((await agent.call('POST', `/api/calls/${call.callId}/consent/identity-confirmed`)).statusCode).toBe(200);
      h.sim.hangupFarEnd(call.customerChannel);
    } finally {
      h.service.agents.off('changed', onChanged);
    }
  });

  it('customer presses 2: declined, no subscription, counted as a refusal', async () => {
    const call = await connectCall(h, agentId);
    await startVerification(call.callId);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.confirmQuestion);
    h.sim.pressDigits(call.customerChannel, '2', 0);
    const st = await waitVerificationEnded(h, call.callId, agent);
    expect(st).toMatchObject({ lastOutcome: 'declined', subscriptionIds: [], refusals: 1 });
    expect(consentMedia(h, call.callId).at(-1)).toBe(CONSENT_PROMPTS.declined);
    h.sim.hangupFarEnd(call.customerChannel);
  });

  it('no input: the question is repeated once, then no subscription', async () => {
    const call = await connectCall(h, agentId);
    await startVerification(call.callId);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    const st = await waitVerificationEnded(h, call.callId, agent);
    expect(st).toMatchObject({ lastOutcome: 'no-input', subscriptionIds: [] });
    expect(consentMedia(h, call.callId).filter((m) => m === CONSENT_PROMPTS.confirmQuestion)).toHaveLength(2);
    h.sim.hangupFarEnd(call.customerChannel);
  });

  it('invalid key: the question is asked again; a second invalid key ends without subscription', async () => {
    const call = await connectCall(h, agentId);
    await startVerification(call.callId);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.confirmQuestion);
    h.sim.pressDigits(call.customerChannel, '7', 0);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.confirmQuestion, 2);
    h.sim.pressDigits(call.customerChannel, '#', 0);
    const st = await waitVerificationEnded(h, call.callId, agent);
    expect(st).toMatchObject({ lastOutcome: 'invalid-input', subscriptionIds: [] });
    expect(consentMedia(h, call.callId).filter((m) => m === CONSENT_PROMPTS.invalidKey)).toHaveLength(1);
    expect(consentMedia(h, call.callId).at(-1)).toBe(CONSENT_PROMPTS.notVerified);
    h.sim.hangupFarEnd(call.customerChannel);
  });

  it('identity not confirmed by the customer (presses 2, then nothing): no terms, no subscription', async () => {
    const call = await connectCall(h, agentId);
    await startVerification(call.callId);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(call.customerChannel, '2', 0);
    const st = await waitVerificationEnded(h, call.callId, agent);
    expect(st).toMatchObject({ lastOutcome: 'identity-not-confirmed', subscriptionIds: [] });
    expect(consentMedia(h, call.callId)).not.toContain(terms.media[0]);
    h.sim.hangupFarEnd(call.customerChannel);
  });

  it("keys pressed on the agent's softphone never count", async () => {
    const call = await connectCall(h, agentId);
    await startVerification(call.callId);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(call.agentChannel, '1', 0);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion, 2);
    h.sim.pressDigits(call.agentChannel, '1', 0);
    const st = await waitVerificationEnded(h, call.callId, agent);
    expect(st).toMatchObject({ lastOutcome: 'identity-not-confirmed', subscriptionIds: [] });
    expect(consentMedia(h, call.callId)).not.toContain(terms.media[0]);
  });

  it('the status is pushed when the agent is connected and when the call ends, not only on consent actions', async () => {
    // What each push said may be done: the console's Start verification button follows it.
    const pushed: Array<[string, string | null]> = [];
    const off = h.service.consent.service.onChange((callId) => pushed.push([callId, h.service.consent.service.status(callId).verifyBlockedBy]));
    try {
      const call = await connectCall(h, agentId);
      await waitFor('a push once connected', () => pushed.find(([id]) => id === call.callId));
      expect(pushed.filter(([id]) => id === call.callId).map(([, why]) => why)).toEqual(['confirm the account holder first (again after a speaker change)']);
      h.sim.hangupFarEnd(call.customerChannel);
      await waitFor('a push once ended', () => pushed.filter(([id]) => id === call.callId).length === 2);
      expect(pushed.filter(([id]) => id === call.callId)[1]![1]).toBe('the call is not live with an agent connected');
      // The same reason as a code, which the consoles word in the agent's language.
      expect(h.service.consent.service.status(call.callId).verifyBlockCode).toBe('not-live');
    } finally {
      off();
    }
  });

  it('identity not confirmed by the agent: verification refused with 409', async () => {
    const call = await connectCall(h, agentId);
    const res = await agent.call('POST', `/api/calls/${call.callId}/consent/verification`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('DIALER_ERR_CONSENT_IDENTITY_REQUIRED');
    h.sim.hangupFarEnd(call.customerChannel);
  });

  it('customer hangs up mid-disclosure: no subscription', async () => {
    const call = await connectCall(h, agentId);
    await startVerification(call.callId);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    await waitPlayed(h, call.callId, terms.media[2]!);
    h.sim.hangupFarEnd(call.customerChannel);
    await waitFor('verification recorded', () => h.service.consent.service.status(call.callId).lastOutcome);
    expect(h.service.consent.service.status(call.callId)).toMatchObject({ lastOutcome: 'customer-gone', subscriptionIds: [] });
    expect(subsOf(call.callId)).toHaveLength(0);
  });

  it('speaker change clears identity and stops a running verification; it must be confirmed again', async () => {
    const call = await connectCall(h, agentId);
    await startVerification(call.callId);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    await waitPlayed(h, call.callId, terms.media[1]!);
    expect((await agent.call('POST', `/api/calls/${call.callId}/consent/speaker-changed`)).json().identityConfirmed).toBe(false);
    const st = await waitVerificationEnded(h, call.callId, agent);
    expect(st).toMatchObject({ lastOutcome: 'aborted', subscriptionIds: [] });
    const again = await agent.call('POST', `/api/calls/${call.callId}/consent/verification`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('DIALER_ERR_CONSENT_IDENTITY_REQUIRED');
    // Confirmed again: the system asks the identity question again from the start.
    await startVerification(call.callId);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion, 2);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.confirmQuestion);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    expect((await waitVerificationEnded(h, call.callId, agent)).subscriptionIds).toHaveLength(1);
    h.sim.hangupFarEnd(call.customerChannel);
  });

  it('refusal lock: after the campaign limit of logged refusals, verification is refused with 409', async () => {
    const call = await connectCall(h, agentId, { refusalLimit: 2 });
    expect((await agent.call('POST', `/api/calls/${call.callId}/consent/refusals`, { note: 'not interested' })).statusCode).toBe(201);
    expect((await agent.call('POST', `/api/calls/${call.callId}/consent/identity-confirmed`)).statusCode).toBe(200);
    const st = (await agent.call('POST', `/api/calls/${call.callId}/consent/refusals`, { note: 'said no again' })).json();
    expect(st).toMatchObject({ refusals: 2, refusalLimit: 2, locked: true });
    const res = await agent.call('POST', `/api/calls/${call.callId}/consent/verification`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'DIALER_ERR_CONSENT_REFUSAL_LOCK' });
    expect(res.json().message).toMatch(/refused 2 times/);
    expect(consentMedia(h, call.callId)).toHaveLength(0);
    h.sim.hangupFarEnd(call.customerChannel);
  });

  // Last: the agent's session ends with it.
  it('agent softphone hangs up mid-verification: verification ends, no subscription', async () => {
    const call = await connectCall(h, agentId);
    await startVerification(call.callId);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(call.customerChannel, '1', 0);
    await waitPlayed(h, call.callId, terms.media[1]!);
    h.sim.hangupFarEnd(call.agentChannel);
    await waitFor('verification recorded', () => h.service.consent.service.status(call.callId).lastOutcome);
    expect(['aborted', 'customer-gone']).toContain(h.service.consent.service.status(call.callId).lastOutcome);
    expect(subsOf(call.callId)).toHaveLength(0);
  });
});
