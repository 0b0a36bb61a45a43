/**
 * The floor speaks Chinese (issue 12): signed in as users whose language is Simplified Chinese,
 * in a browser that would rather speak American English in New York's time zone, every tab of
 * every console shows no English UI text (product data — names, numbers, codes the user typed —
 * excepted), and times are the centre's (Asia/Shanghai), written 2026-12-07 10:30:05.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIn } from '../../src/web/i18n/i18n.js';
import { OPENING, waitFor } from '../support/harness.js';
import { apiSession } from './support/api-session.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';

let h: ConsoleHarness;
let browser: TestBrowser;

/** Data the users typed (shown as written): campaign and product, people, and the codes and formats a floor uses as they are. */
const DATA_WORDS = ['agent', 'chen', 'manager', 'zhao', 'qa', 'wang', 'admin', 'root', 'VP', 'TD', 'BREAK', 'MEAL', 'TRAINING', 'MEETING', 'COACHING', 'TECH', 'IDLE', 'DISPO'];
/** Names of formats, standards and systems, as the Chinese catalogue may use them too. */
const AGREED = ['CSV', 'UTF', 'GBK', 'Excel', 'IANA', 'ARI', 'Asterisk', 'WAV', 'Hz', 'CN', 'SHA', 'English', 'Asia', 'Shanghai', 'PJSIP', 'sound', 'dialer', 'opening', 'number', 'carrier', 'CNY'];
const ALLOWED = new Set([...DATA_WORDS, ...AGREED].map((w) => w.toLowerCase()));

beforeAll(async () => {
  h = await startConsoleHarness();
  browser = await launchBrowser({ locale: 'en-US', timezoneId: 'America/New_York' });
  await h.createUser('manager.zhao', 'manager', '赵主管', 'zh-CN');
  await h.createUser('qa.wang', 'qa', '王质检', 'zh-CN');
  await h.createUser('admin.root', 'admin', '系统管理员', 'zh-CN');
  await h.createAgentUser('agent.chen', '7501', { dailyTargetSec: 3 * 3600, team: '一组', locale: 'zh-CN' });
  const manager = await apiSession(h, 'manager.zhao');
  const res = await manager('POST', '/api/campaigns', { name: '春季5G套餐', openingMedia: OPENING, productCode: 'VP15', productName: '5G流量包', productPriceMinor: 1500, productCurrency: 'CNY', productBillingPeriod: 'monthly', productFreeTrialDays: 7, productAfterTrial: 'converts-to-paid', productCancelHow: '发送TD到10086' });
  expect(res.statusCode).toBe(201);
  // A webhook endpoint nothing listens at, with a delivery of a do-not-call entry it could not take.
  const hook = await manager('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/crm', events: ['call.ended', 'do-not-call.added'] });
  expect(hook.statusCode).toBe(201);
  expect((await manager('POST', '/api/do-not-call', { phone: '+8613800138009', reason: '客户要求' })).statusCode).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/** Every Latin word the page shows: its text, its options, and the placeholders, titles and labels a user reads. */
async function shownLatinWords(page: Page): Promise<string[]> {
  // Run in the page (as source: this project's Node typings have no DOM).
  // What a page shows as code (<code>: a disposition's code, a media name) is typed and used as it is, not worded: hidden while the text is read.
  const text = await page.evaluate<string>(`(() => {
    const hide = document.createElement('style');
    hide.textContent = 'code { display: none !important; }';
    document.head.appendChild(hide);
    const parts = [document.body.innerText, document.title];
    hide.remove();
    for (const el of document.querySelectorAll('option, optgroup')) parts.push(el.label || el.textContent || '');
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      for (const a of ['placeholder', 'title', 'aria-label']) parts.push(el.getAttribute(a) || '');
    }
    return parts.join('\\n');
  })()`);
  // Media URIs and time zones are data the user typed or copies; addresses are not words.
  const cleaned = text.replace(/\b\w+:[\w/.-]+/g, ' ').replace(/\b[\w-]+\/[\w/-]+\b/g, ' ');
  const words = cleaned.match(/[A-Za-z]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED.has(w.toLowerCase())))];
}

