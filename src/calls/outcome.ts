/**
 * How an unanswered call is classified, from ARI's Dial status and the Q.850 hangup cause.
 * Local channels report a busy far end with cause 0 on the originated leg and only the Dial
 * status says BUSY, while a SIP trunk gives the cause (486 → 17, 603 → 21, …): use both.
 */
import type { CallOutcome } from '../db/schema.js';

const CAUSE_BUSY = new Set([17]);
const CAUSE_NO_ANSWER = new Set([18, 19]);
const CAUSE_REJECTED = new Set([21]);
const CAUSE_CONGESTION = new Set([34, 38, 41, 42, 44, 47]);

export function unansweredOutcome(dialStatus: string | null, cause: number | null): CallOutcome {
  if (cause !== null && CAUSE_REJECTED.has(cause)) return 'rejected';
  switch (dialStatus) {
    case 'BUSY':
      return 'busy';
    case 'NOANSWER':
      return 'no-answer';
    case 'CONGESTION':
      return 'congestion';
  }
  if (cause !== null) {
    if (CAUSE_BUSY.has(cause)) return 'busy';
    if (CAUSE_NO_ANSWER.has(cause)) return 'no-answer';
    if (CAUSE_CONGESTION.has(cause)) return 'congestion';
  }
  return 'failed';
}
