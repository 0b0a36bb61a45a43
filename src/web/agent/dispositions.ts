/** The dispositions an agent may give a call (the server's list, type-checked); worded as `disposition.<value>`. */
import type { Disposition } from './agent-api.js';

/** Every disposition, in the order shown. */
export const DISPOSITIONS: readonly Disposition[] = ['sale', 'declined', 'refused', 'not-interested', 'callback', 'wrong-person', 'other'];
