/** A timer this long that fires while a call runs means the call waited, not worked. */
export const LONG_TIMER_MS = 500;

/**
 * Runs `action` and reports the delays (ms) of timers of at least `LONG_TIMER_MS` that fired
 * before it settled. Counts what the code did, not how fast the machine is: a timeout that is
 * armed and cleared (an HTTP client's) does not count; a sleep that elapses does.
 */
export async function longTimersFired<T>(action: () => Promise<T>): Promise<{ result: T; fired: number[] }> {
  const fired: number[] = [];
  const original = globalThis.setTimeout;
  const watched = ((handler: unknown, delay?: number, ...rest: unknown[]) => {
    const ms = Number(delay ?? 0);
    if (typeof handler !== 'function' || !(ms >= LONG_TIMER_MS))
      return original(handler as () => void, delay, ...rest);
    return original(
      (...args: unknown[]) => {
        fired.push(ms);
        (handler as (...inner: unknown[]) => void)(...args);
      },
      delay,
      ...rest,
    );
  }) as typeof globalThis.setTimeout;
  globalThis.setTimeout = watched;
  try {
    const result = await action();
    return { result, fired };
  } finally {
    globalThis.setTimeout = original;
  }
}
