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
   * After this long without a 429 a learned rate nobody had to wait for is forgotten. A rate callers
   * wait for is raised by half after a quarter of it (so a limit learned too low, or lifted since,
   * is found again); each raise the cloud refuses doubles that wait. Default 10000 ms.
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
  /** This request's own wait first, in ms: the `Retry-After` of its throttled attempt. */
  readonly delayMs?: number | undefined;
}

/** Thrown by `acquire` when the cloud blocks requests for longer than the caller accepts. */
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
  /** Epoch ms before which nothing is sent (the cloud reported its window exhausted). */
  readonly blockedUntil: number;
  /**
   * Answers reported `accepted` since the limiter was built: a caller throttled again and again
   * tells by it whether the account still gets requests through (a pace) or none (a block).
   * Optional for limiters of other copies of this package.
   */
  readonly acceptedCount?: number;
}

/**
 * One account's pacing, shared by every client of that account (see `sharedRateLimiter`).
 * Unpaced until the cloud throttles repeatedly; then it paces every client of the account at the
 * rate the cloud was seen to accept, with a burst of one second's worth (a token bucket run as a
 * virtual schedule), gives waiting callers slots apart with jitter so they do not retry together,
 * and raises the rate again after calm spells. A throttled request itself waits its `Retry-After`
 * (`delayMs`); the others keep their pace, so 429s that come whatever the rate (injected faults)
 * hold back only the requests they hit. A pace the cloud keeps refusing a share of is cut by that
 * share on trial: kept once the 429s stop, undone when they come on at the new pace. Short
 * windows reported by `ratelimit-*` headers are spread out, and an exhausted one holds everyone
 * back until it resets.
 */
export interface RateLimiter {
  /** Waits for this request's slot. @throws RateLimitWaitTooLong, or the signal's reason. */
  acquire(options?: AcquireOptions): Promise<void>;
  /** An answer that was not throttled: counts it, and reads `ratelimit-*` / `x-ratelimit-*` headers. */
  accepted(headers: Headers): void;
  /** A throttled answer (429): repeated ones teach the rate. The request waits via `acquire({ delayMs })`. */
  throttled(): void;
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
const CUT_QUIET_MS = 1500;
// A raise is probed only while at most this many requests wait for their slots.
const PROBE_QUEUE = 20;
const WALL = 5;
const SPACING_JITTER = 0.05;
// A pace the cloud keeps refusing a part of is cut on trial, by the share refused over this long.
const TRIAL_MS = 2 * WINDOW_MS;
// The trial keeps the cut once the answers accepted at the new pace would have brought this many
// 429s at the old share, none having come; the first 429 undoes it.
const TRIAL_EVIDENCE = 5;
// One request in ten seconds: the slowest pace ever kept.
const SLOWEST_INTERVAL_MS = 10_000;
// Counters of longer windows (DigitalOcean's and Hetzner's hour) are left to the cloud's own 429:
// spreading an hour's remainder would crawl, and a fake that only counts would stall the caller.
const HEADER_WINDOW_MAX_MS = 60_000;

/** Builds a limiter. Most code wants `sharedRateLimiter(key)` instead. */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const defaultSleep = options.sleep ?? coreSleep;
  const relaxAfterMs = options.relaxAfterMs ?? 10_000;

  let intervalMs: number | undefined;
  // Answers in the window of the last cut: sending more than that again is what a cut answers.
  let sentAtLastCut = 0;
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
  // Probing: a raise that the cloud answers with 429 before it is judged is undone, and the next
  // raise waits twice as long, so a steady limit costs fewer and fewer rejected probes. The first
  // raise comes soon: a rate learned from a thin window (callers asleep on a Retry-After) is low.
  const firstProbeMs = relaxAfterMs / 4;
  let relaxPeriodMs = firstProbeMs;
  let relaxedAt = Number.NEGATIVE_INFINITY;
  let raiseJudgedAt = Number.NEGATIVE_INFINITY;
  let intervalBeforeRelax: number | undefined;
  // Rates are measured over a whole window. Before one has passed, only a wall of 429s (the burst
  // spent, every answer since refused) is taken as a limit of one window's worth of that burst.
  let firstAcceptedAt: number | undefined;
  let throttledInARow = 0;
  // A cut on trial (see `throttled`): the pace before it and what the last cut had seen sent, the
  // share of answers refused at it, from when the answers count (those sent at the old pace do
  // not), and how many were accepted since. An undone trial doubles the wait before the next one.
  let trial:
    | { intervalBefore: number; sentBefore: number; share: number; countFrom: number; accepted: number }
    | undefined;
  let trialWaitMs = TRIAL_MS;
  let nextTrialAt = Number.NEGATIVE_INFINITY;
  let acceptedCount = 0;
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

