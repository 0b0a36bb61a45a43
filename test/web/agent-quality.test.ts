/**
 * The agent's side of QA in the agent console, in a real browser against the whole service
 * on the simulator: the agent's verified sale is sampled and scored by QA (through the API)
 * with a deduction; before the daily report is published the agent sees the call was scored
 * and why no dispute is possible yet; once QA publishes it, the agent reads the score and
 * disputes it; QA amends it and the agent reads QA's answer and the new score. Customer
 * numbers are masked throughout and there is no recording to play.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, qaDisputes, qaScores } from '../../src/db/schema.js';
import { maskPhone } from '../../src/support/mask-phone.js';
import { recordVerifiedSale, type VerifiedSale } from '../qa/verified-sale.js';
import { disputeBlockedReason, disputeScore, disputeState, myQuality, openAgentConsole, qualityScore, refreshMyQuality } from './support/agent-pages.js';
import { apiSession, type ApiSession } from './support/api-session.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';

let h: ConsoleHarness;
let browser: TestBrowser;
let sale: VerifiedSale;
let qa: ApiSession;
/** The customer's full number (stored on the call). */
let phone: string;
/** The score QA gave: its id and the day (its daily report). */
let scored: { id: number; reviewDate: string };

const DEDUCTION = { itemCode: 'product', severity: 'general', points: 5, note: 'product name said too fast', atMs: 1500 } as const;

beforeAll(async () => {
  h = await startConsoleHarness({ sim: { defaultPlaybackMs: 40, perDigitPlaybackMs: 10 } });
  browser = await launchBrowser();
  const { agentId, userId } = await h.createAgentUser('agent.lin', '7601');
  const agent = await apiSession(h, 'agent.lin');
  await h.loginAgent(agentId);
  sale = await recordVerifiedSale(h, agentId, { userId, token: '', call: (method, url, body) => agent(method, url, body) });
  phone = h.service.database.db.select({ phone: calls.phone }).from(calls).where(eq(calls.id, sale.callId)).get()!.phone;

  // QA samples the campaign, claims THAT call and scores it with one deduction.
  await h.createUser('qa.wang', 'qa');
  qa = await apiSession(h, 'qa.wang');
  const run = await qa('POST', '/api/qa/plans/run', { campaignId: sale.campaignId });
  expect(run.json().runs[0], run.body).toMatchObject({ newlySampled: 1, enqueued: 1 });
  const claim = await qa('POST', '/api/qa/claims');
  expect(claim.json().call.id, claim.body).toBe(sale.callId);
  const score = await qa('POST', `/api/qa/calls/${sale.callId}/score`, { deductions: [DEDUCTION], fatal: [], comment: 'Clear verification; slow down on the product name.' });
  expect(score.statusCode, score.body).toBe(201);
  scored = score.json();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('agent console: my quality', () => {
  it('the agent waits for the daily report, disputes the score on its day, and reads QA’s amended score', async () => {
    const { page, context } = await browser.newPage();
    await openAgentConsole(page, h.baseUrl, 'agent.lin');

    // Not published yet: the call is listed as scored, masked, and the Dispute button says why not.
    const pending = qualityScore(page, scored.id);
    await expect(disputeBlockedReason(page, scored.id)).resolves.toBe(`the daily report of ${scored.reviewDate} is not published yet`);
    await expect(pending.getByTestId('qa-score-phone').textContent()).resolves.toBe(maskPhone(phone));
    expect(await pending.getByTestId('score-total').count()).toBe(0);
    await screenshot(page, 'agent-quality-pending');

    // QA publishes the daily report: after a refresh the score, its deduction and comment show, and Dispute is open.
    const published = await qa('POST', `/api/qa/reports/daily/${scored.reviewDate}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    await refreshMyQuality(page);
    const score = qualityScore(page, scored.id);
    await expect(score.getByTestId('score-total').textContent()).resolves.toBe('95 / 100');
    await expect(score.textContent()).resolves.toContain('passed');
    const deduction = (await score.getByTestId('deduction').textContent()) ?? '';
    for (const part of ['−5', 'Product presentation', 'general', 'at 0:00:02 into the call', DEDUCTION.note]) expect(deduction).toContain(part);
    await expect(score.getByTestId('reviewer-comment').textContent()).resolves.toContain('Clear verification; slow down on the product name.');
    expect(await score.getByTestId('dispute-blocked').count()).toBe(0);

    // The agent disputes with a reason: stored, and shown open.
    await disputeScore(page, scored.id, 'I said the product name twice, slowly.');
    const stored = h.service.database.db.select().from(qaDisputes).where(eq(qaDisputes.callId, sale.callId)).get();
    expect(stored).toMatchObject({ scoreId: scored.id, reason: 'I said the product name twice, slowly.', status: 'open' });
    await expect(disputeState(page, scored.id, 'open')).resolves.toContain('QA re-reviews the call today');

    // QA re-reviews and amends: after a refresh the agent reads QA's answer and the new score.
    const amended = await qa('POST', `/api/qa/disputes/${stored!.id}/resolve`, {
      decision: 'amended',
      comment: 'Heard again: the name was said twice. Minor only.',
      score: { deductions: [{ ...DEDUCTION, severity: 'minor', points: 2 }], fatal: [] },
    });
    expect(amended.statusCode, amended.body).toBe(200);
    const newScoreId = amended.json().score.id as number;
    await refreshMyQuality(page);
    const answer = await disputeState(page, scored.id, 'amended');
    expect(answer).toContain('Heard again: the name was said twice. Minor only.');
    expect(answer).toContain('New score: 98 / 100');
    await expect(qualityScore(page, newScoreId).getByTestId('score-total').textContent()).resolves.toBe('98 / 100');
    expect(h.service.database.db.select().from(qaScores).where(eq(qaScores.id, newScoreId)).get()).toMatchObject({ current: true, total: 98, disputeId: stored!.id });
    // QA's re-review is final: no second dispute, and the card says so.
    await expect(disputeBlockedReason(page, newScoreId)).resolves.toContain('re-review of your dispute, which is final');

    // Numbers masked everywhere in the card, never in full; no recording to play (§6).
    const card = (await myQuality(page).textContent()) ?? '';
    expect(card).toContain(maskPhone(phone));
    expect(card).not.toContain(phone.slice(1));
    expect(await myQuality(page).locator('audio, a[href*="recording"]').count()).toBe(0);
    await screenshot(page, 'agent-quality');
    await context.close();
  });
});
