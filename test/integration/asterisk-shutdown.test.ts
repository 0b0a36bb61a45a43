/**
 * Asterisk stopping mid-call (`core stop now`), as seen on Asterisk 22.10.1: the Recorder
 * leaves the bridge first (RecordingFinished while the call is up), the service asks for a new
 * segment and that fails, then every channel is hung up with a shutdown soft hangup and the
 * event stream closes. The call's one segment covers it: its recording is verified, not
 * "missing"; the call was cut by Asterisk, not hung up by the customer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('Asterisk stops mid-call', () => {
  it('the call is interrupted (ended by the system), the failed restart does not make its recording missing', async () => {
    h = await startHarness({ scripts: { '8613700137001': { kind: 'answer', ringMs: 20 } }, env: { ARI_REQUEST_TIMEOUT_MS: '1000' } });
    const agentId = h.addAgent('Mo', '7301');
    await h.loginAgent(agentId);
    const campaignId = h.runCampaign(['13700137001']);
    const live = await waitFor('call connected', () => h!.callsOf(campaignId).find((c) => c.agentConnectedAt !== null && c.openingFinishedAt !== null));

    await h.sim.stopAsterisk();
    // The restart was asked for and refused while Asterisk went down.
    await waitFor('segment 2 refused', () => h!.segmentsOf(live.id).find((s) => s.segment === 2 && s.startFailed));
    await waitFor('call closed', () => h!.callsOf(campaignId)[0]?.state === 'ended' && h!.service.tracker.size === 0);

    h.sim.setOnline(true);
    await h.service.telephony.waitConnected(10_000);
    await h.waitRecordingsSettled(campaignId);

    const row = h.callsOf(campaignId)[0]!;
    expect(row).toMatchObject({ outcome: 'interrupted', hangupBy: 'system', hangupCauseText: 'Asterisk shut down during the call', recordingState: 'verified' });
    const segs = h.segmentsOf(live.id);
    expect(segs.map((s) => [s.segment, s.state, s.startFailed])).toEqual([
      [1, 'verified', false],
      [2, 'missing', true],
    ]);
    // The shutdown hangup arrived as AST_SOFTHANGUP_SHUTDOWN, after the recording finished.
    const events = h.sim.log.filter((e) => e.kind === 'event');
    const recDone = events.findIndex((e) => e.type === 'RecordingFinished' && (e.event.recording as { name: string }).name === `rec-${live.id}-1`);
    const hangup = events.findIndex((e) => e.type === 'ChannelHangupRequest' && (e.event.channel as { id: string }).id === live.channelId);
    expect(recDone).toBeGreaterThan(-1);
    expect(hangup).toBeGreaterThan(recDone);
    expect(events[hangup]!.event).toMatchObject({ cause: 4, soft: true });
  });
});
