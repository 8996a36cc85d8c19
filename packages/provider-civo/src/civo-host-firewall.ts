import type { Logger } from '@provision/core';
import type { JsonClient, RestHostFirewall, SecondaryRef } from '@provision/provider-utils';
import type { Placed } from './civo-api.js';
import { ensureFirewall, listFirewalls, removeFirewall } from './civo-firewall.js';
import { civoIds } from './civo-ids.js';
import { firewallIdOf, firewallName, firewallNames } from './civo-tags.js';
import { civoHosts } from './map-civo-instance.js';

/** What a Civo create needs before the instance: the region's default network and disk image. */
export interface CivoPrepared {
  readonly networkId: string;
  readonly templateId: string;
}

const firewallIn = (region: string, firewallId: string | undefined): SecondaryRef | undefined =>
  firewallId === undefined ? undefined : { kind: 'firewall', id: firewallId, scope: region };

/**
 * The host's own firewall for the REST kit (see `RestHostFirewall`): made in the region's default
 * network before the instance (`ensureFirewall`), named by the host id and by the instance's
 * `provision-firewall` tag, its region as the scope (every Civo call names it). Civo refuses to
 * delete it while an instance still uses it, so `delete()` removes it once the instance is gone.
 * By IP, the call that destroys the instance first renames the firewall to carry the address
 * (`...-released-<ip>-...`), so later calls, which find the address on no instance, find it by
 * listing each region's firewalls.
 */
export function civoHostFirewall(
  client: JsonClient,
  regions: () => readonly string[],
  logger: Logger,
): RestHostFirewall<Placed, CivoPrepared> {
  return {
    kind: 'firewall',
    async ensure(spec, { networkId }, options) {
      const { firewallId, created } = await ensureFirewall(client, spec, networkId, logger, options);
      return { ref: { kind: 'firewall', id: firewallId, scope: spec.region }, created };
    },
    named(id) {
      const { region, firewallId } = civoIds.decode(id, 'delete');
      return firewallIn(region, firewallId);
    },
    of: ({ instance, region }) => firewallIn(region, firewallIdOf(instance.tags)),
    remove: (firewall, operation, options) =>
      removeFirewall(client, firewall.scope ?? '', firewall.id, operation, options),
    async release({ machine }, firewall, ip, options) {
      const { managed } = civoHosts.readTags(machine);
      if (managed === undefined) return;
      await client.request({
        method: 'PUT',
        path: `/v2/firewalls/${firewall.id}`,
        body: { name: firewallName(managed.owner, managed.name, ip), region: machine.region },
        operation: 'delete',
        signal: options?.signal,
      });
    },
    async releasedFor(ip, options) {
      const released = ip.replaceAll('.', '-');
      const perRegion = await Promise.all(
        regions().map(async (region) =>
          (await listFirewalls(client, region, 'delete', options))
            .filter((firewall) => firewallNames.parse(firewall.name ?? undefined)?.ip === released)
            .map((firewall) => ({ kind: 'firewall', id: firewall.id, scope: region })),
        ),
      );
      return perRegion.flat();
    },
  };
}
