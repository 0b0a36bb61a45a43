/**
 * The agent console in a real browser against the whole service on the ARI simulator: an
 * agent signs in, logs the softphone in, pauses and is ready, takes a call, works it (refusal,
 * identity, verification driven by the customer's keys in the simulator) and makes a verified
 * sale; three refusals lock the offer; a callback is scheduled in the campaign's time zone;
 * a preview campaign's card is dialed; a user without an agent record is told why.
 */
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { NewCampaign } from '../../src/campaigns/campaign-store.js';
import { CONSENT_PROMPTS } from '../../src/consent/disclosure.js';
import { callbacks, consentActions, subscriptions } from '../../src/db/schema.js';
import { waitAsked } from '../consent/consent-support.js';
import { OPENING, TEST_PRODUCT, waitFor } from '../support/harness.js';
import {
  agentState,
  confirmIdentity,
  dispositionChoices,
  goReady,
  hangUp,
  logInSoftphone,
  logOutSoftphone,
  logRefusal,
  openAgentConsole,
  pauseWith,
  scheduleCallback,
  setDisposition,
  startVerification,
  waitForCallCard,
  waitText,
  waitVerificationStep,
} from './support/agent-pages.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import { maskPhone } from '../../src/support/mask-phone.js';

const SALE_NUMBER = '13912340001';
const LOCK_NUMBER = '13912340002';
const PREVIEW_NUMBER = '13912340003';
/** A preview customer whose line is busy: the call never reaches the agent. */
const BUSY_NUMBER = '13912340004';
const OPENING_TEXT = '您好,打扰您了,我是星河通信的客服代表小陈,请问您是王先生吗?';
const SCRIPT_TEXT = '为您介绍5G流量包:每月15元,退订请发送TD到10086。\n结束语:感谢您接听电话,祝您身体健康,生活愉快,再见!';

let h: ConsoleHarness;
let browser: TestBrowser;

