/**
 * The manager's floor screens of issue 14 (part B) in a real browser against the running
 * service: finding a call by the last 4 digits of the number and seeing its disposition,
 * the new call-list columns, the call's readable title, sending it to QA review and the CSV export; calling hours with
 * a lunch break and holidays, and a window past 21:00 refused with the service's message;
 * the callbacks screen (reassign, reschedule, cancel) and the question asked when a campaign
 * with callbacks is completed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { agents, callbacks, calls, campaigns, consentActions, contacts, qaPlanItems } from '../../src/db/schema.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import { campaignAction, createCampaign, fillCampaignForm, openManagerTab, saveCampaignForm, selectCampaign } from './support/manager-pages.js';

let h: ConsoleHarness;
let browser: TestBrowser;
let campaignId: number;
let agentId: number;

const CALL_8001 = '00000000-0000-4000-8000-000000008001';
const CALL_1234 = '00000000-0000-4000-8000-000000001234';

beforeAll(async () => {
  h = await startConsoleHarness();
  browser = await launchBrowser();
  await h.createUser('manager.zhao', 'manager', 'Zhao Min');
  const { db } = h.service.database;
  campaignId = h.service.campaigns.create({ name: 'VP15 视频会员' }).id;
  h.service.campaigns.addContacts(campaignId, [{ phone: '13800138001' }, { phone: '13700001234' }]);
  agentId = db.insert(agents).values({ name: '李娜', extension: '7101', createdAt: 0 }).returning().get().id;
  const contactOf = (phone: string) => db.select().from(contacts).all().find((c) => c.phone === phone)!.id;
  const at = Date.UTC(2025, 0, 7, 2, 0, 0);
  const row = (id: string, phone: string, outcome: 'answered' | 'no-answer', offset: number) => ({
    id,
    campaignId,
    contactId: contactOf(phone),
    agentId: outcome === 'answered' ? agentId : null,
    phone,
    endpoint: 'x',
    channelId: id,
    state: 'ended' as const,
    originatedAt: at + offset,
    answeredAt: outcome === 'answered' ? at + offset + 3000 : null,
    agentConnectedAt: outcome === 'answered' ? at + offset + 4000 : null,
    endedAt: at + offset + 94_000,
    outcome,
    recordingState: outcome === 'answered' ? ('verified' as const) : null,
  });
  db.insert(calls).values([row(CALL_8001, '+8613800138001', 'answered', 0), row(CALL_1234, '+8613700001234', 'no-answer', 60_000)]).run();
  db.insert(consentActions).values({ callId: CALL_8001, agentId, kind: 'disposition', detail: { disposition: 'not-interested', note: '' }, at: at + 95_000 }).run();
  db.update(calls).set({ disposition: 'not-interested', dispositionCategory: 'no-interest', dispositionAt: at + 95_000 }).where(eq(calls.id, CALL_8001)).run();
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('manager floor screens', () => {
  it('finds a call by the last 4 digits of the number, shows its columns and disposition, opens it under a readable title, and exports the search', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao');
    await openManagerTab(page, h.baseUrl, 'calls');
    const search = page.getByTestId('call-search');
    await search.getByLabel('Customer number').fill('8001');
    await search.getByRole('button', { name: 'Search' }).click();
    const list = page.getByTestId('call-list');
    await expect.poll(() => list.locator('tr[data-testid^="call-row-"]').count()).toBe(1);
    const row = page.getByTestId(`call-row-${CALL_8001}`);
    await expect.poll(() => row.getByTestId('call-disposition').textContent()).toBe('not-interested');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('+86138****8001');
    expect(text).toContain('VP15 视频会员');
    expect(text).toContain('李娜');
    expect(text).toContain('1:30'); // talk: connected 4 s after dialing, ended 94 s after
    expect(text).not.toContain('13800138001');

    await row.getByRole('link', { name: 'Details' }).click();
    const detail = page.getByTestId('call-detail');
    await detail.getByTestId('call-phone').waitFor();
    expect(await detail.locator('h2, h3').first().textContent()).toContain('+86138****8001 · VP15 视频会员 · 2025-01-07 10:00');
    expect(await detail.getByTestId('call-disposition').textContent()).toBe('not-interested');
    expect(await detail.getByTestId('call-phone').textContent()).toBe('+8613800138001');
    await screenshot(page, 'manager-call-search');

    // A complaint: the manager sends the call to QA review, outside the sample.
    await detail.getByTestId('pull-for-review').getByRole('button', { name: 'Send to QA review' }).click();
    await detail.getByTestId('pull-for-review').locator('.msg-ok, .msg-error').first().waitFor();
    expect(await detail.getByTestId('pull-for-review').textContent()).toContain('Sent to QA');
    const item = h.service.database.db.select().from(qaPlanItems).where(eq(qaPlanItems.callId, CALL_8001)).get();
    expect(item).toMatchObject({ origin: 'on-demand', pullReason: 'complaint', agentId });

    // The export link carries the same search; the file it names has the one call.
    const href = await search.getByTestId('calls-export').getAttribute('href');
    expect(href).toContain('phone=8001');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    expect(csv).toContain('not-interested');

    // Another filter: the outcome alone finds the unanswered call.
    await search.getByLabel('Customer number').fill('');
    await search.getByRole('button', { name: 'Search' }).click();
    await search.getByLabel('Outcome').selectOption('no-answer');
    await expect.poll(() => list.locator('tr[data-testid^="call-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([`call-row-${CALL_1234}`]);

    // The disposition filter: across campaigns it offers the categories; with a campaign, its own dispositions.
    const rowIds = () => list.locator('tr[data-testid^="call-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    await search.getByLabel('Outcome').selectOption('');
    const dispositionFilter = search.getByLabel('Disposition');
    expect(await dispositionFilter.locator('option').allTextContents()).toEqual(['any', 'sale', 'refusal', 'callback', 'do-not-call', 'wrong person', 'no interest', 'other']);
    await dispositionFilter.selectOption('no-interest');
    await expect.poll(rowIds).toEqual([`call-row-${CALL_8001}`]);
    await dispositionFilter.selectOption('');
    await search.getByLabel('Campaign').selectOption(String(campaignId));
    await expect.poll(() => dispositionFilter.locator('option').allTextContents()).toContain('Not interested');
    await dispositionFilter.selectOption('not-interested');
    await expect.poll(rowIds).toEqual([`call-row-${CALL_8001}`]);
    await expect.poll(() => list.getByTestId('call-disposition').textContent()).toBe('Not interested');
    await context.close();
  });

  it('keeps the manuals\' calling hours: two intervals a day and dates off; a window past 21:00 is refused with the reason', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao');
    const id = await createCampaign(page, h.baseUrl, 'Manual 000 hours', { 'Calling hours (local)': '9:00-12:00, 13:30–18:00', 'Dates off': '2025-10-02, 2025-10-01' });
    const form = page.getByTestId('campaign-form');
    expect(await form.locator('.msg-ok').textContent()).toBeTruthy();
    expect(h.service.campaigns.get(id)).toMatchObject({
      windowIntervals: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '18:00' },
      ],
      windowDatesOff: ['2025-10-01', '2025-10-02'],
      windowStart: '09:00',
      windowEnd: '18:00',
    });
    await fillCampaignForm(page, { 'Calling hours (local)': '09:00–22:00' });
    await saveCampaignForm(page);
    expect(await form.locator('.msg-error').textContent()).toContain('window 09:00–22:00 reaches outside the legal calling hours 08:00–21:00');
    expect(h.service.campaigns.get(id).windowEnd).toBe('18:00');
    await screenshot(page, 'manager-calling-hours');
    await context.close();
  });

  it('lists callbacks across campaigns, reassigns, reschedules and cancels them; completing a campaign asks what to do with its callbacks', async () => {
    const { db } = h.service.database;
    const bo = db.insert(agents).values({ name: '王波', extension: '7102', createdAt: 0 }).returning().get().id;
    const old = h.service.campaigns.create({ name: 'Old offer' }).id;
    const next = h.service.campaigns.create({ name: 'New offer' }).id;
    h.service.campaigns.addContacts(old, [{ phone: '13600136001' }, { phone: '13600136002' }]);
    db.update(campaigns).set({ status: 'paused' }).where(eq(campaigns.id, old)).run();
    const contactOf = (phone: string) => db.select().from(contacts).all().find((c) => c.campaignId === old && c.phone === phone)!.id;
    const due = DateTime.fromISO('2025-01-09T15:00:00', { zone: 'Asia/Shanghai' }).toMillis();
    const first = h.service.callbacks.schedule({ campaignId: old, contactId: contactOf('+8613600136001'), agentId, dueAt: due, note: '下午再打' });
    const second = h.service.callbacks.schedule({ campaignId: old, contactId: contactOf('+8613600136002'), agentId: null, dueAt: due + 3600_000 });

    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao');
    await openManagerTab(page, h.baseUrl, 'callbacks');
    const row = page.getByTestId(`callback-row-${first.id}`);
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('下午再打');
    expect(await row.textContent()).toContain('Old offer');
    await row.getByLabel('Owner').selectOption(String(bo));
    await expect.poll(() => db.select().from(callbacks).where(eq(callbacks.id, first.id)).get()!.agentId).toBe(bo);
    await page.getByTestId(`callback-row-${first.id}`).getByLabel('New time').fill('2025-01-09T16:30');
    await page.getByTestId(`callback-row-${first.id}`).getByRole('button', { name: 'Reschedule' }).click();
    await expect.poll(() => db.select().from(callbacks).where(eq(callbacks.id, first.id)).get()!.dueAt).toBe(due + 90 * 60_000);
    // A time outside the calling window is refused with the service's reason.
    await page.getByTestId(`callback-row-${second.id}`).getByLabel('New time').fill('2025-01-09T22:00');
    await page.getByTestId(`callback-row-${second.id}`).getByRole('button', { name: 'Reschedule' }).click();
    await expect.poll(async () => (await page.getByTestId(`callback-row-${second.id}`).locator('.msg-error').textContent()) ?? '').toContain("outside the callee's calling window");
    await screenshot(page, 'manager-callbacks');

    // Completing the campaign asks first; the callbacks are moved to the new offer.
    await selectCampaign(page, h.baseUrl, old);
    await campaignAction(page, 'Complete');
    const ask = page.getByTestId('ending-callbacks');
    expect(await ask.textContent()).toContain('2 scheduled callbacks');
    expect(db.select().from(campaigns).where(eq(campaigns.id, old)).get()!.status).toBe('paused');
    await ask.getByLabel('Move them to').check();
    await ask.getByLabel('Move to campaign').selectOption(String(next));
    await screenshot(page, 'manager-complete-callbacks');
    await ask.getByRole('button', { name: 'Complete and move the callbacks' }).click();
    await expect.poll(() => db.select().from(campaigns).where(eq(campaigns.id, old)).get()!.status).toBe('completed');
    const moved = db.select().from(callbacks).all().filter((c) => c.campaignId === next).sort((a, b) => a.dueAt - b.dueAt);
    expect(moved.map((c) => [c.agentId, c.dueAt, c.status])).toEqual([
      [null, due + 3600_000, 'scheduled'],
      [bo, due + 90 * 60_000, 'scheduled'],
    ]);

    // And the one left in the new campaign is cancelled from the list.
    await openManagerTab(page, h.baseUrl, 'callbacks');
    await page.getByTestId('callbacks').getByLabel('Campaign').selectOption(String(next));
    const movedRow = page.getByTestId(`callback-row-${moved[0]!.id}`);
    await movedRow.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => db.select().from(callbacks).where(eq(callbacks.id, moved[0]!.id)).get()!.status).toBe('cancelled');
    await context.close();
  });
});
