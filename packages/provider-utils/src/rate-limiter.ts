import { sleep as coreSleep } from '@provision/core';
import { rateLimitHeaders } from './rate-limit-headers.js';

/** How a rate limiter is built. Every field is for tests or tuning; the defaults fit the clouds we know. */
export interface RateLimiterOptions {
  /** Clock in ms. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Waits; default core's `sleep`. A caller may pass its own per `acquire`. */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Default `Math.random`. */
  readonly random?: (() => number) | undefined;
  /**
   * After this long without a 429 the learned rate is raised by half (so a lifted limit is found
   * again), or forgotten when nobody had to wait for it. Default 10000 ms.
   */
  readonly relaxAfterMs?: number | undefined;
}

/** What `acquire` is told by its caller. */
export interface AcquireOptions {
  readonly signal?: AbortSignal | undefined;
  /**
   * The longest block by the cloud (`Retry-After`, an exhausted window) the caller accepts; beyond
   * it `acquire` throws `RateLimitWaitTooLong` at once. Waiting behind other callers is not limited.
   */
  readonly maxWaitMs?: number | undefined;
  /** The caller's own sleep (a fake one in tests). */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/** Thrown by `acquire` when the next free slot is further away than the caller accepts. */
export class RateLimitWaitTooLong extends Error {
  /** How long the slot is away, in ms. */
  readonly waitMs: number;
  constructor(waitMs: number) {
    super(`Requests are blocked for another ${waitMs} ms.`);
    this.name = 'RateLimitWaitTooLong';
    this.waitMs = waitMs;
  }
}

/** What the limiter believes, for logs and tests. */
export interface RateLimiterState {
  /** The paced rate in requests per second; undefined while requests are not paced. */
  readonly requestsPerSecond: number | undefined;
  /** Requests that may go at once after a quiet spell. */
  readonly burst: number;
  /** Epoch ms before which nothing is sent (a `Retry-After`, an exhausted window). */
  readonly blockedUntil: number;
}

/**
 * One account's pacing, shared by every client of that account (see `sharedRateLimiter`).
 * Unpaced until the cloud throttles; then it paces at the rate the cloud was seen to accept,
 * with a burst of one second's worth (a token bucket, run as a virtual schedule), honours
 * `Retry-After` for everyone, spreads released callers with jitter, and raises the rate again
 * after calm spells.
 */
export interface RateLimiter {
  /** Waits for this request's slot. @throws RateLimitWaitTooLong, or the signal's reason. */
  acquire(options?: AcquireOptions): Promise<void>;
  /** An answer that was not throttled: counts it, and reads `ratelimit-*` / `x-ratelimit-*` headers. */
  accepted(headers: Headers): void;
  /** A throttled answer (429): nobody sends before `waitMs` from now; the rate is learned. */
  throttled(waitMs: number): void;
  state(): RateLimiterState;
}

const WINDOW_MS = 1000;
// Fewer acceptances than this in the window teach nothing: a lone 429 is a fault or a quota, not a rate.
const MIN_EVIDENCE = 3;
const RELAX_FACTOR = 1.5;
// Beyond this the rate is forgotten: the cloud evidently allows more than we send.
const FORGET_ABOVE_PER_SECOND = 500;
// Each cut lowers the rate at least this much, so an estimate equal to the limit still converges below it.
const CUT_FACTOR = 1.05;

/** Builds a limiter. Most code wants `sharedRateLimiter(key)` instead. */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const defaultSleep = options.sleep ?? coreSleep;
  const relaxAfterMs = options.relaxAfterMs ?? 10_000;

  let intervalMs: number | undefined;
  let burst = 1;
  // The virtual schedule: the time the next request would go if every earlier one kept its slot.
  let scheduledAt = 0;
  let blockedUntil = 0;
  // From the cloud's own counters: a floor under the interval until `headerFloorUntil`.
  let headerFloorMs = 0;
  let headerFloorUntil = 0;
  let calmSince = now();
  // Whether a caller waited for a slot since `calmSince`: a rate nobody waits for is not worth keeping.
  let pressed = false;
  let lastCutAt = Number.NEGATIVE_INFINITY;
  const acceptedAt: number[] = [];
  const throttledAt: number[] = [];

  const trim = (times: number[], at: number) => {
    while (times.length > 0 && (times[0] as number) <= at - 2 * WINDOW_MS) times.shift();
  };

  function effectiveInterval(at: number): number | undefined {
    const floor = at < headerFloorUntil ? headerFloorMs : 0;
    if (intervalMs === undefined) return floor > 0 ? floor : undefined;
    return Math.max(intervalMs, floor);
  }

