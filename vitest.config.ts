import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-redis.ts', 'test/support/global-web.ts', 'test/support/global-prompts.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores on CI: run files in parallel processes but keep it bounded.
    pool: 'forks',
    maxWorkers: 2,
  },
});
