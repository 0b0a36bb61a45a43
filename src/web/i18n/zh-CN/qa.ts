import type { qa as en } from '../en/qa.js';
import type { Mirror } from '../messages.js';

export const qa: Mirror<typeof en> = {
};
