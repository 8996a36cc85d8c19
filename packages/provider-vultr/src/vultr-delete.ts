import { firewallsOf, type HostDeletionParts, type JsonClient } from '@provision/provider-utils';
import { hostIdOf, vultrHosts } from './map-vultr-instance.js';
import { type Instance, instancePage, PAGE_SIZE } from './vultr-api.js';
import { groupRef } from './vultr-firewall-group.js';

/**
 * What `delete()` of Vultr hosts sets on top of the REST kit's (which removes the instance first,
 * then its firewall group once it answers 404: see `vultrHostFirewall`): the host of an address
 * is found by one listing filtered by `main_ip`, not by reading every managed instance.
 */
export function vultrDeletion(client: JsonClient): Pick<HostDeletionParts<Instance>, 'findByAddress'> {
  return {
    async findByAddress(ip, options) {
      const { data } = await client.request({
        method: 'GET',
        path: '/v2/instances',
        query: { main_ip: ip, per_page: PAGE_SIZE },
        operation: 'delete',
        schema: instancePage,
        signal: options?.signal,
      });
      const instance = data.instances.find((item) => item.main_ip === ip && vultrHosts.isManaged(item));
      if (instance === undefined) return undefined;
      const secondaries = firewallsOf(groupRef(instance.firewall_group_id));
      return { machine: instance, id: hostIdOf(instance), secondaries };
    },
  };
}
