/**
 * Subscriptions after the call: the prompts equal each product's terms; nothing but a
 * verification creates or edits one (403, logged; SQLite refuses edits); the next-day
 * message through the webhook with retries; a cancellation reverses the commission.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_PROMPTS, disclosurePlaylist, termsOfCampaign } from '../../src/consent/disclosure.js';
import { campaigns, consentActions, notificationOutbox, subscriptions } from '../../src/db/schema.js';
import { signIn, type Caller } from '../support/harness-http.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';
import { connectCall, consentMedia, readyAgent, waitVerificationEnded, type LiveCall, waitAsked } from './consent-support.js';

let h: Harness;
let agentId: number;
let agent: Caller;
let manager: Caller;
let webhook: Server;
const received: Array<Record<string, unknown>> = [];
/** Subscriptions whose first delivery the gateway already failed. */
const failedOnce = new Set<unknown>();

beforeAll(async () => {
  // The SMS gateway: fails the first delivery of each message, accepts the retry.
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const msg = JSON.parse(body) as Record<string, unknown>;
      if (!failedOnce.has(msg.subscriptionId)) {
        failedOnce.add(msg.subscriptionId);
        res.writeHead(503).end();
        return;
      }
      received.push(msg);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/sms`;
  h = await startHarness({
    env: {
      CONSENT_KEY_TIMEOUT_MS: '250',
      CONSENT_CONFIRMATION_DELAY_MS: '400',
      CONSENT_WEBHOOK_URL: url,
      CONSENT_WEBHOOK_BACKOFF_MS: '50',
    },
    sim: { defaultPlaybackMs: 30, perDigitPlaybackMs: 10 },
  });
  ({ agentId, agent } = await readyAgent(h, 'Bea', '7201'));
  manager = await signIn(h.service, 'mgr', 'manager');
});
afterEach(() => {
  for (const c of h.sim.channels()) if (c.id.startsWith('cust-')) h.sim.hangupFarEnd(c.id);
});
afterAll(async () => {
  await h?.stop();
  await new Promise((r) => webhook.close(r));
});

/** A call where the customer confirms; returns the call and its subscription id. */
async function confirmedSale(settings: Parameters<typeof connectCall>[2] = {}): Promise<{ call: LiveCall; subscriptionId: number }> {
  const call = await connectCall(h, agentId, settings);
  expect((await agent.call('POST', `/api/calls/${call.callId}/consent/identity-confirmed`)).statusCode).toBe(200);
  expect((await agent.call('POST', `/api/calls/${call.callId}/consent/verification`)).statusCode).toBe(202);
  await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
  h.sim.pressDigits(call.customerChannel, '1', 0);
  await waitAsked(h, call.callId, CONSENT_PROMPTS.confirmQuestion);
  h.sim.pressDigits(call.customerChannel, '1', 0);
  const st = await waitVerificationEnded(h, call.callId, agent);
  expect(st.subscriptionIds).toHaveLength(1);
  return { call, subscriptionId: st.subscriptionIds[0]! };
}

describe('the prompts played are the product terms', () => {
  it.each([
    ['8 yuan a month', { productCode: 'FL8', productPriceMinor: 800, productBillingPeriod: 'monthly' as const }, ['sound:dialer/period-monthly', 'sound:dialer/num-8', 'sound:dialer/unit-yuan']],
    [
      '30.50 yuan a week after a 7-day trial that converts',
      { productCode: 'VD30', productPriceMinor: 3050, productBillingPeriod: 'weekly' as const, productFreeTrialDays: 7, productAfterTrial: 'converts-to-paid' as const },
      ['sound:dialer/num-7', 'sound:dialer/consent-after-trial-charged', 'sound:dialer/period-weekly', 'sound:dialer/num-3', 'sound:dialer/num-10', 'sound:dialer/unit-yuan', 'sound:dialer/num-5', 'sound:dialer/unit-jiao'],
    ],
    [
      'a 3-day trial that ends by itself',
      { productCode: 'TR3', productPriceMinor: 1500, productBillingPeriod: 'quarterly' as const, productFreeTrialDays: 3, productAfterTrial: 'ends' as const, productCancelHow: 'call 10086 and say cancel' },
      ['sound:dialer/num-3', 'sound:dialer/consent-after-trial-ends', 'sound:dialer/consent-to-cancel'],
    ],
  ])('%s', async (_name, settings, mustSay) => {
    const { call, subscriptionId } = await confirmedSale(settings);
    const row = h.service.database.db.select().from(campaigns).where(eq(campaigns.id, call.campaignId)).get()!;
    const t = termsOfCampaign(row);
    if (!t.ok) throw new Error(t.reason);
    const played = consentMedia(h, call.callId);
    const between = played.slice(played.indexOf(CONSENT_PROMPTS.identityQuestion) + 1, played.indexOf(CONSENT_PROMPTS.confirmQuestion));
    expect(between).toEqual(disclosurePlaylist(t.terms).media);
    for (const m of mustSay) expect(between).toContain(m);
    const sub = h.service.database.db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId)).get()!;
    expect((sub.terms as { media: string[] }).media).toEqual(between);
    expect(sub.productCode).toBe(settings.productCode);
  });
});

describe('nothing but a verification creates or edits a subscription', () => {
  it('agent and manager API attempts are refused with 403 and logged; SQLite refuses edits', async () => {
    const { call, subscriptionId } = await confirmedSale();
    h.sim.hangupFarEnd(call.customerChannel);
    const noSaleCall = await connectCall(h, agentId);
    const attempts: Array<[Caller, 'POST' | 'PATCH' | 'DELETE', string, unknown]> = [
      [agent, 'POST', '/api/subscriptions', { callId: noSaleCall.callId, productCode: 'VP15' }],
      [agent, 'POST', `/api/calls/${noSaleCall.callId}/subscriptions`, { productCode: 'VP15' }],
      [manager, 'PATCH', `/api/subscriptions/${subscriptionId}`, { priceMinor: 100 }],
      [manager, 'DELETE', `/api/subscriptions/${subscriptionId}`, undefined],
      [agent, 'POST', `/api/calls/${noSaleCall.callId}/consent/disposition`, { disposition: 'sale' }],
    ];
    for (const [who, method, url, body] of attempts) {
      const res = await who.call(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error).toBe('DIALER_ERR_CONSENT_FORBIDDEN');
      expect(res.json().message).toMatch(/refused: /);
    }
    expect(h.service.consent.audit.list({ action: 'subscription.forge-refused' })).toHaveLength(attempts.length);
    const logged = h.service.database.db.select().from(consentActions).where(eq(consentActions.callId, noSaleCall.callId)).all();
    expect(logged.filter((a) => a.kind === 'refused-attempt').length).toBeGreaterThanOrEqual(3);
    expect(h.service.database.db.select().from(subscriptions).where(eq(subscriptions.callId, noSaleCall.callId)).all()).toHaveLength(0);

    // The "sale" disposition is accepted where the verification made one.
    expect((await agent.call('POST', `/api/calls/${call.callId}/consent/disposition`, { disposition: 'sale' })).statusCode).toBe(200);

    // Append-only at the database: no update, no delete, whoever asks.
    const { sqlite } = h.service.database;
    expect(() => sqlite.prepare('update subscriptions set price_minor = 1 where id = ?').run(subscriptionId)).toThrow(/append-only/);
    expect(() => sqlite.prepare('delete from subscription_events where subscription_id = ?').run(subscriptionId)).toThrow(/append-only/);
    expect(() => sqlite.prepare('delete from consent_actions where call_id = ?').run(call.callId)).toThrow(/append-only/);

    // Reads of the evidence are audited.
    const read = await manager.call('GET', `/api/subscriptions/${subscriptionId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: subscriptionId, status: 'active', callId: call.callId });
    expect(h.service.consent.audit.list({ subscriptionId, action: 'subscription.read' })[0]).toMatchObject({ userId: manager.userId, username: 'mgr' });
    expect((await agent.call('GET', `/api/subscriptions/${subscriptionId}`)).statusCode).toBe(403);

    // QA sees the sale and its evidence.
    const facts = h.service.qa.saleFacts.factsFor([call.callId, noSaleCall.callId]);
    expect(facts.get(call.callId)).toMatchObject({ isSale: true, saleAfterRefusal: false });
    expect(facts.has(noSaleCall.callId)).toBe(false);
    expect(h.service.qa.saleFacts.evidenceFor(call.callId)[0]).toMatchObject({ subscriptionId: String(subscriptionId), productCode: 'VP15' });
  });
});

