/**
 * QA through the whole service (simulator, real SQLite file, real Redis): calls recorded by
 * the dialer are sampled, claimed from the service's own qa-sampling queue, listened to with
 * a range request and scored — the wiring in service.ts, end to end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseWavHeader } from '../../src/recordings/wav.js';
import { startHarness, type Harness } from '../support/harness.js';

const N = (i: number) => `1370013700${i}`;
const R = (i: number) => `86${N(i)}`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('QA in the running service', () => {
  it('samples the recorded calls, hands them to a reviewer with a playable recording, takes the score', async () => {
    h = await startHarness({ scripts: Object.fromEntries([1, 2].map((i) => [R(i), { kind: 'answer' as const, ringMs: 20, hangupAfterMs: 1500 }])) });
    await h.loginAgent(h.addAgent('Ada', '7201'));
    const campaignId = h.runCampaign([N(1), N(2)]);
    await h.waitCampaignDone(campaignId, 2);
    await h.waitRecordingsSettled(campaignId);

    const { service } = h;
    await service.users.create({ username: 'reviewer', password: 'reviewer-password-1', role: 'qa' });
    const login = await service.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'reviewer', password: 'reviewer-password-1' } });
    const headers = { authorization: `Bearer ${login.json().token as string}` };

    const run = await service.http.inject({ method: 'POST', url: '/api/qa/plans/run', headers, payload: { campaignId } });
    expect(run.json().runs[0]).toMatchObject({ populationSize: 2, newlySampled: 2, enqueued: 2, enqueueError: null });
    expect((await service.http.inject({ method: 'GET', url: '/api/qa/queue', headers })).json()).toMatchObject({ queue: 'qa-sampling', sqlite: { pending: 2 }, redis: { prioritized: 2 } });

    const claim = await service.http.inject({ method: 'POST', url: '/api/qa/claims', headers });
    expect(claim.statusCode).toBe(200);
    const view = claim.json();
    const head = await service.http.inject({ method: 'GET', url: view.recording.url, headers: { ...headers, range: 'bytes=0-43' } });
    expect(head.statusCode).toBe(206);
    const total = Number(String(head.headers['content-range']).split('/')[1]);
    const info = parseWavHeader(head.rawPayload, total);
    expect(info.durationMs).toBeGreaterThan(400);

    const scored = await service.http.inject({ method: 'POST', url: `/api/qa/calls/${view.call.id}/score`, headers, payload: { deductions: [{ itemCode: 'closing', severity: 'minor', points: 1 }] } });
    expect(scored.statusCode).toBe(201);
    expect(scored.json()).toMatchObject({ total: 99 });
    expect(await service.qa.queue.state(view.call.id)).toBe('completed');
  });
});