/** Waits until the page has loaded what it shows (no "加载中…" left). */
async function settled(page: Page): Promise<void> {
  const loading = messageIn('zh-CN', 'common.loading');
  // A function, not a string: the console's CSP forbids the eval a polling string predicate needs.
  await page.waitForFunction((words) => {
    const text = (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText;
    return words.every((w) => !text.includes(w));
  }, [loading, 'Loading']);
}

async function expectChinese(page: Page, where: string): Promise<void> {
  await settled(page);
  await screenshot(page, `zh-${where}`);
  expect({ where, english: await shownLatinWords(page) }).toEqual({ where, english: [] });
}

describe('every console in Chinese', () => {
  it('the sign-in page is Chinese before anyone signs in, whatever the browser prefers', async () => {
    const { page, context } = await browser.newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expectChinese(page, 'login');
    await context.close();
  });

  it('the manager console: every tab', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao', undefined, 'zh-CN');
    const tabs = ['campaigns', 'lists', 'dashboard', 'targets', 'dnc', 'users', 'prompts', 'subscriptions', 'calls', 'callbacks', 'webhooks'] as const;
    for (const tab of tabs) {
      await page.goto(`${h.baseUrl}/manager/#${tab}`);
      await page.getByRole('tab', { name: messageIn('zh-CN', `managerTab.${tab}`) }).waitFor();
      if (tab === 'campaigns') {
        // The campaign's settings and lifecycle, with its product terms.
        await page.getByRole('button', { name: '春季5G套餐' }).click();
        await page.getByTestId('campaign-form').waitFor();
      }
      if (tab === 'dashboard') await page.getByTestId('agent-state').first().waitFor();
      if (tab === 'targets') await page.getByTestId('figures-table').waitFor();
      if (tab === 'callbacks') await page.getByTestId('callback-list').locator('p.muted, table').first().waitFor();
      if (tab === 'users') await page.getByTestId('pause-codes-section').getByRole('checkbox').first().waitFor();
      if (tab === 'webhooks') {
        // The endpoint, the event choices, and a delivery with the receiver's (missing) answer.
        const [endpoint] = h.service.webhooks.store.listEndpoints();
        await waitFor('a delivery attempted', () => h.service.webhooks.store.deliveries(endpoint!.id, { limit: 1 })[0]?.lastAttemptAt);
        await page.getByRole('checkbox').first().waitFor();
        await page.getByTestId(`webhook-${endpoint!.id}`).getByRole('button', { name: messageIn('zh-CN', 'webhooks.showDeliveries') }).click();
        await page.getByTestId(`webhook-deliveries-${endpoint!.id}`).locator('tbody tr').first().waitFor();
      }
      await expectChinese(page, `manager-${tab}`);
    }
    await context.close();
  });

  it('the staff accounts an admin sees', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'admin.root', undefined, 'zh-CN');
    await page.goto(`${h.baseUrl}/manager/#users`);
    await page.getByTestId('user-admin.root').waitFor();
    await expectChinese(page, 'manager-staff');
    await context.close();
  });

  it('the QA console: every tab', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'qa.wang', undefined, 'zh-CN');
    for (const tab of ['review', 'disputes', 'reports', 'live'] as const) {
      await page.goto(`${h.baseUrl}/qa/#${tab}`);
      await page.getByRole('tab', { name: messageIn('zh-CN', `qaTab.${tab}`) }).waitFor();
      if (tab === 'reports') await page.getByTestId('cycle-report').locator('p.muted').first().waitFor();
      // Live calls: the phone form (QA has no phone yet) and the empty list.
      if (tab === 'live') await page.getByTestId('supervisor-phone').waitFor();
      await expectChinese(page, `qa-${tab}`);
    }
    await context.close();
  });

  it('the agent console, and the page refusing an agent the manager console', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'agent.chen', undefined, 'zh-CN');
    await page.getByTestId('softphone').waitFor();
    await page.getByTestId('talk-target').waitFor();
    await page.getByTestId('my-quality').waitFor();
    await expectChinese(page, 'agent');
    await page.goto(`${h.baseUrl}/manager/`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('坐席角色不能打开主管控制台。');
    await expectChinese(page, 'agent-refused');
    await context.close();
  });
});

describe('one way to show time', () => {
  it('times are the centre\'s, 24-hour YYYY-MM-DD HH:mm:ss, though the browser is in New York', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'qa.wang', undefined, 'zh-CN');
    await page.goto(`${h.baseUrl}/qa/#reports`);
    const range = page.getByTestId('cycle-report').locator('p.muted').first();
    await range.waitFor();
    // A QA cycle starts at the centre's midnight on the 21st: in Shanghai that is 00:00:00,
    // where New York's zone would have written 11:00:00 on the 20th.
    expect(await range.textContent()).toMatch(/^\d{4}-\d{2}-21 00:00:00 – \d{4}-\d{2}-20 23:59:59;/);
    expect(await page.locator('body').innerText()).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2}T\d{2}:|[AP]M\b/);
    await context.close();
  });
});

describe('the user chooses their language', () => {
  it('switching to English is saved on the account and survives signing in again', async () => {
    await h.createUser('manager.li', 'manager', '李主管', 'zh-CN');
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.li', undefined, 'zh-CN');
    await page.getByRole('tab', { name: '外呼活动' }).waitFor();
    await page.getByTestId('language-switch').locator('select').selectOption('en');
    await page.getByRole('tab', { name: 'Campaigns' }).waitFor();
    expect(h.service.users.findByUsername('manager.li')?.locale).toBe('en');
    // The check the Chinese pages pass does find English where there is some.
    await settled(page);
    expect(await shownLatinWords(page)).toEqual(expect.arrayContaining(['Campaigns', 'Sign', 'out']));
    await context.close();
    // Another browser, remembering nothing: the account says English.
    const fresh = await browser.newPage();
    await signIn(fresh.page, h.baseUrl, 'manager.li', undefined, 'zh-CN');
    await fresh.page.getByRole('tab', { name: 'Campaigns' }).waitFor();
    await fresh.context.close();
  });
});