  function forget() {
    intervalMs = undefined;
    sentAtLastCut = 0;
    relaxPeriodMs = firstProbeMs;
    intervalBeforeRelax = undefined;
    trial = undefined;
  }

  function relax(at: number) {
    if (intervalMs === undefined) return;
    const calm = at - calmSince;
    if (!pressed) {
      // A rate nobody waited for in a whole spell is forgotten: the cloud allows what we send.
      if (calm >= Math.max(relaxAfterMs, relaxPeriodMs)) {
        calmSince = at;
        forget();
      }
      return;
    }
    // The previous raise is judged once the slots handed out before it have gone: a raise on top
    // of one not yet seen could not tell which the cloud refused. And a raise waits while more
    // than a few callers queue: a refused one would cost each of them a 429.
    if (calm < relaxPeriodMs || at < raiseJudgedAt) return;
    if (scheduledAt - at > Math.max(WINDOW_MS, PROBE_QUEUE * intervalMs)) return;
    // A calm spell after a cut on trial keeps it.
    trial = undefined;
    const spells = Math.floor(calm / relaxPeriodMs);
    calmSince = at;
    pressed = false;
    intervalBeforeRelax = intervalMs;
    relaxedAt = at;
    intervalMs /= RELAX_FACTOR ** spells;
    raiseJudgedAt = Math.max(at, scheduledAt) + WINDOW_MS;
    if (1000 / intervalMs > FORGET_ABOVE_PER_SECOND) return forget();
    burst = Math.max(1, Math.round(WINDOW_MS / intervalMs));
  }

  // Callers held back together come back apart: spread over a quarter of the wait.
  const spread = (waitMs: number) => random() * Math.min(1000, Math.max(50, 0.25 * waitMs));

  function slotFor(at: number): number {
    relax(at);
    const start = Math.max(at, blockedUntil);
    const interval = effectiveInterval(at);
    if (interval === undefined) return start === at ? at : start + spread(start - at);
    const tolerance = (burst - 1) * interval;
    const slot = Math.max(start, scheduledAt - tolerance);
    // Jitter only ever lengthens a gap: callers never bunch up, and the cloud's bucket keeps a
    // little in hand for the unevenness of the network.
    scheduledAt = Math.max(scheduledAt, slot) + interval * (1 + SPACING_JITTER * random());
    return slot;
  }

