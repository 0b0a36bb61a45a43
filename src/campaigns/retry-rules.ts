/**
 * What happens to a contact after a call: done, retried later, or given up. Pure.
 *
 *  - answered → done: the person was reached (what they said is the agent's disposition).
 *  - busy, no-answer, rejected, congestion, failed, abandoned → retried after the campaign's
 *    delay for that outcome, while attempts are left; a delay of null means "never retry
 *    this outcome" (e.g. a manager who does not call back people who declined the call).
 *    An abandoned call reached a person whom the dialer then could not serve: it is retried
 *    (after its own delay) so they get the conversation they answered for.
 *  - interrupted (the service lost the call: crash, lost channel) → treated as failed.
 *  - unallocated (the number does not exist: cause 1, SIP 404) → failed at once, never
 *    retried whatever the delays say: dialing it again reaches nobody (VICIdial's DC status).
 *  - When attempts reach the maximum, the contact is finished as failed.
 * The caller moves the retry time into the callee's calling window (calling-window.ts).
 */
import type { CallOutcome } from '../db/schema.js';

/** Outcomes that can be retried, each with its own delay. */
export const RETRY_OUTCOMES = ['busy', 'no-answer', 'rejected', 'congestion', 'failed', 'abandoned'] as const;
export type RetryOutcome = (typeof RETRY_OUTCOMES)[number];

/** Seconds to wait before the next attempt after each outcome; null = not retried. */
export type RetryDelays = Readonly<Record<RetryOutcome, number | null>>;

/** The manuals' shortest gap between two attempts on one customer (002: 每次间隔小于15分钟 is a fault). */
export const MIN_DEFAULT_RETRY_GAP_SEC = 15 * 60;

/**
 * Defaults: a busy line and congestion (a network problem) are tried again after the manuals'
 * 15 minutes; no answer in an hour; a declined call (603) the next day; an abandoned call in
 * an hour. With 3 attempts, an unanswered customer is tried at least 3 times, at least 15
 * minutes apart (manual 002).
 */
export const DEFAULT_RETRY_DELAYS_SEC: RetryDelays = Object.freeze({
  busy: MIN_DEFAULT_RETRY_GAP_SEC,
  'no-answer': 3600,
  rejected: 86_400,
  congestion: MIN_DEFAULT_RETRY_GAP_SEC,
  failed: 1800,
  abandoned: 3600,
});

export const DEFAULT_MAX_ATTEMPTS = 3;

/** A campaign's retry rules. */
export interface RetryPolicy {
  /** Attempts per contact, the first included (≥ 1). */
  readonly maxAttempts: number;
  readonly delaysSec: RetryDelays;
}

/** The contact's next state after a call. */
export type Settlement =
  | { readonly status: 'done'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string }
  /** Retry no earlier than `notBefore` (ms); the caller fits it into the calling window. */
  | { readonly status: 'pending'; readonly notBefore: number; readonly reason: string };

/** The retry rule that applies to an outcome (interrupted counts as failed); null for answered and unallocated. */
export function retryOutcomeOf(outcome: CallOutcome): RetryOutcome | null {
  if (outcome === 'answered' || outcome === 'unallocated') return null;
  if (outcome === 'interrupted') return 'failed';
  return outcome;
}

/**
 * Settles a contact after a call that ended with `outcome` at `now`, `attempts` being the
 * attempts made so far, this one included.
 */
export function settleAfterCall(outcome: CallOutcome, attempts: number, policy: RetryPolicy, now: number): Settlement {
  if (outcome === 'unallocated') return { status: 'failed', reason: 'unallocated: the number does not exist; not retried' };
  const rule = retryOutcomeOf(outcome);
  if (rule === null) return { status: 'done', reason: 'answered' };
  const delay = policy.delaysSec[rule];
  if (delay === null || delay === undefined) return { status: 'failed', reason: `${outcome}: not retried by this campaign` };
  if (attempts >= policy.maxAttempts) return { status: 'failed', reason: `${outcome}: ${attempts} of ${policy.maxAttempts} attempts made` };
  return { status: 'pending', notBefore: now + Math.max(0, delay) * 1000, reason: `${outcome}: retry ${attempts + 1} of ${policy.maxAttempts}` };
}
