import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A test's speed must not decide its result: on a busy 2-core machine (parallel builds) a
    // test that takes 100 ms idle has been seen to pass vitest's default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
