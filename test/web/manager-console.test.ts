/**
 * The manager console in a real browser against the running service on the simulator: a
 * campaign made through the form, messy lists (UTF-8 and GBK from Excel) uploaded with their
 * progress and rejects, the start refused and then allowed, the campaign live on the
 * dashboard with the agent on the board, paused, and the agent targets report with its
 * chart; the do-not-call list; agents, teams and pause codes — and staff accounts for
 * admins only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema.js';
import { duration } from '../../src/web/shared/format.js';
import { fixture } from '../campaigns/import/support.js';
import { OPENING, waitFor } from '../support/harness.js';
import { makeWav } from '../support/wav.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import {
  agentOnBoard,
  campaignAction,
  campaignOnDashboard,
  campaignStatus,
  createCampaign,
  fillCampaignForm,
  openManagerTab,
  rejectRows,
  saveCampaignForm,
  selectCampaign,
  uploadList,
  watchTestIds,
} from './support/manager-pages.js';

let h: ConsoleHarness;
let browser: TestBrowser;
let agentId: number;
let promptsDir: string;

beforeAll(async () => {
  promptsDir = mkdtempSync(join(tmpdir(), 'manager-prompts-'));
  h = await startConsoleHarness({ env: { PROMPTS_DIR: promptsDir } });
  browser = await launchBrowser();
  await h.createUser('manager.zhao', 'manager', 'Zhao Min');
  await h.createUser('admin.qian', 'admin');
  ({ agentId } = await h.createAgentUser('agent.li', '7001', { dailyTargetSec: 3 * 3600, team: 'A' }));
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
  rmSync(promptsDir, { recursive: true, force: true });
});

/**
 * A list as call-centre lists come: spaces, dashes, +86 and 0086, full-width digits, a blank
 * line, a duplicate, rows with too few and too many columns, an invalid number, a number on
 * the do-not-call list, and a trailing blank line.
 */
const MESSY = [
  '姓名,手机号,城市',
  '张三,13812345678,北京',
  '李四, 139 1234 5678 ,上海',
  '王五,139-1234-5679,广州',
  '赵六,+86 137 1234 5678,深圳',
  '钱七,0086 136 1234 5678,杭州',
  '周九,１３４１２３４５６７８,成都',
  '',
  '吴十,13812345678,武汉',
  '郑一,13512345678',
  '冯二,13312345678,深圳,多余',
  '陈三,12345,上海',
  '褚四,132 1234 5678,天津',
  '卫五,+8613912345678,重庆',
  '',
  '',
].join('\n');

/** What the page shows may take a refresh or two (figures every 3 s): wait for it, not for luck. */
const POLL = { timeout: 10_000, interval: 100 };

const contactsOf = (campaignId: number) =>
  h.service.database.db.select({ n: count() }).from(contacts).where(eq(contacts.campaignId, campaignId)).get()?.n ?? 0;

