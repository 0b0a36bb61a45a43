/**
 * The manager console's Subscriptions and Calls tabs in a real browser against the running
 * service on the simulator. A verified sale is made and its confirmation message sent; QA
 * scores the call as a fraudulent order (a reversal request); then the same campaign dials a
 * customer who hangs up at once, whose recording is missing. The manager finds the sale from
 * QA's request, reads its evidence (where in the recording, as stored; the read is audited
 * once, by the service), cancels it with a reason (two steps; stored, audited, commission
 * reversed) and sees it in the cancellations report; in the call history the missing
 * recording is flagged and filterable, and a call's detail shows its recording segments.
 */
import { and, eq } from 'drizzle-orm';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, commissionEntries, subscriptionEvents } from '../../src/db/schema.js';
import { playTime } from '../../src/web/shared/format.js';
import { readyAgent } from '../consent/consent-support.js';
import { AUDIBLE_SIM, recordVerifiedSale, type VerifiedSale } from '../qa/verified-sale.js';
import { waitFor } from '../support/harness.js';
import { apiSession } from './support/api-session.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { signIn, startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';
import {
  cancellationsRow,
  cancelShownSubscription,
  openCall,
  openManagerTab,
  reversalRequestRow,
  showCalls,
  shownAuditTrail,
  shownCalls,
  shownEvidenceOffsets,
} from './support/manager-pages.js';

/** The customer who answers and hangs up at once: a zero-length call with no recording. */
const HANGS_UP = '13700137007';

let h: ConsoleHarness;
let browser: TestBrowser;
let sale: VerifiedSale;
/** Another sale, cancelled by another manager while the page has its cancel form open. */
let other: VerifiedSale;
let missingCallId: string;

