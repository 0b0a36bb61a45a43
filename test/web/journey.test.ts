/**
 * One call through all three consoles, as the floor works it: the manager loads a messy list
 * and starts the campaign; the agent takes the call and makes a verified sale; the sampling
 * plan queues it; the QA reviewer claims THAT call's recording, plays it and scores it.
 * Each console is a separate browser context (its own session cookie).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_PROMPTS } from '../../src/consent/disclosure.js';
import { qaScores, subscriptions } from '../../src/db/schema.js';
import { waitAsked } from '../consent/consent-support.js';
import { AUDIBLE_SIM } from '../qa/verified-sale.js';
import { OPENING, waitFor } from '../support/harness.js';
import { logInSoftphone, confirmIdentity, hangUp, openAgentConsole, setDisposition, startVerification, waitForCallCard, waitText, waitVerificationStep } from './support/agent-pages.js';
import { apiSession } from './support/api-session.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import { campaignAction, campaignStatus, createCampaign, openManagerTab, rejectRows, selectCampaign, uploadList } from './support/manager-pages.js';
import { addDeduction, audioTime, claimNextRecording, evidenceMarkers, openQaConsole, playRecording, shownTotal, submitScore } from './support/qa-pages.js';

const CUSTOMER = '13912349001';

let h: ConsoleHarness;
let browser: TestBrowser;

beforeAll(async () => {
  h = await startConsoleHarness({
    env: { WRAP_UP_MS: '600000' },
    sim: AUDIBLE_SIM,
    scripts: { [`86${CUSTOMER}`]: { kind: 'answer', ringMs: 100 } },
  });
  browser = await launchBrowser();
  await h.createUser('manager.zhao', 'manager', 'Zhao (manager)');
  await h.createUser('qa.wang', 'qa', 'Wang (QA)');
  await h.createAgentUser('agent.chen', '7401', { dailyTargetSec: 3 * 3600 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('one call through the three consoles', () => {
  it('manager loads and starts, agent sells with the customer’s keypresses, QA claims that recording, plays and scores it', async () => {
    const manager = await browser.newPage();
    const agent = await browser.newPage();
    const qa = await browser.newPage();

    // Manager: a campaign with full terms, and a list with one good number among bad rows.
    await signIn(manager.page, h.baseUrl, 'manager.zhao');
    const campaignId = await createCampaign(manager.page, h.baseUrl, 'Journey 5G pack', {
      'Product code': 'VP15',
      'Product name': '5G value pack',
      'Price (yuan)': '15.00',
      'Billing period': 'monthly',
      'How to cancel': 'send TD to 10086',
      'Opening media': OPENING,
      'Opening text': '您好,打扰您了,我是移动公司的客服代表,请问您是这个号码的机主吗?',
    });
    await openManagerTab(manager.page, h.baseUrl, 'lists');
    const list = ['姓名,手机号', `王先生,${CUSTOMER.replace(/(\d{3})(\d{4})(\d{4})/, '$1-$2-$3')}`, '李四,12345', `重复,+86 ${CUSTOMER}`, ''].join('\r\n');
    const loaded = await uploadList(manager.page, { name: 'journey.csv', buffer: Buffer.from(list, 'utf8') });
    expect(loaded).toEqual({ status: 'completed', rows: 3, accepted: 1, rejected: 2 });
    expect((await rejectRows(manager.page.getByTestId('list-upload'))).map(([line, , reason]) => [line, reason])).toEqual([
      [3, 'invalid-number'],
      [4, 'duplicate-in-file'],
    ]);

    // Agent: signs in and logs the softphone in (ready at once) before the campaign dials.
    await openAgentConsole(agent.page, h.baseUrl, 'agent.chen');
    await logInSoftphone(agent.page);

    await selectCampaign(manager.page, h.baseUrl, campaignId);
    await campaignAction(manager.page, 'Start');
    await expect.poll(() => campaignStatus(manager.page, campaignId).textContent(), { timeout: 10_000 }).toBe('running');

    // The call reaches the agent: the customer's number in full on the live card.
    await waitForCallCard(agent.page);
    await waitText(agent.page.getByTestId('customer-phone'), `+86${CUSTOMER}`);
    const call = await waitFor('the campaign’s call', () => h.callsOf(campaignId)[0]);
    await confirmIdentity(agent.page);
    await startVerification(agent.page);
    await waitVerificationStep(agent.page, 'Identity');
    await waitAsked(h, call.id, CONSENT_PROMPTS.identityQuestion);
    h.sim.pressDigits(`cust-${call.id}`, '1', 0);
    await waitVerificationStep(agent.page, 'Consent');
    await waitAsked(h, call.id, CONSENT_PROMPTS.confirmQuestion);
    h.sim.pressDigits(`cust-${call.id}`, '1', 0);
    await waitText(agent.page.getByTestId('subscription'), /Subscription #\d+ confirmed/);
    await screenshot(agent.page, 'journey-agent-sale');
    await hangUp(agent.page);
    await setDisposition(agent.page, 'sale', 'journey', 'Sale');
    const [subscription] = h.service.database.db.select().from(subscriptions).where(eq(subscriptions.callId, call.id)).all();
    expect(subscription).toMatchObject({ campaignId, productCode: 'VP15' });

    // The recording is verified; the sampling plan (run by the manager) queues the sale.
    await h.waitCampaignDone(campaignId, 1);
    await h.waitRecordingsSettled(campaignId);
    expect(h.callsOf(campaignId)[0]).toMatchObject({ recordingState: 'verified' });
    const asManager = await apiSession(h, 'manager.zhao');
    const run = await asManager('POST', '/api/qa/plans/run', { campaignId });
    expect(run.json().runs[0]).toMatchObject({ newlySampled: 1, enqueued: 1 });

    // QA: claims the next recording and gets that very call, with its evidence; plays and scores it.
    await openQaConsole(qa.page, h.baseUrl, 'qa.wang');
    expect(await claimNextRecording(qa.page)).toBe(call.id);
    const markers = await evidenceMarkers(qa.page);
    expect(markers.filter((m) => m.kind === 'keypress' && m.answers === 'consent').map((m) => m.offsetMs)).toEqual([subscription!.offsets.consentKey!.callOffsetMs]);
    await playRecording(qa.page);
    expect(await audioTime(qa.page)).toBeGreaterThan(0);
    await addDeduction(qa.page, 'Courtesy', 'minor', 2, 'no greeting by name');
    await expect.poll(() => shownTotal(qa.page)).toBe(98);
    await screenshot(qa.page, 'journey-qa-score');
    await expect(submitScore(qa.page)).resolves.toContain(`${call.id}: 98 / 100 (passed)`);
    const stored = h.service.database.db.select().from(qaScores).where(and(eq(qaScores.callId, call.id), eq(qaScores.current, true))).get();
    expect(stored).toMatchObject({ total: 98, passed: true });

    for (const p of [manager, agent, qa]) await p.context.close();
  }, 60_000); // three browsers, and the start voices the campaign's own words with espeak-ng first
});
