export const qa = {
} as const;
