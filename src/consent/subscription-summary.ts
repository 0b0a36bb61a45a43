/**
 * The state of a subscription as a manager reads it, derived from its append-only events,
 * commission ledger and confirmation message (requirements §3): active or cancelled, where
 * its next-day message stands, what the agent earned and lost, and whether it may still be
 * cancelled — with the same reason the cancellation itself gives. Pure: no I/O.
 */
import { insideCoolingOff } from './evidence.js';

/** The facts a summary is made of (rows as stored). */
export interface SummaryFacts {
  confirmedAt: number;
  events: ReadonlyArray<{ kind: string; at: number; userId: number | null; detail: Record<string, unknown> }>;
  commission: ReadonlyArray<{ kind: 'earned' | 'reversed'; amountMinor: number }>;
  /** The confirmation message's outbox row (written with the subscription; older ones get it at delivery). */
  message: { status: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled'; attempts: number; lastError: string | null; dueAt?: number | null } | null;
  coolingOffMs: number;
  now: number;
}

/**
 * Where the next-day confirmation message stands: not scheduled (yet), scheduled, being
 * sent, failed (BullMQ retries it), sent, or never sent because the subscription was
 * cancelled first.
 */
export type FollowUpState = 'not-scheduled' | 'scheduled' | 'sending' | 'failed' | 'sent' | 'not-sent-cancelled';

export interface SubscriptionSummary {
  status: 'active' | 'cancelled';
  cancellation: { at: number; userId: number | null; reason: string; afterConfirmation: boolean } | null;
  followUp: { state: FollowUpState; dueAt: number | null; sentAt: number | null; attempts: number; lastError: string | null };
  commission: { earnedMinor: number; reversedMinor: number; netMinor: number };
  /** The end of the cooling-off window (inclusive). */
  cancellableUntil: number;
  /** Why it cannot be cancelled now; null when it can. */
  cancelRefusal: string | null;
}

/** Why a subscription cannot be cancelled at `now` (the wording of the 409), or null. */
export function cancelRefusal(f: Pick<SummaryFacts, 'confirmedAt' | 'events' | 'coolingOffMs' | 'now'>): string | null {
  if (f.events.some((e) => e.kind === 'cancelled')) return 'already cancelled';
  if (!insideCoolingOff(f.confirmedAt, f.coolingOffMs, f.now)) return `the cooling-off window ended at ${new Date(f.confirmedAt + f.coolingOffMs).toISOString()}`;
  return null;
}

export function summariseSubscription(f: SummaryFacts): SubscriptionSummary {
  const cancelled = f.events.find((e) => e.kind === 'cancelled');
  const scheduled = f.events.find((e) => e.kind === 'confirmation-scheduled');
  const sent = f.events.find((e) => e.kind === 'confirmation-sent');
  const sum = (kind: 'earned' | 'reversed') => f.commission.filter((c) => c.kind === kind).reduce((t, c) => t + c.amountMinor, 0);
  const earnedMinor = sum('earned');
  const reversedMinor = sum('reversed');
  const dueAt = typeof scheduled?.detail.dueAt === 'number' ? scheduled.detail.dueAt : (f.message?.dueAt ?? null);
  return {
    status: cancelled ? 'cancelled' : 'active',
    cancellation: cancelled
      ? { at: cancelled.at, userId: cancelled.userId, reason: String(cancelled.detail.reason ?? ''), afterConfirmation: cancelled.detail.afterConfirmation === true }
      : null,
    followUp: {
      state: followUpState(Boolean(scheduled), Boolean(sent) || f.message?.status === 'sent', Boolean(cancelled), f.message),
      dueAt,
      sentAt: sent?.at ?? null,
      attempts: f.message?.attempts ?? 0,
      lastError: f.message?.lastError ?? null,
    },
    commission: { earnedMinor, reversedMinor, netMinor: earnedMinor + reversedMinor },
    cancellableUntil: f.confirmedAt + f.coolingOffMs,
    cancelRefusal: cancelRefusal(f),
  };
}

function followUpState(scheduled: boolean, sent: boolean, cancelled: boolean, message: SummaryFacts['message']): FollowUpState {
  if (sent) return 'sent';
  // The follow-up skips a subscription cancelled before its message (even one being retried).
  if (cancelled) return 'not-sent-cancelled';
  if (message?.status === 'failed') return 'failed';
  // A pending row never tried is scheduled: the outbox row exists from the sale on.
  if (message && (message.status === 'sending' || message.attempts > 0)) return 'sending';
  return scheduled || message ? 'scheduled' : 'not-scheduled';
}
