/**
 * QA reports against hand-computed figures. Two agents (teams T1, T2), 5 calls each on
 * 10 Jan 2025 (cycle 2025-01, 21 Dec → 20 Jan, Asia/Shanghai): a population of 10, so all 10
 * are sampled. Scores: on 10 Jan A1 95 and 75, A2 a fatal error (0); on 11 Jan A1 100, A2 85.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReviewers, plan, SCORES, scoreOneOf } from './qa-flow.js';
import { body, makeQaEnv, shanghai, type QaEnv } from './support.js';

let env: QaEnv;
let campaignId: number;
let a1: number;
let a2: number;

beforeAll(async () => {
  env = await makeQaEnv({ startAt: shanghai(2025, 1, 10, 20) });
  await env.seedRoles();
  const reviewers = await addReviewers(env, 7);
  campaignId = env.addCampaign('Ring-back tones');
  a1 = env.addAgent({ name: '李雷', team: 'T1' });
  a2 = env.addAgent({ name: '韩梅梅', team: 'T2' });
  for (let i = 0; i < 5; i++) {
    env.addCall({ campaignId, agentId: a1, answeredAt: shanghai(2025, 1, 10, 9, i) });
    env.addCall({ campaignId, agentId: a2, answeredAt: shanghai(2025, 1, 10, 10, i) });
  }
  expect((await plan(env, campaignId)).newlySampled).toBe(10);
  await scoreOneOf(env, reviewers, a1, SCORES[95]);
  await scoreOneOf(env, reviewers, a1, SCORES[75]);
  await scoreOneOf(env, reviewers, a2, SCORES.fatal);
  env.manual!.advance(14 * 3_600_000); // 11 Jan 10:00
  await scoreOneOf(env, reviewers, a1, SCORES[100]);
  await scoreOneOf(env, reviewers, a2, SCORES[85]);
});
afterAll(async () => env.close());

async function get(url: string, who = 'manager') {
  const res = await env.app.inject({ method: 'GET', url, headers: await env.auth(who) });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

describe('QA reports', () => {
  it('daily: per agent sampled, scored, mean, fatal errors, defects', async () => {
    const d10 = body<Record<string, any>>(await get('/api/qa/reports/daily/2025-01-10'));
    expect(d10.agents).toEqual([
      { agentId: a1, agentName: '李雷', team: 'T1', sampled: 5, scored: 2, meanScore: 85, fatal: 0, defects: 1, disputesRaised: 0, pulled: 0, pulledScored: 0, pulledDefects: 0 },
      { agentId: a2, agentName: '韩梅梅', team: 'T2', sampled: 5, scored: 1, meanScore: 0, fatal: 1, defects: 1, disputesRaised: 0, pulled: 0, pulledScored: 0, pulledDefects: 0 },
    ]);
    expect(d10.totals).toEqual({ sampled: 10, scored: 3, meanScore: 56.67, fatal: 1, defects: 2, disputesRaised: 0, pulled: 0, pulledScored: 0, pulledDefects: 0 });
    expect(d10.publication).toBeNull();
    const d11 = body<Record<string, any>>(await get('/api/qa/reports/daily/2025-01-11'));
    expect(d11.agents.map((r: any) => [r.agentId, r.sampled, r.scored, r.meanScore])).toEqual([
      [a1, 0, 1, 100],
      [a2, 0, 1, 85],
    ]);
    expect(d11.totals).toMatchObject({ scored: 2, meanScore: 92.5, fatal: 0 });
    // The campaign filter and an empty day.
    expect(body<Record<string, any>>(await get(`/api/qa/reports/daily/2025-01-10?campaignId=${campaignId + 1}`)).agents).toEqual([]);
  });

  it('daily as CSV', async () => {
    const res = await get('/api/qa/reports/daily/2025-01-10?format=csv', 'qa');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="qa-daily-2025-01-10.csv"');
    expect(res.body.split('\r\n')).toEqual([
      '\uFEFFdate,agent_id,agent,team,sampled,scored,mean_score,fatal_errors,defects,disputes_raised',
      `2025-01-10,${a1},李雷,T1,5,2,85,0,1,0`,
      `2025-01-10,${a2},韩梅梅,T2,5,1,0,1,1,0`,
      '',
    ]);
  });

  it('cycle summary: per campaign the defect rate with its 95% Wilson interval, per agent the figures', async () => {
    const r = body<Record<string, any>>(await get('/api/qa/reports/cycle/2025-01'));
    expect(r.cycle).toEqual({ label: '2025-01', start: shanghai(2024, 12, 21, 0), end: shanghai(2025, 1, 21, 0) - 1 });
    const [c] = r.campaigns;
    expect(c).toMatchObject({ campaignId, campaignName: 'Ring-back tones', population: 10, sampled: 10, scored: 5, pending: 5, meanScore: 71, fatal: 1, defects: 2 });
    // 2 defects in 5 of 10 calls: p̂ 0.4; Wilson with the finite-population correction (10−5)/(10−1).
    expect(c.defectRate.estimate).toBe(0.4);
    expect(c.defectRate.lower).toBeCloseTo(0.1603, 4);
    expect(c.defectRate.upper).toBeCloseTo(0.6995, 4);
    expect(c.defectRate).toMatchObject({ confidence: 0.95, fpcApplied: true });
    expect(r.agents).toEqual([
      { agentId: a1, agentName: '李雷', team: 'T1', sampled: 5, scored: 3, meanScore: 90, minScore: 75, maxScore: 100, fatal: 0, defects: 1, disputes: 0, amended: 0 },
      { agentId: a2, agentName: '韩梅梅', team: 'T2', sampled: 5, scored: 2, meanScore: 42.5, minScore: 0, maxScore: 85, fatal: 1, defects: 1, disputes: 0, amended: 0 },
    ]);
    const csv = (await get('/api/qa/reports/cycle/2025-01?format=csv')).body.split('\r\n');
    expect(csv[1]).toBe(`2025-01,${campaignId},Ring-back tones,10,10,5,5,71,1,2,40,16.03,69.95`);
    const agentsCsv = (await get('/api/qa/reports/cycle/2025-01?format=csv&section=agents')).body.split('\r\n');
    expect(agentsCsv[2]).toBe(`2025-01,${a2},韩梅梅,T2,5,2,42.5,0,85,1,1,0,0`);
    const rates = body<Record<string, any>>(await get('/api/qa/reports/defect-rates/2025-01', 'qa'));
    expect(rates.campaigns[0]).toMatchObject({ campaignId, population: 10, scored: 5, defects: 2, defectRate: { estimate: 0.4 } });
  });

  it('trend per agent and team over the cycle, with the running mean', async () => {
    const r = body<Record<string, any>>(await get('/api/qa/reports/trend/2025-01'));
    expect(r.dates).toHaveLength(31);
    const day = (series: any, date: string) => series.days.find((d: any) => d.date === date);
    const s1 = r.agents.find((a: any) => a.agentId === a1);
    expect(day(s1, '2025-01-09')).toEqual({ date: '2025-01-09', scored: 0, meanScore: null, fatal: 0, runningMean: null });
    expect(day(s1, '2025-01-10')).toEqual({ date: '2025-01-10', scored: 2, meanScore: 85, fatal: 0, runningMean: 85 });
    expect(day(s1, '2025-01-11')).toEqual({ date: '2025-01-11', scored: 1, meanScore: 100, fatal: 0, runningMean: 90 });
    expect(day(s1, '2025-01-20')).toMatchObject({ scored: 0, runningMean: 90 });
    const t2 = r.teams.find((t: any) => t.team === 'T2');
    expect(day(t2, '2025-01-10')).toMatchObject({ scored: 1, meanScore: 0, fatal: 1, runningMean: 0 });
    expect(day(t2, '2025-01-11')).toMatchObject({ scored: 1, meanScore: 85, runningMean: 42.5 });
    const only = body<Record<string, any>>(await get(`/api/qa/reports/trend/2025-01?agentId=${a2}`));
    expect(only.agents.map((a: any) => a.agentId)).toEqual([a2]);
    const csv = (await get('/api/qa/reports/trend/2025-01?format=csv')).body.split('\r\n');
    expect(csv).toContain(`2025-01,agent,${a1},李雷,T1,2025-01-11,1,100,0,90`);
  });

  it('the calculator: reference sizes, and p from the campaign’s last observed defect rate', async () => {
    const n = async (q: string) => body<Record<string, any>>(await get(`/api/qa/sample-size?${q}`, 'qa'));
    expect((await n('population=1000')).n).toBe(278);
    expect((await n('population=3000')).n).toBe(341);
    expect((await n('population=200&margin=0.1')).n).toBe(66);
    expect(await n('population=1000&confidence=0.99')).toMatchObject({ z: 2.5758293035489004, p: 0.5, pSource: 'default' });
    // Observed: 2 defects in 5 scored calls of cycle 2025-01 → p = 0.4 → n0 = 368.79 → 270 of 1,000.
    expect(await n(`population=1000&p=observed&campaignId=${campaignId}`)).toMatchObject({
      n: 270,
      p: 0.4,
      pSource: 'observed',
      observed: { cycle: '2025-01', scored: 5, defects: 2 },
    });
    // Without a population: the campaign's eligible calls so far this cycle.
    expect(await n(`campaignId=${campaignId}`)).toMatchObject({ population: 10, populationSource: 'campaign-cycle-so-far', n: 10 });
    const bad = await env.app.inject({ method: 'GET', url: '/api/qa/sample-size?p=observed&population=10', headers: await env.auth('qa') });
    expect(bad.statusCode).toBe(400);
    const other = env.addCampaign('No reviews');
    const none = await env.app.inject({ method: 'GET', url: `/api/qa/sample-size?p=observed&population=10&campaignId=${other}`, headers: await env.auth('qa') });
    expect(body(none).error).toBe('DIALER_ERR_QA_NO_OBSERVED_RATE');
    const badMargin = await env.app.inject({ method: 'GET', url: '/api/qa/sample-size?population=10&margin=2', headers: await env.auth('qa') });
    expect(badMargin.statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: '/api/qa/sample-size?population=10', headers: await env.auth('agent') })).statusCode).toBe(403);
  });

  it('a campaign set to use the observed rate plans with it', async () => {
    const put = await env.app.inject({ method: 'PUT', url: `/api/qa/campaigns/${campaignId}/settings`, headers: await env.auth('manager'), payload: { pSource: 'observed' } });
    expect(put.statusCode).toBe(200);
    expect(body(put)).toMatchObject({ campaignId, pSource: 'observed', confidence: 0.95, margin: 0.05 });
    const qaPut = await env.app.inject({ method: 'PUT', url: `/api/qa/campaigns/${campaignId}/settings`, headers: await env.auth('qa'), payload: {} });
    expect(qaPut.statusCode).toBe(403);
    const run = await plan(env, campaignId);
    const stored = body<Record<string, any>>(await get(`/api/qa/plans/${run.runId}`));
    expect(stored.run.options).toEqual({ confidence: 0.95, margin: 0.05, p: 0.4, pSource: 'observed', observed: { cycle: '2025-01', scored: 5, defects: 2 } });
  });
});
