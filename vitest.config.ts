import { defineConfig } from 'vitest/config';

const shared = {
  testTimeout: 30_000,
  hookTimeout: 30_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-redis.ts', 'test/support/global-web.ts', 'test/support/global-asterisk.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'service',
          include: ['test/**/*.test.ts'],
          exclude: ['test/asterisk/**'],
          // Two cores on CI: run files in parallel processes but keep it bounded.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          // The real-Asterisk tier runs in real time against real processes (Asterisk, SIPp,
          // baresip): one file at a time, after everything else, so no other test steals its CPU.
          name: 'asterisk',
          include: ['test/asterisk/**/*.test.ts'],
          maxWorkers: 1,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
