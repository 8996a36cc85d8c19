import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every connection a test opens must go to 127.0.0.1: the emulator is the only server here.
    setupFiles: ['./src/__fixtures__/loopback-only.ts'],
    // A hang guard only: the third-party clients are child processes, slow to start on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
