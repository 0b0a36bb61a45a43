import type { subscriptions as en } from '../en/subscriptions.js';
import type { Mirror } from '../messages.js';

export const subscriptions: Mirror<typeof en> = {
};