describe('follow-up', () => {
  it('the next-day message goes out (retried after a webhook failure); a cancellation then reverses the commission and shows per agent', async () => {
    const from = h.service.clock.now();
    const { call, subscriptionId } = await confirmedSale();
    const db = h.service.database.db;
    const msg = await waitFor('confirmation delivered', () => received.find((m) => m.subscriptionId === subscriptionId), 10_000);
    expect(msg).toMatchObject({ productCode: 'VP15', priceMinor: 1500, cancelHow: 'send TD to 10086' });
    // The webhook has the message before the notifier records the reply: wait for the outbox row.
    const outbox = await waitFor('outbox row marked sent', () => {
      const row = db.select().from(notificationOutbox).where(eq(notificationOutbox.subscriptionId, subscriptionId)).get();
      return row?.status === 'sent' ? row : null;
    });
    expect(outbox).toMatchObject({ status: 'sent', attempts: 2 });
    await waitFor('confirmation-sent event', () => h.service.consent.subscriptions.eventsOf(subscriptionId).some((e) => e.kind === 'confirmation-sent'));
    const sub = db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId)).get()!;
    const sentAt = h.service.consent.subscriptions.eventsOf(subscriptionId).find((e) => e.kind === 'confirmation-sent')!.at;
    expect(sentAt - sub.confirmedAt).toBeGreaterThanOrEqual(400);

    const earned = h.service.consent.subscriptions.commissionOf(subscriptionId);
    expect(earned).toMatchObject([{ kind: 'earned', amountMinor: 100, agentId }]);
    // The list says where each subscription stands (the manager console's columns).
    const listed = (await manager.call('GET', `/api/subscriptions?callId=${call.callId}`)).json().subscriptions;
    expect(listed).toEqual([
      expect.objectContaining({
        id: subscriptionId,
        qaReversal: null,
        summary: expect.objectContaining({
          status: 'active',
          followUp: { state: 'sent', dueAt: sub.confirmedAt + 400, sentAt, attempts: 2, lastError: null },
          commission: { earnedMinor: 100, reversedMinor: 0, netMinor: 100 },
          cancelRefusal: null,
        }),
      }),
    ]);
    // Paged newest first (a full page names the next page's cursor): every subscription once.
    const ids: number[] = [];
    for (let cursor: number | null = 0, pages = 0; cursor !== null && pages < 20; pages++) {
      const page = (await manager.call('GET', `/api/subscriptions?limit=1${cursor ? `&beforeId=${cursor}` : ''}`)).json() as { subscriptions: Array<{ id: number }>; nextBeforeId: number | null };
      ids.push(...page.subscriptions.map((r) => r.id));
      cursor = page.nextBeforeId;
    }
    const all = (await manager.call('GET', '/api/subscriptions')).json().subscriptions.map((r: { id: number }) => r.id);
    expect(ids[0]).toBe(subscriptionId);
    expect(ids).toEqual(all);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));

    expect((await agent.call('POST', `/api/subscriptions/${subscriptionId}/cancel`, { reason: 'customer called' })).statusCode).toBe(403);
    const cancel = await manager.call('POST', `/api/subscriptions/${subscriptionId}/cancel`, { reason: 'cancelled on receiving the message' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', afterConfirmation: true });
    const ledger = h.service.consent.subscriptions.commissionOf(subscriptionId);
    expect(ledger.map((e) => [e.kind, e.amountMinor])).toEqual([['earned', 100], ['reversed', -100]]);
    expect((await manager.call('POST', `/api/subscriptions/${subscriptionId}/cancel`, { reason: 'again' })).statusCode).toBe(409);
    const detail = (await manager.call('GET', `/api/subscriptions/${subscriptionId}`)).json();
    expect(detail).toMatchObject({ status: 'cancelled', summary: { status: 'cancelled', cancelRefusal: 'already cancelled', commission: { netMinor: 0 } } });
    expect(detail.summary.cancellation).toMatchObject({ userId: manager.userId, reason: 'cancelled on receiving the message', afterConfirmation: true });

    const report = await manager.call('GET', `/api/reports/cancellations?from=${from}&to=${h.service.clock.now() + 1}`);
    expect(report.statusCode).toBe(200);
    expect(report.json().agents).toEqual([
      expect.objectContaining({ agentId, sales: 1, cancelled: 1, cancelledAfterConfirmation: 1, earnedMinor: 100, reversedMinor: -100, qaReversalsOpen: 0, withheldMinor: 0, netMinor: 0 }),
    ]);
    expect(h.service.qa.saleFacts.factsFor([call.callId]).get(call.callId)).toMatchObject({ isSale: true, cancelledAfterConfirmation: true });
    const audit = (await manager.call('GET', `/api/subscriptions/${subscriptionId}/audit`)).json().entries as Array<{ action: string }>;
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['subscription.create', 'subscription.confirmation-sent', 'subscription.cancel']));
  });
});

