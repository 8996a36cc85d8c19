import {
  type CallOptions,
  type DeleteResult,
  decodeManagedTags,
  failedCreationHost,
  type Host,
  HostNotFoundError,
  type HostRef,
  ProviderApiError,
  ProvisionError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
  specMismatch,
} from '@provision/core';
import { getIfFound, hasProviderCode, type JsonClient } from '@provision/provider-utils';
import {
  API_VERSIONS,
  deployment,
  publicIpAddress,
  type ResourceGroup,
  resourceGroup,
  resourcePaths,
  type VirtualMachine,
  virtualMachine,
} from './azure-api.js';
import { azureCapabilities } from './azure-capabilities.js';
import { azureCatalog } from './azure-catalog.js';
import { createAzureClient } from './azure-client.js';
import { AzureDeletion } from './azure-delete.js';
import { azureIds } from './azure-ids.js';
import { azureInboundRules } from './azure-inbound-rules.js';
import { CREATED_AT_TAG, groupName, hostTags, isHostOf, RESOURCE_NAMES } from './azure-names.js';
import { azureOrphans } from './azure-orphans.js';
import { azurePrices } from './azure-prices.js';
import type { AzureSettings } from './azure-settings.js';
import { deploymentBody } from './azure-template.js';
import { acceptedHost, vmToHost } from './map-azure-vm.js';

type Operation = 'provision' | 'status' | 'delete';

const resources = { 'api-version': API_VERSIONS.resources };

/**
 * Azure virtual machines on the Resource Manager REST API, one resource group per host:
 * - provision: the group's GET (1; idempotency by name), then, for a new host, its PUT (1) and the
 *   template deployment's PUT (1), which ARM carries out on its own. Never awaited. A repeat reads
 *   the host instead (the VM and its public IP: 2).
 * - status: the VM with its instance view (1) and its public IP (1); while the VM does not exist
 *   yet, the deployment (1) instead, which holds the reason of a creation that failed.
 * - delete: see `AzureDeletion`.
 */
class AzureProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly client: JsonClient,
    private readonly subscription: () => string,
    private readonly deletion: AzureDeletion,
  ) {}

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const subscription = this.subscription();
    const group = groupName(spec);
    const paths = resourcePaths(subscription, group);
    const id = azureIds.encode({ subscription, group, vm: spec.name });
    const found = await this.getGroup(paths.group, 'provision', options);
    let tags: Record<string, string>;
    if (found !== undefined) {
      if (!isHostOf(found.tags, spec))
        throw new ProviderApiError(
          `The resource group "${group}" exists and does not belong to the host (${spec.owner}, ${spec.name}).`,
          { provider: 'azure', operation: 'provision', status: 409, providerCode: 'Conflict' },
        );
      if (found.properties?.provisioningState === 'Deleting')
        throw new ProviderApiError(
          `The host (${spec.owner}, ${spec.name}) is still being deleted; provision it again once delete() says done.`,
          {
            provider: 'azure',
            operation: 'provision',
            status: 409,
            providerCode: 'ResourceGroupBeingDeleted',
            retryable: true,
          },
        );
      const seen: { vm?: VirtualMachine } = {};
      const host = await this.read(subscription, group, spec.name, id, 'provision', options, seen);
      if (host !== undefined) return seen.vm === undefined ? host : withMismatch(host, seen.vm, spec);
      // The group is there and its deployment is not (an earlier call stopped between them): finish it.
      const { [CREATED_AT_TAG]: _made, ...hostOnly } = found.tags ?? {};
      tags = hostOnly;
    } else {
      tags = hostTags(spec);
      await this.client.request({
        method: 'PUT',
        path: paths.group,
        query: resources,
        body: { location: spec.region, tags: { ...tags, [CREATED_AT_TAG]: new Date().toISOString() } },
        operation: 'provision',
        schema: resourceGroup,
        signal: options?.signal,
      });
    }
    await this.deploy(spec, subscription, group, tags, options);
    return acceptedHost(spec, tags, id);
  }

  private async deploy(
    spec: ResolvedHostSpec,
    subscription: string,
    group: string,
    tags: Readonly<Record<string, string>>,
    options?: CallOptions,
  ): Promise<void> {
    const paths = resourcePaths(subscription, group);
    try {
      await this.client.request({
        method: 'PUT',
        path: paths.deployment(RESOURCE_NAMES.deployment),
        query: resources,
        body: deploymentBody(spec, subscription, group, tags),
        operation: 'provision',
        schema: deployment,
        secrets: [
          spec.userData,
          spec.userData === undefined ? undefined : Buffer.from(spec.userData).toString('base64'),
        ],
        signal: options?.signal,
      });
    } catch (error) {
      // A repeat of a create whose answer was lost: the deployment running is this one.
      if (hasProviderCode(error, 'DeploymentActive')) return;
      // A refusal leaves an empty group: delete it (without the caller's signal, so it happens).
      // Without an answer the deployment may be running; the group stays for a repeat or delete().
      const answered = ProvisionError.isInstance(error) && !['network_error', 'timeout'].includes(error.code);
      if (answered && !options?.signal?.aborted)
        await this.client
          .request({
            method: 'DELETE',
            path: paths.group,
            query: resources,
            operation: 'provision',
            allowStatus: [404],
          })
          .catch(() => undefined);
      throw error;
    }
  }

  private async getGroup(
    path: string,
    operation: Operation,
    options?: CallOptions,
  ): Promise<ResourceGroup | undefined> {
    return getIfFound(this.client, {
      path,
      query: resources,
      operation,
      schema: resourceGroup,
      signal: options?.signal,
    });
  }

  /** The host as the cloud has it now, or undefined when it has none (see `status`). */
  async read(
    subscription: string,
    group: string,
    name: string,
    id: string,
    operation: Operation,
    options?: CallOptions,
    seen?: { vm?: VirtualMachine },
  ): Promise<Host | undefined> {
    const paths = resourcePaths(subscription, group);
    const signal = options?.signal;
    const vm = await getIfFound(this.client, {
      path: paths.virtualMachine(name),
      query: { 'api-version': API_VERSIONS.compute, $expand: 'instanceView' },
      operation,
      schema: virtualMachine,
      signal,
    });
    if (vm !== undefined) {
      const address = await getIfFound(this.client, {
        path: paths.publicIpAddress(RESOURCE_NAMES.address),
        query: { 'api-version': API_VERSIONS.network },
        operation,
        schema: publicIpAddress,
        signal,
      });
      if (seen !== undefined) seen.vm = vm;
      return vmToHost(vm, address, id);
    }
    // No VM yet: the deployment says whether ARM is still making it or failed to.
    const made = await getIfFound(this.client, {
      path: paths.deployment(RESOURCE_NAMES.deployment),
      query: resources,
      operation,
      schema: deployment,
      signal,
    });
    const state = made?.properties?.provisioningState;
    if (made === undefined || state === 'Succeeded' || state === 'Canceled') return undefined;
    const tags = (made as { tags?: Record<string, string> | null }).tags ?? {};
    if (state !== 'Failed') return acceptedHost({ name, region: '', plan: '' }, tags, id);
    const { managed, userTags } = decodeManagedTags(tags);
    const error = made.properties?.error;
    const detail = error?.details?.[0];
    return failedCreationHost({
      id,
      provider: 'azure',
      nativeStatus: 'Failed',
      name: managed?.name ?? name,
      owner: managed?.owner ?? '',
      tags: userTags,
      reason: `Azure failed to create the host (${detail?.code ?? error?.code ?? 'unknown'}): ${detail?.message ?? error?.message ?? 'no reason given'}`,
    });
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const { subscription, group, vm } = azureIds.decode(id, 'status');
    const host = await this.read(subscription, group, vm, id, 'status', options);
    if (host === undefined) throw new HostNotFoundError(id, { provider: 'azure', operation: 'status' });
    return host;
  }

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }
}

/** The existing host, with what differs from the spec asked for (`specMismatch`), if anything. */
function withMismatch(host: Host, vm: VirtualMachine, spec: ResolvedHostSpec): Host {
  const image = vm.properties.storageProfile?.imageReference;
  const urn =
    image === undefined || image === null
      ? undefined
      : `${image.publisher}:${image.offer}:${image.sku}:latest`;
  const mismatch = specMismatch(
    {
      region: vm.location,
      plan: vm.properties.hardwareProfile?.vmSize ?? undefined,
      image: urn,
      os: Object.entries(azureCatalog.images).find(
        ([, candidate]) => candidate.toLowerCase() === urn?.toLowerCase(),
      )?.[0],
      inbound: host.firewalled ? 'own' : 'none',
      tags: host.tags,
    },
    spec,
  );
  return mismatch.length === 0 ? host : { ...host, specMismatch: mismatch };
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: AzureSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const { client, subscription } = createAzureClient(settings, context);
  const provisioner = new AzureProvisioner(client, subscription, new AzureDeletion(client, subscription));
  return Object.assign(
    provisioner,
    azureCapabilities(client, subscription, (parts, id, operation, options) =>
      provisioner.read(parts.subscription, parts.group, parts.vm, id, operation, options),
    ),
    azureInboundRules(client),
    azureOrphans(client, subscription, context.manifest.defaults.region),
    azurePrices(settings, context.env, context.logger, context.manifest.defaults.region),
  );
}
