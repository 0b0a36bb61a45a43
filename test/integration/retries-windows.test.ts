/**
 * Retries and calling windows on a fake clock: the whole service over the simulator, its
 * clock moved by hand, and the dial loop's passes run by the test (its own tick is set far
 * beyond any step taken here, so nothing dials unless the test calls pass()).
 */
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema.js';
import { ManualClock } from '../http/support.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

const SH = 'Asia/Shanghai';
const local = (iso: string) => DateTime.fromISO(iso, { zone: SH }).toMillis();
const SEC = 1000;
const NEVER = 10 * 86_400_000;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function setUp(startIso: string, scripts: Record<string, import('../../src/sim/index.js').FarEndScript>) {
  const clock = new ManualClock(local(startIso));
  h = await startHarness({ clock, scripts, tickMs: NEVER });
  await h.loginAgent(h.addAgent('Rui', '7401'));
  return { h, clock };
}

function contactOf(h: Harness, campaignId: number) {
  return h.service.database.db.select().from(contacts).where(eq(contacts.campaignId, campaignId)).get()!;
}

async function callsEnded(h: Harness, campaignId: number, n: number) {
  await waitFor(`${n} calls ended`, () => {
    const rows = h.callsOf(campaignId);
    return rows.length === n && rows.every((r) => r.state === 'ended') && contactOf(h, campaignId).status !== 'dialing';
  });
}

describe('retries fire at the right time', () => {
  it('busy is retried exactly after its delay, until the attempts run out', async () => {
    const { h, clock } = await setUp('2025-01-07T10:00:00', { '8613600136001': { kind: 'busy', ringMs: 10 } });
    const id = h.runCampaign(['13600136001'], { settings: { maxAttempts: 3, retryDelaysSec: { busy: 600 } } });
    await callsEnded(h, id, 1);
    const t0 = clock.now();
    expect(contactOf(h, id)).toMatchObject({ status: 'pending', attempts: 1, lastOutcome: 'busy', nextAttemptAt: t0 + 600 * SEC });

    clock.advance(599 * SEC);
    expect(h.service.dialLoop.pass()).toBe(0);
    clock.advance(1 * SEC);
    expect(h.service.dialLoop.pass()).toBe(1);
    await callsEnded(h, id, 2);
    expect(contactOf(h, id)).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: clock.now() + 600 * SEC });

    clock.advance(600 * SEC);
    expect(h.service.dialLoop.pass()).toBe(1);
    await callsEnded(h, id, 3);
    expect(contactOf(h, id)).toMatchObject({ status: 'failed', attempts: 3, lastOutcome: 'busy', nextAttemptAt: null, finishedAt: clock.now() });
    clock.advance(3600 * SEC);
    expect(h.service.dialLoop.pass()).toBe(0);
  });

  it('each outcome has its own delay; a null delay is never retried', async () => {
    const { h, clock } = await setUp('2025-01-07T10:00:00', {
      '8613600136002': { kind: 'congestion', ringMs: 10 },
      '8613600136003': { kind: 'reject', ringMs: 10 },
    });
    const id = h.runCampaign(['13600136002', '13600136003'], { settings: { retryDelaysSec: { congestion: 60, rejected: null } } });
    await waitFor('both calls ended', () => h.callsOf(id).length === 2 && h.callsOf(id).every((r) => r.state === 'ended'));
    await waitFor('both settled', () => h.service.database.db.select().from(contacts).all().every((c) => c.status !== 'dialing'));
    const rows = h.service.database.db.select().from(contacts).where(eq(contacts.campaignId, id)).all();
    expect(rows.find((c) => c.phone === '+8613600136002')).toMatchObject({ status: 'pending', nextAttemptAt: clock.now() + 60 * SEC });
    expect(rows.find((c) => c.phone === '+8613600136003')).toMatchObject({ status: 'failed', lastOutcome: 'rejected' });
    clock.advance(60 * SEC);
    expect(h.service.dialLoop.pass()).toBe(1);
  });

  it('an unallocated number (404, cause 1, dial status NOANSWER) is failed at once and never retried', async () => {
    const { h, clock } = await setUp('2025-01-07T10:00:00', { '8613600136004': { kind: 'unallocated', ringMs: 10 } });
    const id = h.runCampaign(['13600136004'], { settings: { maxAttempts: 3, retryDelaysSec: { 'no-answer': 60, failed: 60 } } });
    await callsEnded(h, id, 1);
    expect(h.callsOf(id)[0]).toMatchObject({ outcome: 'unallocated', dialStatus: 'NOANSWER', hangupCause: 1 });
    expect(contactOf(h, id)).toMatchObject({ status: 'failed', attempts: 1, lastOutcome: 'unallocated', nextAttemptAt: null });
    clock.advance(3600 * SEC);
    expect(h.service.dialLoop.pass()).toBe(0);
  });

  it('a retry that would fall after the window closes waits for the next morning', async () => {
    const { h, clock } = await setUp('2025-01-07T19:52:00', { '8613600136004': { kind: 'busy', ringMs: 10 } });
    const id = h.runCampaign(['13600136004'], { settings: { retryDelaysSec: { busy: 600 } } });
    await callsEnded(h, id, 1);
    // 19:52 + 10 min = 20:02, after the 20:00 close: moved to 09:00 the next day.
    expect(contactOf(h, id).nextAttemptAt).toBe(local('2025-01-08T09:00:00'));
    clock.advance(local('2025-01-07T20:05:00') - clock.now());
    expect(h.service.dialLoop.pass()).toBe(0);
    clock.advance(local('2025-01-08T08:59:59') - clock.now());
    expect(h.service.dialLoop.pass()).toBe(0);
    clock.advance(1 * SEC);
    expect(h.service.dialLoop.pass()).toBe(1);
  });
});

