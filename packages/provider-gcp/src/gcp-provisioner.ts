import {
  type CallOptions,
  type DeleteResult,
  type ExistingHostFacts,
  failedCreationHost,
  type Host,
  HostNotFoundError,
  type HostRef,
  hostIdentity,
  InvalidRequestError,
  type ListFilter,
  MANAGED_TAG_KEYS,
  ProvisionError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
  specMismatch,
} from '@provision/core';
import { createByUniqueName, type HostDeletion } from '@provision/provider-utils';
import type { Firewall, Instance } from './gcp-api.js';
import { gcpCapabilities } from './gcp-capabilities.js';
import { createGcpApi, type GcpApi } from './gcp-client.js';
import { gcpDeletion, rollbackInstance } from './gcp-delete.js';
import { ensureFirewallRules, firewallRuleNames, rulesFilter } from './gcp-firewall.js';
import { type GcpInstanceRef, gcpIds } from './gcp-ids.js';
import { gcpInboundRules, readAllowRule } from './gcp-inbound-rules.js';
import { getInstance, insertInstance, lastInsertOperation, operationFailure } from './gcp-instances.js';
import { listFirewalls, listInstances } from './gcp-listing.js';
import {
  hostOfInstanceName,
  instanceLabels,
  instanceName,
  MAX_INSTANCE_NAME,
  managedFilter,
  readFirewallDescription,
} from './gcp-names.js';
import { gcpOrphans } from './gcp-orphans.js';
import { newRequestId } from './gcp-request-id.js';
import type { GcpSettings } from './gcp-settings.js';
import { hostIdOf, instanceToHost, isFirewalled } from './map-gcp-instance.js';

/** The host of an insert whose operation ended with `reason`: `error`, named by the instance name. */
function failedInsertHost(id: string, ref: GcpInstanceRef, reason: string): Host {
  const { owner, name } = hostOfInstanceName(ref.instance);
  return failedCreationHost({
    id,
    provider: 'gcp',
    nativeStatus: 'DONE',
    name,
    owner,
    region: ref.zone,
    reason: `Compute Engine failed to create the instance (${reason})`,
  });
}

const isOurs = (instance: Instance, spec: Pick<ResolvedHostSpec, 'owner' | 'name'>) =>
  instance.labels?.[MANAGED_TAG_KEYS.identity] === hostIdentity(spec.owner, spec.name);

/**
 * Compute Engine, on the Compute API v1 over `fetch`:
 * - provision: `instances.insert` with a `requestId` (1), and with `inbound`
 *   its two firewall rules (allow, deny-the-rest) in parallel (2). Instance names are unique per
 *   zone: a repeat answers 409 `alreadyExists` and costs the instance's GET (and with `inbound` the
 *   rules' listing, to complete what an interrupted call left). The zone operation is never awaited;
 *   one the insert answers already DONE with an error is an `error` host at once, without rules.
 * - status: the instance's GET; on 404 the newest insert operation that targeted it (a failed
 *   insert leaves the operation with `error.errors[]` and no instance).
 * - delete: see `gcpDeletion`.
 */
class GcpProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly api: GcpApi,
    private readonly deletion: HostDeletion,
  ) {}

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const name = instanceName(spec);
    if (name.length > MAX_INSTANCE_NAME)
      throw new InvalidRequestError(
        `The instance name "${name}" (name and owner) would be ${name.length} characters; Compute Engine allows ${MAX_INSTANCE_NAME}.`,
        { provider: 'gcp', operation: 'provision', field: 'name' },
      );
    const ref: GcpInstanceRef = { project: this.api.project(), zone: spec.region, instance: name };
    const id = gcpIds.encode(ref);
    const client = this.api.client;
    const signal = options?.signal;
    // Made once, so the host returned carries exactly the expiry that was sent.
    const labels = instanceLabels(spec);
    // A fresh request id per call: the client's own retries of this insert (a lost answer) send
    // it again and get the first one's operation; another call finds the instance by its name.
    const outcome = await createByUniqueName({
      provider: 'gcp',
      machineKind: 'instance',
      name,
      scope: `in zone ${ref.zone}`,
      uniquePer: 'zone',
      spec,
      takenCode: 'alreadyExists',
      create: () => insertInstance(client, spec, ref, newRequestId(), labels, options),
      lookup: () => getInstance(client, ref, 'provision', options),
      isHost: (instance) => isOurs(instance, spec),
      signal,
    });
    if (outcome.found !== undefined) return this.existingHost(outcome.found, spec, id, options);
    const insert = outcome.created;
    // An insert Compute Engine ended before it answered, with an error: no instance will come,
    // and its rules would guard nothing. The host reads as status() reads it.
    const reason = operationFailure(insert);
    if (reason !== undefined) return failedInsertHost(id, ref, reason);
    if (spec.inbound !== undefined) await this.firewall(spec, ref, id, options);
    return this.provisioningHost(spec, ref, id, labels);
  }

  /** The rules of a new host; a refusal deletes the instance again, so no host is left open on ports it did not ask for. */
  private async firewall(
    spec: ResolvedHostSpec,
    ref: GcpInstanceRef,
    id: string,
    options?: CallOptions,
    present: readonly Firewall[] = [],
  ) {
    try {
      await ensureFirewallRules(this.api.client, ref.project, id, spec, ref.instance, options, present);
    } catch (error) {
      const outcomeUnknown = ProvisionError.isInstance(error) && error.retryable;
      if (!options?.signal?.aborted && !outcomeUnknown) {
        // Without the caller's signal: a rollback cut short would leave the host open.
        await rollbackInstance(this.api, ref).catch(() => undefined);
      }
      throw error;
    }
  }

  /** The host as inserted: `provisioning`, from what was sent (the insert answers an operation, not the instance). */
  private provisioningHost(
    spec: ResolvedHostSpec,
    ref: GcpInstanceRef,
    id: string,
    labels: Record<string, string>,
  ): Host {
    return instanceToHost(
      {
        name: ref.instance,
        zone: `projects/${ref.project}/zones/${ref.zone}`,
        status: 'PROVISIONING',
        machineType: `zones/${ref.zone}/machineTypes/${spec.plan}`,
        // The labels as sent, read back the same way status() reads them.
        labels,
        tags: spec.inbound === undefined ? undefined : { items: [firewallRuleNames(ref.instance)[0]] },
      },
      id,
    );
  }

  /**
   * The host provision() found by name, returned as it is. With `inbound` and the host's network
   * tag, one listing reads its rules: an allow rule of this instance is never changed (its ports,
   * when they are not the spec's, are the `specMismatch`); only a rule an interrupted call left
   * unmade is inserted.
   */
  private async existingHost(
    instance: Instance,
    spec: ResolvedHostSpec,
    id: string,
    options?: CallOptions,
  ): Promise<Host> {
    const ref = gcpIds.decode(id, 'provision');
    let inbound: ExistingHostFacts['inbound'] = isFirewalled(instance) ? 'own' : 'none';
    if (isFirewalled(instance) && spec.inbound !== undefined) {
      const present = (
        await listFirewalls(this.api.client, ref.project, rulesFilter(ref.instance), 'provision', options)
      ).filter((rule) => readFirewallDescription(rule.description)?.instance === id);
      const allow = present.find((rule) => rule.name === firewallRuleNames(ref.instance)[0]);
      if (allow !== undefined) inbound = readAllowRule(allow).rules;
      await this.firewall(spec, ref, id, options, present);
    }
    const host = instanceToHost(instance, id);
    const mismatch = specMismatch({ region: host.region, plan: host.plan, inbound, tags: host.tags }, spec);
    return mismatch.length === 0 ? host : { ...host, specMismatch: mismatch };
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const ref = gcpIds.decode(id, 'status');
    const instance = await getInstance(this.api.client, ref, 'status', options);
    if (instance !== undefined) return instanceToHost(instance, id);
    const insert = await lastInsertOperation(this.api.client, ref, 'status', options);
    const reason = insert === undefined ? undefined : operationFailure(insert);
    if (insert === undefined || (insert.status === 'DONE' && reason === undefined))
      throw new HostNotFoundError(id, { provider: 'gcp', operation: 'status' });
    const { owner, name } = hostOfInstanceName(ref.instance);
    if (reason === undefined)
      // Accepted, not visible yet: the insert is still running.
      return {
        id,
        provider: 'gcp',
        name,
        owner,
        status: 'provisioning',
        nativeStatus: insert.status,
        region: ref.zone,
        plan: '',
        tags: {},
        firewalled: false,
      };
    return failedInsertHost(id, ref, reason);
  }

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const project = this.api.project();
    const instances = await listInstances(
      this.api.client,
      project,
      managedFilter(filter.owner),
      'list',
      options,
    );
    return instances
      .map((instance) => instanceToHost(instance, hostIdOf(instance, project)))
      .filter((host) => filter.region === undefined || host.region === filter.region)
      .filter((host) => Object.entries(filter.tags ?? {}).every(([key, value]) => host.tags[key] === value));
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: GcpSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const api = createGcpApi(settings, context);
  return Object.assign(
    new GcpProvisioner(api, gcpDeletion(api)),
    gcpCapabilities(api),
    gcpOrphans(api),
    gcpInboundRules(api),
  );
}
