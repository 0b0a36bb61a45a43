/**
 * Whole calls through the ARI simulator (real HTTP + WebSocket, unmodified ari-client),
 * with a real SQLite file and a real Redis.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWavHeader } from '../../src/recordings/wav.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

const N = (i: number) => `1380013800${i}`; // national CN mobile numbers
const R = (i: number) => `86${N(i)}`; // the resource the simulator sees in PJSIP/{number}@carrier
const N2 = (i: number) => `1380013801${i}`;
const R2 = (i: number) => `86${N2(i)}`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('a recorded call, end to end', () => {
  it('answered and connected to an agent: every moment, verified recording, agent back in holding', async () => {
    h = await startHarness({ scripts: { [R(1)]: { kind: 'answer', ringMs: 50, hangupAfterMs: 1500 } } });
    const agentId = h.addAgent('Ada', '7001');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign([N(1)]);
    const [call] = await h.waitCampaignDone(campaignId, 1);
    await h.waitRecordingsSettled(campaignId);
    const row = h.callsOf(campaignId)[0]!;

    expect(row).toMatchObject({ outcome: 'answered', hangupBy: 'customer', agentId, dialStatus: 'ANSWER', hangupCause: 0, phone: '+8613800138001' });
    expect(call?.id).toBe(row.id);
    // Every moment, in order: the opening starts at once and the agent joins during it.
    const t = row;
    expect(t.ringingAt).not.toBeNull();
    expect(t.originatedAt).toBeLessThanOrEqual(t.ringingAt!);
    expect(t.ringingAt!).toBeLessThanOrEqual(t.answeredAt!);
    expect(t.answeredAt!).toBeLessThanOrEqual(t.recordingStartedAt!);
    expect(t.recordingStartedAt!).toBeLessThanOrEqual(t.openingStartedAt!);
    expect(t.openingStartedAt!).toBeLessThanOrEqual(t.openingFinishedAt!);
    expect(t.agentConnectedAt! - t.answeredAt!).toBeLessThan(1000);
    expect(t.endedAt! - t.answeredAt!).toBeGreaterThanOrEqual(1400);

    // The recording: fetched, verified, stored with its sha256, and gone from Asterisk.
    expect(row.recordingState).toBe('verified');
    const [seg] = h.segmentsOf(row.id);
    expect(seg).toMatchObject({ state: 'verified', segment: 1 });
    const file = join(h.service.config.RECORDINGS_DIR, seg!.path!);
    expect(existsSync(file)).toBe(true);
    const bytes = readFileSync(file);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(seg!.sha256);
    expect(bytes.length).toBe(seg!.bytes);
    const info = parseWavHeader(bytes, bytes.length);
    expect(Math.abs(info.durationMs - (t.endedAt! - t.recordingStartedAt!))).toBeLessThan(500);
    await waitFor('stored recording deleted on Asterisk', () => !existsSync(join(h!.dir, 'asterisk-recordings', `${seg!.ariName}.wav`)));

    // The opening was played on the recorded bridge.
    const plays = h.sim.log.filter((e) => e.kind === 'rest' && e.path.startsWith(`/bridges/br-${row.id}/play`));
    expect(plays).toHaveLength(1);
    const record = h.sim.log.findIndex((e) => e.kind === 'rest' && e.path === `/bridges/br-${row.id}/record`);
    const play = h.sim.log.findIndex((e) => e.kind === 'rest' && e.path.startsWith(`/bridges/br-${row.id}/play`));
    expect(record).toBeGreaterThan(-1);
    expect(record).toBeLessThan(play);

    // The agent is back in the holding bridge and ready for the next call.
    await waitFor('agent ready again', () => h!.service.agents.get(agentId)?.state === 'ready');
    const session = h.service.agents.get(agentId)!;
    const holding = h.sim.bridges().find((b) => b.id === `hold-${agentId}`);
    expect(holding?.channels).toContain(session.channelId);
  });

  it('busy: closed as busy, nothing recorded, contact marked failed', async () => {
    h = await startHarness({ scripts: { [R(2)]: { kind: 'busy', ringMs: 20 } } });
    await h.loginAgent(h.addAgent('Bo', '7002'));
    const campaignId = h.runCampaign([N(2)]);
    const [row] = await h.waitCampaignDone(campaignId, 1);
    expect(row).toMatchObject({ outcome: 'busy', dialStatus: 'BUSY', hangupCause: 17, answeredAt: null, recordingState: null, agentId: null });
    expect(h.segmentsOf(row!.id)).toHaveLength(0);
  });

  it('no answer: the ring timeout ends it as no-answer (cause 19)', async () => {
    h = await startHarness({ scripts: { [R(3)]: { kind: 'ring-forever' } } });
    await h.loginAgent(h.addAgent('Cy', '7003'));
    const campaignId = h.runCampaign([N(3)]);
    const [row] = await h.waitCampaignDone(campaignId, 1);
    expect(row).toMatchObject({ outcome: 'no-answer', hangupCause: 19, answeredAt: null });
    // 15 s at 20 ms per ARI second: it rang for about 300 ms.
    expect(row!.endedAt! - row!.originatedAt).toBeGreaterThanOrEqual(250);
  });

  it.each([
    ['congestion', { kind: 'congestion' } as const, 'congestion'],
    ['reject', { kind: 'reject' } as const, 'rejected'],
    ['unavailable', { kind: 'unavailable' } as const, 'failed'],
  ])('%s far end closes as %s', async (_name, script, outcome) => {
    h = await startHarness({ scripts: { [R(4)]: script } });
    await h.loginAgent(h.addAgent('Di', '7004'));
    const campaignId = h.runCampaign([N(4)]);
    const [row] = await h.waitCampaignDone(campaignId, 1);
    expect(row?.outcome).toBe(outcome);
  });

  it('customer hangs up during the opening: answered, hung up by the customer, recording verified', async () => {
    h = await startHarness({
      scripts: { [R(5)]: { kind: 'answer', ringMs: 20, hangupAfterMs: 600 } },
      sim: { soundDurationsMs: { 'sound:dialer/opening': 2000 } },
    });
    const agentId = h.addAgent('Ed', '7005');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign([N(5)]);
    await h.waitCampaignDone(campaignId, 1);
    await h.waitRecordingsSettled(campaignId);
    const row = h.callsOf(campaignId)[0]!;
    expect(row).toMatchObject({ outcome: 'answered', hangupBy: 'customer', recordingState: 'verified' });
    expect(row.endedAt! - row.answeredAt!).toBeLessThan(2000);
    // The opening started but was cut short by the hangup: it never finished.
    expect(row.openingStartedAt).not.toBeNull();
    expect(row.openingFinishedAt).toBeNull();
    await waitFor('agent ready again', () => h!.service.agents.get(agentId)?.state === 'ready');
  });

  it('agent hangs up: the customer is hung up, the agent session ends', async () => {
    h = await startHarness({ scripts: { [R(6)]: { kind: 'answer', ringMs: 20 } } });
    const agentId = h.addAgent('Fa', '7006');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign([N(6)]);
    const connected = await waitFor('agent connected', () => h!.callsOf(campaignId).find((c) => c.agentConnectedAt !== null));
    const agentChannel = h.service.agents.get(agentId)!.channelId;
    h.sim.hangupFarEnd(agentChannel);
    await h.waitCampaignDone(campaignId, 1);
    await h.waitRecordingsSettled(campaignId);
    const row = h.callsOf(campaignId)[0]!;
    expect(row.id).toBe(connected.id);
    expect(row).toMatchObject({ outcome: 'answered', hangupBy: 'agent', recordingState: 'verified' });
    expect(h.service.agents.get(agentId)).toBeNull();
    expect(h.sim.channels().map((c) => c.id)).not.toContain(`cust-${row.id}`);
  });

  it('answered then hung up at once: a zero-length call, recorded from the answer (the bridge was made while it rang)', async () => {
    h = await startHarness({ scripts: { [R(7)]: { kind: 'answer', ringMs: 20, hangupAfterMs: 0 } } });
    const agentId = h.addAgent('Gu', '7007');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign([N(7)]);
    await h.waitCampaignDone(campaignId, 1);
    await h.waitRecordingsSettled(campaignId);
    const row = h.callsOf(campaignId)[0]!;
    expect(row).toMatchObject({ outcome: 'answered', hangupBy: 'customer', agentConnectedAt: null });
    expect(row.endedAt! - row.answeredAt!).toBeLessThan(100);
    // The recording was asked for at the answer, beside adding the customer: it holds the
    // call's few milliseconds (no speech) and is kept like any other, not an incident.
    expect(row.recordingState).toBe('verified');
    const [segment, ...more] = h.segmentsOf(row.id);
    expect(more).toEqual([]);
    expect(segment).toMatchObject({ state: 'verified', segment: 1 });
    expect(segment!.durationMs!).toBeLessThan(100);
    const metrics = await h.service.http.inject({ method: 'GET', url: '/health' });
    expect(metrics.statusCode).toBe(200);
    expect(h.service.recordings.countsByState()).toMatchObject({ missing: 0, verified: 1 });
    // The agent reserved for it was never moved and is still parked, ready for the next call.
    await waitFor('agent ready again', () => h!.service.agents.get(agentId)?.state === 'ready');
    const holding = h.sim.bridges().find((b) => b.id === `hold-${agentId}`);
    expect(holding?.channels).toContain(h.service.agents.get(agentId)!.channelId);
  });

  it('a recording that stops early is restarted as a new segment; both kept and verified', async () => {
    h = await startHarness({ scripts: { [R(8)]: { kind: 'answer', ringMs: 20, hangupAfterMs: 1500 } } });
    await h.loginAgent(h.addAgent('Hu', '7008'));
    const campaignId = h.runCampaign([N(8)]);
    const live = await waitFor('call recording', () => h!.callsOf(campaignId).find((c) => c.recordingStartedAt !== null && c.agentConnectedAt !== null));
    await waitFor('segment 1 recording', () => h!.sim.bridges().find((b) => b.id === `br-${live.id}`)?.recording);
    h.sim.finishRecordingEarly(`rec-${live.id}-1`);
    await h.waitCampaignDone(campaignId, 1);
    await h.waitRecordingsSettled(campaignId);
    const segs = h.segmentsOf(live.id);
    expect(segs.map((s) => [s.segment, s.state])).toEqual([
      [1, 'verified'],
      [2, 'verified'],
    ]);
    expect(segs[1]!.startedAt - segs[0]!.finishedAt!).toBeLessThan(500);
    expect(h.callsOf(campaignId)[0]!.recordingState).toBe('verified');
  });

  it('a silent line with an agent in the bridge: one segment for the whole call, silence written (softmix)', async () => {
    h = await startHarness({
      scripts: {
        [R(9)]: { kind: 'answer', ringMs: 20, hangupAfterMs: 1600, audioStopsAfterMs: 0 },
        // A muted softphone: nobody speaks once the opening is over.
        '7009': { kind: 'answer', ringMs: 0, audioStopsAfterMs: 0 },
      },
      sim: { silenceTimeoutMs: 300 },
    });
    await h.loginAgent(h.addAgent('Io', '7009'));
    const campaignId = h.runCampaign([N(9)]);
    const [row] = await h.waitCampaignDone(campaignId, 1);
    await h.waitRecordingsSettled(campaignId);
    const segs = h.segmentsOf(row!.id);
    // Seen on Asterisk 22: customer, agent and recorder make a softmix bridge, which feeds the
    // recorder every 20 ms whether anyone speaks or not — no "no audio" end.
    expect(segs.map((s) => s.state)).toEqual(['verified']);
    // Everything from the moment the agent joined (three parties) to the end is in the file.
    const mixedFrom = Math.max(row!.agentConnectedAt!, segs[0]!.startedAt);
    expect(segs[0]!.durationMs!, JSON.stringify(segs[0])).toBeGreaterThanOrEqual(segs[0]!.finishedAt! - mixedFrom - 150);
    expect(segs[0]!.finishedAt! - mixedFrom).toBeGreaterThan(700);
    expect(h.callsOf(campaignId)[0]!.recordingState).toBe('verified');
  });

  it('a silent customer alone with the recorder: Asterisk ends the recording by itself; new segments keep the call covered', async () => {
    h = await startHarness({
      scripts: { [R2(1)]: { kind: 'answer', ringMs: 150, hangupAfterMs: 1600, audioStopsAfterMs: 0 } },
      // No agent: after the opening only the silent customer and the recorder are in the bridge.
      env: { AGENT_WAIT_MS: '5000' },
      sim: { silenceTimeoutMs: 300 },
    });
    const agentId = h.addAgent('Ji', '7010');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign([N2(1)]);
    await waitFor('ringing', () => h!.callsOf(campaignId)[0]);
    h.service.agents.pause(agentId, 'BREAK'); // the only agent steps away before the answer
    const [row] = await h.waitCampaignDone(campaignId, 1);
    await h.waitRecordingsSettled(campaignId);
    const segs = h.segmentsOf(row!.id);
    expect(segs.length).toBeGreaterThanOrEqual(2);
    expect(segs.every((s) => s.state === 'verified')).toBe(true);
    expect(h.callsOf(campaignId)[0]!.recordingState).toBe('verified');
  });

  it('silence Asterisk did not write: an abandoned call whose WAV is shorter than its wall time is verified', async () => {
    h = await startHarness({
      scripts: { [R2(2)]: { kind: 'answer', ringMs: 150, audioStopsAfterMs: 0 } },
      env: { AGENT_WAIT_MS: '1800' },
      sim: { soundDurationsMs: { 'sound:dialer/opening': 1500 } },
    });
    const agentId = h.addAgent('Ke', '7011');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign([N2(2)]);
    await waitFor('ringing', () => h!.callsOf(campaignId)[0]);
    h.service.agents.pause(agentId, 'BREAK');
    const [row] = await h.waitCampaignDone(campaignId, 1);
    await h.waitRecordingsSettled(campaignId);
    expect(row).toMatchObject({ outcome: 'abandoned', hangupBy: 'system' });
    const [seg] = h.segmentsOf(row!.id);
    const wallMs = seg!.finishedAt! - seg!.startedAt;
    // Only the opening reached the recorder; the 1.8 s wait for an agent was not written.
    expect(wallMs - seg!.durationMs!).toBeGreaterThan(1500);
    expect(seg).toMatchObject({ state: 'verified', reportedDurationSec: 1, problem: null });
    expect(h.callsOf(campaignId)[0]!.recordingState).toBe('verified');
  });

});
