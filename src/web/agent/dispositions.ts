/** The dispositions an agent may give a call, in the console's words (the server's list, type-checked). */
import type { Disposition } from './agent-api.js';

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  sale: 'Sale (verified subscription)',
  declined: 'Declined the offer',
  refused: 'Refused to talk',
  'not-interested': 'Not interested',
  callback: 'Call back later',
  'wrong-person': 'Wrong person',
  other: 'Other',
};

/** Every disposition, in the order shown. */
export const DISPOSITIONS = Object.keys(DISPOSITION_LABELS) as Disposition[];
