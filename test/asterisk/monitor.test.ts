/**
 * A supervisor on a live call on a real Asterisk: a baresip agent (440 Hz tone as its voice),
 * a baresip supervisor phone (1 kHz tone) and a silent SIPp customer. The call's bridge
 * recording is what the customer's side of the conversation is made of (the customer hears
 * the bridge's mix of everyone else), so it is the evidence: while the supervisor listens or
 * whispers, it holds the agent's 440 Hz and no 1 kHz; once they barge the 1 kHz is in it; after
 * the takeover the agent's 440 Hz is gone. A whisper on the wrong direction (`in`) would put the
 * supervisor into the agent's voice and so into the recording: this can fail. The recording
 * stays one verified recording across all of it.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorSessions } from '../../src/db/schema.js';
import { parseWavHeader } from '../../src/recordings/wav.js';
import { signIn, type Caller } from '../support/harness-http.js';
import { waitFor } from '../support/harness.js';
import { DIST, startRealTier, SUPERVISOR_TONE_HZ, type RealTier } from './support/real-tier.js';
import { customerNumber as num } from './support/sipp-scenario.js';
import { eq } from 'drizzle-orm';

let tier: RealTier;
let manager: Caller;
let agentId: number;

/** Power of `hz` in 8 kHz 16-bit samples (Goertzel), normalised by the window length. */
function tonePower(samples: Int16Array, hz: number): number {
  const k = 2 * Math.cos((2 * Math.PI * hz) / 8000);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return (s1 * s1 + s2 * s2 - k * s1 * s2) / (samples.length * samples.length);
}

/** The recording's samples between two moments of the service's clock. */
function window(wav: { samples: Int16Array; startedAt: number }, from: number, to: number): Int16Array {
  const a = Math.max(0, Math.round(((from - wav.startedAt) * 8000) / 1000));
  const b = Math.min(wav.samples.length, Math.round(((to - wav.startedAt) * 8000) / 1000));
  return wav.samples.subarray(a, Math.max(a, b));
}

