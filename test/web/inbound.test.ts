/**
 * A customer calling back, in a real browser (issue 13): the agent talked with them on an
 * outbound call; when they call the campaign's number, the agent's console shows the live
 * inbound call with the customer's history (the earlier call, subscriptions, do-not-call
 * status), and the live card's do-not-call button puts them on the list.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, doNotCallGlobal } from '../../src/db/schema.js';
import { OPENING, TEST_PRODUCT, waitFor } from '../support/harness.js';
import { agentState, goReady, hangUp, logInSoftphone, openAgentConsole, waitForCallCard, waitText } from './support/agent-pages.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';

const NUMBER = '13912350021';
const CALLER_ID = '02161230000';
let h: ConsoleHarness;
let browser: TestBrowser;

beforeAll(async () => {
  h = await startConsoleHarness({ scripts: { [`86${NUMBER}`]: { kind: 'answer', ringMs: 100 } } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('a customer calling back, in the agent console', () => {
  it('shows the inbound customer history and the do-not-call button works on the inbound call', { timeout: 180_000 }, async () => {
    const { agentId } = await h.createAgentUser('agent.zhou', '7811');
    const c = h.service.campaigns.create({ name: '回访活动', openingMedia: OPENING, ringTimeoutSec: 15, callerId: CALLER_ID, ...TEST_PRODUCT, dispositionRequired: false, wrapUpSec: 0 });
    h.service.campaigns.addContacts(c.id, [{ phone: NUMBER }]);
    h.service.campaigns.setStatus(c.id, 'running');

    const { page } = await browser.newPage();
    await openAgentConsole(page, h.baseUrl, 'agent.zhou');
    await logInSoftphone(page);
    h.service.dialLoop.kick();
    await waitForCallCard(page);
    // An outbound call carries no history panel.
    expect(await page.getByTestId('customer-history').count()).toBe(0);
    await hangUp(page);
    const [outbound] = await waitFor('the outbound call closed', () => {
      const rows = h.callsOf(c.id);
      return rows.length === 1 && rows[0]!.state === 'ended' ? rows : null;
    });
    await waitText(agentState(page), /^(Ready|Wrap-up)/);
    if ((await agentState(page).textContent())?.startsWith('Wrap-up')) await goReady(page);

    // The customer calls the number the campaign showed.
    h.sim.placeCarrierCall({ caller: NUMBER, dialled: CALLER_ID, app: 'dialer' });
    await waitForCallCard(page);
    const history = page.getByTestId('customer-history');
    await waitText(history, 'Customer called back');
    await waitText(history.getByTestId('history-calls'), '回访活动');
    await waitText(history.getByTestId('history-calls'), 'outbound');
    await waitText(history.getByTestId('history-calls'), 'agent.zhou');
    await waitText(history.getByTestId('history-dnc'), 'Not on a do-not-call list.');
    await waitText(history, 'No subscriptions.');
    await screenshot(page, 'agent-inbound-history');

    const inbound = await waitFor('the inbound call row', () => h.service.database.db.select().from(calls).where(eq(calls.direction, 'inbound')).get());
    expect(inbound).toMatchObject({ agentId, contactId: outbound!.contactId, phone: `+86${NUMBER}` });
    await page.getByTestId('dnc-button').click();
    await page.getByTestId('dnc-confirm').click();
    await waitText(page.getByTestId('dnc-done'), 'is on the do-not-call list');
    expect(h.service.database.db.select().from(doNotCallGlobal).where(eq(doNotCallGlobal.callId, inbound.id)).get()).toMatchObject({ phone: `+86${NUMBER}`, source: 'disposition' });
    await hangUp(page);
    await waitFor('the inbound call closed', () => h.service.database.db.select().from(calls).where(eq(calls.id, inbound.id)).get()?.state === 'ended');
  });
});
