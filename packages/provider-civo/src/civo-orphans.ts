import type { CallOptions } from '@provision/core';
import { createOrphanScanner, type JsonClient } from '@provision/provider-utils';
import type { Firewall } from './civo-api.js';
import { listFirewalls, removeFirewall } from './civo-firewall.js';
import { firewallNames } from './civo-tags.js';

type RegionalFirewall = Firewall & { readonly region: string };

/**
 * Orphans on Civo are per-host firewalls (named `provision-<identity>-<owner>`) that no instance
 * uses: their instance was destroyed outside provision, a delete was not repeated until done, or a
 * provision was cut short between the firewall and the instance. Firewalls are regional: one
 * listing per region, each firewall telling its `instance_count`. Orphan ids are `<region>/<id>`.
 * Civo's firewall objects carry no creation time, so a firewall made moments ago for an instance
 * not yet created is reported like any other (see docs/providers/civo.md, caveats).
 * https://www.civo.com/api/firewall
 */
export function civoOrphans(client: JsonClient, regions: () => readonly string[]) {
  const { orphans, deleteOrphan } = createOrphanScanner({
    provider: 'civo',
    kind: 'firewall',
    idPattern: /^[A-Z]{2,8}[0-9]{1,2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    list: async (_filter, options?: CallOptions) =>
      (
        await Promise.all(
          regions().map(async (region) =>
            (
              await listFirewalls(client, region, 'orphans', options)
            ).map((firewall): RegionalFirewall => ({ ...firewall, region })),
          ),
        )
      ).flat(),
    inUse: async (firewalls: readonly RegionalFirewall[]) =>
      new Set(firewalls.filter((firewall) => (firewall.instance_count ?? 0) > 0)),
    describe: (firewall: RegionalFirewall) => {
      const parts = firewallNames.parse(firewall.name ?? undefined);
      return parts === undefined
        ? undefined
        : { id: `${firewall.region}/${firewall.id}`, name: firewall.name ?? firewall.id, owner: parts.owner };
    },
    remove: (orphan, options) => {
      const [region = '', firewallId = ''] = orphan.id.split('/');
      return removeFirewall(client, region, firewallId, 'orphans', options);
    },
  });
  return { orphans, deleteOrphan };
}