describe.skipIf(!DIST)('a supervisor listens, whispers, barges and takes over on a real Asterisk', () => {
  beforeAll(async () => {
    tier = await startRealTier({
      agents: ['8111'],
      supervisors: ['8211'],
      // Silent: the recording's spectrum is the agent's and the supervisor's tones alone.
      customers: { '40': { kind: 'answer', ringMs: 300, talk: false } },
    });
    agentId = tier.agentIds.get('8111')!;
    manager = await signIn(tier.h.service, 'floor-manager', 'manager');
    expect((await manager.call('PUT', '/api/supervision/phone', { extension: '8211' })).statusCode).toBe(200);
    await tier.h.loginAgent(agentId, 15_000);
  }, 90_000);
  afterAll(async () => tier?.stop(), 30_000);

  it('the customer side never carries the supervisor until the barge; one verified recording', async () => {
    const { h } = tier;
    const supervision = h.service.supervision.supervision;
    const campaignId = await h.startCampaign([num('40')]);
    const row = await waitFor('agent connected', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null), 30_000);
    const callId = row.id;
    const bridgeOf = (channelId: string) =>
      tier.events.ofType('ChannelEnteredBridge').filter((e) => (e.raw.channel as { id: string }).id === channelId).map((e) => (e.raw.bridge as { id: string }).id).at(-1);
    /** Holds a mode long enough to have seconds of its audio in the recording. */
    const hold = () => new Promise((r) => setTimeout(r, 3000));

    const res = await manager.call('POST', '/api/supervision', { callId, mode: 'listen' });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json() as { id: number };
    await waitFor('the supervisor phone answered', () => supervision.list(callId)[0]?.state === 'joined', 20_000);
    await waitFor('the listen snoop bridged', () => bridgeOf(`snoop-${id}-1`) === `mon-${id}`, 10_000);
    await supervision.idle();
    // Asterisk's own view: the snoop runs on the agent's channel, the call bridge is customer and agent only.
    // (StasisStart goes only to the app a channel enters, not to the recorder: the bridge events tell.)
    const phoneId = await waitFor('the phone in its bridge', () => tier.events.ofType('ChannelEnteredBridge').map((e) => (e.raw.channel as { id: string }).id).find((c) => c.startsWith(`sup-${id}-`)));
    expect(bridgeOf(phoneId)).toBe(`mon-${id}`);
    await hold();

    expect((await manager.call('POST', `/api/supervision/${id}/mode`, { mode: 'whisper' })).statusCode).toBe(200);
    await waitFor('the whisper snoop bridged', () => bridgeOf(`snoop-${id}-2`) === `mon-${id}`, 10_000);
    await supervision.idle();
    await hold();

    expect((await manager.call('POST', `/api/supervision/${id}/mode`, { mode: 'barge' })).statusCode).toBe(200);
    await waitFor('the supervisor in the call bridge', () => bridgeOf(phoneId) === `br-${callId}`, 10_000);
    await supervision.idle();
    await hold();

    expect((await manager.call('POST', `/api/supervision/${id}/mode`, { mode: 'takeover' })).statusCode).toBe(200);
    await waitFor('the agent back in their holding bridge', () => bridgeOf(h.service.agents.get(agentId)!.channelId) === `hold-${agentId}`, 10_000);
    await supervision.idle();
    await hold();

    // The supervisor, now the handler, hangs up: the call ends.
    expect((await manager.call('DELETE', `/api/supervision/${id}`)).statusCode).toBe(200);
    await h.waitCampaignDone(campaignId, 1, 30_000);
    await h.waitRecordingsSettled(campaignId, 30_000);

    const call = h.callsOf(campaignId)[0]!;
    expect(call.recordingState).toBe('verified');
    const segments = h.segmentsOf(callId);
    expect(segments.map((s) => s.state)).toEqual(['verified']);
    const seg = segments[0]!;
    const file = readFileSync(isAbsolute(seg.path!) ? seg.path! : join(h.service.config.RECORDINGS_DIR, seg.path!));
    const info = parseWavHeader(file, file.length);
    expect(info.sampleRate).toBe(8000);
    const data = file.subarray(info.dataOffset, info.dataOffset + info.dataBytes);
    const wav = { samples: new Int16Array(data.buffer, data.byteOffset, Math.floor(data.length / 2)), startedAt: seg.startedAt };

    const stretches = h.service.database.db.select().from(monitorSessions).where(eq(monitorSessions.callId, callId)).all();
    expect(stretches.map((s) => [s.mode, s.endReason])).toEqual([
      ['listen', 'switched'],
      ['whisper', 'switched'],
      ['barge', 'switched'],
      ['takeover', 'stopped'],
    ]);
    // The middle of each stretch (its start includes moving the audio, its end the next switch).
    const power = stretches.map((s) => {
      const w = window(wav, s.startedAt + 1000, s.endedAt! - 500);
      expect(w.length, `${s.mode}: audio in the recording`).toBeGreaterThan(8000);
      return { mode: s.mode, agent: tonePower(w, 440), supervisor: tonePower(w, SUPERVISOR_TONE_HZ) };
    });
    const [listen, whisper, barge, takeover] = power as [typeof power[0], typeof power[0], typeof power[0], typeof power[0]];
    // Listening and whispering: the agent is heard, the supervisor is not (a hundredth of the agent's power at most).
    for (const p of [listen, whisper]) {
      expect(p.agent, `${p.mode}: the agent's tone`).toBeGreaterThan(0);
      expect(p.supervisor, `${p.mode}: no supervisor audio on the customer's side`).toBeLessThan(p.agent / 100);
    }
    // Barging: both are in the conversation.
    expect(barge.supervisor).toBeGreaterThan(barge.agent / 10);
    // Taken over: the supervisor talks with the customer, the agent has left.
    expect(takeover.supervisor).toBeGreaterThan(0);
    expect(takeover.agent).toBeLessThan(takeover.supervisor / 100);
  }, 180_000);
});
