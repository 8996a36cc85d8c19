import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A hang guard only: no test here measures time, and a busy 2-core machine runs far past 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
