/** A token-bucket limit on requests, in real time (for the emulator and benchmarks). */
export interface TimedRateLimitOptions {
  /** Sustained rate; also the burst size (at least 1). */
  requestsPerSecond: number;
  /** `Retry-After` sent with a 429. Default: the seconds until a token is back, rounded up (at least 1). */
  retryAfterSeconds?: number;
}

/**
 * A limit counted in requests, not time: of every `rejectEvery` requests the last one is throttled.
 * What tests use, so a result never depends on how fast the machine runs.
 */
export interface CountedRateLimitOptions {
  /** Every `rejectEvery`-th request (2, 4, 6... for 2) is answered with the cloud's throttling error. At least 2. */
  rejectEvery: number;
  /** `Retry-After` sent with a 429. Default 0: retry at once. */
  retryAfterSeconds?: number;
}

/** How a fake throttles: in real time (token bucket) or by counting requests. */
export type RateLimitOptions = TimedRateLimitOptions | CountedRateLimitOptions;

/** Decides per request whether the cloud throttles it. */
export class RateLimiter {
  readonly #rate: number;
  readonly #capacity: number;
  readonly #retryAfterSeconds: number | undefined;
  readonly #now: () => number;
  readonly #rejectEvery: number | undefined;
  #seen = 0;
  #tokens: number;
  #updatedAt: number;

  /** @param now clock in milliseconds (injectable for tests); default `performance.now`. Unused when counting. */
  constructor(options: RateLimitOptions, now: () => number = () => performance.now()) {
    if ('rejectEvery' in options) {
      if (!Number.isInteger(options.rejectEvery) || options.rejectEvery < 2)
        throw new TypeError('rateLimit.rejectEvery must be a whole number >= 2.');
      this.#rejectEvery = options.rejectEvery;
      this.#rate = 1;
      this.#retryAfterSeconds = options.retryAfterSeconds ?? 0;
    } else {
      if (!(options.requestsPerSecond > 0)) throw new TypeError('rateLimit.requestsPerSecond must be > 0.');
      this.#rate = options.requestsPerSecond;
      this.#retryAfterSeconds = options.retryAfterSeconds;
    }
    // A rate below one per second still allows one request at a time.
    this.#capacity = Math.max(1, this.#rate);
    this.#now = now;
    this.#tokens = this.#capacity;
    this.#updatedAt = this.#rejectEvery === undefined ? now() : 0;
  }

  /** Takes a token. Returns `undefined` when allowed, else the `Retry-After` seconds to answer with. */
  take(): number | undefined {
    if (this.#rejectEvery !== undefined) {
      this.#seen += 1;
      return this.#seen % this.#rejectEvery === 0 ? this.#retryAfterSeconds : undefined;
    }
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#updatedAt) / 1000) * this.#rate);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return undefined;
    }
    return this.#retryAfterSeconds ?? Math.max(1, Math.ceil((1 - this.#tokens) / this.#rate));
  }

  /** Fills the bucket again (or restarts the count). */
  reset(): void {
    this.#seen = 0;
    this.#tokens = this.#capacity;
    if (this.#rejectEvery === undefined) this.#updatedAt = this.#now();
  }
}