describe('manager console', () => {
  it('creates a campaign, uploads messy lists and sees the rejects, starts it, watches it live, pauses it, and reads the targets report', async () => {
    const { page, context } = await browser.newPage();
    // One number of the list is on the global do-not-call list.
    h.service.dnc.add({ phone: '+8613212345678', source: 'api', reason: 'asked not to be called' });
    await signIn(page, h.baseUrl, 'manager.zhao');
    expect(new URL(page.url()).pathname).toBe('/manager/');

    // A draft through the form: product terms, but not yet how to cancel.
    const opening = '您好,打扰您了,我是移动公司的客服代表,请问您是这个号码的机主吗?';
    const id = await createCampaign(page, h.baseUrl, 'Spring 5G pack', {
      'Product code': 'VP15',
      'Product name': '5G value pack',
      'Price (yuan)': '15.00',
      'Billing period': 'monthly',
      'Opening media': OPENING,
      'Opening text': opening,
      'Retry after busy (minutes)': '15',
    });
    await expect(campaignStatus(page, id).textContent()).resolves.toBe('draft');
    expect(h.service.campaigns.get(id)).toMatchObject({
      status: 'draft',
      productCode: 'VP15',
      productName: '5G value pack',
      productPriceMinor: 1500,
      productBillingPeriod: 'monthly',
      productCancelHow: null,
      openingMedia: OPENING,
      openingText: opening,
      retryDelaysSec: { busy: 900, 'no-answer': 3600 },
    });

    // The messy list: the upload's and the import's progress, then every reject with its line and reason.
    await openManagerTab(page, h.baseUrl, 'lists');
    const upload = page.getByTestId('list-upload');
    const bars = await watchTestIds(page, ['upload-progress', 'import-progress']);
    const messy = await uploadList(page, { name: 'messy.csv', buffer: Buffer.from(MESSY, 'utf8') });
    // The upload's own bar, then the import's, were shown on the way.
    expect(await bars()).toEqual(['upload-progress', 'import-progress']);
    expect(messy).toEqual({ status: 'completed', rows: 14, accepted: 6, rejected: 8 });
    await expect(upload.getByTestId('import-progress').getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    expect(await rejectRows(upload)).toEqual([
      [8, '(empty)', 'empty-row'],
      [9, '13812345678', 'duplicate-in-file'],
      [10, '郑一,13512345678', 'wrong-column-count'],
      [11, '冯二,13312345678,深圳,多余', 'wrong-column-count'],
      [12, '12345', 'invalid-number'],
      [13, '132 1234 5678', 'do-not-call'],
      [14, '+8613912345678', 'duplicate-in-file'],
      [15, '(empty)', 'empty-row'],
    ]);
    await screenshot(page, 'manager-import-rejects');

    // A GBK file saved by Excel: decoded, its numbers already in the campaign refused as such.
    const gbk = await uploadList(page, { name: 'gbk-excel.csv', buffer: readFileSync(fixture('gbk-excel.csv')) });
    expect(gbk).toEqual({ status: 'completed', rows: 5, accepted: 1, rejected: 4 });
    await expect(upload.getByTestId('import-summary').textContent()).resolves.toContain('gb18030');
    expect((await rejectRows(upload)).map(([line, , reason]) => [line, reason])).toEqual([
      [2, 'duplicate-in-campaign'],
      [3, 'duplicate-in-campaign'],
      [5, 'unsupported-type'],
      [6, 'duplicate-in-campaign'],
    ]);
    // What the page says was accepted is what the database holds.
    expect(contactsOf(id)).toBe(messy.accepted + gbk.accepted);
    const history = page.getByTestId('import-history');
    await expect.poll(() => history.locator('tbody tr').count(), POLL).toBe(2);

    // The GBK list was the wrong one: discarding it takes out what it added (nothing was dialed yet).
    const gbkRow = history.locator('tbody tr', { hasText: 'gbk-excel.csv' });
    await gbkRow.getByRole('button', { name: 'Discard' }).click();
    await gbkRow.getByRole('button', { name: 'Confirm discard' }).click();
    await expect(history.getByRole('status').textContent()).resolves.toMatch(/^Import #\d+ discarded: 1 removed\.$/);
    await gbkRow.getByText('discarded').waitFor();
    expect(contactsOf(id)).toBe(messy.accepted);

    // Starting without how to cancel is refused with the service's reason; the form fixes it.
    await selectCampaign(page, h.baseUrl, id);
    await campaignAction(page, 'Start');
    await expect(page.getByTestId('campaign-actions').getByRole('alert').textContent()).resolves.toContain('its product terms are incomplete (missing how to cancel)');
    expect(h.service.campaigns.get(id).status).toBe('draft');
    await fillCampaignForm(page, { 'How to cancel': 'send TD to 10086' });
    await saveCampaignForm(page);
    expect(h.service.campaigns.get(id).productCancelHow).toBe('send TD to 10086');

    // An agent is on the floor (softphone on the simulator); the campaign starts and dials.
    await h.loginAgent(agentId);
    await campaignAction(page, 'Start');
    await expect.poll(() => campaignStatus(page, id).textContent(), POLL).toBe('running');
    expect(h.service.campaigns.get(id).status).toBe('running');
    await expect(page.getByTestId('campaign-form').getByRole('status').first().textContent()).resolves.toContain('it is running; pause it first');
    await expect(page.getByTestId('campaign-form').getByRole('button', { name: 'Save settings' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'manager-campaigns');

    // The dashboard: the campaign's call in progress, the agent on it on the board.
    await openManagerTab(page, h.baseUrl, 'dashboard');
    await waitFor('the agent talking to a customer', () => h.callsOf(id).find((c) => c.agentConnectedAt !== null && c.state !== 'ended'));
    await expect.poll(() => agentOnBoard(page, agentId).getByTestId('agent-state').textContent(), POLL).toBe('On call');
    const card = campaignOnDashboard(page, id);
    await expect.poll(() => card.getByTestId('live-calls').locator('.stat-value').textContent(), POLL).toBe('1');
    await expect(card.getByTestId('live-contacts-left').locator('.stat-value').textContent()).resolves.toBe(String(contactsOf(id)));
    // Why pacing placed what it placed, in plain words.
    await expect.poll(() => card.getByTestId('live-pacing-why').textContent(), POLL).toMatch(/^Pacing: Placed (no calls|\d+ calls?)\b.*\.$/);
    await screenshot(page, 'manager-dashboard');

    // Paused: nothing new is dialed; the call up ends when the agent hangs up.
    await selectCampaign(page, h.baseUrl, id);
    await campaignAction(page, 'Pause');
    await expect.poll(() => campaignStatus(page, id).textContent(), POLL).toBe('paused');
    expect(h.service.campaigns.get(id).status).toBe('paused');
    const hungUp = await page.evaluate(async (agent) => (await fetch(`/api/agents/${agent}/hangup`, { method: 'POST' })).status, agentId);
    expect(hungUp).toBe(200);
    await waitFor('the call over and the agent ready', () => h.service.tracker.size === 0 && h.service.agents.get(agentId)?.state === 'ready');
    expect(h.callsOf(id)).toHaveLength(1);

    // The targets report: the agent's figures as the service computes them, and the chart.
    await openManagerTab(page, h.baseUrl, 'targets');
    const row = page.getByTestId(`figures-row-${agentId}`);
    await row.waitFor();
    // The report opens on the service's today (its clock is the harness's, not the browser's).
    const day = await page.getByLabel('From').inputValue();
    expect(day).toBe('2025-01-07');
    const figures = h.service.agentReports.report(day, day).agents.find((a) => a.agentId === agentId)!;
    expect(figures.connected).toBe(1);
    await expect(row.locator('td').nth(4).textContent()).resolves.toBe('1');
    await expect(row.getByTestId('talk').textContent()).resolves.toBe(duration(figures.talkSec));
    const canvas = page.getByTestId('chart-talk-vs-target').locator('canvas');
    await canvas.waitFor();
    // Chart.js sizes the canvas's bitmap when it draws.
    expect(Number(await canvas.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(await canvas.getAttribute('height'))).toBeGreaterThan(0);
    await screenshot(page, 'manager-targets');
    await context.close();
  });

  it('keeps the do-not-call list: add and look up a number, upload a list with the same progress and rejects; removing is for admins', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao');
    await openManagerTab(page, h.baseUrl, 'dnc');

    await page.getByLabel('Number to add').fill('139 0000 1111');
    await page.getByLabel('Reason').fill('complained');
    await page.getByRole('button', { name: 'Add to list' }).click();
    await expect(page.getByTestId('dnc-add').getByRole('status').textContent()).resolves.toBe('+8613900001111 added.');
    expect(h.service.dnc.find('+8613900001111')).toMatchObject([{ scope: 'global', reason: 'complained', source: 'api' }]);

    await page.getByLabel('Look up a number').fill('+86 139-0000-1111');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByTestId('dnc-lookup').getByRole('status').textContent()).resolves.toContain('+8613900001111: blocked');

    const list = ['phone', '13900002222', '13900001111', 'abc', '139 0000 2222', ''].join('\n');
    const result = await uploadList(page, { name: 'dnc.csv', buffer: Buffer.from(list) }, { testId: 'dnc-upload' });
    expect(result).toEqual({ status: 'completed', rows: 4, accepted: 1, rejected: 3 });
    expect(await rejectRows(page.getByTestId('dnc-upload'))).toEqual([
      [3, '13900001111', 'already-listed'],
      [4, 'abc', 'invalid-number'],
      [5, '139 0000 2222', 'duplicate-in-file'],
    ]);
    expect(h.service.dnc.find('+8613900002222')).toHaveLength(1);

    // The list shows both; taking one off is not the manager's to do.
    const rows = page.getByTestId('dnc-entries').getByTestId('dnc-row');
    await expect.poll(() => rows.allTextContents(), POLL).toEqual(expect.arrayContaining([expect.stringContaining('+8613900001111'), expect.stringContaining('+8613900002222')]));
    const remove = rows.first().getByRole('button', { name: 'Remove' });
    await expect(remove.isDisabled()).resolves.toBe(true);
    await expect(remove.getAttribute('title')).resolves.toBe('only an admin may take a number off a do-not-call list');
    await screenshot(page, 'manager-dnc');
    await context.close();
  });

  it('manages agents, team targets and pause codes; staff accounts are shown to admins only', async () => {
    const { page, context } = await browser.newPage();
    const wuUser = await h.createUser('agent.wu', 'agent', 'Wu Fang');
    await signIn(page, h.baseUrl, 'manager.zhao');
    await openManagerTab(page, h.baseUrl, 'users');
    await page.getByTestId(`agent-${agentId}`).waitFor();

    // A new agent linked to its console account, with an own target.
    await page.getByRole('button', { name: 'New agent' }).click();
    const form = page.getByTestId('agent-form');
    await form.getByLabel('Agent name').fill('Wu Fang');
    await form.getByLabel('Extension').fill('7002');
    await form.getByLabel('Team', { exact: true }).fill('B');
    await form.getByLabel('Own daily target (hours)').fill('2.5');
    await form.getByLabel('Console account').selectOption(String(wuUser));
    await form.getByRole('button', { name: 'Add agent' }).click();
    await page.getByTestId('agents-section').locator('tr', { hasText: 'Wu Fang' }).waitFor();
    expect(h.service.agentRegistry.list().find((a) => a.extension === '7002')).toMatchObject({ name: 'Wu Fang', team: 'B', userId: wuUser, dailyTargetSec: 9000, targetSource: 'agent' });

    // Team A's target, and a new pause code.
    await page.getByLabel('Target of A (hours)').fill('4');
    await page.getByTestId('team-A').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => h.service.agentRegistry.teams().find((t) => t.name === 'A')?.dailyTargetSec, POLL).toBe(4 * 3600);
    await page.getByLabel('New code').fill('huddle');
    await page.getByRole('textbox', { name: 'Label', exact: true }).fill('班前会 Huddle');
    await page.getByRole('button', { name: 'Add code' }).click();
    await page.getByTestId('pause-code-HUDDLE').waitFor();
    expect(h.service.pauseCodes.get('HUDDLE')).toMatchObject({ label: '班前会 Huddle', active: true });

    // No staff accounts for a manager — and the API refuses them the same.
    await expect(page.getByTestId('staff-section').count()).resolves.toBe(0);
    expect(await page.evaluate(async () => (await fetch('/api/users')).status)).toBe(403);
    await screenshot(page, 'manager-users');
    await context.close();

    const admin = await browser.newPage();
    await signIn(admin.page, h.baseUrl, 'admin.qian');
    await openManagerTab(admin.page, h.baseUrl, 'users');
    await admin.page.getByTestId('staff-section').getByTestId('user-manager.zhao').waitFor();
    await admin.context.close();
  });

  it('uploads an opening prompt and lists it with the media to use; a WAV Asterisk cannot play is refused with the conversion', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao');
    await openManagerTab(page, h.baseUrl, 'prompts');
    const tab = page.getByTestId('prompts');

    await tab.getByLabel('Prompt name').fill('opening-spring');
    await tab.getByLabel('WAV file').setInputFiles({ name: 'opening.wav', mimeType: 'audio/wav', buffer: makeWav(2000) });
    await tab.getByRole('button', { name: 'Upload prompt' }).click();
    await expect(tab.getByRole('status').textContent()).resolves.toBe('Saved zh/opening-spring: use sound:dialer/opening-spring in a campaign.');
    const row = tab.getByTestId('prompt-opening-spring');
    await expect(row.textContent()).resolves.toContain('sound:dialer/opening-spring');
    expect(readFileSync(join(promptsDir, 'zh', 'dialer', 'opening-spring.wav')).equals(makeWav(2000))).toBe(true);
    // Played from the console (the player fetches the WAV with the manager's session).
    await row.getByRole('button', { name: 'Play' }).click();
    const src = await tab.getByTestId('prompt-player').getAttribute('src');
    expect(await page.evaluate(async (url) => (await fetch(url!)).headers.get('content-type'), src)).toBe('audio/wav');
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect(tab.getByRole('status').textContent()).resolves.toBe('Deleted zh/opening-spring.');
    await tab.getByTestId('prompt-opening-spring').waitFor({ state: 'detached' });

    await tab.getByLabel('Prompt name').fill('opening-spring');
    await tab.getByLabel('WAV file').setInputFiles({ name: 'wideband.wav', mimeType: 'audio/wav', buffer: makeWav(2000, 16_000) });
    await tab.getByRole('button', { name: 'Upload prompt' }).click();
    await expect(tab.getByRole('alert').textContent()).resolves.toContain('prompt must be 8000 Hz, 16-bit, mono PCM');
    await screenshot(page, 'manager-prompts');
    await context.close();
  });
});
