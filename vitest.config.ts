import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/postgres.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files run in parallel; each test works in its own database.
    fileParallelism: true,
    // A test mostly waits on PostgreSQL, which works in its own processes: one worker more than cores keeps both busy.
    maxWorkers: availableParallelism() + 1,
  },
});
