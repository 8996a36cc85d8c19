/**
 * A fake clock for tests: `sleep` resolves when `run` advances virtual time to it, so a schedule of
 * minutes costs no real time and gives the same result on any machine.
 */
export class FakeClock {
  #time: number;
  #timers: Array<{ at: number; order: number; resolve: () => void; reject: (reason: unknown) => void }> = [];
  #order = 0;

  constructor(start = 1_700_000_000_000) {
    this.#time = start;
  }

  readonly now = (): number => this.#time;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = { at: this.#time + Math.max(0, ms), order: this.#order++, resolve, reject };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((entry) => entry !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  /** Advances virtual time timer by timer until `work` settles. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    for (;;) {
      // Let every promise chain that can move do so before time moves.
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return work;
      this.#timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.#timers.shift();
      if (next === undefined)
        throw new Error('FakeClock: nothing is scheduled and the work has not settled.');
      this.#time = Math.max(this.#time, next.at);
      next.resolve();
    }
  }
}

/** A seeded pseudo-random source (a linear congruential generator): repeatable jitter. */
export function seededRandom(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
