import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The CLI tests run the built binary: build it (incrementally) first.
    globalSetup: ['./test/build-cli.ts'],
    // Each CLI test starts node processes that talk to an emulator over HTTP.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
