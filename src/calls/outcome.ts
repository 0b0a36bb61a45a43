/**
 * How an unanswered call is classified, from the Q.850 hangup cause first and ARI's Dial
 * status second. The cause is the more precise of the two: Asterisk's dial status for cause 1
 * (unallocated number, SIP 404) and cause 21 (603 Decline) is NOANSWER, which would make a
 * number that does not exist look like one nobody picked up. Local channels report a busy
 * far end with cause 0 on the originated leg, and only the Dial status says BUSY: hence both.
 */
import type { CallOutcome } from '../db/schema.js';

const CAUSE_OUTCOMES: ReadonlyMap<number, CallOutcome> = new Map([
  [1, 'unallocated'],
  [17, 'busy'],
  [18, 'no-answer'],
  [19, 'no-answer'],
  [21, 'rejected'],
  [34, 'congestion'],
  [38, 'congestion'],
  [41, 'congestion'],
  [42, 'congestion'],
  [44, 'congestion'],
  [47, 'congestion'],
]);

const STATUS_OUTCOMES: Readonly<Record<string, CallOutcome>> = {
  BUSY: 'busy',
  NOANSWER: 'no-answer',
  CONGESTION: 'congestion',
};

export function unansweredOutcome(dialStatus: string | null, cause: number | null): CallOutcome {
  const byCause = cause !== null ? CAUSE_OUTCOMES.get(cause) : undefined;
  if (byCause) return byCause;
  return (dialStatus !== null ? STATUS_OUTCOMES[dialStatus] : undefined) ?? 'failed';
}