  function relax(at: number) {
    if (intervalMs === undefined || at - calmSince < relaxAfterMs) return;
    const spells = Math.floor((at - calmSince) / relaxAfterMs);
    intervalMs = pressed ? intervalMs / RELAX_FACTOR ** spells : undefined;
    calmSince = at;
    pressed = false;
    if (intervalMs === undefined || 1000 / intervalMs > FORGET_ABOVE_PER_SECOND) intervalMs = undefined;
    else burst = Math.max(1, Math.round(WINDOW_MS / intervalMs));
  }

  function slotFor(at: number): number {
    relax(at);
    const start = Math.max(at, blockedUntil);
    const interval = effectiveInterval(at);
    if (interval === undefined) {
      if (start === at) return at;
      // Released together after a block: spread over a quarter of the block, so they do not collide.
      return start + random() * Math.min(1000, Math.max(50, 0.25 * (start - at)));
    }
    const tolerance = (burst - 1) * interval;
    const slot = Math.max(start, scheduledAt - tolerance);
    scheduledAt = Math.max(scheduledAt, slot) + interval;
    // Jitter only for callers that wait anyway: a request within the burst goes at once.
    return slot > at ? slot + random() * interval * 0.5 : slot;
  }

  return {
    async acquire(acquireOptions: AcquireOptions = {}) {
      const at = now();
      // Only the cloud's own block can be too long; a queue of our own callers is always waited for.
      if (acquireOptions.maxWaitMs !== undefined && blockedUntil - at > acquireOptions.maxWaitMs)
        throw new RateLimitWaitTooLong(Math.ceil(blockedUntil - at));
      const slot = slotFor(at);
      const wait = Math.ceil(slot - at);
      if (wait <= 0) return;
      pressed = true;
      await (acquireOptions.sleep ?? defaultSleep)(wait, acquireOptions.signal);
    },

    accepted(headers: Headers) {
      const at = now();
      acceptedAt.push(at);
      trim(acceptedAt, at);
      const counters = rateLimitHeaders(headers, at);
      if (counters === undefined || counters.resetInMs <= 0) return;
      if (counters.remaining <= 0) {
        blockedUntil = Math.max(blockedUntil, at + counters.resetInMs);
        return;
      }
      // Only a nearly spent window is spread out; a full one is the cloud's to give.
      const lowWater = Math.max(2, Math.ceil(counters.limit * 0.05));
      if (counters.remaining <= lowWater) {
        headerFloorMs = counters.resetInMs / counters.remaining;
        headerFloorUntil = at + counters.resetInMs;
      } else if (at < headerFloorUntil) {
        headerFloorUntil = 0;
      }
    },

    throttled(waitMs: number) {
      const at = now();
      blockedUntil = Math.max(blockedUntil, at + Math.max(0, waitMs));
      throttledAt.push(at);
      trim(throttledAt, at);
      trim(acceptedAt, at);
      calmSince = at;
      pressed = false;
      // Several answers throttled at once (requests already in flight) are one event: cut once.
      if (at - lastCutAt < WINDOW_MS / 2) return;
      const accepted = acceptedAt.filter((time) => time > at - WINDOW_MS).length;
      const repeated = throttledAt.length >= 2 || intervalMs !== undefined;
      if (accepted < MIN_EVIDENCE || !repeated) return;
      const measured = WINDOW_MS / accepted;
      intervalMs = intervalMs === undefined ? measured : Math.max(measured, intervalMs * CUT_FACTOR);
      burst = Math.max(1, Math.round(WINDOW_MS / intervalMs));
      lastCutAt = at;
      // The cloud's bucket is empty now: so is ours, and it refills while everyone waits.
      scheduledAt = Math.max(scheduledAt, at + (burst - 1) * intervalMs + intervalMs);
    },

    state() {
      const interval = effectiveInterval(now());
      return {
        requestsPerSecond: interval === undefined ? undefined : 1000 / interval,
        burst,
        blockedUntil,
      };
    },
  };
}

const REGISTRY = Symbol.for('provision.provider-utils.rate-limiters');
const MAX_SHARED = 256;

/**
 * The limiter of one account, shared across clients and across copies of this package (the
 * registry lives on `globalThis`). `key` must not be a credential: use `rateLimitKey()`.
 */
export function sharedRateLimiter(key: string): RateLimiter {
  const holder = globalThis as unknown as Record<symbol, Map<string, RateLimiter> | undefined>;
  let registry = holder[REGISTRY];
  if (registry === undefined) {
    registry = new Map();
    holder[REGISTRY] = registry;
  }
  let limiter = registry.get(key);
  if (limiter === undefined) {
    // A process that talks to very many accounts keeps the newest; the oldest start afresh.
    if (registry.size >= MAX_SHARED) registry.delete(registry.keys().next().value as string);
    limiter = createRateLimiter();
    registry.set(key, limiter);
  }
  return limiter;
}
