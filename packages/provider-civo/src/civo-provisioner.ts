import {
  type CallOptions,
  InvalidRequestError,
  type Operation,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import {
  createRestProvisioner,
  hasProviderCode,
  type JsonClient,
  type PowerOperation,
  type PowerRequest,
} from '@provision/provider-utils';
import { instanceSchema, type Placed } from './civo-api.js';
import { civoCapabilities } from './civo-capabilities.js';
import { createCivoClient, listInstances, NAME_TAKEN_CODES, readInstance } from './civo-client.js';
import { type CivoPrepared, civoHostFirewall } from './civo-host-firewall.js';
import { civoIds } from './civo-ids.js';
import { civoInboundRules } from './civo-inbound-rules.js';
import { CivoLookups } from './civo-lookups.js';
import { civoOrphans } from './civo-orphans.js';
import type { CivoSettings } from './civo-settings.js';
import { civoHostname, civoManagedTags, civoTags, instanceTagMap, MAX_HOSTNAME_LENGTH } from './civo-tags.js';
import { civoHosts } from './map-civo-instance.js';

/** Each power operation as Civo's API takes it (the region in the body). https://www.civo.com/api/instances */
const ACTIONS: Readonly<Record<PowerOperation, { method: 'PUT' | 'POST'; path: string }>> = {
  start: { method: 'PUT', path: 'start' },
  stop: { method: 'PUT', path: 'stop' },
  reboot: { method: 'POST', path: 'reboots' },
};

/** `<region>/<instance id>`: what the kit calls an instance's machine id (Civo calls name the region). */
const placedId = (machineId: string) => {
  const [region = '', instanceId = ''] = machineId.split('/');
  return { region, instanceId };
};

/**
 * Civo, on the API v2 over `fetch`, through `createRestProvisioner`:
 * - provision: look the identity tag up in the region (1) while the region's default network and
 *   disk images are read (1 + 1, kept for later creates); with `inbound` make the firewall with its
 *   rules (1); create the instance behind it (1). The hostname `<name>.<owner>` is unique per
 *   account (`identityIsUnique`), so a concurrent or repeated create is refused and the lookup
 *   after it returns the one host.
 * - status: one GET. list: one listing per region (all at once), by the managed or owner's tag.
 * - delete: the instance first, its firewall once it is gone (`civoHostFirewall`).
 * - start, stop, reboot: one action (harmless to repeat), then one read.
 */
function createInstances(client: JsonClient, context: ProvisionerContext, lookups: CivoLookups) {
  const regions = () => context.manifest.catalog.regions.map((region) => region.id);
  const list = async (
    query: { readonly tag: string; readonly region?: string | undefined },
    operation: Operation,
    options?: CallOptions,
  ): Promise<Placed[]> => {
    // Instances are regional: one listing per region, at once.
    const perRegion = await Promise.all(
      (query.region === undefined ? regions() : [query.region]).map(async (region) =>
        (await listInstances(client, region, operation, { tags: query.tag }, options)).map((instance) => ({
          instance,
          region,
        })),
      ),
    );
    return perRegion.flat();
  };
  return createRestProvisioner<Placed, CivoPrepared>({
    context,
    machineKind: 'instance',
    tags: civoManagedTags,
    hosts: civoHosts,
    client,
    identityIsUnique: true,
    decodeId: (id, operation) => {
      const { region, instanceId } = civoIds.decode(id, operation);
      return `${region}/${instanceId}`;
    },
    machineIdOf: ({ instance }) => instance.id,
    createdAtOf: ({ instance }) => instance.created_at,
    machinePath: (machineId) => `/v2/instances/${placedId(machineId).instanceId}`,
    read: (machineId, operation, options) => {
      const { region, instanceId } = placedId(machineId);
      return readInstance(client, region, instanceId, operation, options);
    },
    list,
    // The host is looked up where it would be: instances of one region are listed by region.
    findIdentity: (spec, options) =>
      list(
        { tag: civoManagedTags.identityTag(spec.owner, spec.name), region: spec.region },
        'provision',
        options,
      ),
    // Not the host any more, and holding the hostname until it is gone: provision() says try again.
    isDeleting: ({ instance }) => (instance.status ?? '').toUpperCase() === 'DELETING',
    // Both lookups at once with the identity's, needed only to create but costing no round trip more.
    prepare(spec, options) {
      const network = lookups.defaultNetwork(spec.region, options);
      const image = lookups.diskImage(spec.region, spec.image, spec.os, options);
      network.catch(() => {});
      image.catch(() => {});
      return async () => ({ networkId: await network, templateId: await image });
    },
    firewall: civoHostFirewall(client, regions, context.logger),
    async create(spec, { networkId, templateId }, firewall, options) {
      const { data } = await client.request({
        method: 'POST',
        path: '/v2/instances',
        body: {
          hostname: civoHostname(spec.owner, spec.name),
          size: spec.plan,
          region: spec.region,
          network_id: networkId,
          template_id: templateId,
          public_ip: 'create',
          count: 1,
          tags: civoTags.encode(instanceTagMap(spec, new Date(), firewall?.id)).join(' '),
          ...(firewall === undefined ? {} : { firewall_id: firewall.id }),
          ...(spec.userData === undefined ? {} : { script: spec.userData }),
        },
        operation: 'provision',
        schema: instanceSchema,
        // Cut out of the cloud's error messages in every form (as sent, and base64 as Civo echoes it).
        secrets: [spec.userData],
        signal: options?.signal,
      });
      return { instance: data, region: spec.region };
    },
    async destroy({ instance, region }, operation, options) {
      await client.request({
        method: 'DELETE',
        path: `/v2/instances/${instance.id}`,
        query: { region },
        operation,
        allowStatus: [404],
        signal: options?.signal,
      });
    },
    factsOf: ({ instance }, host) => ({
      region: host.region,
      plan: instance.size ?? undefined,
      image: instance.source_id ?? undefined,
      ...(host.firewalled ? {} : { inbound: 'none' as const }),
      tags: host.tags,
    }),
    power(machineId, operation): PowerRequest {
      const { region, instanceId } = placedId(machineId);
      const action = ACTIONS[operation];
      return { method: action.method, path: `/v2/instances/${instanceId}/${action.path}`, body: { region } };
    },
  });
}

/**
 * `provision()` with Civo's own refusals: a hostname longer than Civo takes, before any request;
 * the hostname taken by an instance that is not this host (in another region, or not managed).
 */
function withHostnameChecks(instances: ReturnType<typeof createInstances>): typeof instances {
  return {
    ...instances,
    async provision(spec: ResolvedHostSpec, options?: CallOptions) {
      const hostname = civoHostname(spec.owner, spec.name);
      if (hostname.length > MAX_HOSTNAME_LENGTH)
        throw new InvalidRequestError(
          `The Civo hostname "${hostname}" would be ${hostname.length} characters; Civo allows ${MAX_HOSTNAME_LENGTH}.`,
          { provider: 'civo', operation: 'provision', field: 'name', hint: 'Shorten the name or the owner.' },
        );
      try {
        return await instances.provision(spec, options);
      } catch (error) {
        if (!hasProviderCode(error, ...NAME_TAKEN_CODES)) throw error;
        throw new InvalidRequestError(
          `Civo refused the hostname "${hostname}": another instance of the account has it (hostnames are unique per account, across regions), and it is not this host in ${spec.region}.`,
          {
            provider: 'civo',
            operation: 'provision',
            field: 'name',
            hint: 'Choose another name or owner, or rename or delete that instance.',
          },
        );
      }
    },
  };
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: CivoSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const client = createCivoClient(settings, context);
  const regions = () => context.manifest.catalog.regions.map((region) => region.id);
  return Object.assign(
    withHostnameChecks(createInstances(client, context, new CivoLookups(client))),
    civoCapabilities(client),
    civoOrphans(client, regions),
    civoInboundRules(client),
  );
}
