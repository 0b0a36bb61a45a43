/**
 * Disputes with an injected clock (Asia/Shanghai days): an agent disputes on the day the
 * daily report is published, not before (409) nor after (409); only their own calls; QA
 * re-reviews (upheld, or amended with a new score); the history is kept. The agent's own
 * view (GET /api/qa/my/scores) says whether the POST would take a dispute now, and why not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { calls } from '../../src/db/schema.js';
import { addReviewers, plan, SCORES, scoreOneOf } from './qa-flow.js';
import { body, makeQaEnv, shanghai, type QaEnv } from './support.js';

let env: QaEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const HOUR = 3_600_000;
const MASKED = /^\+86138\*{4}\d{4}$/;

type Mine = { scores: Array<Record<string, any>>; pending: Array<Record<string, any>> };

/** Two agents (A1 linked to user 'agent', A2 to 'agent2'), 3 calls each, scored on 10 Jan. */
async function setUp() {
  env = await makeQaEnv({ startAt: shanghai(2025, 1, 10, 18) });
  const ids = await env.seedRoles();
  const agent2User = await env.users.create({ username: 'agent2', password: 'agent2-password-1', role: 'agent' });
  const reviewers = await addReviewers(env, 4);
  const campaignId = env.addCampaign();
  const a1 = env.addAgent({ name: 'A1', userId: ids.agent });
  const a2 = env.addAgent({ name: 'A2', userId: agent2User.id });
  for (let i = 0; i < 3; i++) {
    env.addCall({ campaignId, agentId: a1, answeredAt: shanghai(2025, 1, 10, 9, i) });
    env.addCall({ campaignId, agentId: a2, answeredAt: shanghai(2025, 1, 10, 10, i) });
  }
  await plan(env, campaignId);
  const fatal = await scoreOneOf(env, reviewers, a1, SCORES.fatal);
  const low = await scoreOneOf(env, reviewers, a1, SCORES[75]);
  const other = await scoreOneOf(env, reviewers, a2, SCORES[95]);
  return { e: env, a1, a2, fatal, low, other };
}

async function dispute(e: QaEnv, callId: string, who = 'agent') {
  return e.app.inject({ method: 'POST', url: `/api/qa/calls/${callId}/disputes`, headers: await e.auth(who), payload: { reason: '我已经说明了资费' } });
}

async function publish(e: QaEnv, date: string, who = 'qa') {
  return e.app.inject({ method: 'POST', url: `/api/qa/reports/daily/${date}/publish`, headers: await e.auth(who) });
}

