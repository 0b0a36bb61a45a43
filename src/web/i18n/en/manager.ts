export const manager = {
} as const;