  return {
    async acquire(acquireOptions: AcquireOptions = {}) {
      const sleep = acquireOptions.sleep ?? defaultSleep;
      // Only the cloud's own block can be too long; a queue of our own callers is always waited for.
      const blockedFor = blockedUntil - now();
      if (acquireOptions.maxWaitMs !== undefined && blockedFor > acquireOptions.maxWaitMs)
        throw new RateLimitWaitTooLong(Math.ceil(blockedFor));
      // A throttled request first waits what it was told, then takes a slot like any other: a
      // slot reserved that far ahead would hold back every caller queued behind it.
      const delayMs = Math.max(0, acquireOptions.delayMs ?? 0);
      if (delayMs > 0) {
        const jitter = effectiveInterval(now()) === undefined ? spread(delayMs) : 0;
        await sleep(Math.ceil(delayMs + jitter), acquireOptions.signal);
      }
      const at = now();
      const slot = slotFor(at);
      const wait = Math.ceil(slot - at);
      if (wait <= 0) return;
      pressed = true;
      await sleep(wait, acquireOptions.signal);
    },

    accepted(headers: Headers) {
      const at = now();
      if (trial !== undefined && at >= trial.countFrom) {
        trial.accepted += 1;
        if (trial.share * trial.accepted >= TRIAL_EVIDENCE) {
          trial = undefined;
          trialWaitMs = TRIAL_MS;
        }
      }
      firstAcceptedAt ??= at;
      throttledInARow = 0;
      acceptedCount += 1;
      acceptedAt.push(at);
      trim(acceptedAt, at);
      const counters = rateLimitHeaders(headers, at);
      if (counters === undefined || counters.resetInMs <= 0 || counters.resetInMs > HEADER_WINDOW_MAX_MS)
        return;
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

    throttled() {
      const at = now();
      throttledInARow += 1;
      throttledAt.push(at);
      trim(throttledAt, at);
      trim(acceptedAt, at);
      calmSince = at;
      pressed = false;
      if (trial !== undefined) {
        // Requests sent at the old pace are not the trial's.
        if (at < trial.countFrom) return;
        // A 429 at the new pace: they come whatever the pace (injected faults, a flaky proxy), and
        // the old pace was not their cause. Back to it; trials grow rarer.
        intervalMs = trial.intervalBefore;
        sentAtLastCut = trial.sentBefore;
        burst = Math.max(1, Math.round(WINDOW_MS / intervalMs));
        trial = undefined;
        nextTrialAt = at + trialWaitMs;
        trialWaitMs = Math.min(trialWaitMs * 2, 8 * relaxAfterMs);
        return;
      }
      // Answers throttled soon after a cut come from requests sent or queued at the old pace: one
      // event, cut once.
      if (at - lastCutAt < CUT_QUIET_MS) return;
      const accepted = acceptedAt.filter((time) => time > at - WINDOW_MS).length;
      const repeated = throttledAt.length >= 2 || intervalMs !== undefined;
      const seenWindow = firstAcceptedAt !== undefined && at - firstAcceptedAt >= WINDOW_MS;
      // A wall is as many refusals in a row as half the answers accepted before it: chance 429s
      // (injected faults) do not line up like that.
      const wall = throttledInARow >= Math.max(WALL, Math.ceil(acceptedAt.length / 2));
      if (accepted < MIN_EVIDENCE || !repeated || !(seenWindow || wall)) return;
      const measured = WINDOW_MS / accepted;
      const sent = accepted + throttledAt.filter((time) => time > at - WINDOW_MS).length;
      if (intervalMs === undefined) {
        intervalMs = measured;
      } else if (
        intervalBeforeRelax !== undefined &&
        at < Math.max(relaxedAt + relaxPeriodMs, raiseJudgedAt)
      ) {
        // A raise the cloud refused: back to the pace that held, no lower.
        intervalMs = intervalBeforeRelax;
        relaxPeriodMs = Math.min(relaxPeriodMs * 2, 8 * relaxAfterMs);
      } else {
        // A pace that explains the 429s is cut: three in four answers refused (a spent burst), or
        // more sent than at the last cut.
        const explained = accepted / sent < 0.25 || sent > sentAtLastCut * 1.1;
        if (explained) {
          intervalMs = Math.max(measured, intervalMs * CUT_FACTOR);
        } else {
          // Otherwise the 429s keep coming at a pace a little above the cloud's limit (a rate
          // learned from a window that held the cloud's burst besides its rate), or whatever the
          // pace (injected faults). The pace goes on trial, cut by the share refused over the last
          // two windows: where the cloud limits, to its own rate, and its 429s all but stop; where
          // they are faults they go on at that share, and the trial is undone. A lone 429 holds
          // back only the request it hit.
          const refused = throttledAt.filter((time) => time > at - TRIAL_MS).length;
          const answered = refused + acceptedAt.filter((time) => time > at - TRIAL_MS).length;
          if (at < nextTrialAt || refused < 2 || refused >= answered) return;
          const share = refused / answered;
          const intervalBefore = intervalMs;
          intervalMs = Math.max(intervalMs / (1 - share), intervalMs * CUT_FACTOR);
          trial = {
            intervalBefore,
            sentBefore: sentAtLastCut,
            share,
            countFrom: at + CUT_QUIET_MS,
            accepted: 0,
          };
        }
      }
      intervalBeforeRelax = undefined;
      sentAtLastCut = sent;
      intervalMs = Math.min(intervalMs, SLOWEST_INTERVAL_MS);
      burst = Math.max(1, Math.round(WINDOW_MS / intervalMs));
      lastCutAt = at;
      // The cloud's bucket is empty now: so is ours, and it refills while the throttled wait.
      scheduledAt = Math.max(scheduledAt, at + (burst - 1) * intervalMs + intervalMs);
    },

    state() {
      const interval = effectiveInterval(now());
      return {
        requestsPerSecond: interval === undefined ? undefined : 1000 / interval,
        burst,
        blockedUntil,
        acceptedCount,
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
