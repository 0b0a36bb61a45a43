/**
 * Scoring over HTTP: the claim is required, deductions floor at 0 per item, severities are
 * enforced, a fraudulent order is fatal (0) and opens a reversal request keyed by call id,
 * a call is scored once, and rubric versions (managers edit; scores keep their version).
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { calls } from '../../src/db/schema.js';
import { DEFAULT_RUBRIC } from '../../src/qa/scoring/rubric.js';
import { plan } from './qa-flow.js';
import { body, makeQaEnv, shanghai, type QaEnv } from './support.js';

let env: QaEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function setUp(calls = 3) {
  env = await makeQaEnv({ startAt: shanghai(2025, 1, 10, 20) });
  await env.seedRoles();
  const campaignId = env.addCampaign();
  const agentId = env.addAgent();
  for (let i = 0; i < calls; i++) env.addCall({ campaignId, agentId, answeredAt: shanghai(2025, 1, 10, 9, i) });
  await plan(env, campaignId);
  return env;
}

async function claimNext(e: QaEnv): Promise<string> {
  const res = await e.app.inject({ method: 'POST', url: '/api/qa/claims', headers: await e.auth('qa') });
  expect(res.statusCode).toBe(200);
  return body<{ call: { id: string } }>(res).call.id;
}

async function score(e: QaEnv, callId: string, payload: unknown, who = 'qa') {
  return e.app.inject({ method: 'POST', url: `/api/qa/calls/${callId}/score`, headers: await e.auth(who), payload: payload as object });
}

describe('QA scoring', () => {
  it('deductions per item, never below 0, with the result and the rubric version kept', async () => {
    const e = await setUp();
    const callId = await claimNext(e);
    const res = await score(e, callId, {
      deductions: [
        { itemCode: 'opening', severity: 'serious', points: 9, note: '12 秒后才报读开头语', atMs: 12_000 },
        { itemCode: 'courtesy', severity: 'minor', points: 2 },
      ],
      comment: '开头语超时',
    });
    expect(res.statusCode).toBe(201);
    const row = body<Record<string, any>>(res);
    expect(row).toMatchObject({ callId, total: 93, fatal: false, passed: true, defect: false, kind: 'review', current: true, reviewDate: '2025-01-10', comment: '开头语超时' });
    const opening = row.detail.categories[0].items.find((i: any) => i.code === 'opening');
    expect(opening).toEqual({ code: 'opening', maxPoints: 5, deducted: 9, deductedAsGiven: 9, score: 0 });
    expect(row.detail.rubricVersion).toBe(1);
    // Once only.
    const again = await score(e, callId, { deductions: [] });
    expect(again.statusCode).toBe(409);
    expect(body(again).error).toBe('DIALER_ERR_QA_ALREADY_SCORED');
    expect(e.qa.audit.list({ callId }).map((a) => a.action)).toEqual(['score', 'claim']);
  });

  it('refuses points outside the severity and unknown items (400), and scoring without a claim (409)', async () => {
    const e = await setUp();
    const callId = await claimNext(e);
    const bad = await score(e, callId, { deductions: [{ itemCode: 'opening', severity: 'minor', points: 5 }, { itemCode: 'x', severity: 'general', points: 4 }] });
    expect(bad.statusCode).toBe(400);
    expect(body(bad)).toMatchObject({
      error: 'DIALER_ERR_QA_INVALID_SCORE',
      message: 'invalid score: deductions[0]: a minor deduction is 1–3 points, got 5; deductions[1]: no item "x" in the rubric',
    });
    const wrongShape = await score(e, callId, { deductions: [{ itemCode: 'opening', severity: 'huge', points: 5 }] });
    expect(body(wrongShape).error).toBe('DIALER_ERR_REQUEST_INVALID');
    const unclaimed = (await e.qa.planner.run(1)).items.map((i) => i.callId).find((id) => id !== callId)!;
    const noClaim = await score(e, unclaimed, { deductions: [] });
    expect(noClaim.statusCode).toBe(409);
    expect(body(noClaim).error).toBe('DIALER_ERR_QA_NO_CLAIM');
    const notSampled = await score(e, 'not-a-sampled-call', { deductions: [] });
    expect(body(notSampled).error).toBe('DIALER_ERR_QA_NOT_SAMPLED');
    expect((await score(e, callId, { deductions: [] }, 'manager')).statusCode).toBe(403);
  });

  it('a fraudulent order is fatal: 0 points and a reversal request for the call', async () => {
    const e = await setUp();
    const callId = await claimNext(e);
    const res = await score(e, callId, { deductions: [], fatal: [{ kind: 'identity-not-confirmed', note: '未确认机主', atMs: 4000 }, { kind: 'no-final-consent' }] });
    expect(body(res)).toMatchObject({ total: 0, fatal: true, defect: true, passed: false, detail: { pointsBeforeFatal: 100 } });
    const rr = await e.app.inject({ method: 'GET', url: '/api/qa/reversal-requests?status=open', headers: await e.auth('manager') });
    expect(body<{ reversalRequests: unknown[] }>(rr).reversalRequests).toEqual([
      expect.objectContaining({ callId, kinds: ['identity-not-confirmed', 'no-final-consent'], status: 'open', scoreId: body(res).id }),
    ]);
  });

  it('managers edit the rubric as a new version; scores keep theirs', async () => {
    const e = await setUp();
    const first = await claimNext(e);
    await score(e, first, { deductions: [] });

    const def = structuredClone(DEFAULT_RUBRIC);
    def.passScore = 85;
    def.categories[3]!.items = [
      { code: 'impression', nameZh: '整体印象', nameEn: 'Overall impression', maxPoints: 3 },
      { code: 'energy', nameZh: '精神面貌', nameEn: 'Energy', maxPoints: 2 },
    ];
    const created = await e.app.inject({ method: 'POST', url: '/api/qa/rubrics', headers: await e.auth('manager'), payload: { name: '2025 版', definition: def } });
    expect(created.statusCode).toBe(201);
    expect(body(created)).toMatchObject({ version: 2, name: '2025 版' });
    const invalid = structuredClone(def);
    invalid.categories[0]!.maxPoints = 40;
    const refused = await e.app.inject({ method: 'POST', url: '/api/qa/rubrics', headers: await e.auth('manager'), payload: { name: 'bad', definition: invalid } });
    expect(refused.statusCode).toBe(400);
    expect(body(refused).message).toMatch(/items add up to 50, not the category's 40.*categories add up to 90, not 100/);
    expect((await e.app.inject({ method: 'POST', url: '/api/qa/rubrics', headers: await e.auth('qa'), payload: { name: 'x', definition: def } })).statusCode).toBe(403);

    const second = await claimNext(e);
    const s2 = body<Record<string, any>>(await score(e, second, { deductions: [{ itemCode: 'energy', severity: 'minor', points: 3 }, { itemCode: 'needs', severity: 'serious', points: 10 }] }));
    expect(s2).toMatchObject({ total: 93, passed: true, detail: { rubricVersion: 2, passScore: 85 } });
    // An old version may be named explicitly; 'energy' does not exist there.
    const third = await claimNext(e);
    const old = await score(e, third, { rubricVersion: 1, deductions: [{ itemCode: 'energy', severity: 'minor', points: 1 }] });
    expect(body(old).message).toMatch(/no item "energy"/);

    const history = body<{ scores: any[] }>(await e.app.inject({ method: 'GET', url: `/api/qa/calls/${first}/scores`, headers: await e.auth('manager') }));
    expect(history.scores[0].detail.rubricVersion).toBe(1);
    const list = body<{ rubrics: any[] }>(await e.app.inject({ method: 'GET', url: '/api/qa/rubrics', headers: await e.auth('agent') }));
    expect(list.rubrics.map((r) => r.version)).toEqual([2, 1]);
    const kinds = body<{ fatalKinds: any[] }>(await e.app.inject({ method: 'GET', url: '/api/qa/fatal-kinds', headers: await e.auth('agent') }));
    expect(kinds.fatalKinds).toHaveLength(6);
  });

  it('a rubric with bonus items: the reviewer gives bonus points, capped at 100, kept with the score', async () => {
    const e = await setUp(2);
    const def = { ...structuredClone(DEFAULT_RUBRIC), bonusItems: [{ code: 'praised', nameZh: '客户表扬', nameEn: 'Praised by the customer', maxPoints: 5 }] };
    const created = await e.app.inject({ method: 'POST', url: '/api/qa/rubrics', headers: await e.auth('manager'), payload: { name: '加分项', definition: def } });
    expect(created.statusCode, created.body).toBe(201);
    const callId = await claimNext(e);
    const tooMuch = await score(e, callId, { deductions: [], bonuses: [{ itemCode: 'praised', points: 6 }] });
    expect(tooMuch.statusCode).toBe(400);
    expect(body(tooMuch).message).toContain('praised gives 1–5 points, got 6');
    const scored = body<Record<string, any>>(await score(e, callId, { deductions: [{ itemCode: 'needs', severity: 'minor', points: 2 }], bonuses: [{ itemCode: 'praised', points: 5, note: '客户主动表扬' }] }));
    expect(scored).toMatchObject({ total: 100, detail: { bonus: 5, bonuses: [{ itemCode: 'praised', points: 5 }], rubricVersion: 2 } });
  });

  it('a call back to correct within 30 minutes of hang-up halves the deductions (manual 000), shown on the score with the call back', async () => {
    const e = await setUp(2);
    const { db } = e.db;
    const callBack = (callId: string, afterMs: number) => {
      const c = db.select().from(calls).where(eq(calls.id, callId)).get()!;
      const id = randomUUID();
      const answeredAt = c.endedAt! + afterMs;
      db.insert(calls).values({ ...c, id, channelId: `chan-${id}`, originatedAt: answeredAt - 5000, answeredAt, agentConnectedAt: answeredAt + 1000, endedAt: answeredAt + 60_000, phoneTail: undefined } as typeof calls.$inferInsert).run();
      return id;
    };
    const deductions = [
      { itemCode: 'charges', severity: 'serious', points: 9 },
      { itemCode: 'courtesy', severity: 'general', points: 5 },
    ];
    const first = await claimNext(e);
    const back = callBack(first, 29 * 60_000);
    const halved = body<Record<string, any>>(await score(e, first, { deductions }));
    // 14 given, 5 + 3 taken.
    expect(halved).toMatchObject({ total: 92, detail: { halved: true, correction: { callId: back, afterMs: 29 * 60_000 } } });
    expect(halved.detail.categories[0].items.find((i: any) => i.code === 'charges')).toMatchObject({ deducted: 5, deductedAsGiven: 9 });

    const second = await claimNext(e);
    callBack(second, 31 * 60_000);
    const full = body<Record<string, any>>(await score(e, second, { deductions }));
    expect(full).toMatchObject({ total: 86, detail: { halved: false, correction: { afterMs: 31 * 60_000 } } });
  });
});
