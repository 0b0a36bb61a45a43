/**
 * The product through its HTTP API: sign in, upload the opening, create a campaign and an
 * agent, log the agent in, run the campaign, read the call and the metrics. Roles enforced.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeWav } from '../support/wav.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const ADMIN = { username: 'admin', password: 'admin-password-1' };

async function signIn(h: Harness, creds: { username: string; password: string }): Promise<string> {
  const res = await h.service.http.inject({ method: 'POST', url: '/api/auth/login', payload: creds });
  expect(res.statusCode).toBe(200);
  return (res.json() as { token: string }).token;
}

describe('HTTP API end to end', () => {
  it('runs a recorded campaign from the API and reports it in /metrics', async () => {
    h = await startHarness({ env: { ADMIN_PASSWORD: ADMIN.password }, scripts: { '8613700137001': { kind: 'answer', ringMs: 20, hangupAfterMs: 600 } } });
    const api = h.service.http;
    expect((await api.inject({ method: 'GET', url: '/api/campaigns' })).statusCode).toBe(401);
    const token = await signIn(h, ADMIN);
    const auth = { authorization: `Bearer ${token}` };

    // The opening as uploaded audio (Asterisk plays it as sound:dialer/<name>).
    const bad = await api.inject({ method: 'PUT', url: '/api/prompts/opening-5g', headers: { ...auth, 'content-type': 'audio/wav' }, payload: makeWav(1000, 44_100) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/8000 Hz.*sox/);
    const up = await api.inject({ method: 'PUT', url: '/api/prompts/opening-5g', headers: { ...auth, 'content-type': 'audio/wav' }, payload: makeWav(1200) });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ media: 'sound:dialer/opening-5g', durationMs: 1200 });

    const tooShortRing = await api.inject({ method: 'POST', url: '/api/campaigns', headers: auth, payload: { name: 'x', openingMedia: 'sound:dialer/opening-5g', ringTimeoutSec: 10 } });
    expect(tooShortRing.statusCode).toBe(400);
    expect(tooShortRing.json().message).toMatch(/ringTimeoutSec/);

    const created = await api.inject({ method: 'POST', url: '/api/campaigns', headers: auth, payload: {
        name: '5G pack',
        openingMedia: 'sound:dialer/opening-5g',
        ringTimeoutSec: 15,
        productCode: '5G-PACK',
        productName: '5G 流量包',
        productPriceMinor: 1500,
        productBillingPeriod: 'monthly',
        productCancelHow: '发送短信 TD 到 10086',
      },
    });
    expect(created.statusCode).toBe(201);
    const campaignId = created.json().id as number;

    const empty = await api.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/start`, headers: auth });
    expect(empty.statusCode).toBe(409);
    expect(empty.json()).toMatchObject({ error: 'DIALER_ERR_CAMPAIGN_NOT_RUNNABLE' });

    const loaded = await api.inject({
      method: 'POST',
      url: `/api/campaigns/${campaignId}/contacts`,
      headers: auth,
      payload: { contacts: [{ phone: '137 0013 7001', fields: { name: '张三' } }, { phone: '12345' }, { phone: '+86 137-0013-7001' }] },
    });
    expect(loaded.json()).toEqual({
      accepted: 1,
      duplicate: 1,
      doNotCall: 0,
      rejected: [{ index: 1, phone: '12345', code: 'invalid-number', reason: 'too short (region CN)' }],
    });

    const agent = await api.inject({ method: 'POST', url: '/api/agents', headers: auth, payload: { name: 'Ada', extension: '7201', pin: '1234' } });
    expect(agent.statusCode).toBe(201);
    expect(agent.json()).not.toHaveProperty('pinHash');
    const agentId = agent.json().id as number;
    expect((await api.inject({ method: 'POST', url: `/api/agents/${agentId}/login`, headers: auth })).statusCode).toBe(200);
    await waitFor('agent ready', () => h!.service.agents.get(agentId)?.state === 'ready');

    expect((await api.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/start`, headers: auth })).json()).toMatchObject({ status: 'running' });
    await h.waitCampaignDone(campaignId, 1);
    await h.waitRecordingsSettled(campaignId);

    const list = await api.inject({ method: 'GET', url: `/api/calls?campaignId=${campaignId}`, headers: auth });
    const [call] = list.json().calls as Array<{ id: string; outcome: string }>;
    expect(call?.outcome).toBe('answered');
    const detail = await api.inject({ method: 'GET', url: `/api/calls/${call!.id}`, headers: auth });
    expect(detail.json()).toMatchObject({ outcome: 'answered', recordingState: 'verified', agentId, recordings: [{ segment: 1, state: 'verified' }] });

    const plays = h.sim.log.filter((e) => e.kind === 'rest' && e.path.startsWith(`/bridges/br-${call!.id}/play`));
    expect(plays.map((p) => (p.kind === 'rest' ? p.query.media : ''))).toEqual(['sound:dialer/opening-5g']);

    // The call's row is closed a moment before its session leaves the tracker (and the
    // histograms observe it): scrape once it has.
    await waitFor('call session closed', () => h!.service.tracker.size === 0);
    const metrics = await api.inject({ method: 'GET', url: '/metrics', headers: auth });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('dialer_calls_total{outcome="answered"} 1');
    expect(metrics.body).toContain('dialer_calls_total{outcome="busy"} 0');
    // One event-loop lag measure (prom-client's), with its p99.
    expect(metrics.body).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(metrics.body).not.toContain('dialer_event_loop_lag_seconds');
    expect(metrics.body).toContain('dialer_call_recordings_total{state="verified"} 1');
    expect(metrics.body).toContain('dialer_active_calls 0');
    expect(metrics.body).toContain('dialer_ari_connected 1');
    expect(metrics.body).toMatch(/dialer_agents\{state="ready"\} 1/);
    // Process and event-loop metrics, the two latency histograms (one answered call each),
    // pending recordings as a gauge (not a counter that goes down), queue depths.
    expect(metrics.body).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(metrics.body).toMatch(/^process_resident_memory_bytes \d/m);
    expect(metrics.body).toContain('# TYPE dialer_answer_to_opening_seconds histogram');
    expect(metrics.body).toContain('dialer_answer_to_opening_seconds_count 1');
    expect(metrics.body).toContain('dialer_answer_to_agent_seconds_count 1');
    expect(metrics.body).toMatch(/^dialer_answer_to_agent_seconds_bucket\{le="\+Inf"\} 1$/m);
    expect(metrics.body).toContain('# TYPE dialer_recordings_pending gauge');
    expect(metrics.body).toContain('dialer_recordings_pending 0');
    expect(metrics.body).not.toContain('dialer_call_recordings_total{state="pending"}');
    expect(metrics.body).toMatch(/^dialer_queue_jobs\{queue="qa-sampling",state="waiting"\} \d+$/m);
    expect(metrics.body).toMatch(/^dialer_queue_jobs\{queue="consent-followup",state="delayed"\} \d+$/m);
    // Every series the shipped Grafana dashboard queries is one this service exports.
    const dashboard = readFileSync('docs/grafana/dialer-dashboard.json', 'utf8');
    const queried = new Set([...dashboard.matchAll(/\b((?:dialer|nodejs|process)_[a-z0-9_]+?)(?:_bucket)?\{/g)].map((m) => m[1]!));
    expect(queried.size).toBeGreaterThan(10);
    for (const name of queried) expect(metrics.body, name).toMatch(new RegExp(`^${name}(_bucket)?[{ ]`, 'm'));
    const campaignLabels = `campaign_id="${campaignId}"`;
    expect(metrics.body).toMatch(new RegExp(`^dialer_campaign_calls_in_progress\\{${campaignLabels},campaign="[^"]*"\\} 0$`, 'm'));
    expect(metrics.body).toMatch(new RegExp(`^dialer_campaign_abandon_rate_30d\\{${campaignLabels},campaign="[^"]*"\\} 0$`, 'm'));
    expect(metrics.body).toMatch(new RegExp(`^dialer_campaign_contacts_left\\{${campaignLabels},campaign="[^"]*"\\} 0$`, 'm'));

    const health = await api.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', checks: { ari: { ok: true }, redis: { ok: true }, db: { ok: true }, recordingStorage: { ok: true } } });

    const inUse = await api.inject({ method: 'DELETE', url: '/api/prompts/opening-5g', headers: auth });
    expect(inUse.statusCode).toBe(409);
  });

  it('roles: an agent controls only their own softphone and cannot manage campaigns or read calls', async () => {
    h = await startHarness({ env: { ADMIN_PASSWORD: ADMIN.password } });
    const api = h.service.http;
    const admin = { authorization: `Bearer ${await signIn(h, ADMIN)}` };
    const user = await api.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'ada', password: 'ada-password-1', role: 'agent' } });
    expect(user.statusCode).toBe(201);
    const own = await api.inject({ method: 'POST', url: '/api/agents', headers: admin, payload: { name: 'Ada', extension: '7301', userId: user.json().user.id } });
    const other = await api.inject({ method: 'POST', url: '/api/agents', headers: admin, payload: { name: 'Bo', extension: '7302' } });
    const agent = { authorization: `Bearer ${await signIn(h, { username: 'ada', password: 'ada-password-1' })}` };

    expect((await api.inject({ method: 'POST', url: `/api/agents/${own.json().id}/login`, headers: agent })).statusCode).toBe(200);
    const foreign = await api.inject({ method: 'POST', url: `/api/agents/${other.json().id}/login`, headers: agent });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toBe('DIALER_ERR_AUTH_FORBIDDEN');
    for (const [method, url] of [
      ['GET', '/api/campaigns'],
      ['POST', '/api/campaigns'],
      ['GET', '/api/calls'],
      ['GET', '/api/agents'],
      ['GET', '/metrics'],
    ] as const) {
      expect((await api.inject({ method, url, headers: agent, payload: method === 'POST' ? {} : undefined })).statusCode, `${method} ${url}`).toBe(403);
    }
    // A second login of the same softphone is refused.
    const again = await api.inject({ method: 'POST', url: `/api/agents/${own.json().id}/login`, headers: agent });
    expect(again.statusCode).toBe(409);
  });
});
