import { sha256Hex } from '@provision/core';

/** A window's counters as the cloud reports them (`ratelimit-*` or `x-ratelimit-*`). */
export interface RateLimitCounters {
  /** Requests allowed in the window. */
  readonly limit: number;
  /** Requests left in the window. */
  readonly remaining: number;
  /** Until the window resets, in ms (0 when already past). */
  readonly resetInMs: number;
}

function header(headers: Headers, name: string): number | undefined {
  const value = headers.get(`ratelimit-${name}`) ?? headers.get(`x-ratelimit-${name}`);
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Reads `ratelimit-limit`, `-remaining` and `-reset` (or the `x-` forms: DigitalOcean, Hetzner,
 * Linode, Vultr and others). A reset above 10^9 is epoch seconds, a smaller one seconds from now.
 * Undefined unless all three are there.
 */
export function rateLimitHeaders(headers: Headers, now: number = Date.now()): RateLimitCounters | undefined {
  const limit = header(headers, 'limit');
  const remaining = header(headers, 'remaining');
  const reset = header(headers, 'reset');
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  const resetInMs = reset > 1_000_000_000 ? Math.max(0, reset * 1000 - now) : reset * 1000;
  return { limit, remaining, resetInMs };
}

/**
 * The key of one account's shared limiter: provider, a fingerprint of the credential (hashed, so the
 * credential itself is never kept) and the origin of the base URL. Services under one origin share
 * one limiter (an OpenStack cloud's Nova, Neutron and Glance behind one host, Scaleway's zones):
 * a cloud that throttles at its front door counts them together, and a limiter per path would
 * learn a fraction of the rate each and then crawl when one service is used alone.
 */
export function rateLimitKey(provider: string, account: string | undefined, baseUrl: string): string {
  return sha256Hex(`${provider}\u0000${account ?? ''}\u0000${originOf(baseUrl)}`).slice(0, 32);
}

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}
