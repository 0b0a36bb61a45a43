import type { manager as en } from '../en/manager.js';
import type { Mirror } from '../messages.js';

export const manager: Mirror<typeof en> = {
};
