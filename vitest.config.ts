import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks', // native modules (better-sqlite3, sharp) and worker pools are happiest in processes
    // One file at a time: the pipeline tests use every core, and the event-loop test measures
    // delays that another file's worker threads would add to.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
