import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A test's speed must not decide its result: on a busy 2-core machine (parallel builds) the
    // SDK's first import alone has pushed tests past vitest's default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
