/**
 * Customers calling back on a real Asterisk (issue 13): a SIPp caller sends an INVITE from the
 * carrier's address to Asterisk; the project's dialplan (INBOUND_POLICY=stasis) hands it to the
 * service. After an outbound call with the baresip agent, the customer calling the campaign's
 * number reaches that same agent, recorded and verified; with no agent ready the customer hears
 * the "we will call you back" message (recorded too) and a callback is scheduled for the agent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbacks, calls, inboundCalls } from '../../src/db/schema.js';
import { parseWavHeader } from '../../src/recordings/wav.js';
import { waitFor } from '../support/harness.js';
import { DIST, startRealTier, type RealTier } from './support/real-tier.js';
import { placeInboundCall } from './support/sipp-caller.js';
import { customerNumber as num } from './support/sipp-scenario.js';

const CALLER_ID = '02161230000';
let tier: RealTier;

describe.skipIf(!DIST)('customers calling back on a real Asterisk', () => {
  beforeAll(async () => {
    tier = await startRealTier({
      agents: ['8101'],
      inboundPolicy: 'stasis',
      customers: { '30': { kind: 'answer', ringMs: 500, talk: true, hangupAfterMs: 5000 } },
    });
  }, 60_000);
  afterAll(async () => tier?.stop(), 30_000);

  const inboundRows = () => tier.h.service.database.db.select().from(calls).where(eq(calls.direction, 'inbound')).all();
  const recordedMs = (callId: string) => {
    let ms = 0;
    for (const seg of tier.h.segmentsOf(callId)) {
      expect(seg.state).toBe('verified');
      const bytes = readFileSync(join(tier.h.service.config.RECORDINGS_DIR, seg.path!));
      ms += parseWavHeader(bytes, bytes.length).durationMs;
    }
    return ms;
  };

  it('reaches the agent who called them, recorded and verified; with nobody ready hears the message and gets a callback', async () => {
    const { h } = tier;
    const agentId = tier.agentIds.get('8101')!;
    await h.loginAgent(agentId, 15_000);
    const customer = num('30');
    const campaignId = await h.startCampaign([customer], { settings: { callerId: CALLER_ID, ringTimeoutSec: 15 } });
    const [outbound] = await h.waitCampaignDone(campaignId, 1, 60_000);
    expect(outbound).toMatchObject({ agentId, outcome: 'answered' });
    expect(outbound!.agentConnectedAt).not.toBeNull();
    await waitFor('the agent ready again', () => h.service.agents.get(agentId)?.state === 'ready', 15_000);

    // 1. The customer calls the number the campaign showed: the same agent takes it.
    const first = await placeInboundCall({ caller: customer, dialled: CALLER_ID, asteriskPort: tier.asterisk.sipPort, hangupAfterMs: 5000 });
    const firstEnd = await first.done;
    expect(firstEnd, firstEnd.errors).toMatchObject({ by: 'caller', exitCode: 0 });
    const [row] = await waitFor('the inbound call closed and judged', () => {
      const rows = inboundRows();
      return rows.length === 1 && rows[0]!.state === 'ended' && rows[0]!.recordingState !== 'pending' && rows[0]!.recordingState !== null ? rows : null;
    }, 30_000);
    expect(row).toMatchObject({ direction: 'inbound', agentId, contactId: outbound!.contactId, phone: customer, outcome: 'answered', hangupBy: 'customer', recordingState: 'verified' });
    expect(row!.endpoint).toMatch(/^PJSIP\/carrier-/);
    expect(row!.agentConnectedAt).not.toBeNull();
    // The whole call is on the recording (from the answer: the welcome and the talk).
    expect(recordedMs(row!.id)).toBeGreaterThan(3500);
    // Asterisk's own events (the recorder sees every channel): the caller's channel ran the
    // dialplan's Stasis with its arguments, already answered.
    const stasis = tier.events.ofChannel(row!.channelId).find((e) => e.type === 'ChannelDialplan' && e.raw.dialplan_app === 'Stasis');
    expect(stasis?.raw.dialplan_app_data).toBe(`dialer,inbound,${customer},${CALLER_ID}`);
    expect((stasis?.raw.channel as { state: string }).state).toBe('Up');

    // 2. Nobody ready: the message, recorded, and a callback for the agent.
    await waitFor('the agent ready again', () => h.service.agents.get(agentId)?.state === 'ready', 15_000);
    h.service.agents.pause(agentId, 'BREAK');
    const second = await placeInboundCall({ caller: customer, dialled: CALLER_ID, asteriskPort: tier.asterisk.sipPort, hangupAfterMs: 60_000 });
    const secondEnd = await second.done;
    // The service hangs up once the message is over.
    expect(secondEnd, secondEnd.errors).toMatchObject({ by: 'asterisk', exitCode: 0 });
    const message = await waitFor('the agentless call closed and judged', () => {
      const r = inboundRows().find((x) => x.id !== row!.id);
      return r && r.state === 'ended' && r.recordingState !== 'pending' && r.recordingState !== null ? r : null;
    }, 30_000);
    expect(message).toMatchObject({ agentId: null, outcome: 'answered', hangupBy: 'system', recordingState: 'verified' });
    const played = tier.events.ofType('PlaybackFinished').find((e) => String((e.raw.playback as { target_uri?: string }).target_uri).includes(message.id));
    expect(played?.raw.playback).toMatchObject({ media_uri: 'sound:dialer/inbound-callback', state: 'done' });
    expect(recordedMs(message.id)).toBeGreaterThan(2000);
    const { db } = h.service.database;
    expect(db.select().from(callbacks).where(eq(callbacks.fromCallId, message.id)).get()).toMatchObject({ agentId, status: 'scheduled', campaignId });
    expect(db.select({ route: inboundCalls.route }).from(inboundCalls).all().map((r) => r.route)).toEqual(['last-agent', 'callback']);
  }, 180_000);
  // Goes on from the test above: the customer is the campaign's, the agent is logged in (paused).
  it('a caller talking to the agent when the service stops unannounced is routed again by the restarted service: the message, recorded, and a callback', async () => {
    const agentId = tier.agentIds.get('8101')!;
    const before = tier.h;
    before.service.agents.resume(agentId);
    await waitFor('the agent ready', () => before.service.agents.get(agentId)?.state === 'ready', 15_000);
    const customer = num('30');
    const caller = await placeInboundCall({ caller: customer, dialled: CALLER_ID, asteriskPort: tier.asterisk.sipPort, hangupAfterMs: 60_000 });
    const talking = await waitFor('the caller talking to the agent', () => inboundRows().find((r) => r.state !== 'ended' && r.agentConnectedAt !== null), 30_000);

    // The process goes away without hanging anything up: the caller stays in the application.
    await before.service.stop();
    const h = await tier.restartService();
    const end = await caller.done;
    // Routed again with nobody logged in: the message, then the service hangs up.
    expect(end, end.errors).toMatchObject({ by: 'asterisk', exitCode: 0 });
    const rows = await waitFor('the old call closed and the new one judged', () => {
      const r = inboundRows();
      const again = r.find((x) => x.channelId === talking.channelId && x.id !== talking.id);
      return again && again.state === 'ended' && again.recordingState !== 'pending' && again.recordingState !== null && r.find((x) => x.id === talking.id)?.state === 'ended' ? { again, old: r.find((x) => x.id === talking.id)! } : null;
    }, 30_000);
    expect(rows.old.outcome).toBe('interrupted');
    expect(rows.again).toMatchObject({ agentId: null, outcome: 'answered', hangupBy: 'system', recordingState: 'verified' });
    const played = tier.events.ofType('PlaybackFinished').find((e) => String((e.raw.playback as { target_uri?: string }).target_uri).includes(rows.again.id));
    expect(played?.raw.playback).toMatchObject({ media_uri: 'sound:dialer/inbound-callback', state: 'done' });
    expect(recordedMs(rows.again.id)).toBeGreaterThan(2000);
    const { db } = h.service.database;
    expect(db.select().from(callbacks).where(eq(callbacks.fromCallId, rows.again.id)).get()).toMatchObject({ agentId, status: 'scheduled' });
  }, 120_000);
});
