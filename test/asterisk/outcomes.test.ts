/**
 * Every outcome of a progressive campaign on a real Asterisk: SIPp customers behind the
 * project's carrier trunk, a baresip agent, the service driving it all over ARI. Each case
 * asserts the call row, the stored WAV and Asterisk's own ARI events.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agents } from '../../src/db/schema.js';
import { parseWavHeader } from '../../src/recordings/wav.js';
import { readWavSamples } from '../../src/sim/index.js';
import { signIn } from '../support/harness-http.js';
import { waitFor } from '../support/harness.js';
import { DIST, startRealTier, type RealTier } from './support/real-tier.js';
import { customerNumber as num } from './support/sipp-scenario.js';
import { findSound } from './support/sound-match.js';

let tier: RealTier;

describe.skipIf(!DIST)('progressive campaign on a real Asterisk', () => {
  beforeAll(async () => {
    tier = await startRealTier({
      agents: ['8001'],
      customers: {
        '10': { kind: 'answer', ringMs: 1000, talk: true, hangupAfterMs: 6000 }, // talks, then hangs up
        '20': { kind: 'reject', status: 486 }, // busy
        '21': { kind: 'reject', status: 603, ringMs: 500 }, // declines
        '22': { kind: 'reject', status: 404 }, // unallocated number
        '23': { kind: 'no-answer' },
        '24': { kind: 'answer', ringMs: 0, talk: false, hangupAfterMs: 300 }, // answers and hangs up at once
        '25': { kind: 'answer', ringMs: 500, talk: false, hangupAfterMs: 7000 }, // answers and says nothing
        '11': { kind: 'answer', ringMs: 500, talk: true, hangupAfterMs: 4000 }, // a preview customer
        '12': { kind: 'answer', ringMs: 300, talk: true, hangupAfterMs: 25_000 }, // hears the whole Mandarin opening
      },
    });
  }, 60_000);
  afterAll(async () => tier?.stop(), 30_000);

  it('places every call and records each outcome as Asterisk reported it', async () => {
    const { h } = tier;
    const agentId = tier.agentIds.get('8001')!;
    await h.loginAgent(agentId, 15_000);
    const numbers = ['10', '20', '21', '22', '23', '24', '25'].map((c) => num(c));
    const campaignId = h.runCampaign(numbers, { settings: { ringTimeoutSec: 15 } });
    const rows = await h.waitCampaignDone(campaignId, numbers.length, 120_000);
    await h.waitRecordingsSettled(campaignId, 30_000);
    const byCode = new Map(h.callsOf(campaignId).map((r) => [r.phone.slice(-4, -2), r]));
    expect(rows).toHaveLength(numbers.length);

    expect(byCode.get('10')).toMatchObject({ outcome: 'answered', hangupBy: 'customer', agentId, recordingState: 'verified' });
    expect(byCode.get('20')).toMatchObject({ outcome: 'busy', answeredAt: null, hangupCause: 17 });
    expect(byCode.get('21')).toMatchObject({ outcome: 'rejected', answeredAt: null, hangupCause: 21 });
    // Cause 1 (SIP 404) has dial status NOANSWER on Asterisk: it is not a no-answer.
    expect(byCode.get('22')!.hangupCause).toBe(1);
    expect(byCode.get('22')!.outcome).not.toBe('no-answer');
    expect(byCode.get('23')).toMatchObject({ outcome: 'no-answer', answeredAt: null });
    expect(byCode.get('24')!.answeredAt).not.toBeNull();
    expect(byCode.get('24')!.hangupBy).toBe('customer');
    expect(byCode.get('25')).toMatchObject({ outcome: 'answered', agentId, recordingState: 'verified' });

    // Each call's bridge is made while it rings, and taken down again when nobody answers.
    const bridgeEvents = (type: string, callId: string) => tier.events.ofType(type).filter((e) => (e.raw.bridge as { id?: string }).id === `br-${callId}`);
    expect(bridgeEvents('BridgeCreated', byCode.get('23')!.id), 'the ringing no-answer call had its bridge').toHaveLength(1);
    for (const row of h.callsOf(campaignId)) {
      if (bridgeEvents('BridgeCreated', row.id).length === 0) continue;
      await waitFor(`bridge of ${row.phone} destroyed`, () => bridgeEvents('BridgeDestroyed', row.id).length === 1);
    }

    // The opening started on every answered call, from Asterisk's own PlaybackStarted.
    for (const code of ['10', '25']) {
      const row = byCode.get(code)!;
      expect(row.openingStartedAt).not.toBeNull();
      const started = tier.events.ofType('PlaybackStarted').filter((e) => String((e.raw.playback as { target_uri?: string }).target_uri).includes(row.id));
      expect(started.length, `opening on ${code}`).toBeGreaterThan(0);
    }

    // Verified recordings: real WAVs, their length the call's.
    for (const code of ['10', '25']) {
      const row = byCode.get(code)!;
      const segments = h.segmentsOf(row.id);
      expect(segments.length).toBeGreaterThan(0);
      let totalMs = 0;
      for (const seg of segments) {
        expect(seg.state).toBe('verified');
        const bytes = readFileSync(join(h.service.config.RECORDINGS_DIR, seg.path!));
        totalMs += parseWavHeader(bytes, bytes.length).durationMs;
      }
      expect(totalMs).toBeGreaterThan(3000);
    }

    // The opening is on the recording from its first word: the add, the record and the play go
    // together (REST over the event WebSocket) and Asterisk runs them in that order.
    expect(h.service.telephony.restOverWebSocket.available).toBe(true);
    const silent = h.segmentsOf(byCode.get('25')!.id)[0]!;
    const recorded = readWavSamples(readFileSync(join(h.service.config.RECORDINGS_DIR, silent.path!)));
    const opening = readWavSamples(readFileSync(join(h.service.config.PROMPTS_DIR, 'zh/dialer/opening.wav')));
    const match = findSound(recorded, opening, { probeMs: 1500, fromMs: -500, toMs: 1500, notchHz: 440 });
    expect(match.correlation, JSON.stringify(match)).toBeGreaterThan(0.5);
    expect(match.offsetMs + match.firstVoicedMs, `the first word at ${match.offsetMs + match.firstVoicedMs} ms of the recording`).toBeGreaterThanOrEqual(0);

    // Asterisk saw what SIPp did: the 486, the 603, the 404 and the CANCEL of the unanswered one.
    const sip = tier.carrier.messages();
    for (const status of ['486 Busy Here', '603 Decline', '404 Not Found', '487 Request Terminated']) expect(sip).toContain(`SIP/2.0 ${status}`);
    await waitFor('agent ready again', () => h.service.agents.get(agentId)?.state === 'ready');
  }, 180_000);

  it('preview: nothing is dialed until the agent dials the card; then the call is theirs, recorded', async () => {
    const { h } = tier;
    const agentId = tier.agentIds.get('8001')!;
    const agent = await signIn(h.service, 'agent-8001', 'agent');
    h.service.database.db.update(agents).set({ userId: agent.userId }).where(eq(agents.id, agentId)).run();
    if (!h.service.agents.get(agentId)) await h.loginAgent(agentId, 15_000);
    await waitFor('agent ready', () => h.service.agents.get(agentId)?.state === 'ready', 15_000);
    const campaignId = h.runCampaign([num('11')], { settings: { dialMode: 'preview' } });
    const card = (await agent.call('POST', `/api/agents/${agentId}/preview/next`)).json().card as { contactId: number };
    expect(h.callsOf(campaignId)).toHaveLength(0);
    const dialed = await agent.call('POST', `/api/agents/${agentId}/preview/${card.contactId}/dial`);
    expect(dialed.statusCode, dialed.body).toBeLessThan(300);
    await h.waitCampaignDone(campaignId, 1, 30_000);
    await h.waitRecordingsSettled(campaignId, 20_000);
    expect(h.callsOf(campaignId)[0]).toMatchObject({ outcome: 'answered', agentId, hangupBy: 'customer', recordingState: 'verified' });
    expect(h.callsOf(campaignId)).toHaveLength(1);
    expect(h.callsOf(campaignId)[0]!.dialStatus).toBe('ANSWER');
  }, 60_000);

  it('plays the manuals\' Mandarin opening from the prompt pack, the called number digit by digit, started through the campaign starter', async () => {
    const { h } = tier;
    const agentId = tier.agentIds.get('8001')!;
    if (!h.service.agents.get(agentId)) await h.loginAgent(agentId, 15_000);
    await waitFor('agent ready', () => h.service.agents.get(agentId)?.state === 'ready', 15_000);
    // The starter voices the campaign's own words (the company) and asks Asterisk for every prompt first.
    const id = await h.startCampaign([num('12')], { openingMedia: '', settings: { language: 'zh', companyName: '测试公司' } });
    await h.waitCampaignDone(id, 1, 40_000);
    const row = h.callsOf(id)[0]!;
    // A play list is one playback: PlaybackStarted for its first medium, PlaybackContinuing for each next one.
    const played = tier.events.events
      .filter((e) => e.type === 'PlaybackStarted' || e.type === 'PlaybackContinuing')
      .map((e) => e.raw.playback as { id: string; media_uri: string; language?: string; target_uri: string })
      .filter((p) => p.target_uri.includes(row.id));
    const media = [...new Set(played.map((p) => p.media_uri))];
    expect(media, media.join(' ')).toContain('sound:dialer/opening-greeting');
    expect(played.every((p) => p.language === 'zh')).toBe(true);
    // 13900001200 spoken digit by digit: 幺 for 1, then 3, 9, 0 … (num-N prompts).
    const digits = media.filter((m) => /^sound:dialer\/(num-\d|phone-1)$/.test(m));
    expect(digits.length).toBeGreaterThanOrEqual(4);
    expect(media, media.join(' ')).toContain('sound:dialer/opening-owner');
    // Every prompt was found on Asterisk: none failed.
    const failed = tier.events.ofType('PlaybackFinished').filter((e) => (e.raw.playback as { target_uri: string; state: string }).target_uri.includes(row.id) && (e.raw.playback as { state: string }).state === 'failed');
    expect(failed.map((e) => (e.raw.playback as { media_uri: string }).media_uri)).toEqual([]);
  }, 90_000);
});
