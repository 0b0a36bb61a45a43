/**
 * Each console opens only for its roles, in a real browser: signing in lands on the role's
 * console, an agent who types the manager or QA address gets a 403 page (and the API
 * refuses the same data), and an anonymous visitor is sent to sign in and then back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api-session.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';

let h: ConsoleHarness;
let browser: TestBrowser;
let agentUserId: number;

beforeAll(async () => {
  // Heartbeats every second, so a revoked session's streams end within a second.
  h = await startConsoleHarness({ env: { LIVE_HEARTBEAT_MS: '1000' } });
  browser = await launchBrowser();
  agentUserId = (await h.createAgentUser('agent.li', '7001')).userId;
  await h.createUser('qa.wang', 'qa');
  await h.createUser('manager.zhao', 'manager');
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('console access by role', () => {
  it('an anonymous visitor is sent to sign in, and back to the page asked for', async () => {
    const { page, context } = await browser.newPage();
    await page.goto(`${h.baseUrl}/manager/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login');
    // Pass the sign-in through, keeping what the page received (it navigates away at once).
    let answer: unknown;
    await page.route('**/api/auth/login', async (route) => {
      const res = await route.fetch();
      answer = await res.json();
      await route.fulfill({ response: res });
    });
    await signIn(page, h.baseUrl, 'manager.zhao', '/manager/');
    expect(new URL(page.url()).pathname).toBe('/manager/');
    // The session lives in the httpOnly cookie only: the page's scripts never see a token.
    expect(answer).toMatchObject({ user: { username: 'manager.zhao' } });
    expect(answer).not.toHaveProperty('token');
    await context.close();
  });

  it('a wrong password is refused with the service message and no session', async () => {
    const { page, context } = await browser.newPage();
    await page.goto(`${h.baseUrl}/login?lang=en`);
    await page.getByLabel('Username').fill('agent.li');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/username or password/i);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('an agent lands on the agent console and cannot open the manager or QA consoles', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'agent.li');
    expect(new URL(page.url()).pathname).toBe('/agent/');
    // The nav offers the agent console only.
    await expect(page.locator('nav.consoles a').allTextContents()).resolves.toEqual(['Agent']);

    for (const path of ['/manager/', '/qa/']) {
      const res = await page.goto(`${h.baseUrl}${path}`);
      expect(res?.status()).toBe(403);
      await expect(page.getByRole('alert').textContent()).resolves.toContain('The agent role cannot open');
    }
    await screenshot(page, 'agent-refused-manager-console');

    // The API refuses the same data to the agent's own session.
    const statuses = await page.evaluate(async () => {
      const paths = ['/api/campaigns', '/api/users', '/api/qa/claims/current', '/api/qa/queue', '/api/do-not-call'];
      return Promise.all(paths.map(async (p) => [p, (await fetch(p)).status] as const));
    });
    for (const [path, status] of statuses) expect(status, path).toBe(403);
    await context.close();
  });

  it('a QA reviewer lands on the QA console and cannot open the agent or manager consoles', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'qa.wang');
    expect(new URL(page.url()).pathname).toBe('/qa/');
    for (const path of ['/agent/', '/manager/']) {
      const res = await page.goto(`${h.baseUrl}${path}`);
      expect(res?.status()).toBe(403);
    }
    await context.close();
  });

  it('signing out ends the session: the console sends the browser back to sign in', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(`${h.baseUrl}/manager/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('a session revoked elsewhere ends the live streams, and the open console goes back to sign-in', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'agent.li');
    await page.getByTestId('agent-state').waitFor();
    // An admin disables the account (as when an agent leaves): the open console must stop.
    await h.createUser('admin.root', 'admin');
    const admin = await apiSession(h, 'admin.root');
    expect((await admin('PATCH', `/api/users/${agentUserId}`, { disabled: true })).statusCode).toBe(200);
    // No page action needed: the stream is cut at its next heartbeat, its reconnect is refused.
    await page.waitForURL((url) => url.pathname === '/login', { timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('next')).toBe('/agent/');
    await context.close();
  });
});
