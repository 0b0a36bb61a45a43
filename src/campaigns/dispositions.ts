/**
 * Dispositions, pure: the defaults a campaign starts with, and what each category makes
 * happen when an agent gives it (VICIdial's status flags, as categories):
 *  - sale: accepted only when the call's own verification created a subscription;
 *  - callback: needs the time the customer asked to be called back;
 *  - do-not-call: the number goes on the do-not-call list at once;
 *  - refusal, no-interest, wrong-person, other: recorded only.
 */
import type { DispositionCategory } from '../db/schema.js';

export { DISPOSITION_CATEGORIES, type DispositionCategory } from '../db/schema.js';

/** A disposition code: lower-case letters, digits and -, up to 30 (e.g. not-interested). */
export const DISPOSITION_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,29}$/;

export { DEFAULT_DISPOSITIONS, type DispositionDefinition } from './default-dispositions.js';

/** What giving a disposition of this category requires and causes. */
export interface DispositionEffects {
  /** Refused unless the call produced a verified subscription. */
  needsSubscription: boolean;
  /** Refused without a callback time; a callback is scheduled. */
  needsCallbackTime: boolean;
  /** The number goes on the do-not-call list. */
  listsDoNotCall: boolean;
}

export function effectsOf(category: DispositionCategory): DispositionEffects {
  return {
    needsSubscription: category === 'sale',
    needsCallbackTime: category === 'callback',
    listsDoNotCall: category === 'do-not-call',
  };
}
