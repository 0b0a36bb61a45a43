import type { managerPeople as en } from '../en/manager-people.js';
import type { Mirror } from '../messages.js';

export const managerPeople: Mirror<typeof en> = {
};
