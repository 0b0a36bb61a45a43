/**
 * QA on the floor (issue 14, item 6) in a real browser against the running service on the
 * simulator: a manager adds a bonus item to the rubric (QA reads it); QA scores a verified
 * sale with a bonus and deductions that fail it, and opens a correction task from the saved
 * score (a callback by the call's agent within the minutes set, audited); the manager sees the
 * failed score on the call's detail with its correction task, and a score whose deductions a
 * call back within 30 minutes halved says so; the campaign's QA floors are edited in the
 * manager console. And a new campaign's retry rules are the manuals' (issue 14, item 8).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbacks, calls, qaScores } from '../../src/db/schema.js';
import { readyAgent } from '../consent/consent-support.js';
import { AUDIBLE_SIM, recordVerifiedSale, type VerifiedSale } from '../qa/verified-sale.js';
import { apiSession, type ApiSession } from './support/api-session.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import { openCall, openManagerTab, selectCampaign, showCalls } from './support/manager-pages.js';
import { addDeduction, claimNextRecording, gotoQaTab, openQaConsole, shownTotal, submitScore } from './support/qa-pages.js';

let h: ConsoleHarness;
let browser: TestBrowser;
let sale: VerifiedSale;
let manager: ApiSession;

beforeAll(async () => {
  h = await startConsoleHarness({ sim: AUDIBLE_SIM });
  browser = await launchBrowser();
  const seller = await readyAgent(h, 'Lin', '7601');
  sale = await recordVerifiedSale(h, seller.agentId, seller.agent);
  await h.createUser('qa.wang', 'qa', 'Wang (QA)');
  await h.createUser('manager.zhao', 'manager');
  manager = await apiSession(h, 'manager.zhao');
  const run = await manager('POST', '/api/qa/plans/run', { campaignId: sale.campaignId });
  expect(run.json().runs[0], run.body).toMatchObject({ enqueued: 1 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const currentScore = () => h.service.database.db.select().from(qaScores).where(and(eq(qaScores.callId, sale.callId), eq(qaScores.current, true))).get();

describe('QA on the floor', () => {
  it('a manager adds a bonus item to the rubric as a new version; QA reads it', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao', '/qa/');
    await gotoQaTab(page, 'rubric');
    const tab = page.getByTestId('rubric-tab');
    await tab.getByRole('button', { name: 'Add a bonus item' }).click();
    const row = tab.locator('[data-bonus-row="0"]');
    await row.getByLabel('Code').fill('praised');
    await row.getByLabel('Chinese name').fill('客户表扬');
    await row.getByLabel('English name').fill('Praised by the customer');
    await row.getByLabel('Max').fill('5');
    await tab.getByRole('button', { name: 'Save as a new version' }).click();
    await expect(page.getByTestId('rubric-saved').textContent()).resolves.toBe('Saved as version 2.');
    await screenshot(page, 'qa-rubric-bonus');
    const current = (await manager('GET', '/api/qa/rubrics/current')).json();
    expect(current).toMatchObject({ version: 2, definition: { passScore: 80, bonusItems: [{ code: 'praised', nameZh: '客户表扬', nameEn: 'Praised by the customer', maxPoints: 5 }] } });

    // A bad bonus item is refused with the service's words.
    await tab.getByRole('button', { name: 'Add a bonus item' }).click();
    const bad = tab.locator('[data-bonus-row="1"]');
    await bad.getByLabel('Code').fill('Bad Code');
    await bad.getByLabel('Chinese name').fill('坏');
    await bad.getByLabel('English name').fill('Bad');
    await tab.getByRole('button', { name: 'Save as a new version' }).click();
    await expect(tab.getByRole('alert').textContent()).resolves.toContain('must be lower-case');
    await context.close();

    const qa = await browser.newPage();
    await openQaConsole(qa.page, h.baseUrl, 'qa.wang', 'rubric');
    await expect(qa.page.getByTestId('rubric-bonus-items').textContent()).resolves.toContain('Praised by the customer');
    expect(await qa.page.getByRole('button', { name: 'Save as a new version' }).count()).toBe(0);
    await qa.context.close();
  });

  it('QA scores with a bonus; the score fails and opens a correction task for the agent, audited', async () => {
    const { page, context } = await browser.newPage();
    await openQaConsole(page, h.baseUrl, 'qa.wang', 'review');
    expect(await claimNextRecording(page)).toBe(sale.callId);
    await addDeduction(page, 'Charges stated', 'serious', 10, 'free trial not explained');
    await addDeduction(page, 'Product presentation', 'serious', 10);
    await addDeduction(page, 'Identity check', 'serious', 8);
    await page.getByLabel('Bonus points for Praised by the customer').fill('3');
    // 100 − 28 + 3.
    await expect.poll(() => shownTotal(page)).toBe(75);
    await expect(submitScore(page)).resolves.toContain(`${sale.callId}: 75 / 100`);
    expect(currentScore()).toMatchObject({ total: 75, defect: true, detail: { bonus: 3, bonuses: [{ itemCode: 'praised', points: 3 }], halved: false, correction: null } });

    const task = page.getByTestId('correction-task');
    await task.getByLabel('Call back within (minutes)').fill('45');
    await task.getByLabel('What to correct').fill('state the price after the free trial');
    const before = h.service.clock.now();
    await task.getByRole('button', { name: 'Open correction task' }).click();
    await expect(task.getByTestId('correction-opened').textContent()).resolves.toContain('the agent must call back by');
    await screenshot(page, 'qa-correction-task');
    const cb = h.service.database.db.select().from(callbacks).where(eq(callbacks.fromCallId, sale.callId)).get();
    // Scheduled for the call's agent, due at once: the dial loop may already be placing it.
    expect(cb).toMatchObject({ agentId: sale.agentId, note: expect.stringContaining('state the price after the free trial') });
    expect(['scheduled', 'dialing', 'done']).toContain(cb!.status);
    expect(cb!.expiresAt! - cb!.dueAt).toBe(45 * 60_000);
    expect(cb!.dueAt).toBeGreaterThanOrEqual(before);
    expect(h.service.qa.audit.list({ callId: sale.callId }).find((e) => e.action === 'correction')).toMatchObject({ detail: { withinMinutes: 45 } });
    await context.close();
  });

  it('the manager sees the failed score on the call with its correction task; a halved score says so', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao', '/manager/');
    await showCalls(page, h.baseUrl, sale.campaignId);
    const detail = await openCall(page, sale.callId);
    await expect(detail.getByTestId('call-qa-score').textContent()).resolves.toMatch(/^75 points, defect/);
    await detail.getByTestId('correction-task').getByRole('button', { name: 'Open correction task' }).waitFor();

    // A score whose deductions were halved by the agent's call back 12 minutes after hang-up.
    const { db } = h.service.database;
    const back = db.select().from(calls).where(eq(calls.id, sale.callId)).get()!;
    const halved = currentScore()!;
    db.update(qaScores).set({ detail: { ...halved.detail, halved: true, correction: { callId: back.id, afterMs: 12 * 60_000 } } }).where(eq(qaScores.id, halved.id)).run();
    await page.reload();
    await expect(page.getByTestId('call-detail').getByTestId('score-correction').textContent()).resolves.toBe('Deductions halved: the agent called the customer back 12 min after hang-up.');
    await screenshot(page, 'manager-call-qa');
    await context.close();
  });

  it('the campaign’s QA floors are edited in the manager console', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao', '/manager/');
    const detail = await selectCampaign(page, h.baseUrl, sale.campaignId);
    const qa = detail.getByTestId('campaign-qa');
    // The manuals' floors are shown until a manager sets others.
    await expect(qa.getByLabel('Sales sampled per trainee', { exact: true }).getAttribute('placeholder')).resolves.toBe('3');
    await expect(qa.getByLabel('Non-sales sampled per trainee', { exact: true }).getAttribute('placeholder')).resolves.toBe('2');
    await qa.getByLabel('Sales sampled per trainee', { exact: true }).fill('4');
    await qa.getByLabel('Non-sales sampled per trainee', { exact: true }).fill('3');
    await qa.getByLabel('Confidence (%)').fill('99');
    await qa.getByRole('button', { name: 'Save QA sampling' }).click();
    await qa.getByTestId('campaign-qa-saved').waitFor();
    await screenshot(page, 'manager-campaign-qa');
    const settings = (await manager('GET', `/api/qa/campaigns/${sale.campaignId}/settings`)).json();
    expect(settings).toMatchObject({ confidence: 0.99, margin: 0.05, floors: { trainee: { sale: 4, nonSale: 3 } } });
    expect(settings.floors.agent).toBeUndefined();
    await context.close();
  });

  it('a new campaign made in the console retries an unanswered customer at least 3 times, at least 15 minutes apart (manual 002)', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao', '/manager/');
    await openManagerTab(page, h.baseUrl, 'campaigns');
    await page.getByLabel('New campaign name').fill('VP30 新品');
    await page.getByRole('button', { name: 'Create draft' }).click();
    const form = page.getByTestId('campaign-form');
    await page.getByTestId('campaign-detail').getByRole('heading', { name: 'VP30 新品' }).waitFor();
    expect(Number(await form.locator('input[name="maxAttempts"]').inputValue())).toBeGreaterThanOrEqual(3);
    for (const o of ['busy', 'no-answer', 'congestion', 'failed', 'abandoned', 'rejected']) {
      expect(Number(await form.locator(`input[name="retry-${o}"]`).inputValue()), o).toBeGreaterThanOrEqual(15);
    }
    await context.close();
  });
});
