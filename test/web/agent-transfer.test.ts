/**
 * The agent console's transfer controls in a real browser, against the whole service on the
 * simulator: agent A picks a ready colleague, consults while the customer holds on music, joins
 * all three, leaves; the colleague's console then shows the live call; then a blind transfer
 * from B's console back to A. Another call: a blind transfer to a manager, whose supervisor
 * phone rings and takes the customer; the manager's call page shows who had the customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENING, TEST_PRODUCT, waitFor } from '../support/harness.js';
import { goReady, logInSoftphone, openAgentConsole, waitForCallCard, waitText } from './support/agent-pages.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';

let h: ConsoleHarness;
let browser: TestBrowser;

beforeAll(async () => {
  h = await startConsoleHarness({
    env: { WRAP_UP_MS: '0' },
    sim: { defaultPlaybackMs: 40 },
    scripts: { '8613912350001': { kind: 'answer', ringMs: 100 }, '8613912350002': { kind: 'answer', ringMs: 100 }, '8801': { kind: 'answer', ringMs: 100 } },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/** A running campaign of one customer, dialled now. */
function dialOne(name: string, phone: string) {
  const c = h.service.campaigns.create({ name, openingMedia: OPENING, ringTimeoutSec: 15, ...TEST_PRODUCT });
  h.service.campaigns.addContacts(c.id, [{ phone, fields: {} }]);
  h.service.campaigns.setStatus(c.id, 'running');
  h.service.dialLoop.kick();
  return c;
}

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

    const c = dialOne('transfer test', '13912350001');
    await waitForCallCard(pageA);
    const call = await waitFor('A on the call', () => h.callsOf(c.id).find((x) => x.agentId === a.agentId && x.agentConnectedAt !== null));
    await goReady(pageB);

    const panel = pageA.getByTestId('transfer');
    await panel.waitFor();
    // Who is free is read again when the picker is focused: B is ready now.
    await pageA.getByTestId('transfer-target').focus();
    await pageA.locator(`[data-testid="transfer-target"] option[value="agent:${b.agentId}"]:not([disabled])`).waitFor({ state: 'attached' });
    await pageA.getByTestId('transfer-target').selectOption(`agent:${b.agentId}`);
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
    await pageB.locator(`[data-testid="transfer-target"] option[value="agent:${a.agentId}"]:not([disabled])`).waitFor({ state: 'attached' });
    await pageB.getByTestId('transfer-target').selectOption(`agent:${a.agentId}`);
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

  it('blind transfer to a manager: listed by name, their supervisor phone takes the customer; the call page shows the handoff', async () => {
    // The first test's agents step aside: this call goes to a new agent.
    await h.service.agents.logoutAll();
    const bossId = await h.createUser('manager.fang', 'manager', 'Fang Jing');
    h.service.supervision.phones.set(bossId, '8801');
    const cui = await h.createAgentUser('agent.cui', '7403');
    const page = (await browser.newPage()).page;
    await openAgentConsole(page, h.baseUrl, 'agent.cui');
    await logInSoftphone(page);
    const c = dialOne('transfer to a manager', '13912350002');
    await waitForCallCard(page);
    const call = await waitFor('Cui on the call', () => h.callsOf(c.id).find((x) => x.agentId === cui.agentId && x.agentConnectedAt !== null));

    const option = page.locator(`[data-testid="transfer-target"] option[value="supervisor:${bossId}"]`);
    await option.waitFor({ state: 'attached' });
    expect(await option.textContent()).toBe('Fang Jing (8801, manager) — their supervisor phone rings');
    await page.getByTestId('transfer-target').selectOption(`supervisor:${bossId}`);
    await screenshot(page, 'agent-transfer-to-manager');
    await page.getByTestId('transfer-blind').click();
    await page.getByTestId('transfer').waitFor({ state: 'detached' });
    await waitFor('the manager has the customer', () => h.service.transfers.store.handlersOf(call.id).some((x) => x.userId === bossId));
    expect(h.service.transfers.store.handlersOf(call.id).map((x) => [x.agentId, x.userId, x.via])).toEqual([
      [cui.agentId, null, 'dialer'],
      [null, bossId, 'blind'],
    ]);

    // The manager's call page: who had the customer, agent then manager.
    const managerPage = (await browser.newPage()).page;
    await signIn(managerPage, h.baseUrl, 'manager.fang');
    await managerPage.goto(`${h.baseUrl}/manager/#calls/${call.id}`);
    const handlers = managerPage.getByTestId('call-handlers');
    await waitText(handlers, 'Fang Jing (manager)');
    expect(await handlers.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^agent\.cuiconnected by the dialer/), expect.stringMatching(/^Fang Jing \(manager\)blind transfer/)]);
    h.sim.hangupFarEnd(`cust-${call.id}`);
    await h.waitCampaignDone(c.id, 1);
  }, 90_000);
});
