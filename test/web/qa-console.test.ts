/**
 * The QA console in a real browser against the running service on the simulator: a verified
 * sale is made and recorded, the sampling plan queues it, a QA reviewer claims THAT call,
 * sees the verification evidence on the recording's timeline where the stored evidence puts
 * it, plays the recording, seeks by a marker, scores it with one deduction (the total the
 * page shows is the total stored), and re-reviews the agent's dispute; a manager sees the
 * reports and disputes but cannot claim.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaDisputes, qaScores } from '../../src/db/schema.js';
import { readyAgent } from '../consent/consent-support.js';
import { AUDIBLE_SIM, recordVerifiedSale, type VerifiedSale } from '../qa/verified-sale.js';
import type { Caller } from '../support/harness-http.js';
import { apiSession, type ApiSession } from './support/api-session.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import {
  addDeduction,
  audioTime,
  claimNextRecording,
  evidenceMarkers,
  extendClaim,
  gotoQaTab,
  openDispute,
  openQaConsole,
  pauseRecording,
  playRecording,
  releaseClaim,
  seekToMarker,
  shownCallId,
  shownQueueSize,
  shownTotal,
  submitScore,
  upholdDispute,
} from './support/qa-pages.js';

let h: ConsoleHarness;
let browser: TestBrowser;
let sale: VerifiedSale;
let agent: Caller;
let manager: ApiSession;

beforeAll(async () => {
  h = await startConsoleHarness({ sim: AUDIBLE_SIM });
  browser = await launchBrowser();
  const seller = await readyAgent(h, 'Lin', '7501');
  agent = seller.agent;
  sale = await recordVerifiedSale(h, seller.agentId, agent);
  await h.createUser('qa.wang', 'qa', 'Wang (QA)');
  await h.createUser('manager.zhao', 'manager');
  manager = await apiSession(h, 'manager.zhao');
  // The sampling plan of the sale's campaign (what the daily schedule runs).
  const run = await manager('POST', '/api/qa/plans/run', { campaignId: sale.campaignId });
  expect(run.json().runs[0], run.body).toMatchObject({ populationSize: 1, newlySampled: 1, enqueued: 1 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const currentScore = () => h.service.database.db.select().from(qaScores).where(and(eq(qaScores.callId, sale.callId), eq(qaScores.current, true))).get();

describe('QA console', () => {
  it('a reviewer claims the verified sale, sees its evidence on the timeline, plays and seeks it, and scores it', async () => {
    const { page, context } = await browser.newPage();
    await openQaConsole(page, h.baseUrl, 'qa.wang');
    await expect.poll(() => shownQueueSize(page)).toBe(1);

    // The claim gives THAT call, with its number masked and the sale shown.
    expect(await claimNextRecording(page)).toBe(sale.callId);
    const phone = (await page.getByTestId('call-phone').textContent()) ?? '';
    expect(phone).toMatch(/^\+86\d{3}\*+\d{4}$/);
    await expect(page.getByTestId('call-sale').textContent()).resolves.toContain('sale');
    await expect(page.getByTestId('call-sampling').textContent()).resolves.toMatch(/sale/);

    // The evidence markers are where the subscription's stored evidence says, in call order.
    const markers = await evidenceMarkers(page);
    const o = sale.subscription.offsets;
    const one = (kind: string, answers?: string) => {
      const found = markers.filter((m) => m.kind === kind && (answers === undefined || m.answers === answers));
      expect(found, `${kind} ${answers ?? ''}`).toHaveLength(1);
      return found[0]!.offsetMs;
    };
    expect(one('disclosure-start')).toBe(o.disclosureStart!.callOffsetMs);
    expect(one('disclosure-end')).toBe(o.disclosureEnd!.callOffsetMs);
    expect(one('keypress', 'identity')).toBe(o.identityKey!.callOffsetMs);
    const consentKeyMs = one('keypress', 'consent');
    expect(consentKeyMs).toBe(o.consentKey!.callOffsetMs);
    const order = [one('refusal'), one('speaker-changed'), one('identity-confirmed'), one('identity-question'), one('keypress', 'identity'), one('disclosure-start'), one('disclosure-end'), consentKeyMs];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Plausible: the terms take the better part of the recording, and the consent comes after them.
    expect(one('disclosure-end') - one('disclosure-start')).toBeGreaterThan(1000);
    await screenshot(page, 'qa-review');

    // A reload resumes the claim held; it can be extended, or released and claimed again.
    await page.reload();
    expect(await shownCallId(page)).toBe(sale.callId);
    await page.getByRole('heading', { name: 'Your claim (resumed)' }).waitFor();
    await extendClaim(page);
    expect(h.service.qa.audit.list({ callId: sale.callId }).map((e) => e.action)).toContain('claim.extend');
    await releaseClaim(page);
    await expect.poll(() => shownQueueSize(page)).toBe(1);
    expect(await claimNextRecording(page)).toBe(sale.callId);

    // Play: the audio element's time advances, and the page's clock with it.
    await playRecording(page);
    expect(await audioTime(page)).toBeGreaterThan(0);
    await expect.poll(async () => page.getByTestId('player-time').textContent()).not.toMatch(/^0:00\.0 \//);
    await pauseRecording(page);
    // Every fetch of the recording by the browser is in the audit trail (requirements §6).
    expect(h.service.qa.audit.list({ callId: sale.callId }).filter((e) => e.action === 'recording.stream').length).toBeGreaterThan(0);

    // Seek by clicking the consent keypress: the player jumps there.
    expect(await seekToMarker(page, 'keypress', 'consent')).toBe(consentKeyMs);
    expect(Math.abs((await audioTime(page)) * 1000 - consentKeyMs)).toBeLessThan(50);

    // The rubric: a general deduction out of range is refused by the service, with its message.
    const row = await addDeduction(page, 'Product presentation', 'general', 9, 'product name said too fast');
    await expect(page.getByTestId('score-problems').textContent()).resolves.toContain('a general deduction is 4–6 points, got 9');
    expect(await shownTotal(page)).toBeNull();
    await page.getByRole('button', { name: 'Submit score' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('a general deduction is 4–6 points, got 9');
    expect(currentScore()).toBeUndefined();

    await row.getByLabel('Points').fill('5');
    await expect.poll(() => shownTotal(page)).toBe(95);
    await page.getByLabel('Comment for the agent').fill('Clear verification; slow down on the product name.');
    await screenshot(page, 'qa-rubric');
    const shown = await shownTotal(page);
    await expect(submitScore(page)).resolves.toContain(`${sale.callId}: 95 / 100 (passed)`);

    // Stored: the total the page showed, the deduction tied to where the player was (the consent key).
    const stored = currentScore();
    expect(stored).toMatchObject({ total: shown, passed: true, fatal: false, kind: 'review', comment: 'Clear verification; slow down on the product name.' });
    const [deduction] = (stored!.detail as { deductions: Array<Record<string, unknown>> }).deductions;
    expect(deduction).toMatchObject({ itemCode: 'product', severity: 'general', points: 5, note: 'product name said too fast' });
    expect(Math.abs((deduction!.atMs as number) - consentKeyMs)).toBeLessThan(50);
    const api = await manager('GET', `/api/qa/calls/${sale.callId}/scores`);
    expect(api.json().scores.map((s: { total: number }) => s.total)).toEqual([95]);
    // The queue is empty now: the claim button says why it cannot be used.
    await expect(page.getByTestId('claim-blocked').textContent()).resolves.toContain('The queue is empty');
    await context.close();
  }, 40_000);

  it("the daily report is published from the reports; the agent's dispute is re-reviewed and upheld", async () => {
    const { page, context } = await browser.newPage();
    await openQaConsole(page, h.baseUrl, 'qa.wang', 'reports');
    const daily = page.getByTestId('daily-report');
    await daily.getByRole('row', { name: /Lin/ }).waitFor();
    await expect(daily.getByRole('row', { name: /Lin/ }).textContent()).resolves.toContain('95');
    await daily.getByRole('button', { name: /Publish the report of/ }).click();
    await page.getByTestId('daily-published').waitFor();
    await page.getByTestId('trend-chart').locator('canvas').waitFor();
    await expect(page.getByTestId('defect-rate').first().textContent()).resolves.toContain('0.0%');
    await screenshot(page, 'qa-reports');

    // The agent disputes on the day of publication (through the API, as the agent console would).
    const raised = await agent.call('POST', `/api/qa/calls/${sale.callId}/disputes`, { reason: 'I said the product name twice.' });
    expect(raised.statusCode, raised.body).toBe(201);
    const disputeId = raised.json().id as number;

    await gotoQaTab(page, 'disputes');
    // Listed by the agent's name, not a number.
    await expect(page.locator(`[data-dispute="${disputeId}"] td`).nth(2).textContent()).resolves.toBe('Lin');
    await openDispute(page, disputeId);
    await expect(page.getByTestId('dispute-review').textContent()).resolves.toContain('I said the product name twice.');
    await expect(page.getByTestId('score-history').textContent()).resolves.toContain('−5 product (general)');
    await page.getByTestId('evidence-timeline').waitFor();
    await screenshot(page, 'qa-disputes');
    await upholdDispute(page, 'Heard again at the disclosure: the name was rushed. The score stands.');
    await expect(page.getByTestId('disputes').textContent()).resolves.toContain('the score stands');

    const row = h.service.database.db.select().from(qaDisputes).where(eq(qaDisputes.id, disputeId)).get();
    expect(row).toMatchObject({ status: 'upheld', resolution: 'Heard again at the disclosure: the name was rushed. The score stands.', newScoreId: null });
    expect(currentScore()).toMatchObject({ total: 95 });
    await context.close();
  });

  it('a manager sees the reports and disputes on /qa/ but no claim button, and the API refuses the claim', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao', '/qa/');
    expect(new URL(page.url()).pathname).toBe('/qa/');
    // A manager lands on the reports.
    await page.getByTestId('daily-report').getByRole('row', { name: /Lin/ }).waitFor();
    await gotoQaTab(page, 'review');
    await expect(page.getByTestId('claim-not-allowed').textContent()).resolves.toContain('Claiming recordings is for QA reviewers');
    expect(await page.getByRole('button', { name: 'Claim next recording' }).count()).toBe(0);
    await gotoQaTab(page, 'disputes');
    await page.getByLabel('Dispute status').selectOption('');
    await expect(page.getByTestId('disputes-table').textContent()).resolves.toContain('upheld');
    expect((await manager('POST', '/api/qa/claims')).statusCode).toBe(403);
    await context.close();
  });
});
