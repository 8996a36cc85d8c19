import {
  type CallOptions,
  type DeleteResult,
  type Host,
  HostNotFoundError,
  type HostRef,
  InvalidRequestError,
  type ListFilter,
  MANAGED_TAG_KEYS,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import {
  createHostOnce,
  type HostDeletion,
  hasProviderCode,
  type JsonClient,
} from '@provision/provider-utils';
import { type Instance, instanceSchema } from './civo-api.js';
import { civoCapabilities } from './civo-capabilities.js';
import { createCivoClient, listInstances, NAME_TAKEN_CODES } from './civo-client.js';
import { civoDeletion, readInstance } from './civo-delete.js';
import { ensureFirewall, removeFirewall } from './civo-firewall.js';
import { civoIds } from './civo-ids.js';
import { civoInboundRules } from './civo-inbound-rules.js';
import { CivoLookups } from './civo-lookups.js';
import { civoOrphans } from './civo-orphans.js';
import type { CivoSettings } from './civo-settings.js';
import {
  civoHostname,
  civoTags,
  identityTag,
  instanceTagMap,
  MANAGED_TAG,
  MAX_HOSTNAME_LENGTH,
  readCivoTags,
} from './civo-tags.js';
import { instanceToHost } from './map-civo-instance.js';

/**
 * Civo, on the API v2 over `fetch`:
 * - provision: look the identity tag up in the region (1) while the region's default network and
 *   disk images are read (1 + 1, kept for later creates); with `inbound` make the firewall with its
 *   rules (1); create the instance behind it (1), through `createHostOnce`. The hostname
 *   `<name>.<owner>` is unique per account, so a concurrent or repeated create is refused and the
 *   lookup after it returns the one host.
 * - status: one GET. delete: see `civoDeletion`.
 */
class CivoProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly client: JsonClient,
    private readonly context: ProvisionerContext,
    private readonly lookups: CivoLookups,
    private readonly deletion: HostDeletion,
  ) {}

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const hostname = civoHostname(spec.owner, spec.name);
    if (hostname.length > MAX_HOSTNAME_LENGTH)
      throw new InvalidRequestError(
        `The Civo hostname "${hostname}" would be ${hostname.length} characters; Civo allows ${MAX_HOSTNAME_LENGTH}.`,
        { provider: 'civo', operation: 'provision', field: 'name', hint: 'Shorten the name or the owner.' },
      );
    const signal = options?.signal;
    // All three at once: the lookups are needed only to create, but cost no round trip more.
    const network = this.lookups.defaultNetwork(spec.region, options);
    const image = this.lookups.diskImage(spec.region, spec.image, spec.os, options);
    network.catch(() => {});
    image.catch(() => {});
    try {
      return await createHostOnce({
        context: this.context,
        machineKind: 'instance',
        spec,
        options,
        // The hostname `<name>.<owner>` is unique per account: a second create of it is refused.
        identityIsUnique: true,
        idOf: (instance) => instance.id,
        createdAtOf: (instance) => instance.created_at,
        find: () => this.sameIdentity(spec, options),
        prepare: async () => {
          const networkId = await network;
          const templateId = await image;
          const firewall =
            spec.inbound === undefined
              ? undefined
              : await ensureFirewall(this.client, spec, networkId, this.context.logger, options);
          return { networkId, templateId, firewall };
        },
        create: async ({ networkId, templateId, firewall }) =>
          (
            await this.client.request({
              method: 'POST',
              path: '/v2/instances',
              body: {
                hostname,
                size: spec.plan,
                region: spec.region,
                network_id: networkId,
                template_id: templateId,
                public_ip: 'create',
                count: 1,
                tags: civoTags.encode(instanceTagMap(spec, new Date(), firewall?.firewallId)).join(' '),
                ...(firewall === undefined ? {} : { firewall_id: firewall.firewallId }),
                ...(spec.userData === undefined ? {} : { script: spec.userData }),
              },
              operation: 'provision',
              schema: instanceSchema,
              // Cut out of the cloud's error messages in every form (as sent, and base64 as Civo echoes it).
              secrets: [spec.userData],
              signal,
            })
          ).data,
        // The firewall this call made guards nothing (one it adopted is left as it was).
        discard: async ({ firewall }) => {
          if (firewall?.created === true)
            await removeFirewall(this.client, spec.region, firewall.firewallId, 'provision');
        },
        toHost: ({ machine }) => instanceToHost(machine, spec.region),
        factsOf: (instance, host) => ({
          region: spec.region,
          plan: instance.size ?? undefined,
          image: instance.source_id ?? undefined,
          ...(host.firewalled ? {} : { inbound: 'none' as const }),
          tags: host.tags,
        }),
      });
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
  }

  /** The managed instances of `(owner, name)` in the spec's region (one request; at most one). */
  private async sameIdentity(spec: ResolvedHostSpec, options?: CallOptions): Promise<Instance[]> {
    const tag = identityTag(spec.owner, spec.name);
    const found = await listInstances(this.client, spec.region, 'provision', { tags: tag }, options);
    return found.filter((instance) => {
      if (!(instance.tags ?? []).includes(tag)) return false;
      const { managed } = readCivoTags(instance.tags ?? []);
      return managed?.name === spec.name && managed.owner === spec.owner;
    });
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const { region, instanceId } = civoIds.decode(id, 'status');
    const found = await readInstance(this.client, region, instanceId, 'status', options);
    if (found === undefined) throw new HostNotFoundError(id, { provider: 'civo', operation: 'status' });
    return instanceToHost(found.instance, found.region);
  }

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const tag =
      filter.owner === undefined ? MANAGED_TAG : civoTags.encodeOne(MANAGED_TAG_KEYS.owner, filter.owner);
    const regions =
      filter.region === undefined
        ? this.context.manifest.catalog.regions.map((region) => region.id)
        : [filter.region];
    // Instances are regional: one listing per region, at once.
    const perRegion = await Promise.all(
      regions.map(async (region) =>
        (await listInstances(this.client, region, 'list', { tags: tag }, options)).map((instance) => ({
          instance,
          region,
        })),
      ),
    );
    // Each instance's tags are read once (their identity check hashes), for the filter and the host.
    const wanted = Object.entries(filter.tags ?? {});
    const hosts: Host[] = [];
    for (const { instance, region } of perRegion.flat()) {
      const tags = readCivoTags(instance.tags ?? []);
      if (tags.managed === undefined) continue;
      if (wanted.every(([key, value]) => tags.userTags[key] === value))
        hosts.push(instanceToHost(instance, region, tags));
    }
    return hosts;
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: CivoSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const client = createCivoClient(settings, context);
  const regions = () => context.manifest.catalog.regions.map((region) => region.id);
  return Object.assign(
    new CivoProvisioner(client, context, new CivoLookups(client), civoDeletion(client, regions)),
    civoCapabilities(client),
    civoOrphans(client, regions),
    civoInboundRules(client),
  );
}