describe('QA reversal requests', () => {
  it("an open QA reversal request withholds the sale's commission in the report", async () => {
    const from = h.service.clock.now();
    const { call } = await confirmedSale();
    // The request as QA's score service writes it (its plan item and score are QA's business,
    // so the foreign keys are set aside for this one insert).
    const { sqlite } = h.service.database;
    sqlite.pragma('foreign_keys = OFF');
    try {
      sqlite
        .prepare("insert into qa_reversal_requests (call_id, score_id, kinds, status, requested_at) values (?, 1, '[\"no-consent\"]', 'open', ?)")
        .run(call.callId, h.service.clock.now());
    } finally {
      sqlite.pragma('foreign_keys = ON');
    }
    const report = await manager.call('GET', `/api/reports/cancellations?from=${from}&to=${h.service.clock.now() + 1}`);
    expect(report.json().agents).toEqual([expect.objectContaining({ agentId, sales: 1, cancelled: 0, earnedMinor: 100, qaReversalsOpen: 1, withheldMinor: 100, netMinor: 0 })]);
    // The subscriptions QA asked to reverse: listed with the request, by the request's status.
    const reversals = async (which: string) => (await manager.call('GET', `/api/subscriptions?qaReversal=${which}`)).json().subscriptions as Array<{ callId: string; qaReversal: unknown }>;
    expect(await reversals('open')).toEqual([expect.objectContaining({ callId: call.callId, qaReversal: expect.objectContaining({ status: 'open', kinds: ['no-consent'], scoreId: 1 }) })]);
    sqlite.prepare("update qa_reversal_requests set status = 'withdrawn' where call_id = ?").run(call.callId);
    expect(await reversals('open')).toEqual([]);
    expect((await reversals('any')).map((s) => s.qaReversal)).toEqual([expect.objectContaining({ status: 'withdrawn' })]);
    const after = await manager.call('GET', `/api/reports/cancellations?from=${from}&to=${h.service.clock.now() + 1}`);
    expect(after.json().agents).toEqual([expect.objectContaining({ qaReversalsOpen: 0, withheldMinor: 0, netMinor: 100 })]);
  });
});
