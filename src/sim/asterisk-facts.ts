/**
 * Small facts of Asterisk's behaviour the simulator reproduces: Q.850 cause texts
 * (main/channel.c `causes[]`), ARI hangup reasons (res/ari/resource_channels.c), the cause →
 * dial status mapping (main/dial.c `ast_hangup_cause_to_dial_status`) and Asterisk's
 * timestamp format.
 */

/** Hangup causes the simulator produces. */
export const Cause = {
  UNKNOWN: 0,
  UNALLOCATED: 1,
  NO_ROUTE_DESTINATION: 3,
  NORMAL_CLEARING: 16,
  USER_BUSY: 17,
  NO_USER_RESPONSE: 18,
  NO_ANSWER: 19,
  SUBSCRIBER_ABSENT: 20,
  CALL_REJECTED: 21,
  ANSWERED_ELSEWHERE: 26,
  INVALID_NUMBER_FORMAT: 28,
  NORMAL_UNSPECIFIED: 31,
  CONGESTION: 34,
  FAILURE: 38,
  BEARERCAPABILITY_NOTAVAIL: 58,
  INTERWORKING: 127,
} as const;

/**
 * `cause` on a ChannelHangupRequest asked for over ARI: it is the soft-hangup flag
 * AST_SOFTHANGUP_EXPLICIT (0x20), not a Q.850 cause; the real cause is on ChannelDestroyed.
 */
export const SOFTHANGUP_EXPLICIT = 32;

/** AST_SOFTHANGUP_SHUTDOWN (0x04): the ChannelHangupRequest `cause` of every channel on `core stop now`. */
export const SOFTHANGUP_SHUTDOWN = 4;

const CAUSE_TEXT: Record<number, string> = {
  1: 'Unallocated (unassigned) number',
  2: 'No route to specified transmit network',
  3: 'No route to destination',
  6: 'Channel unacceptable',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  20: 'Subscriber absent',
  21: 'Call Rejected',
  22: 'Number changed',
  26: 'Answered elsewhere',
  27: 'Destination out of order',
  28: 'Invalid number format',
  29: 'Facility rejected',
  31: 'Normal, unspecified',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  41: 'Temporary failure',
  42: 'Switching equipment congestion',
  44: 'Requested channel not available',
  58: 'Bearer capability not available',
  127: 'Interworking, unspecified',
};

/** `cause_txt` as Asterisk's `ast_cause2str()` gives it ("Unknown" for unlisted causes). */
export function causeText(cause: number): string {
  return CAUSE_TEXT[cause] ?? 'Unknown';
}

/** Dial status Asterisk publishes when a dialled channel hangs up with `cause` before answer. */
export function dialStatusForCause(cause: number): string {
  switch (cause) {
    case Cause.USER_BUSY:
      return 'BUSY';
    case Cause.CONGESTION:
      return 'CONGESTION';
    case Cause.NO_ROUTE_DESTINATION:
    case Cause.SUBSCRIBER_ABSENT:
      return 'CHANUNAVAIL';
    default:
      return 'NOANSWER';
  }
}

const HANGUP_REASONS: Record<string, number> = {
  normal: Cause.NORMAL_CLEARING,
  busy: Cause.USER_BUSY,
  congestion: Cause.CONGESTION,
  no_answer: Cause.NO_ANSWER,
  timeout: Cause.NO_USER_RESPONSE,
  rejected: Cause.CALL_REJECTED,
  unallocated: Cause.UNALLOCATED,
  normal_unspecified: Cause.NORMAL_UNSPECIFIED,
  number_incomplete: Cause.INVALID_NUMBER_FORMAT,
  codec_mismatch: Cause.BEARERCAPABILITY_NOTAVAIL,
  interworking: Cause.INTERWORKING,
  failure: Cause.FAILURE,
  answered_elsewhere: Cause.ANSWERED_ELSEWHERE,
};

/** The cause of `DELETE /channels/{id}?reason=…`, or undefined for an unknown reason (400). */
export function causeForHangupReason(reason: string | undefined): number | undefined {
  if (reason === undefined || reason === '') return Cause.NORMAL_CLEARING;
  return HANGUP_REASONS[reason];
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Asterisk's JSON timestamp, e.g. `2026-11-22T17:16:36.294+0000` (always UTC here). */
export function asteriskTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

/** Entity id the simulator reports as `asterisk_id` (a locally administered MAC address). */
export const ASTERISK_ID = '02:5e:00:00:00:01';

/** Version the simulator claims in `GET /asterisk/info`. */
export const ASTERISK_VERSION = '22.10.1';
