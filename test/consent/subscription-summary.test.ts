import { describe, expect, it } from 'vitest';
import { summariseSubscription, type SummaryFacts } from '../../src/consent/subscription-summary.js';

const DAY = 86_400_000;
const base: SummaryFacts = { confirmedAt: 1000, events: [], commission: [], message: null, coolingOffMs: 7 * DAY, now: 2000 };
const created = { kind: 'created', at: 1000, userId: null, detail: {} };
const scheduled = { kind: 'confirmation-scheduled', at: 1001, userId: null, detail: { dueAt: 1000 + DAY } };
const sent = { kind: 'confirmation-sent', at: 1000 + DAY, userId: null, detail: {} };
const cancelled = (afterConfirmation: boolean) => ({ kind: 'cancelled', at: 1500 + DAY, userId: 7, detail: { reason: 'customer called', afterConfirmation } });
const failedMessage = { status: 'failed' as const, attempts: 2, lastError: 'webhook answered 503' };

describe('the follow-up message, from the events and the outbox', () => {
  it.each<[string, Partial<SummaryFacts>, string]>([
    ['no schedule yet', { events: [created] }, 'not-scheduled'],
    ['scheduled', { events: [created, scheduled] }, 'scheduled'],
    ['outbox row written with the sale, not yet tried', { events: [created, scheduled], message: { status: 'pending', attempts: 0, lastError: null } }, 'scheduled'],
    ['claimed by a delivery', { events: [created, scheduled], message: { status: 'sending', attempts: 1, lastError: null } }, 'sending'],
    ['the webhook failed (retried)', { events: [created, scheduled], message: failedMessage }, 'failed'],
    ['sent', { events: [created, scheduled, sent], message: { status: 'sent', attempts: 2, lastError: null } }, 'sent'],
    ['cancelled before it was sent', { events: [created, scheduled, cancelled(false)] }, 'not-sent-cancelled'],
    ['cancelled while a failed delivery waits for its retry', { events: [created, scheduled, cancelled(false)], message: failedMessage }, 'not-sent-cancelled'],
  ])('%s', (_name, facts, state) => {
    expect(summariseSubscription({ ...base, ...facts }).followUp.state).toBe(state);
  });

  it('carries when it is due, when it went, and the last delivery error', () => {
    const s = summariseSubscription({ ...base, events: [created, scheduled], message: failedMessage });
    expect(s.followUp).toEqual({ state: 'failed', dueAt: 1000 + DAY, sentAt: null, attempts: 2, lastError: 'webhook answered 503' });
  });
});

describe('status, commission and whether it may be cancelled', () => {
  it('active inside the cooling-off window: cancellable until its end', () => {
    const s = summariseSubscription({ ...base, events: [created], commission: [{ kind: 'earned', amountMinor: 100 }] });
    expect(s).toMatchObject({ status: 'active', cancellation: null, commission: { earnedMinor: 100, reversedMinor: 0, netMinor: 100 }, cancellableUntil: 1000 + 7 * DAY, cancelRefusal: null });
  });

  it('cancelled after the confirmation message: the commission is reversed and it cannot be cancelled again', () => {
    const s = summariseSubscription({
      ...base,
      events: [created, scheduled, sent, cancelled(true)],
      commission: [
        { kind: 'earned', amountMinor: 100 },
        { kind: 'reversed', amountMinor: -100 },
      ],
    });
    expect(s).toMatchObject({
      status: 'cancelled',
      cancellation: { at: 1500 + DAY, userId: 7, reason: 'customer called', afterConfirmation: true },
      commission: { earnedMinor: 100, reversedMinor: -100, netMinor: 0 },
      cancelRefusal: 'already cancelled',
    });
  });

  it('after the cooling-off window, the refusal names its end (as the cancellation does)', () => {
    const s = summariseSubscription({ ...base, now: 1000 + 7 * DAY + 1 });
    expect(s.cancelRefusal).toBe(`the cooling-off window ended at ${new Date(1000 + 7 * DAY).toISOString()}`);
    expect(summariseSubscription({ ...base, now: 1000 + 7 * DAY }).cancelRefusal).toBeNull();
  });
});
