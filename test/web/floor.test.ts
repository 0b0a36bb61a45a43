/**
 * The floor in a real browser (issue 14, items 1–3): a manager assigns an agent to a campaign
 * and grants the qualification it needs; the agent sees the campaign in "My campaigns", takes
 * its call, puts the customer on the do-not-call list with the live card's confirmed button,
 * cannot take the next call before the disposition (the campaign's own list, a callback asking
 * for its time), and the manager reads the disposition in the call list and the call's detail.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doNotCallGlobal } from '../../src/db/schema.js';
import { OPENING, TEST_PRODUCT, waitFor } from '../support/harness.js';
import { agentState, goReady, hangUp, logInSoftphone, openAgentConsole, waitForCallCard, waitText } from './support/agent-pages.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import { openCall, selectCampaign, showCalls, shownCalls } from './support/manager-pages.js';

const NUMBER = '13912350001';
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

describe('the floor: assignments, dispositions, the do-not-call button', () => {
  it('assigned and qualified in the manager console; do-not-call on the live card; the disposition before the next call; seen in call history', { timeout: 180_000 }, async () => {
    const { agentId } = await h.createAgentUser('agent.lin', '7801');
    await h.createAgentUser('agent.other', '7802');
    await h.createUser('floor.boss', 'manager');
    const c = h.service.campaigns.create({ name: 'VP15 流量包', openingMedia: OPENING, ringTimeoutSec: 15, ...TEST_PRODUCT, requiredQualification: 'VP15-trained', dispositionRequired: true, wrapUpSec: 600 });
    h.service.campaigns.addContacts(c.id, [{ phone: NUMBER }]);

    // The manager assigns Lin and grants the qualification.
    const boss = await browser.newPage();
    await signIn(boss.page, h.baseUrl, 'floor.boss', '/manager/');
    const detail = await selectCampaign(boss.page, h.baseUrl, c.id);
    const agentsPanel = detail.getByTestId('campaign-agents');
    await waitText(agentsPanel.getByTestId('assignment-summary'), 'Open to every agent');
    await agentsPanel.getByTestId('assignment-pick').selectOption(`a:${agentId}`);
    await agentsPanel.getByRole('button', { name: 'Add' }).click();
    await agentsPanel.getByRole('button', { name: 'Save assignments' }).click();
    await waitText(agentsPanel.getByTestId('assignment-summary'), '1 assignment;');
    await waitText(agentsPanel.getByTestId('eligible-agents'), 'lacks the qualification VP15-trained');
    await agentsPanel.getByTestId('grant-agent').selectOption(String(agentId));
    await agentsPanel.getByRole('button', { name: 'Grant' }).click();
    await waitText(agentsPanel.getByTestId('eligible-agents'), 'yes, priority 5');
    expect(h.service.assignments.list(c.id)).toEqual([expect.objectContaining({ agentId, priority: 5 })]);
    // A disposition of the campaign's own.
    const dispositions = detail.getByTestId('campaign-dispositions');
    await dispositions.getByLabel('Code').fill('complaint');
    await dispositions.getByLabel('Label').fill('投诉 Complaint');
    await dispositions.getByRole('button', { name: 'Add disposition' }).click();
    await dispositions.getByTestId('disposition-complaint').waitFor();
    await screenshot(boss.page, 'manager-campaign-agents');
    h.service.campaigns.setStatus(c.id, 'running');

    // The agent sees the campaign and takes its call.
    const { page } = await browser.newPage();
    await openAgentConsole(page, h.baseUrl, 'agent.lin');
    await logInSoftphone(page);
    await waitText(page.getByTestId('my-campaigns'), 'VP15 流量包');
    await waitText(page.getByTestId('my-campaigns'), 'priority 5');
    h.service.dialLoop.kick();
    await waitForCallCard(page);
    const call = await waitFor('the call', () => h.callsOf(c.id)[0]);

    // 「不要再打了」: one press asks, the second confirms.
    await page.getByTestId('dnc-button').click();
    await waitText(page.getByTestId('dnc'), 'Put +86');
    expect(h.service.database.db.select().from(doNotCallGlobal).all()).toEqual([]);
    await page.getByTestId('dnc-confirm').click();
    await waitText(page.getByTestId('dnc-done'), 'is on the do-not-call list');
    expect(h.service.database.db.select().from(doNotCallGlobal).where(eq(doNotCallGlobal.callId, call.id)).get()).toMatchObject({ phone: `+86${NUMBER}`, source: 'disposition' });
    await screenshot(page, 'agent-dnc-done');

    // After the call: ready is refused until the disposition is given.
    await hangUp(page);
    await waitText(agentState(page), 'Wrap-up');
    await page.getByRole('button', { name: 'Ready for next call' }).click();
    await waitText(page.getByTestId('softphone'), 'needs its disposition');
    expect(h.service.agents.get(agentId)?.state).toBe('wrap-up');
    const form = page.getByTestId('disposition-form');
    const choices = await form.locator('select[data-testid="disposition-select"] option:not([value=""])').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
    expect(choices).toContain('complaint');
    expect(choices).not.toContain('sale');
    // A callback asks for its time.
    await form.getByTestId('disposition-select').selectOption('callback');
    await form.getByTestId('disposition-callback-at').waitFor();
    await form.getByTestId('disposition-select').selectOption('complaint');
    await form.getByRole('button', { name: 'Save disposition' }).click();
    await waitText(page.getByTestId('saved-disposition'), '投诉 Complaint');
    await goReady(page);
    expect(h.service.agents.get(agentId)?.state).toBe('ready');

    // The manager reads it in call history and the call's detail.
    await showCalls(boss.page, h.baseUrl, c.id);
    const rows = await shownCalls(boss.page);
    expect(rows.find((r) => r.id === call.id)?.text).toContain('投诉 Complaint');
    const callDetail = await openCall(boss.page, call.id);
    await waitText(callDetail.getByTestId('call-detail-disposition'), '投诉 Complaint');
    await screenshot(boss.page, 'manager-call-disposition');
  });
});
