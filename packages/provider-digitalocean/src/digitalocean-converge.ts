import type { Droplet } from './digitalocean-api.js';

function createdAt(droplet: Droplet): number {
  const time = droplet.created_at ? Date.parse(droplet.created_at) : Number.NaN;
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/**
 * The one droplet that is the host when several carry the same identity tag (callers raced:
 * DigitalOcean has no idempotency token): the oldest by `created_at`, then the lowest id. Every
 * caller, in any process, picks the same one from what it sees, and a droplet created later can
 * never displace it, so the choice converges.
 */
export function winnerOf(droplets: readonly Droplet[]): Droplet | undefined {
  return [...droplets].sort((a, b) => createdAt(a) - createdAt(b) || a.id - b.id)[0];
}

/** The droplets among `droplets` that lost to `winnerOf(droplets)`, to be destroyed. */
export function losersOf(droplets: readonly Droplet[]): Droplet[] {
  const winner = winnerOf(droplets);
  return droplets.filter((droplet) => droplet.id !== winner?.id);
}

/**
 * `droplets` with one droplet per identity tag: the winner of each group. What `list()` shows,
 * so a racer's droplet that is being destroyed never appears as a second host.
 */
export function oneWinnerPerIdentity(
  droplets: readonly Droplet[],
  identityOf: (droplet: Droplet) => string | undefined,
): Droplet[] {
  const groups = new Map<string, Droplet[]>();
  const alone: Droplet[] = [];
  for (const droplet of droplets) {
    const identity = identityOf(droplet);
    if (identity === undefined) alone.push(droplet);
    else groups.set(identity, [...(groups.get(identity) ?? []), droplet]);
  }
  const winners = new Set([...groups.values()].map((group) => winnerOf(group)?.id));
  return droplets.filter((droplet) => alone.includes(droplet) || winners.has(droplet.id));
}
