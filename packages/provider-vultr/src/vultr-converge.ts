import type { Instance } from './vultr-api.js';

function createdAt(instance: Instance): number {
  const time = instance.date_created ? Date.parse(instance.date_created) : Number.NaN;
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/**
 * The one instance that is the host when several carry the same identity tag (callers raced:
 * Vultr has no idempotency token): the oldest by `date_created`, then the smallest id. Every
 * caller, in any process, picks the same one from what it sees, and an instance created later
 * never displaces it, so the choice converges. The same rule as DigitalOcean's `winnerOf`.
 */
export function winnerOf(instances: readonly Instance[]): Instance | undefined {
  return [...instances].sort(
    (a, b) => createdAt(a) - createdAt(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )[0];
}
