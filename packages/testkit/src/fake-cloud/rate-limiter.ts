/** A token-bucket limit on requests, in real time. */
export interface RateLimitOptions {
  /** Sustained rate; also the burst size (at least 1). */
  requestsPerSecond: number;
  /** `Retry-After` sent with a 429. Default: the seconds until a token is back, rounded up (at least 1). */
  retryAfterSeconds?: number;
}

/** Token bucket: starts full, refills continuously at `requestsPerSecond`. */
export class RateLimiter {
  readonly #rate: number;
  readonly #capacity: number;
  readonly #retryAfterSeconds: number | undefined;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  /** @param now clock in milliseconds (injectable for tests); default `performance.now`. */
  constructor(options: RateLimitOptions, now: () => number = () => performance.now()) {
    if (!(options.requestsPerSecond > 0)) throw new TypeError('rateLimit.requestsPerSecond must be > 0.');
    this.#rate = options.requestsPerSecond;
    // A rate below one per second still allows one request at a time.
    this.#capacity = Math.max(1, this.#rate);
    this.#retryAfterSeconds = options.retryAfterSeconds;
    this.#now = now;
    this.#tokens = this.#capacity;
    this.#updatedAt = now();
  }

  /** Takes a token. Returns `undefined` when allowed, else the `Retry-After` seconds to answer with. */
  take(): number | undefined {
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#updatedAt) / 1000) * this.#rate);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return undefined;
    }
    return this.#retryAfterSeconds ?? Math.max(1, Math.ceil((1 - this.#tokens) / this.#rate));
  }

  /** Fills the bucket again. */
  reset(): void {
    this.#tokens = this.#capacity;
    this.#updatedAt = this.#now();
  }
}
