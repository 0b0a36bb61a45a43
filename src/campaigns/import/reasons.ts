/**
 * Why a data row of an imported list was not accepted. Every row after the header is either
 * accepted or counted under exactly one of these, so accepted + Σ rejected = rows read.
 */

export const REJECT_REASONS = [
  // The row could not be read as a row of the list.
  'empty-row',
  'wrong-column-count',
  'row-too-long',
  'unclosed-quote',
  'undecodable',
  // The phone cell.
  'missing-phone',
  'invalid-number',
  'unsupported-type',
  // Not dialed although valid.
  'duplicate-in-file',
  'duplicate-in-campaign',
  'do-not-call',
  // Do-not-call imports: the number is on that list already.
  'already-listed',
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];

/** One line of plain words per reason, for reports and the API. */
export const REASON_TEXT: Record<RejectReason, string> = {
  'empty-row': 'blank line, or a row with no values',
  'wrong-column-count': 'the row has a different number of columns from the header',
  'row-too-long': 'the row is longer than the largest row the import accepts',
  'unclosed-quote': 'a quoted value is never closed',
  'undecodable': 'bytes that are not text in the file’s encoding, or control characters',
  'missing-phone': 'the phone column is empty',
  'invalid-number': 'not a valid phone number',
  'unsupported-type': 'not a mobile or fixed-line number',
  'duplicate-in-file': 'the same number appears earlier in this file',
  'duplicate-in-campaign': 'the number is already in the campaign',
  'do-not-call': 'the number is on the do-not-call list',
  'already-listed': 'the number is already on this do-not-call list',
};

/** The counts grouped the way a manager reads them. */
export interface ReasonSummary {
  /** Rows that could not be read: blank, ragged, too long, unclosed quote, undecodable. */
  malformed: number;
  /** Phone cell empty, invalid, or of a type that is not dialed. */
  invalid: number;
  /** In the file twice, already in the campaign, or already on the do-not-call list. */
  duplicate: number;
  doNotCall: number;
}

/** All reasons at zero. */
export function zeroCounts(): Record<RejectReason, number> {
  return Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>;
}

/** Groups per-reason counts (missing reasons count as 0). */
export function summarise(counts: Partial<Record<RejectReason, number>>): ReasonSummary {
  const n = (r: RejectReason): number => counts[r] ?? 0;
  return {
    malformed: n('empty-row') + n('wrong-column-count') + n('row-too-long') + n('unclosed-quote') + n('undecodable'),
    invalid: n('missing-phone') + n('invalid-number') + n('unsupported-type'),
    duplicate: n('duplicate-in-file') + n('duplicate-in-campaign') + n('already-listed'),
    doNotCall: n('do-not-call'),
  };
}