describe('QA disputes', () => {
  it('only on the day the daily report is published; before it and after it: 409', async () => {
    const { e, low } = await setUp();
    const early = await dispute(e, low.callId);
    expect(early.statusCode).toBe(409);
    expect(body(early)).toMatchObject({ error: 'DIALER_ERR_QA_DISPUTE_NOT_OPEN', message: 'dispute not possible yet: the daily report of 2025-01-10 is not published yet' });

    e.manual!.advance(15 * HOUR); // 11 Jan 09:00
    expect((await publish(e, '2025-01-12')).statusCode).toBe(400); // a day that has not come
    const pub = await publish(e, '2025-01-10');
    expect(body(pub)).toMatchObject({ date: '2025-01-10', publishedOn: '2025-01-11', alreadyPublished: false });
    expect(body(await publish(e, '2025-01-10', 'manager'))).toMatchObject({ publishedOn: '2025-01-11', alreadyPublished: true });
    expect((await publish(e, '2025-01-10', 'agent')).statusCode).toBe(403);

    e.manual!.advance(14 * HOUR + 59 * 60_000); // 11 Jan 23:59: still the day
    const onTime = await dispute(e, low.callId);
    expect(onTime.statusCode).toBe(201);
    expect(body(onTime)).toMatchObject({ callId: low.callId, status: 'open', scoreId: low.score.id, reason: '我已经说明了资费' });
    const twice = await dispute(e, low.callId);
    expect(body(twice).error).toBe('DIALER_ERR_QA_DISPUTE_EXISTS');

    e.manual!.advance(60_000); // 12 Jan 00:00: too late for the other score of that report
    const late = await dispute(e, body<any>(await e.app.inject({ method: 'GET', url: '/api/qa/my/scores', headers: await e.auth('agent') })).scores.find((s: any) => s.callId !== low.callId).callId);
    expect(late.statusCode).toBe(409);
    expect(body(late)).toMatchObject({
      error: 'DIALER_ERR_QA_DISPUTE_LATE',
      message: 'dispute refused, too late: the daily report of 2025-01-10 was published on 2025-01-11; disputes are taken that day only (today is 2025-01-12)',
    });
  });

  it('agents dispute their own calls only, and see their scores once published', async () => {
    const { e, other, low } = await setUp();
    const mine = async (who: string) => body<{ scores: any[] }>(await e.app.inject({ method: 'GET', url: '/api/qa/my/scores', headers: await e.auth(who) })).scores;
    expect(await mine('agent')).toEqual([]); // nothing published yet
    await publish(e, '2025-01-10');
    const scores = await mine('agent');
    expect(scores).toHaveLength(2);
    expect(scores.every((s) => s.disputable === true && s.reviewerId === undefined)).toBe(true);
    expect((await mine('agent2')).map((s) => s.callId)).toEqual([other.callId]);
    const notMine = await dispute(e, other.callId, 'agent');
    expect(notMine.statusCode).toBe(403);
    expect((await dispute(e, low.callId, 'qa')).statusCode).toBe(403);
    const list = body<{ disputes: unknown[] }>(await e.app.inject({ method: 'GET', url: '/api/qa/disputes', headers: await e.auth('agent2') }));
    expect(list.disputes).toEqual([]);
  });

  it('QA re-reviews: amended adds a score (history kept, reversal withdrawn); upheld keeps it', async () => {
    const { e, fatal, low } = await setUp();
    e.manual!.advance(15 * HOUR);
    await publish(e, '2025-01-10');
    const d1 = body<any>(await dispute(e, fatal.callId));
    const d2 = body<any>(await dispute(e, low.callId));
    expect(body<any>(await e.app.inject({ method: 'GET', url: '/api/qa/reversal-requests', headers: await e.auth('manager') })).reversalRequests[0]).toMatchObject({ callId: fatal.callId, status: 'open' });

    const amend = await e.app.inject({
      method: 'POST',
      url: `/api/qa/disputes/${d1.id}/resolve`,
      headers: await e.auth('qa2'),
      payload: { decision: 'amended', comment: '复听确认客户按键确认,非诈单', score: SCORES[85] },
    });
    expect(amend.statusCode).toBe(200);
    const a = body<any>(amend);
    expect(a.dispute).toMatchObject({ status: 'amended', resolution: '复听确认客户按键确认,非诈单', newScoreId: a.score.id });
    expect(a.score).toMatchObject({ kind: 're-review', total: 85, fatal: false, current: true, supersedesId: fatal.score.id, disputeId: d1.id, reviewDate: '2025-01-11' });
    const history = body<any>(await e.app.inject({ method: 'GET', url: `/api/qa/calls/${fatal.callId}`, headers: await e.auth('manager') }));
    expect(history.scores.map((s: any) => [s.kind, s.total, s.current])).toEqual([
      ['review', 0, false],
      ['re-review', 85, true],
    ]);
    expect(history.disputes).toHaveLength(1);
    expect(body<any>(await e.app.inject({ method: 'GET', url: '/api/qa/reversal-requests', headers: await e.auth('manager') })).reversalRequests[0]).toMatchObject({ callId: fatal.callId, status: 'withdrawn' });

    const uphold = await e.app.inject({ method: 'POST', url: `/api/qa/disputes/${d2.id}/resolve`, headers: await e.auth('qa'), payload: { decision: 'upheld', comment: '维持原判' } });
    expect(body<any>(uphold)).toMatchObject({ dispute: { status: 'upheld' }, score: null });
    const again = await e.app.inject({ method: 'POST', url: `/api/qa/disputes/${d2.id}/resolve`, headers: await e.auth('qa'), payload: { decision: 'upheld', comment: 'x' } });
    expect(body(again).error).toBe('DIALER_ERR_QA_DISPUTE_RESOLVED');
    const amendWithoutScore = await e.app.inject({ method: 'POST', url: `/api/qa/disputes/${d2.id}/resolve`, headers: await e.auth('qa'), payload: { decision: 'amended', comment: 'x' } });
    expect(amendWithoutScore.statusCode).toBe(400);
    // The reports see the re-review: cycle figures use current scores; the daily report of 11 Jan counts it.
    const cycle = body<any>(await e.app.inject({ method: 'GET', url: '/api/qa/reports/cycle/2025-01', headers: await e.auth('manager') }));
    expect(cycle.agents[0]).toMatchObject({ scored: 2, fatal: 0, disputes: 2, amended: 1, meanScore: 80 });
    const day = body<any>(await e.app.inject({ method: 'GET', url: '/api/qa/reports/daily/2025-01-11', headers: await e.auth('manager') }));
    expect(day.agents[0]).toMatchObject({ scored: 1, meanScore: 85, disputesRaised: 2 });
  });

  it('agents read their scores: pending until the report is out, then by name, with whether a dispute is taken now and why not', async () => {
    const { e, fatal, low, other } = await setUp();
    const phones = e.db.db.select({ phone: calls.phone }).from(calls).all().map((c) => c.phone);

    const mine = async (who = 'agent') => {
      const res = await e.app.inject({ method: 'GET', url: '/api/qa/my/scores', headers: await e.auth(who) });
      expect(res.statusCode, res.body).toBe(200);
      for (const phone of phones) expect(res.body).not.toContain(phone); // masked, always (§6)
      return body<Mine>(res);
    };

    // Not published: the agent learns only that the calls were scored, and why no dispute yet.
    const before = await mine();
    expect(before.scores).toEqual([]);
    expect(before.pending.map((p) => p.callId)).toEqual([low.callId, fatal.callId]);
    for (const p of before.pending) {
      expect(Object.keys(p).sort()).toEqual(['callId', 'campaignId', 'campaignName', 'disputable', 'disputeClosesOn', 'disputeRefusal', 'disputeRefusalCode', 'id', 'kind', 'phoneMasked', 'reviewDate']);
      expect(p).toMatchObject({ campaignName: 'QA campaign', reviewDate: '2025-01-10', disputable: false, disputeRefusal: 'the daily report of 2025-01-10 is not published yet', disputeRefusalCode: 'not-published', disputeClosesOn: null });
      expect(p.phoneMasked).toMatch(MASKED);
    }
    expect(body(await dispute(e, low.callId)).message).toContain(before.pending[0]!.disputeRefusal);

    // 11 Jan: QA publishes the report of the 10th; the scores come out, disputable today.
    e.manual!.advance(15 * HOUR);
    expect((await publish(e, '2025-01-10')).statusCode).toBe(200);
    const out = await mine();
    expect(out.pending).toEqual([]);
    const lowView = out.scores.find((s) => s.callId === low.callId)!;
    expect(lowView).toMatchObject({ total: 75, passed: false, fatal: false, comment: '', disputable: true, disputeRefusal: null, disputeRefusalCode: null, disputeClosesOn: '2025-01-11' });
    expect(lowView.reviewerId).toBeUndefined();
    expect(lowView.phoneMasked).toMatch(MASKED);
    expect(lowView.deductions).toEqual([
      { itemCode: 'product', itemName: 'Product presentation', itemNameZh: '产品介绍', categoryName: 'Business ability', severity: 'serious', points: 10, note: null, atMs: null },
      { itemCode: 'charges', itemName: 'Charges stated', itemNameZh: '资费说明', categoryName: 'Business ability', severity: 'serious', points: 10, note: null, atMs: null },
      { itemCode: 'needs', itemName: 'Needs discovery', itemNameZh: '需求挖掘', categoryName: 'Business ability', severity: 'general', points: 5, note: null, atMs: null },
    ]);
    expect(out.scores.find((s) => s.callId === fatal.callId)).toMatchObject({
      total: 0,
      fatal: true,
      fatalFindings: [{ kind: 'no-final-consent', name: 'Activated without the customer’s final permission', note: '客户未确认即办理', atMs: null }],
    });
    expect((await mine('agent2')).scores.map((s) => s.callId)).toEqual([other.callId]);

    // Disputed once: the view says so, as the POST would.
    const raised = body<{ id: number }>(await dispute(e, low.callId));
    expect((await mine()).scores.find((s) => s.callId === low.callId)).toMatchObject({ disputable: false, disputeRefusal: `this score is disputed already (dispute ${raised.id})`, disputeRefusalCode: 'disputed' });
    expect((await dispute(e, low.callId)).statusCode).toBe(409);

    // Amended: the re-review shows at once (its own report is not out yet); the old score is replaced.
    const d = body<{ id: number }>(await dispute(e, fatal.callId));
    const amended = await e.app.inject({ method: 'POST', url: `/api/qa/disputes/${d.id}/resolve`, headers: await e.auth('qa'), payload: { decision: 'amended', comment: '复听确认', score: SCORES[85] } });
    expect(amended.statusCode, amended.body).toBe(200);
    const after = (await mine()).scores.filter((s) => s.callId === fatal.callId);
    expect(after.map((s) => [s.kind, s.total, s.current, s.disputable, s.disputeRefusal])).toEqual([
      ['re-review', 85, true, false, 'this is QA’s re-review of your dispute, which is final'],
      ['review', 0, false, false, 'a re-review replaced this score'],
    ]);
    // The re-review is QA's answer to the dispute: final, in the view and at the POST alike.
    const again = await dispute(e, fatal.callId);
    expect([again.statusCode, body<{ error: string }>(again).error]).toEqual([409, 'DIALER_ERR_QA_DISPUTE_FINAL']);

    // 12 Jan: too late for the report of the 10th, in the view and at the POST alike.
    e.manual!.advance(15 * HOUR);
    const late = (await mine('agent2')).scores[0]!;
    expect(late).toMatchObject({ disputable: false, disputeClosesOn: '2025-01-11' });
    expect(late.disputeRefusal).toBe('the daily report of 2025-01-10 was published on 2025-01-11; disputes are taken that day only (today is 2025-01-12)');
    expect(body(await dispute(e, other.callId, 'agent2')).message).toContain(late.disputeRefusal);
  });
});
