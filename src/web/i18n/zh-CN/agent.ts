import type { agent as en } from '../en/agent.js';
import type { Mirror } from '../messages.js';

export const agent: Mirror<typeof en> = {
};
