import { afterEach, describe, expect, it } from 'vitest';
import { widgetCloud } from './__fixtures__/widget-cloud.js';
import type { RunningEmulator } from './emulator-options.js';
import { runUntilSignal } from './run-until-signal.js';
import { startEmulator } from './start-emulator.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

describe('runUntilSignal', () => {
  // SIGUSR2 stands in for SIGINT/SIGTERM: emitting those here would reach the test runner's own handlers.
  it('closes the emulator on the first signal and removes its handlers', async () => {
    const emulator = await startEmulator({ clouds: [widgetCloud()] });
    running.push(emulator);
    const before = process.listenerCount('SIGUSR2');
    const finished = runUntilSignal(emulator, { signals: ['SIGUSR2'] });
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    expect((await fetch(`${emulator.url}/`)).status).toBe(200);

    process.emit('SIGUSR2', 'SIGUSR2');
    await finished;
    expect(process.listenerCount('SIGUSR2')).toBe(before);
    await expect(fetch(`${emulator.url}/`)).rejects.toThrow();
  });

  it('listens for SIGINT and SIGTERM by default', () => {
    const counts = () => [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const before = counts();
    let closed = false;
    void runUntilSignal({
      close: async () => {
        closed = true;
      },
    });
    expect(counts()).toEqual([(before[0] ?? 0) + 1, (before[1] ?? 0) + 1]);
    // Clean up without sending a signal: the handlers are the ones just added.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const listeners = process.listeners(signal);
      process.off(signal, listeners[listeners.length - 1] as () => void);
    }
    expect(counts()).toEqual(before);
    expect(closed).toBe(false);
  });
});
