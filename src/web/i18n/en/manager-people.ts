export const managerPeople = {
} as const;