beforeAll(async () => {
  h = await startConsoleHarness({
    // Wrap-up lasts until the agent says ready, as on a real desk.
    env: { WRAP_UP_MS: '600000' },
    // Short prompts: the whole disclosure plays in about a second.
    sim: { defaultPlaybackMs: 40, perDigitPlaybackMs: 10 },
    scripts: {
      ...Object.fromEntries([SALE_NUMBER, LOCK_NUMBER, PREVIEW_NUMBER].map((n) => [`86${n}`, { kind: 'answer' as const, ringMs: 100 }])),
      [`86${BUSY_NUMBER}`]: { kind: 'busy' },
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/** A running campaign (TEST_PRODUCT terms, our opening and script) with one contact and its list fields. */
function startCampaign(phone: string, fields: Record<string, string>, settings: Partial<NewCampaign> = {}): number {
  const c = h.service.campaigns.create({ name: '5G流量包 outbound', openingMedia: OPENING, ringTimeoutSec: 15, openingText: OPENING_TEXT, scriptText: SCRIPT_TEXT, ...TEST_PRODUCT, ...settings });
  const loaded = h.service.campaigns.addContacts(c.id, [{ phone, fields }]);
  expect(loaded.accepted).toBe(1);
  h.service.campaigns.setStatus(c.id, 'running');
  h.service.dialLoop.kick();
  return c.id;
}

/** A new agent on a preview campaign of one customer: signs in, asks for the next customer, sees them (`onCard`), dials. */
async function previewAndDial(login: string, ext: string, phone: string, name: string, onCard?: (page: Page) => Promise<unknown>) {
  const { agentId } = await h.createAgentUser(login, ext);
  const campaignId = startCampaign(phone, { 姓名: name }, { dialMode: 'preview' });
  const { page, context } = await browser.newPage();
  await openAgentConsole(page, h.baseUrl, login);
  await logInSoftphone(page);
  await page.getByRole('button', { name: 'Next customer' }).click();
  await waitText(page.getByTestId('preview-card'), name);
  await onCard?.(page);
  await page.getByRole('button', { name: 'Dial', exact: true }).click();
  return { agentId, campaignId, page, context };
}

const callOf = (campaignId: number) => waitFor('the call of the campaign', () => h.callsOf(campaignId)[0]);

describe('agent console', () => {
  it('an agent signs in, goes ready, takes a call and makes a verified sale', async () => {
    const { agentId } = await h.createAgentUser('agent.chen', '7301', { dailyTargetSec: 3600 });
    const { page, context } = await browser.newPage();
    await openAgentConsole(page, h.baseUrl, 'agent.chen');
    expect(new URL(page.url()).pathname).toBe('/agent/');
    await waitText(agentState(page), 'Logged out');

    await logInSoftphone(page);
    await pauseWith(page, 'BREAK');
    expect(h.service.agents.get(agentId)).toMatchObject({ state: 'paused', reason: 'BREAK' });
    await goReady(page);
    expect(h.service.agents.get(agentId)?.state).toBe('ready');
    await page.getByTestId('time-in-state').waitFor();
    await screenshot(page, 'agent-ready');

    const campaignId = startCampaign(SALE_NUMBER, { 姓名: '王先生', 套餐: '畅享99元' });
    const card = await waitForCallCard(page);
    const call = await callOf(campaignId);
    // The number in full on the live call; the campaign's words as written; the list's fields.
    await waitText(page.getByTestId('customer-phone'), `+86${SALE_NUMBER}`);
    expect(await page.getByTestId('opening-text').innerText()).toBe(OPENING_TEXT);
    expect(await page.getByTestId('script-text').innerText()).toBe(SCRIPT_TEXT);
    await waitText(page.getByTestId('customer-fields'), '王先生');
    await waitText(page.getByTestId('product-terms'), 'send TD to 10086');
    expect(await card.innerText()).toContain('5G value pack');
    // Anywhere else the number is masked: today's list shows the call without it.
    await waitText(page.getByTestId('today-calls'), maskPhone(`+86${SALE_NUMBER}`));
    expect(await page.getByTestId('today-calls').innerText()).not.toContain(SALE_NUMBER);
    await screenshot(page, 'agent-call-card');

    await logRefusal(page, 1);
    const start = page.getByTestId('start-verification');
    expect(await start.isDisabled()).toBe(true);
    await waitText(page.getByTestId('verify-blocked'), 'confirm the account holder first');
    await confirmIdentity(page);
    await startVerification(page);

    // The customer answers the system's questions with keys, when asked.
    await waitVerificationStep(page, 'Identity');
    await waitAsked(h, call.id, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(`cust-${call.id}`, '1', 0);
    await waitVerificationStep(page, 'Consent');
    expect(await page.locator('.steps li.done').allInnerTexts()).toEqual(['Identity (press 1)', 'Terms disclosed']);
    await screenshot(page, 'agent-verification');
    await waitAsked(h, call.id, CONSENT_PROMPTS.confirmQuestion);
    h.sim.pressDigits(`cust-${call.id}`, '1', 0);
    await waitText(page.getByTestId('verification-outcome'), 'pressed 1: subscribed');
    await waitText(page.getByTestId('subscription'), /Subscription #\d+ confirmed/);

    await hangUp(page);
    await waitText(agentState(page), 'Wrap-up');
    // Once the call is over its number is masked on the card too.
    await waitText(page.getByTestId('customer-phone'), maskPhone(`+86${SALE_NUMBER}`));
    expect(await dispositionChoices(page)).toContain('sale');
    await setDisposition(page, 'sale', 'verified by keypress', 'Sale');
    await screenshot(page, 'agent-sale');

    const subs = h.service.database.db.select().from(subscriptions).where(eq(subscriptions.callId, call.id)).all();
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ agentId, campaignId, productCode: TEST_PRODUCT.productCode });
    const dispositions = h.service.database.db
      .select()
      .from(consentActions)
      .where(and(eq(consentActions.callId, call.id), eq(consentActions.kind, 'disposition')))
      .all();
    expect(dispositions.map((d) => d.detail)).toEqual([{ disposition: 'sale', category: 'sale', label: '成功订购 Sale (verified subscription)', note: 'verified by keypress' }]);

    // Today's talk time against the target: what the service counted, drawn on the bar.
    const mine = await waitFor('talk time counted', () => h.service.liveView.snapshot().agents.find((a) => a.agentId === agentId && a.talkTodaySec > 0));
    expect(mine.connectedToday).toBe(1);
    const bar = page.getByTestId('talk-progress').getByRole('progressbar');
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe(String(mine.talkTodaySec));
    expect(await bar.getAttribute('aria-valuemax')).toBe('3600');
    await waitText(page.getByTestId('connected-today'), '1');
    await waitText(page.getByTestId('today-calls'), 'sale');

    await goReady(page);
    await logOutSoftphone(page);
    expect(h.service.agents.get(agentId)).toBeNull();
    await context.close();
  });

  it('three refusals lock the offer, the console says why, and a callback is scheduled in the campaign time zone', async () => {
    const { agentId } = await h.createAgentUser('agent.lin', '7302');
    const { page, context } = await browser.newPage();
    await openAgentConsole(page, h.baseUrl, 'agent.lin');
    await logInSoftphone(page);
    const campaignId = startCampaign(LOCK_NUMBER, { 姓名: '李女士' });
    await waitForCallCard(page);
    const call = await callOf(campaignId);

    for (const n of [1, 2, 3]) await logRefusal(page, n);
    const refusal = page.getByTestId('refusal-button');
    expect(await refusal.isDisabled()).toBe(true);
    expect(await refusal.innerText()).toBe('Offer locked (3 of 3 refusals)');
    await waitText(page.getByTestId('lock-reason'), 'refused 3 times (limit 3)');
    await confirmIdentity(page);
    expect(await page.getByTestId('start-verification').isDisabled()).toBe(true);
    await waitText(page.getByTestId('verify-blocked'), 'the customer refused 3 times (limit 3): the offer is locked on this call');
    // No sale on offer, and the API refuses one all the same.
    expect(await dispositionChoices(page)).not.toContain('sale');
    const forced = await page.evaluate(async (id) => {
      const res = await fetch(`/api/calls/${id}/consent/disposition`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ disposition: 'sale' }) });
      return res.status;
    }, call.id);
    expect(forced).toBe(403);
    await screenshot(page, 'agent-offer-locked');

    await hangUp(page);
    await setDisposition(page, 'callback', 'asked to be called tomorrow', 'Call back later');
    // The form suggests the next calling day's opening in the campaign's zone: 09:00 Beijing time.
    const today = DateTime.fromMillis(h.service.clock.now(), { zone: 'Asia/Shanghai' });
    const expected = today.plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    expect(await page.getByTestId('callback-form').locator('input[type="datetime-local"]').inputValue()).toBe(expected.toFormat("yyyy-LL-dd'T'HH:mm"));
    // The callback disposition scheduled one at the suggested time; the callback form replaces it.
    expect(h.service.database.db.select().from(callbacks).where(eq(callbacks.fromCallId, call.id)).all()).toEqual([
      expect.objectContaining({ agentId, dueAt: expected.toMillis(), note: 'asked to be called tomorrow', status: 'scheduled' }),
    ]);
    await scheduleCallback(page, '明天上午再打');
    const cb = h.service.database.db.select().from(callbacks).where(and(eq(callbacks.fromCallId, call.id), eq(callbacks.status, 'scheduled'))).get();
    expect(cb).toMatchObject({ agentId, dueAt: expected.toMillis(), note: '明天上午再打', status: 'scheduled' });
    // The callbacks list names the customer by a masked number only, in the page and in the API.
    await waitText(page.getByTestId('callbacks'), maskPhone(`+86${LOCK_NUMBER}`));
    const listed = await page.evaluate(async (id) => (await fetch(`/api/agents/${id}/callbacks`)).text(), agentId);
    expect(listed).not.toContain(LOCK_NUMBER);
    expect(listed).toContain(maskPhone(`+86${LOCK_NUMBER}`));
    await goReady(page);
    await logOutSoftphone(page);
    await context.close();
  });

  it('a preview campaign shows the next customer; Dial calls them and brings up the call card', async () => {
    const { agentId, campaignId, page, context } = await previewAndDial('agent.zhou', '7303', PREVIEW_NUMBER, '赵先生', (p) => screenshot(p, 'agent-preview'));
    await waitForCallCard(page);
    await waitText(page.getByTestId('customer-phone'), `+86${PREVIEW_NUMBER}`);
    // The card is up while the customer's phone rings; they answer and are put through.
    await waitText(agentState(page), 'On call');
    const call = await callOf(campaignId);
    expect(call).toMatchObject({ agentId, phone: `+86${PREVIEW_NUMBER}` });
    // The agent is 'On call' from the moment their softphone is sent to the call; the customer
    // hangs up once it has joined. The card read while the softphone was on its way says "not
    // connected yet": the card must not take the call for one that never reached the agent.
    await waitFor('the agent connected', () => h.callsOf(campaignId)[0]?.agentConnectedAt);
    h.sim.hangupFarEnd(`cust-${call.id}`);
    await waitText(page.getByTestId('call-card'), 'Last call');
    await waitText(page.getByTestId('customer-phone'), maskPhone(`+86${PREVIEW_NUMBER}`));
    await context.close();
  });

  it('a preview call that never reaches the agent (the line is busy) leaves no card to wrap up', async () => {
    const { agentId, campaignId, page, context } = await previewAndDial('agent.qian', '7304', BUSY_NUMBER, '钱女士');
    await waitFor('the call over', () => h.callsOf(campaignId)[0]?.state === 'ended');
    expect(h.callsOf(campaignId)[0]).toMatchObject({ outcome: 'busy', agentConnectedAt: null });
    await page.getByTestId('call-card').waitFor({ state: 'detached' });
    // Gone without a word: no error card in its place.
    await waitText(agentState(page), 'Ready');
    expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
    expect(h.service.agents.pendingDisposition(agentId)).toBeNull();
    await logOutSoftphone(page);
    await context.close();
  });

  it('an agent user with no agent record is told to have one linked', async () => {
    await h.createUser('agent.nobody', 'agent');
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'agent.nobody');
    await waitText(page.getByRole('alert'), 'not linked to an agent record');
    await context.close();
  });
});
