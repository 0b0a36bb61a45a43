/**
 * The evidence timeline of a real verified sale (simulator, whole service): the markers QA
 * gets with the call are where the subscription's stored evidence says, inside the WAV the
 * recording URL serves, in the order things happened on the call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWavHeader } from '../../src/recordings/wav.js';
import { readyAgent } from '../consent/consent-support.js';
import { AUDIBLE_SIM, recordVerifiedSale, type VerifiedSale } from '../qa/verified-sale.js';
import { signIn, type Caller } from '../support/harness-http.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let sale: VerifiedSale;
let qa: Caller;

beforeAll(async () => {
  h = await startHarness({ sim: AUDIBLE_SIM });
  const { agentId, agent } = await readyAgent(h, 'Tian', '7401');
  sale = await recordVerifiedSale(h, agentId, agent);
  qa = await signIn(h.service, 'reviewer', 'qa');
  const run = await qa.call('POST', '/api/qa/plans/run', { campaignId: sale.campaignId });
  expect(run.json().runs[0]).toMatchObject({ newlySampled: 1, enqueued: 1 });
});
afterAll(async () => {
  await h?.stop();
});

interface Marker {
  kind: string;
  offsetMs: number | null;
  digit?: string;
  answers?: string;
  subscriptionEvidence?: boolean;
}

describe('the evidence timeline of a verified sale', () => {
  it('is in the claim, at the offsets of the stored evidence, inside the served recording', async () => {
    const claim = await qa.call('POST', '/api/qa/claims');
    expect(claim.statusCode).toBe(200);
    const view = claim.json() as { call: { id: string }; recording: { url: string }; timeline: { durationMs: number; markers: Marker[] } };
    expect(view.call.id).toBe(sale.callId);
    const { markers, durationMs } = view.timeline;
    const one = (kind: string, pick: (m: Marker) => boolean = () => true) => {
      const found = markers.filter((m) => m.kind === kind && pick(m));
      expect(found, kind).toHaveLength(1);
      return found[0]!;
    };
    const o = sale.subscription.offsets;
    expect(one('disclosure-start')).toMatchObject({ offsetMs: o.disclosureStart!.callOffsetMs, subscriptionEvidence: true });
    expect(one('disclosure-end')).toMatchObject({ offsetMs: o.disclosureEnd!.callOffsetMs, subscriptionEvidence: true });
    expect(one('keypress', (m) => m.answers === 'identity')).toMatchObject({ digit: '1', offsetMs: o.identityKey!.callOffsetMs, subscriptionEvidence: true });
    expect(one('keypress', (m) => m.answers === 'consent')).toMatchObject({ digit: '1', offsetMs: o.consentKey!.callOffsetMs, subscriptionEvidence: true });

    // In the order of the call, all inside the recording.
    const order = ['refusal', 'speaker-changed', 'identity-confirmed', 'identity-question', 'disclosure-start', 'disclosure-end', 'confirm-question', 'verification-outcome'];
    const at = order.map((k) => one(k).offsetMs!);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const m of markers) {
      expect(m.offsetMs, m.kind).not.toBeNull();
      expect(m.offsetMs!).toBeGreaterThanOrEqual(0);
      expect(m.offsetMs!).toBeLessThanOrEqual(durationMs);
    }
    // The terms took time to play: the disclosure is a span, not an instant.
    expect(one('disclosure-end').offsetMs! - one('disclosure-start').offsetMs!).toBeGreaterThan(1000);

    const head = await h.service.http.inject({ method: 'GET', url: view.recording.url, headers: { authorization: `Bearer ${qa.token}`, range: 'bytes=0-43' } });
    expect(head.statusCode).toBe(206);
    const size = Number(String(head.headers['content-range']).split('/')[1]);
    expect(parseWavHeader(head.rawPayload, size).durationMs).toBe(durationMs);
  });
});
