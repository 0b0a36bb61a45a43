/**
 * Issue 14, item 7 in a real browser: what an agent dialed from a preview card is a fact of
 * the call, so the manager's targets report shows it, and still shows it after the campaign
 * is switched to progressive (the report used to recompute it from the campaign's mode).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, contacts } from '../../src/db/schema.js';
import { apiSession, type ApiSession } from './support/api-session.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import { openManagerTab } from './support/manager-pages.js';

let h: ConsoleHarness;
let browser: TestBrowser;
let manager: ApiSession;

beforeAll(async () => {
  h = await startConsoleHarness();
  browser = await launchBrowser();
  await h.createUser('manager.zhao', 'manager');
  manager = await apiSession(h, 'manager.zhao');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('the targets report’s "dialed"', () => {
  it('counts the calls an agent dialed from preview cards, whatever the campaign’s mode is now', async () => {
    const { agentId } = await h.createAgentUser('lina', '7701');
    const { db } = h.service.database;
    const campaignId = h.service.campaigns.create({ name: 'preview', dialMode: 'preview' }).id;
    const contact = db.insert(contacts).values({ campaignId, phone: '+8613800007701', createdAt: 0 }).returning().get();
    const now = h.service.clock.now();
    // Dialed by Lina from the card; the line was busy, so no agent was ever connected.
    db.insert(calls)
      .values({ id: '00000000-0000-4000-8000-000000007701', campaignId, contactId: contact.id, agentId: null, dialedByAgentId: agentId, phone: contact.phone, endpoint: 'x', channelId: 'c7701', state: 'ended', outcome: 'busy', originatedAt: now - 60_000, endedAt: now - 55_000 })
      .run();

    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao', '/manager/');
    const dialedCell = async () => {
      await openManagerTab(page, h.baseUrl, 'targets');
      const row = page.getByTestId(`figures-row-${agentId}`);
      await row.waitFor();
      return row.locator('td').nth(3).textContent();
    };
    await expect(dialedCell()).resolves.toBe('1');
    const switched = await manager('PATCH', `/api/campaigns/${campaignId}`, { dialMode: 'progressive' });
    expect(switched.statusCode, switched.body).toBe(200);
    await page.reload();
    await expect(dialedCell()).resolves.toBe('1');
    await context.close();
  });
});
