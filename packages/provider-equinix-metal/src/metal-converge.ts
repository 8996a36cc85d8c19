import type { Device } from './metal-api.js';

function createdAt(device: Device): number {
  const time = device.created_at ? Date.parse(device.created_at) : Number.NaN;
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/**
 * The one device that is the host when several carry the same identity tag (callers raced:
 * Equinix Metal has no idempotency token, and hostnames need not be unique): the oldest by
 * `created_at`, then the smallest id. Every caller picks the same one from what it sees, and a
 * device created later never displaces it, so the choice converges.
 */
export function winnerOf(devices: readonly Device[]): Device | undefined {
  return [...devices].sort(
    (a, b) => createdAt(a) - createdAt(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )[0];
}
