/**
 * The live-calls board outside the manager console, in a real browser against the service on
 * the simulator: a team lead supervises a team member's call from the agent console (Listen,
 * Whisper, Stop), and is told plainly when their phone is their own logged-in softphone; a
 * plain agent's console has no board at all; QA sets their phone and gets Listen (and Stop)
 * only, in the QA console's Live calls tab.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../src/db/schema.js';
import { waitFor } from '../support/harness.js';
import { logInSoftphone, openAgentConsole } from './support/agent-pages.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import { openQaConsole } from './support/qa-pages.js';

let h: ConsoleHarness;
let browser: TestBrowser;
let memberId: number;
let leadAgentId: number;
const POLL = { timeout: 15_000 };

beforeAll(async () => {
  h = await startConsoleHarness({ sim: { defaultScript: { kind: 'answer', ringMs: 50 } } });
  browser = await launchBrowser();
  ({ agentId: memberId } = await h.createAgentUser('agent.he', '7701', { team: 'A' }));
  ({ agentId: leadAgentId } = await h.createAgentUser('lead.wu', '7702', { team: 'A' }));
  h.service.database.db.update(agents).set({ role: 'team-lead' }).where(eq(agents.id, leadAgentId)).run();
  await h.createUser('qa.lin', 'qa', 'Lin QA');
  await h.loginAgent(memberId);
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const bridge = (id: string) => h.sim.bridges().find((b) => b.id === id);

/** A call of the team member's, connected. */
async function memberCall(phone: string) {
  await waitFor('member ready', () => h.service.agents.get(memberId)?.state === 'ready', 30_000);
  const campaignId = h.runCampaign([phone]);
  return waitFor('member connected', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null && c.agentId === memberId));
}

/** Opens a console page and waits until it has read the live calls once. */
async function afterLiveCallsRead(page: Page, open: () => Promise<void>) {
  const read = page.waitForResponse((r) => r.url().endsWith('/api/supervision/calls') && r.ok());
  await open();
  await read;
}

describe('the live-calls board in the agent and QA consoles', () => {
  it('a team lead listens, whispers and stops on a team member’s call from the agent console', async () => {
    const call = await memberCall('13900007711');
    const { page } = await browser.newPage();
    await openAgentConsole(page, h.baseUrl, 'lead.wu');
    const card = page.getByTestId('supervision-calls');
    // Their phone is their agent softphone, not logged in: free to be called.
    await expect.poll(() => card.textContent(), POLL).toContain('Your phone: extension 7702');
    const row = card.getByTestId(`live-call-${call.id}`);
    await expect.poll(() => row.textContent(), POLL).toContain('agent.he');
    await row.getByRole('button', { name: 'Listen' }).click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('Listen');
    const id = h.service.supervision.supervision.list(call.id)[0]!.id;
    await waitFor('listening', () => bridge(`mon-${id}`)?.channels.length === 2);
    expect(h.sim.channels().find((c) => c.id.startsWith(`sup-${id}-`))?.endpoint).toBe('PJSIP/7702');

    await row.getByRole('button', { name: 'Whisper' }).click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('Whisper');
    await waitFor('whispering', () => bridge(`mon-${id}`)?.channels.includes(`snoop-${id}-2`));
    await screenshot(page, 'agent-console-team-lead-whisper');

    await row.getByTestId('supervise-stop').click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('');
    await waitFor('monitor bridge gone', () => bridge(`mon-${id}`) === undefined);
    expect(h.service.supervision.store.forCall(call.id).map((r) => [r.mode, r.endReason])).toEqual([
      ['listen', 'switched'],
      ['whisper', 'stopped'],
    ]);

    // Logged in as an agent, the lead's softphone is the service's: the board says so and offers no button.
    await logInSoftphone(page);
    await card.getByTestId('supervision-phone-in-use').waitFor();
    expect(await card.getByTestId('supervision-phone-in-use').textContent()).toContain('logged in as your agent softphone');
    await expect.poll(() => row.getByRole('button', { name: 'Listen' }).isDisabled(), POLL).toBe(true);
    // A phone of their own (a second softphone): they supervise while still logged in for calls.
    const form = card.getByTestId('supervision-phone-in-use').getByTestId('supervisor-phone');
    await form.getByLabel('Your extension').fill('8804');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => card.textContent(), POLL).toContain('Your phone: extension 8804');
    expect(await card.getByTestId('supervision-phone-in-use').count()).toBe(0);
    await row.getByRole('button', { name: 'Listen' }).click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('Listen');
    const second = h.service.supervision.supervision.list(call.id)[0]!.id;
    await waitFor('listening on the own phone', () => bridge(`mon-${second}`)?.channels.length === 2);
    expect(h.sim.channels().find((c) => c.id.startsWith(`sup-${second}-`))?.endpoint).toBe('PJSIP/8804');
    expect(h.service.agents.get(leadAgentId)?.state).toBe('ready');
    await row.getByTestId('supervise-stop').click();
    await waitFor('monitor bridge gone', () => bridge(`mon-${second}`) === undefined);
    await h.service.agents.logout(leadAgentId);
    h.sim.hangupFarEnd(`cust-${call.id}`);
  }, 90_000);

  it('a plain agent’s console shows no board', async () => {
    const call = await memberCall('13900007712');
    const { page } = await browser.newPage();
    await afterLiveCallsRead(page, () => openAgentConsole(page, h.baseUrl, 'agent.he'));
    await page.getByTestId('call-card').waitFor();
    expect(await page.getByTestId('supervision-calls').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    h.sim.hangupFarEnd(`cust-${call.id}`);
  }, 60_000);

  it('QA sets their phone and may only listen, from the Live calls tab', async () => {
    const call = await memberCall('13900007713');
    const { page } = await browser.newPage();
    await openQaConsole(page, h.baseUrl, 'qa.lin', 'live');
    const card = page.getByTestId('supervision-calls');
    await card.getByTestId('supervisor-phone').getByLabel('Your extension').fill('8803');
    await card.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => card.textContent(), POLL).toContain('Your phone: extension 8803');
    const row = card.getByTestId(`live-call-${call.id}`);
    await row.waitFor();
    // Listen only: no whisper, barge or take over for QA.
    expect(await row.locator('button').allTextContents()).toEqual(['Listen']);
    await row.getByRole('button', { name: 'Listen' }).click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('Listen');
    const id = h.service.supervision.supervision.list(call.id)[0]!.id;
    await waitFor('QA listening', () => bridge(`mon-${id}`)?.channels.length === 2);
    expect(await row.locator('button').allTextContents()).toEqual(['Listen', 'Stop']);
    await screenshot(page, 'qa-console-live-listen');
    await row.getByTestId('supervise-stop').click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('');
    await waitFor('QA phone hung up', () => bridge(`mon-${id}`) === undefined);
    h.sim.hangupFarEnd(`cust-${call.id}`);
  }, 60_000);
});
