/**
 * Deterministic progress of resources that take time in a real cloud: a resource is ready on
 * its `readsUntilActive`-th read, so tests never sleep.
 */
export class Lifecycle {
  readonly #reads = new Map<string, number>();

  constructor(readonly readsUntilActive: number) {
    if (!Number.isInteger(readsUntilActive) || readsUntilActive < 0) {
      throw new TypeError('readsUntilActive must be a whole number >= 0.');
    }
  }

  /** Counts a read of `key`; `true` once it has been read `readsUntilActive` times since creation or `restart`. */
  read(key: string): boolean {
    const reads = (this.#reads.get(key) ?? 0) + 1;
    this.#reads.set(key, reads);
    return reads >= this.readsUntilActive;
  }

  /** Starts counting `key` from zero again (a new transition, e.g. deletion after creation). */
  restart(key: string): void {
    this.#reads.delete(key);
  }

  clear(): void {
    this.#reads.clear();
  }
}
