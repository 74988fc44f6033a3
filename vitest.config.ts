import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files mostly wait on PostgreSQL, local servers and child processes, so more of them
    // than cores run at once (vitest's default on 2 cores is one at a time).
    maxWorkers: 3,
  },
});
