import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Parsing the whole workspace is CPU work: on a busy 2-core machine it takes well over 5 s.
    // No test here measures time, so the limit is only a hang guard.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