beforeAll(async () => {
  h = await startConsoleHarness({
    sim: AUDIBLE_SIM,
    scripts: { [`86${HANGS_UP}`]: { kind: 'answer', ringMs: 20, hangupAfterMs: 0 } },
    // The confirmation message goes out at once, so the cancellation comes after it.
    env: { CONSENT_CONFIRMATION_DELAY_MS: '0' },
  });
  browser = await launchBrowser();
  const seller = await readyAgent(h, 'Lin', '7601');
  sale = await recordVerifiedSale(h, seller.agentId, seller.agent);
  const subs = h.service.consent.subscriptions;
  await waitFor('confirmation message sent', () => subs.eventsOf(sale.subscription.id).some((e) => e.kind === 'confirmation-sent'));

  // QA finds the sale fraudulent: planned, claimed and scored with a fatal error through the API.
  await h.createUser('manager.zhao', 'manager', 'Zhao Min');
  await h.createUser('qa.wang', 'qa');
  const manager = await apiSession(h, 'manager.zhao');
  const qa = await apiSession(h, 'qa.wang');
  expect((await manager('POST', '/api/qa/plans/run', { campaignId: sale.campaignId })).json().runs[0]).toMatchObject({ enqueued: 1 });
  const claim = await qa('POST', '/api/qa/claims');
  expect(claim.json().call.id, claim.body).toBe(sale.callId);
  const fatal = { deductions: [], fatal: [{ kind: 'no-final-consent', note: 'consent key pressed by someone else' }] };
  const scored = await qa('POST', `/api/qa/calls/${sale.callId}/score`, fatal);
  expect(scored.statusCode, scored.body).toBe(201);
  other = await recordVerifiedSale(h, seller.agentId, seller.agent);

  // The same campaign dials a customer who hangs up at once, and Asterisk loses that call's
  // recording before the dialer fetches it (its file gone from the spool): a missing recording.
  const sales = [sale.callId, other.callId];
  h.sim.on('event', (ev) => {
    const name = (ev.recording as { name?: string } | undefined)?.name;
    if (ev.type !== 'RecordingFinished' || !name || sales.some((id) => name.includes(id))) return;
    rmSync(join(h.dir, 'asterisk-recordings', `${name}.wav`), { force: true });
  });
  h.service.campaigns.addContacts(sale.campaignId, [{ phone: HANGS_UP }]);
  h.service.dialLoop.kick();
  await h.waitCampaignDone(sale.campaignId, 2);
  await h.waitRecordingsSettled(sale.campaignId);
  const missing = h.callsOf(sale.campaignId).find((c) => c.id !== sale.callId)!;
  expect(missing).toMatchObject({ recordingState: 'missing' });
  missingCallId = missing.id;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('manager console: subscriptions and calls', () => {
  it("finds the sale QA flagged, reads its evidence where the recording has it, cancels it with a reason, and sees it in the report", async () => {
    const { page, context } = await browser.newPage();
    const subId = sale.subscription.id;
    const audit = h.service.consent.audit;
    await signIn(page, h.baseUrl, 'manager.zhao', '/manager/');
    await openManagerTab(page, h.baseUrl, 'subscriptions');

    // The list: the sale, active, its message sent, QA asking for its reversal. Nothing to create or edit.
    const row = page.getByTestId(`subscription-row-${subId}`);
    await expect(row.textContent()).resolves.toMatch(/5G value pack.*VP15.*¥15\.00 monthly.*Lin/);
    await expect(row.getByTestId('subscription-status').textContent()).resolves.toBe('activeQA: reverse');
    await expect(row.getByTestId('subscription-follow-up').textContent()).resolves.toMatch(/^sent /);
    expect(await page.getByTestId('subscriptions').getByRole('button', { name: /new|create|edit/i }).count()).toBe(0);

    // QA's request links to the subscription; its "Cancel…" opens the evidence with the cancel form.
    const request = reversalRequestRow(page, sale.callId);
    await expect(request.textContent()).resolves.toContain('Activated without the customer’s final permission');
    expect(audit.list({ subscriptionId: subId, action: 'subscription.read' })).toHaveLength(0);
    await request.getByRole('link', { name: 'Cancel…' }).click();
    const detail = page.getByTestId('subscription-detail');
    await detail.getByTestId('subscription-facts').waitFor();
    await expect(detail.getByTestId('subscription-call').textContent()).resolves.toBe(sale.callId);
    await expect(detail.getByTestId('terms-text').textContent()).resolves.toBe((sale.subscription.terms as { text: string }).text);

    // Where in the recording: exactly the stored offsets.
    const shown = await shownEvidenceOffsets(page);
    const stored = sale.subscription.offsets;
    expect(Object.keys(shown).sort()).toEqual(Object.keys(stored).sort());
    for (const [key, o] of Object.entries(stored)) {
      expect(shown[key], key).toEqual({ callOffsetMs: o.callOffsetMs, segment: o.segment, segmentOffsetMs: o.segmentOffsetMs, written: playTime(o.callOffsetMs) });
    }
    expect(stored.consentKey!.callOffsetMs).toBeGreaterThan(stored.disclosureEnd!.callOffsetMs!);

    // The service audited this one read (the page does not write its own), and the trail shows it.
    const reads = audit.list({ subscriptionId: subId, action: 'subscription.read' });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ username: 'manager.zhao' });
    const trail = await shownAuditTrail(page);
    expect(trail[0]).toEqual({ action: 'subscription.read', username: 'manager.zhao' });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['subscription.create', 'subscription.confirmation-sent']));
    await screenshot(page, 'manager-subscriptions');

    // Cancel: what it will do, then the reason and the confirmation.
    const { consequences, outcome } = await cancelShownSubscription(page, 'QA: consent given by someone else');
    expect(consequences).toContain("The agent's commission of ¥1.00 will be reversed.");
    expect(consequences).toContain('counts as cancelled after the confirmation message');
    expect(outcome).toBe(`Subscription ${subId} cancelled: the agent's commission is reversed (-¥1.00), cancelled after the confirmation message.`);

    // Stored: the cancellation with its reason, the commission reversed, the audit entry.
    const { db } = h.service.database;
    const cancelled = db.select().from(subscriptionEvents).where(and(eq(subscriptionEvents.subscriptionId, subId), eq(subscriptionEvents.kind, 'cancelled'))).get();
    expect(cancelled?.detail).toEqual({ reason: 'QA: consent given by someone else', afterConfirmation: true });
    expect(h.service.consent.subscriptions.statusOf(subId)).toBe('cancelled');
    expect(db.select().from(commissionEntries).where(eq(commissionEntries.subscriptionId, subId)).all().map((c) => [c.kind, c.amountMinor])).toEqual([
      ['earned', 100],
      ['reversed', -100],
    ]);
    expect(audit.list({ subscriptionId: subId, action: 'subscription.cancel' })[0]).toMatchObject({ username: 'manager.zhao', detail: { reason: 'QA: consent given by someone else', afterConfirmation: true } });

    // The page after it: cancelled, cannot be cancelled again (with the reason), the trail has the cancellation.
    await expect.poll(() => detail.getByTestId('subscription-status').textContent()).toBe('cancelledcommission reversedQA: reverse');
    await expect(detail.getByTestId('cancel-refusal').textContent()).resolves.toBe('Cannot be cancelled: already cancelled.');
    expect(await detail.getByRole('button', { name: 'Cancel subscription…' }).isDisabled()).toBe(true);
    await expect.poll(async () => (await shownAuditTrail(page)).map((e) => e.action)).toContain('subscription.cancel');
    await expect(request.textContent()).resolves.toContain('already cancelled');

    // The cancellations report: the agent's two sales, one cancelled after the message, its commission reversed.
    const report = cancellationsRow(page, sale.agentId);
    await expect.poll(() => report.getByTestId('cancelled').textContent()).toBe('1');
    await expect(report.getByTestId('sales').textContent()).resolves.toBe('2');
    await expect(report.getByTestId('after-message').textContent()).resolves.toBe('1');
    await expect(report.getByTestId('reversed').textContent()).resolves.toBe('-¥1.00');
    await expect(report.getByTestId('net').textContent()).resolves.toBe('¥1.00');

    // Two managers at once: the other cancels first; this page shows the service's refusal.
    await page.goto(`${h.baseUrl}/manager/#subscriptions/${other.subscription.id}`);
    await page.getByTestId('cancel-subscription').getByRole('button', { name: 'Cancel subscription…' }).click();
    await h.createUser('manager.sun', 'manager');
    const sun = await apiSession(h, 'manager.sun');
    expect((await sun('POST', `/api/subscriptions/${other.subscription.id}/cancel`, { reason: 'customer called the hotline' })).statusCode).toBe(200);
    const refused = await cancelShownSubscription(page, 'duplicate request');
    expect(refused.outcome).toBe(`subscription ${other.subscription.id} cannot be cancelled: already cancelled`);
    expect(audit.list({ subscriptionId: other.subscription.id, action: 'subscription.cancel' }).map((e) => e.username)).toEqual(['manager.sun']);
    await context.close();
  }, 40_000);

  it("lists the campaign's calls with the missing recording flagged and filterable, and a call's detail with its segments", async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, h.baseUrl, 'manager.zhao', '/manager/');
    await showCalls(page, h.baseUrl, sale.campaignId);
    await expect.poll(async () => (await shownCalls(page)).map((c) => c.id)).toEqual([missingCallId, sale.callId]);
    const [missing, sold] = await shownCalls(page);
    expect(missing).toMatchObject({ incident: true, recording: 'missing' });
    const problem = h.service.database.db.select({ problem: calls.recordingProblem }).from(calls).where(eq(calls.id, missingCallId)).get()!.problem!;
    expect(missing!.text).toContain(problem);
    expect(sold).toMatchObject({ incident: false, recording: 'verified' });
    // The customer masked in the list (the last 4 digits a customer reads out), in full only on the detail.
    expect(missing!.text).not.toContain(HANGS_UP);
    expect(missing!.text).toContain(`****${HANGS_UP.slice(-4)}`);

    // Only the incidents.
    await page.getByTestId('calls').getByLabel('Recording').selectOption('incident');
    await expect.poll(async () => (await shownCalls(page)).map((c) => c.id)).toEqual([missingCallId]);

    // The missing call's detail: the number in full (managers), no segments.
    const missingDetail = await openCall(page, missingCallId);
    await expect(missingDetail.getByTestId('call-phone').textContent()).resolves.toBe(`+86${HANGS_UP}`);
    await expect(missingDetail.getByTestId('call-recording').textContent()).resolves.toContain(problem);

    // The sale's call: its verified segment as stored.
    await page.getByTestId('calls').getByLabel('Recording').selectOption('');
    const detail = await openCall(page, sale.callId);
    const [segment] = h.segmentsOf(sale.callId);
    const row = detail.getByTestId(`segment-${segment!.segment}`);
    await expect(row.getByTestId('recording-state').getAttribute('data-state')).resolves.toBe('verified');
    await expect(row.textContent()).resolves.toContain(String(segment!.bytes));
    await expect(row.locator('code').getAttribute('title')).resolves.toBe(segment!.sha256);
    await screenshot(page, 'manager-calls');
    await context.close();
  }, 30_000);
});
