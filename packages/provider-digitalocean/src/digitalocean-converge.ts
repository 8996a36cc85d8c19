import { type RaceOrder, raceOrder } from '@provision/provider-utils';
import type { Droplet } from './digitalocean-api.js';

/**
 * The order of droplets that carry one identity tag (callers raced: DigitalOcean has no
 * idempotency token): the oldest by `created_at`, then the lowest id, first. Every caller, in any
 * process, puts the same one first from what it sees, and a droplet created later can never
 * displace it, so the choice converges.
 */
export const dropletRaceOrder: RaceOrder<Droplet> = {
  idOf: (droplet) => droplet.id,
  createdAtOf: (droplet) => droplet.created_at,
};

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
  const winners = new Set([...groups.values()].map((group) => raceOrder(group, dropletRaceOrder)[0]?.id));
  return droplets.filter((droplet) => alone.includes(droplet) || winners.has(droplet.id));
}
