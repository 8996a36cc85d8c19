import type { CallOptions, Operation } from '@provision/core';
import {
  createHostDeletion,
  getIfFound,
  type HostDeletion,
  type JsonClient,
  type SecondaryRef,
} from '@provision/provider-utils';
import { type Instance, instanceSchema } from './civo-api.js';
import { listInstances } from './civo-client.js';
import { listFirewalls, removeFirewall } from './civo-firewall.js';
import { civoIds } from './civo-ids.js';
import { firewallName, firewallNames, MANAGED_TAG, readCivoTags } from './civo-tags.js';
import { hostIdOf, instanceToHost } from './map-civo-instance.js';

/** An instance and the region it is in (every Civo call names the region). */
export interface Placed {
  readonly instance: Instance;
  readonly region: string;
}

const isManaged = ({ instance }: Placed) => readCivoTags(instance.tags ?? []).managed !== undefined;

const firewallsOf = (region: string, firewallId: string | undefined): SecondaryRef[] =>
  firewallId === undefined ? [] : [{ kind: 'firewall', id: firewallId, scope: region }];

/** An instance of a region, or undefined once Civo answers 404. */
export async function readInstance(
  client: JsonClient,
  region: string,
  instanceId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Placed | undefined> {
  const instance = await getIfFound(client, {
    path: `/v2/instances/${instanceId}`,
    query: { region },
    operation,
    schema: instanceSchema,
    signal: options?.signal,
  });
  return instance === undefined ? undefined : { instance, region };
}

/**
 * `delete()` of Civo hosts (see `createHostDeletion`): the instance first (one DELETE), then,
 * once it answers 404, its own firewall, which Civo refuses to delete while an instance still
 * uses it. By IP, the call that destroys the instance first renames its firewall to carry the
 * address (`...-released-<ip>-...`), so later calls, which find the address on no instance, find
 * the firewall by listing each region's firewalls.
 */
export function civoDeletion(client: JsonClient, regions: () => readonly string[]): HostDeletion {
  return createHostDeletion<Placed>({
    machineKind: 'instance',
    decode(id) {
      const { region, instanceId, firewallId } = civoIds.decode(id, 'delete');
      return { machineId: `${region}/${instanceId}`, secondaries: firewallsOf(region, firewallId) };
    },
    read(machineId, options) {
      const [region = '', instanceId = ''] = machineId.split('/');
      return readInstance(client, region, instanceId, 'delete', options);
    },
    isManaged,
    machineIdOf: ({ instance }) => instance.id,
    async destroy({ instance, region }, options) {
      await client.request({
        method: 'DELETE',
        path: `/v2/instances/${instance.id}`,
        query: { region },
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    },
    remove: (firewall, options) =>
      removeFirewall(client, firewall.scope ?? '', firewall.id, 'delete', options),
    async findByAddress(ip, options) {
      const perRegion = await Promise.all(
        regions().map(async (region) =>
          (await listInstances(client, region, 'delete', { tags: MANAGED_TAG }, options)).map((instance) => ({
            instance,
            region,
          })),
        ),
      );
      const hit = perRegion.flat().find((placed) => placed.instance.public_ip === ip && isManaged(placed));
      if (hit === undefined) return undefined;
      const { firewallId } = readCivoTags(hit.instance.tags ?? []);
      return {
        machine: hit,
        id: hostIdOf(hit.instance, hit.region),
        secondaries: firewallsOf(hit.region, firewallId),
      };
    },
    async release({ machine, secondaries }, ip, options) {
      const [firewall] = secondaries;
      if (firewall === undefined) return;
      const host = instanceToHost(machine.instance, machine.region);
      await client.request({
        method: 'PUT',
        path: `/v2/firewalls/${firewall.id}`,
        body: { name: firewallName(host.owner, host.name, ip), region: machine.region },
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
  });
}
