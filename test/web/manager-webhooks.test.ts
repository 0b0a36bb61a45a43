/**
 * The manager console's Webhooks tab in a real browser: a manager registers a local receiver
 * for do-not-call entries; while the receiver is down the delivery runs out of attempts and
 * shows as failed with the receiver's answer; once it is back, Re-send delivers it, signed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/webhooks/signature.js';
import { waitFor } from '../support/harness.js';
import { apiSession } from './support/api-session.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import { openManagerTab } from './support/manager-pages.js';

let h: ConsoleHarness;
let browser: TestBrowser;
let server: Server;
let receiverUrl: string;
const rx = { down: true, received: [] as { raw: string; signature: string }[] };

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (rx.down) return void res.writeHead(503).end();
      rx.received.push({ raw, signature: String(req.headers['x-dialer-signature']) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`;
  h = await startConsoleHarness({ env: { WEBHOOK_ATTEMPTS: '2', WEBHOOK_BACKOFF_MS: '50', WEBHOOK_FEED_MS: '50' } });
  browser = await launchBrowser();
  await h.createUser('manager.webhooks', 'manager');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await new Promise((r) => server.close(r));
});

describe('manager console: webhooks', () => {
  it('registers an endpoint, shows a failed delivery with the receiver\'s answer, and re-sends it', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.webhooks', '/manager/');
    await openManagerTab(page, h.baseUrl, 'webhooks');
    const tab = page.getByTestId('webhooks');
    await tab.getByLabel('Address').fill(receiverUrl);
    await tab.getByRole('checkbox', { name: 'do-not-call.added' }).check();
    await tab.getByRole('button', { name: 'Register endpoint' }).click();
    const endpoint = await waitFor('endpoint stored', () => h.service.webhooks.store.listEndpoints()[0]);
    await tab.getByTestId(`webhook-${endpoint.id}`).waitFor();
    expect(await tab.getByTestId(`webhook-${endpoint.id}`).textContent()).toContain(endpoint.secret);

    const manager = await apiSession(h, 'manager.webhooks');
    expect((await manager('POST', '/api/do-not-call', { phone: '+8613800138001', reason: 'asked' })).statusCode).toBe(201);
    const failed = await waitFor('delivery failed', () => {
      const [d] = h.service.webhooks.store.deliveries(endpoint.id, { limit: 1 });
      return d?.status === 'failed' ? d : null;
    });

    await tab.getByTestId(`webhook-${endpoint.id}`).getByRole('button', { name: 'Deliveries' }).click();
    const row = tab.getByTestId(`webhook-delivery-${failed.id}`);
    await row.waitFor();
    expect(await row.getByTestId('delivery-status').textContent()).toBe('Failed');
    expect(await row.textContent()).toContain('the receiver answered 503');
    await screenshot(page, 'manager-webhooks-failed');

    rx.down = false;
    await row.getByRole('button', { name: 'Re-send' }).click();
    await waitFor('received', () => rx.received[0]);
    await waitFor('marked delivered', () => h.service.webhooks.store.getDelivery(failed.id).status === 'delivered');
    await tab.getByRole('button', { name: 'Refresh' }).click();
    // A function, not a string: the console's CSP forbids the eval a polling string predicate needs.
    await page.waitForFunction(
      (sel) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(sel)?.textContent === 'Delivered',
      `[data-testid="webhook-delivery-${failed.id}"] [data-testid="delivery-status"]`,
    );
    const got = rx.received[0]!;
    expect(verifyWebhookSignature(endpoint.secret, got.signature, got.raw, Math.floor(h.service.clock.now() / 1000))).toBe(true);
    expect(JSON.parse(got.raw)).toMatchObject({ version: 1, type: 'do-not-call.added', data: { phone: '+8613800138001' } });
    await screenshot(page, 'manager-webhooks-delivered');
    await context.close();
  });
});
