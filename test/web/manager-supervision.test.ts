/**
 * The supervision buttons of the manager's live dashboard in a real browser against the
 * service on the simulator: a manager sets their phone, listens to a live call, whispers,
 * barges, stops, then takes another stretch over (confirming), and the call ends when they
 * stop; the same card in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import { openManagerTab } from './support/manager-pages.js';
import { waitFor } from '../support/harness.js';

let h: ConsoleHarness;
let browser: TestBrowser;
let agentId: number;
let zhouId: number;
const POLL = { timeout: 15_000 };

beforeAll(async () => {
  h = await startConsoleHarness({ sim: { defaultScript: { kind: 'answer', ringMs: 50 } } });
  browser = await launchBrowser();
  await h.createUser('manager.sun', 'manager', 'Sun Li');
  zhouId = await h.createUser('manager.zhou', 'manager', '周主管', 'zh-CN');
  ({ agentId } = await h.createAgentUser('agent.he', '7701'));
  await h.loginAgent(agentId);
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const bridge = (id: string) => h.sim.bridges().find((b) => b.id === id);

describe('supervising a live call from the dashboard', () => {
  it('sets the phone, then Listen, Whisper, Barge, Stop, Take over and Stop from the buttons', async () => {
    const campaignId = h.runCampaign(['13900007701']);
    const call = await waitFor('agent connected', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null));
    const { page } = await browser.newPage();
    page.on('dialog', (d) => void d.accept());
    await signIn(page, h.baseUrl, 'manager.sun');
    await openManagerTab(page, h.baseUrl, 'dashboard');
    const card = page.getByTestId('supervision-calls');

    // No phone yet: the card asks for the extension first.
    await card.getByTestId('supervisor-phone').getByLabel('Your extension').fill('8801');
    await card.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => card.textContent(), POLL).toContain('Your phone: extension 8801');

    const row = card.getByTestId(`live-call-${call.id}`);
    await expect.poll(() => row.textContent(), POLL).toContain('agent.he');
    // How long the call has been live, by the service's clock.
    expect(await row.locator('td.num').textContent()).toMatch(/^0:0\d:\d\d$/);
    await row.getByRole('button', { name: 'Listen' }).click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('Listen');
    const id = h.service.supervision.supervision.list(call.id)[0]!.id;
    await waitFor('listening', () => bridge(`mon-${id}`)?.channels.length === 2);
    await expect.poll(() => row.getByRole('button', { name: 'Listen' }).isDisabled()).toBe(true);

    await row.getByRole('button', { name: 'Whisper' }).click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('Whisper');
    await waitFor('whispering', () => bridge(`mon-${id}`)?.channels.includes(`snoop-${id}-2`));

    await row.getByRole('button', { name: 'Barge' }).click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('Barge');
    await waitFor('barged', () => bridge(`br-${call.id}`)?.channels.length === 3);
    await screenshot(page, 'manager-supervision-barge');

    await row.getByTestId('supervise-stop').click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('');
    await waitFor('supervisor gone', () => bridge(`br-${call.id}`)?.channels.length === 2);

    await row.getByRole('button', { name: 'Take over' }).click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('Take over');
    await waitFor('agent left the call', () => h.service.agents.get(agentId)?.state !== 'on-call');
    await expect.poll(() => row.getByRole('button', { name: 'Listen' }).isDisabled()).toBe(true);
    await row.getByTestId('supervise-stop').click();
    await expect.poll(() => card.getByTestId(`live-call-${call.id}`).count(), POLL).toBe(0);
    await waitFor('call ended', () => h.callsOf(campaignId)[0]?.state === 'ended');
  }, 90_000);

  it('shows the card and its buttons in Chinese', async () => {
    h.service.supervision.phones.set(zhouId, '8802');
    await waitFor('agent ready', () => h.service.agents.get(agentId)?.state === 'ready', 30_000);
    const campaignId = h.runCampaign(['13900007702']);
    const call = await waitFor('agent connected', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null));
    const { page } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhou', undefined, 'zh-CN');
    await openManagerTab(page, h.baseUrl, 'dashboard');
    const card = page.getByTestId('supervision-calls');
    await expect.poll(() => card.textContent(), POLL).toContain('通话监控');
    const row = card.getByTestId(`live-call-${call.id}`);
    await row.getByRole('button', { name: '监听' }).click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('监听中');
    for (const name of ['密语', '强插', '强接']) expect(await row.getByRole('button', { name }).isVisible()).toBe(true);
    await screenshot(page, 'manager-supervision-zh');
    await row.getByRole('button', { name: '结束监控' }).click();
    await expect.poll(() => row.getByTestId('supervision-state').textContent(), POLL).toBe('');
    h.sim.hangupFarEnd(`cust-${call.id}`);
  }, 60_000);
});