describe('calling windows on a fake clock', () => {
  it('a campaign started at night dials nothing until 09:00, across midnight', async () => {
    const { h, clock } = await setUp('2025-01-07T21:30:00', { '8613600136005': { kind: 'busy', ringMs: 10 } });
    const id = h.runCampaign(['13600136005']);
    expect(h.service.dialLoop.pass()).toBe(0);
    expect(h.service.dialLoop.lastDecision(id)).toMatchObject({ reason: 'window-closed', calls: 0 });
    clock.advance(local('2025-01-08T00:30:00') - clock.now());
    expect(h.service.dialLoop.pass()).toBe(0);
    clock.advance(local('2025-01-08T08:59:59') - clock.now());
    expect(h.service.dialLoop.pass()).toBe(0);
    clock.advance(1 * SEC);
    expect(h.service.dialLoop.pass()).toBe(1);
    expect(h.callsOf(id)).toHaveLength(1);
  });

  it('the window is the callee\'s: a US number waits for every US zone while a Chinese one is dialed', async () => {
    const { h, clock } = await setUp('2025-01-07T10:00:00', {
      '8613600136006': { kind: 'busy', ringMs: 10 },
      '12125550100': { kind: 'busy', ringMs: 10 },
    });
    const id = h.runCampaign(['+12125550100', '13600136006'], { settings: { maxAttempts: 1 } });
    await waitFor('the Chinese number dialed', () => h.callsOf(id).length === 1);
    expect(h.callsOf(id)[0]!.phone).toBe('+8613600136006');
    await callsEnded(h, id, 1);
    // 10:00 Beijing is 21:00 in New York. Every US zone, Hawaii included, is inside 09:00–20:00
    // from 19:00 UTC (09:00 in Honolulu) = 03:00 the next day in Beijing.
    clock.advance(local('2025-01-08T02:59:00') - clock.now());
    expect(h.service.dialLoop.pass()).toBe(0);
    clock.advance(60 * SEC);
    expect(h.service.dialLoop.pass()).toBe(1);
    expect(h.callsOf(id).map((c) => c.phone)).toContain('+12125550100');
  });
});
