/**
 * A predictive campaign on a real Asterisk: three baresip agents, thirty SIPp customers. The
 * floor pauses while calls ring, so an answered customer finds nobody: the call is abandoned
 * after the agent wait, the safe-harbour message plays, and its recording — only the silent
 * customer and the recorder in the bridge, which Asterisk does not write while silent — is
 * still verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/harness.js';
import { DIST, startRealTier, type RealTier } from './support/real-tier.js';
import { customerNumber as num } from './support/sipp-scenario.js';

const AGENTS = ['8201', '8202', '8203'];
const CUSTOMERS = 30;
const SAFE_HARBOUR = 'sound:dialer/safe-harbour';
let tier: RealTier;

describe.skipIf(!DIST)('predictive campaign on a real Asterisk', () => {
  beforeAll(async () => {
    tier = await startRealTier({
      agents: AGENTS,
      customers: {
        // Silent customers: rings 2 s, answers, says nothing, hangs up after 6 s.
        '40': { kind: 'answer', ringMs: 2000, talk: false, hangupAfterMs: 6000 },
      },
      // 3 s with nobody but the silent customer and the recorder: Asterisk writes none of it.
      service: { env: { AGENT_WAIT_MS: '3000' } },
    });
    for (const id of tier.agentIds.values()) await tier.h.loginAgent(id, 15_000);
  }, 90_000);
  afterAll(async () => tier?.stop(), 30_000);

  it('dials ahead for 3 agents, abandons with the safe-harbour message when nobody is free, and records every answered call', async () => {
    const { h } = tier;
    const numbers = Array.from({ length: CUSTOMERS }, (_, i) => num('40', i));
    const campaignId = h.runCampaign(numbers, {
      openingMedia: 'sound:dialer/hello',
      settings: { dialMode: 'predictive', safeHarbourMedia: SAFE_HARBOUR, ringTimeoutSec: 15, maxAttempts: 1, abandonCap: 0.03 },
    });
    // While customers ring, the whole floor goes on a break: whoever answers now finds nobody.
    await waitFor('a call ringing', () => h.callsOf(campaignId).some((c) => c.ringingAt !== null && c.answeredAt === null), 20_000);
    const paused: number[] = [];
    for (const id of tier.agentIds.values()) {
      if (h.service.agents.get(id)?.state === 'ready') {
        h.service.agents.pause(id, 'BREAK');
        paused.push(id);
      }
    }
    const abandoned = await waitFor('an abandoned call', () => h.callsOf(campaignId).find((c) => c.outcome === 'abandoned'), 30_000);
    for (const id of tier.agentIds.values()) if (h.service.agents.get(id)?.state === 'paused') h.service.agents.resume(id);
    const rows = await h.waitCampaignDone(campaignId, CUSTOMERS, 240_000);
    await h.waitRecordingsSettled(campaignId, 60_000);

    expect(paused.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.answeredAt !== null).length).toBeGreaterThanOrEqual(CUSTOMERS - 2);
    // The safe-harbour message played on the abandoned call, on Asterisk.
    const played = tier.events
      .ofType('PlaybackStarted')
      .some((e) => (e.raw.playback as { media_uri?: string; target_uri?: string }).media_uri === SAFE_HARBOUR && String((e.raw.playback as { target_uri?: string }).target_uri).includes(abandoned.id));
    expect(played).toBe(true);
    const after = h.callsOf(campaignId).find((c) => c.id === abandoned.id)!;
    expect(after.agentId).toBeNull();
    // Silent stretches: the recording is shorter than the wall time, and still verified.
    expect(after.recordingState).toBe('verified');
    for (const r of h.callsOf(campaignId)) if (r.answeredAt !== null) expect(r.recordingState, `call ${r.phone}`).toBe('verified');
    // The abandon rate the dialer reports is the real one.
    const answered = h.callsOf(campaignId).filter((r) => r.answeredAt !== null).length;
    const abandons = h.callsOf(campaignId).filter((r) => r.outcome === 'abandoned').length;
    expect(abandons).toBeGreaterThanOrEqual(1);
    expect(abandons).toBeLessThan(answered);
  }, 300_000);
});
