/**
 * QA beyond the sample (issue 14 item 6): QA or a manager pulls any answered call for review
 * (a complaint, a spot check); it goes to the head of the queue, is scored with the same
 * rubric, is left out of the sampling plan's population, and is counted apart in the daily
 * report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plan, SCORES } from './qa-flow.js';
import { body, makeQaEnv, shanghai, type QaEnv } from './support.js';

let env: QaEnv;
let campaignId: number;
let agentId: number;
let complaint: string;
let unanswered: string;

beforeAll(async () => {
  env = await makeQaEnv({ startAt: shanghai(2025, 1, 10, 20) });
  await env.seedRoles();
  campaignId = env.addCampaign('Complaints');
  agentId = env.addAgent({ name: '周' });
  complaint = env.addCall({ campaignId, agentId, answeredAt: shanghai(2025, 1, 10, 9) });
  for (let i = 1; i < 5; i++) env.addCall({ campaignId, agentId, answeredAt: shanghai(2025, 1, 10, 9, i) });
  unanswered = env.addCall({ campaignId, agentId, answeredAt: shanghai(2025, 1, 10, 10), outcome: 'busy' });
});
afterAll(async () => env.close());

const pull = async (callId: string, payload: object, who = 'manager') =>
  env.app.inject({ method: 'POST', url: `/api/qa/calls/${callId}/pull`, headers: await env.auth(who), payload });

describe('pulling a call for review', () => {
  it('a manager pulls a complaint call; it is refused twice, for a call with no conversation, and to agents', async () => {
    const res = await pull(complaint, { reason: 'complaint', note: '客户投诉强行办理' });
    expect(res.statusCode, res.body).toBe(201);
    expect(body(res)).toMatchObject({ callId: complaint, origin: 'on-demand', pullReason: 'complaint', status: 'pending', agentId });
    const again = await pull(complaint, { reason: 'spot-check' }, 'qa');
    expect(again.statusCode).toBe(409);
    expect(body(again).message).toContain('already in QA (pulled for review, pending)');
    expect((await pull(unanswered, { reason: 'spot-check' })).statusCode).toBe(409);
    expect((await pull('00000000-0000-4000-8000-000000000999', { reason: 'spot-check' })).statusCode).toBe(404);
    expect((await pull(complaint, { reason: 'whim' })).statusCode).toBe(400);
    expect((await pull(complaint, { reason: 'complaint' }, 'agent')).statusCode).toBe(403);
  });

  it('the plan samples the rest; QA claims the pulled call first and scores it with the rubric; the daily report counts it apart', async () => {
    const run = await plan(env, campaignId);
    expect(run.newlySampled).toBe(4); // the population is the 4 other calls
    const claim = await env.app.inject({ method: 'POST', url: '/api/qa/claims', headers: await env.auth('qa') });
    expect(body<{ call: { id: string } }>(claim).call.id).toBe(complaint);
    const scored = await env.app.inject({ method: 'POST', url: `/api/qa/calls/${complaint}/score`, headers: await env.auth('qa'), payload: SCORES.fatal });
    expect(scored.statusCode, scored.body).toBe(201);
    const daily = body<Record<string, any>>(await env.app.inject({ method: 'GET', url: '/api/qa/reports/daily/2025-01-10', headers: await env.auth('manager') }));
    expect(daily.agents).toEqual([expect.objectContaining({ agentId, sampled: 4, scored: 0, fatal: 0, defects: 0, pulled: 1, pulledScored: 1, pulledDefects: 1 })]);
    const audit = body<{ entries: Array<{ action: string; callId: string }> }>(await env.app.inject({ method: 'GET', url: `/api/qa/audit?callId=${complaint}`, headers: await env.auth('manager') }));
    expect(JSON.stringify(audit)).toContain('"pull"');
  });
});
