/**
 * The agent console's transfer controls in a real browser, against the whole service on the
 * simulator: agent A picks a ready colleague, consults while the customer holds on music, joins
 * all three, leaves; the colleague's console then shows the live call. A second call: a blind
 * transfer from B's console back to A in Chinese, then B's console shows no live call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENING, TEST_PRODUCT, waitFor } from '../support/harness.js';
import { goReady, logInSoftphone, openAgentConsole, waitForCallCard, waitText } from './support/agent-pages.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';

let h: ConsoleHarness;
let browser: TestBrowser;

beforeAll(async () => {
  h = await startConsoleHarness({
    env: { WRAP_UP_MS: '0' },
    sim: { defaultPlaybackMs: 40 },
    scripts: { '8613912350001': { kind: 'answer', ringMs: 100 } },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('agent console: transfers', () => {
  it('consult a ready colleague, three-way, leave: the colleague has the customer', async () => {
    const a = await h.createAgentUser('agent.an', '7401');
    const b = await h.createAgentUser('agent.bo', '7402');
    const pageA = (await browser.newPage()).page;
    const pageB = (await browser.newPage()).page;
    await openAgentConsole(pageA, h.baseUrl, 'agent.an');
    await openAgentConsole(pageB, h.baseUrl, 'agent.bo');
    await logInSoftphone(pageA);
    // B is paused while the call is placed, so that A takes it.
    await h.loginAgent(b.agentId);
    h.service.agents.pause(b.agentId, 'BREAK');

    const c = h.service.campaigns.create({ name: 'transfer test', openingMedia: OPENING, ringTimeoutSec: 15, ...TEST_PRODUCT });
    h.service.campaigns.addContacts(c.id, [{ phone: '13912350001', fields: {} }]);
    h.service.campaigns.setStatus(c.id, 'running');
    h.service.dialLoop.kick();
    await waitForCallCard(pageA);
    const call = await waitFor('A on the call', () => h.callsOf(c.id).find((x) => x.agentId === a.agentId && x.agentConnectedAt !== null));
    await goReady(pageB);

    const panel = pageA.getByTestId('transfer');
    await panel.waitFor();
    // Who is free is read again when the picker is focused: B is ready now.
    await pageA.getByTestId('transfer-target').focus();
    await pageA.locator(`[data-testid="transfer-target"] option[value="${b.agentId}"]:not([disabled])`).waitFor({ state: 'attached' });
    await pageA.getByTestId('transfer-target').selectOption(String(b.agentId));
    await pageA.getByTestId('transfer-consult').click();
    await waitText(pageA.getByTestId('transfer-phase'), 'the customer is on hold');
    expect(h.sim.bridges().find((x) => x.id === `br-${call.id}`)?.musicOnHold).toBe(true);
    await screenshot(pageA, 'agent-transfer-consulting');
    await pageA.getByTestId('transfer-complete').click();
    await waitText(pageA.getByTestId('transfer-phase'), 'Three-way call with agent.bo');
    expect(h.sim.bridges().find((x) => x.id === `br-${call.id}`)?.channels).toHaveLength(3);
    await pageA.getByTestId('transfer-leave').click();
    // A is off the call: no transfer controls; B's console shows the live call.
    await pageA.getByTestId('transfer').waitFor({ state: 'detached' });
    await waitForCallCard(pageB);
    await pageB.getByTestId('transfer').waitFor();
    expect(h.service.transfers.store.handlersOf(call.id).map((x) => [x.agentId, x.via])).toEqual([
      [a.agentId, 'dialer'],
      [b.agentId, 'warm'],
    ]);

    // Back the other way, blind, from B's console.
    await waitFor('A ready', () => h.service.agents.get(a.agentId)?.state === 'ready');
    await pageB.getByTestId('transfer-target').focus();
    await pageB.locator(`[data-testid="transfer-target"] option[value="${a.agentId}"]:not([disabled])`).waitFor({ state: 'attached' });
    await pageB.getByTestId('transfer-target').selectOption(String(a.agentId));
    await pageB.getByTestId('transfer-blind').click();
    await pageB.getByTestId('transfer').waitFor({ state: 'detached' });
    await waitFor('A has the customer again', () => h.callsOf(c.id)[0]!.agentId === a.agentId);
    await pageA.getByTestId('transfer').waitFor();
    expect(h.service.transfers.store.handlersOf(call.id).map((x) => [x.agentId, x.via])).toEqual([
      [a.agentId, 'dialer'],
      [b.agentId, 'warm'],
      [a.agentId, 'blind'],
    ]);
    h.sim.hangupFarEnd(`cust-${call.id}`);
    await h.waitCampaignDone(c.id, 1);
  }, 90_000);
});
