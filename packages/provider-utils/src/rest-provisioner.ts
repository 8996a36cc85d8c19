import {
  type CallOptions,
  type ExistingHostFacts,
  type Host,
  HostNotFoundError,
  type ListFilter,
  type Operation,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import { createHostOnce, type HostCreationSteps } from './create-host-once.js';
import { createHostDeletion, type HostDeletionParts } from './host-deletion.js';
import type { HttpClient } from './http-client-options.js';
import type { MachineHosts } from './machine-hosts.js';
import type { ManagedFlatTags } from './managed-flat-tags.js';
import { type PowerOperation, powerAction } from './power-action.js';

/** One listing of machines: those carrying `tag`, in `region` when one is given. */
export interface MachineQuery {
  readonly tag: string;
  readonly region?: string | undefined;
}

/** A power action as the cloud takes it: where it is POSTed, and its JSON body if any. */
export interface PowerRequest {
  readonly path: string;
  readonly body?: unknown;
}

/**
 * One REST cloud's pieces, for `createRestProvisioner`. Every function sends one request (or the
 * pages of one listing); the kit decides when. `Prepared` is what a machine needs before it is
 * born (a checked capacity, a firewall group), `undefined` when nothing.
 */
export interface RestProvisionerDefinition<Machine, Prepared = undefined> {
  /** The provisioner's context (core's `ProvisionerContext`): the provider id, the catalog, the logger. */
  readonly context: HostCreationSteps<Machine, Prepared>['context'];
  /** What logs and `remaining` call the machine: `'device'`, `'instance'`. */
  readonly machineKind: string;
  readonly tags: ManagedFlatTags;
  readonly hosts: MachineHosts<Machine>;
  /** Sends the default `destroy` and the power actions. */
  readonly client: Pick<HttpClient, 'request'>;
  /** The machine id a host id names (throws the id's typed error: see `createIdTemplate`). */
  decodeId(id: string, operation: Operation): string;
  /** The machine's own id (race order, `remaining`). */
  machineIdOf(machine: Machine): string;
  /** When the cloud made it (race order: the oldest machine of an identity is the host). */
  createdAtOf(machine: Machine): string | number | Date | null | undefined;
  /** The machine, or `undefined` once the cloud answers 404. */
  read(machineId: string, operation: Operation, options?: CallOptions): Promise<Machine | undefined>;
  /** Every machine matching `query`, all pages (the cloud filters by the tag; the kit checks again). */
  list(query: MachineQuery, operation: Operation, options?: CallOptions): Promise<readonly Machine[]>;
  /** Whether the cloud is deleting it already: not a host any more, and no second DELETE. */
  isDeleting(machine: Machine): boolean;
  /** The one create request, with the encoded managed tags (`tags.encode(spec)`). */
  create(spec: ResolvedHostSpec, prepared: Prepared, options?: CallOptions): Promise<Machine>;
  /** Where one machine lives, e.g. `/devices/{id}`: what the default `destroy` DELETEs. */
  machinePath(machineId: string): string;
  /** The machine's DELETE, never awaited to completion. Default: `DELETE machinePath`, a 404 allowed. */
  destroy?(machine: Machine, operation: Operation, options?: CallOptions): Promise<void>;
  /**
   * Called when `provision()` starts, before the identity lookup: it may send a request at once
   * (Equinix Metal's capacity check runs alongside the lookup). The step it returns runs only when
   * no machine of the identity exists; throwing there sends no create.
   */
  prepare?(spec: ResolvedHostSpec, options?: CallOptions): () => Promise<Prepared>;
  /** Undoes what was prepared after the cloud refused the create (see `HostCreationSteps.discard`). */
  discard?(prepared: Prepared, error: unknown): Promise<void>;
  /** Destroys a machine that lost a race; default `destroy(loser, 'provision')`, without the caller's signal. */
  destroyLoser?(loser: Machine, prepared: Prepared, winner: Machine): Promise<void>;
  /** What a found machine is, compared with the spec (see `HostCreationSteps.factsOf`). */
  factsOf(machine: Machine, host: Host): ExistingHostFacts;
  /** The power action of a machine; left out, the provisioner has no start, stop or reboot. */
  power?(machineId: string, operation: PowerOperation): PowerRequest;
  /** Parts of `delete()` that differ from a lone machine (secondary resources, release by address). */
  readonly deletion?: Partial<HostDeletionParts<Machine>>;
}

/** `ProvisionerImplementationV1` with the power actions, which are there when `power` is given. */
export type RestProvisioner = ProvisionerImplementationV1 &
  Required<Pick<ProvisionerImplementationV1, 'list'>> &
  Partial<Record<PowerOperation, (id: string, options?: CallOptions) => Promise<Host>>>;

/** Whether a machine's user tags hold every tag the filter asks for. */
function hasTags(userTags: Readonly<Record<string, string>>, wanted: ListFilter['tags']): boolean {
  for (const key in wanted) if (Object.hasOwn(wanted, key) && userTags[key] !== wanted[key]) return false;
  return true;
}

/** The power actions of a REST provisioner: one POST of the cloud's request, then one read. */
function powerActions<Machine, Prepared>(
  definition: RestProvisionerDefinition<Machine, Prepared>,
  toRequest: (machineId: string, operation: PowerOperation) => PowerRequest,
): Record<PowerOperation, (id: string, options?: CallOptions) => Promise<Host>> {
  const provider = definition.context.manifest.id;
  const power = (operation: PowerOperation) => (id: string, options?: CallOptions) => {
    const machineId = definition.decodeId(id, operation);
    const request = toRequest(machineId, operation);
    return powerAction({
      provider,
      id,
      operation,
      send: async () => {
        const answer = await definition.client.request({
          method: 'POST',
          path: request.path,
          ...(request.body === undefined ? {} : { body: request.body }),
          operation,
          allowStatus: [404],
          // Powering on a running machine changes nothing: a retry after a lost answer is harmless.
          idempotent: true,
          signal: options?.signal,
        });
        return answer.status === 404 ? 'gone' : undefined;
      },
      read: async () => {
        const machine = await definition.read(machineId, operation, options);
        return machine === undefined ? undefined : definition.hosts.toHost(machine);
      },
    });
  };
  return { start: power('start'), stop: power('stop'), reboot: power('reboot') };
}

/**
 * A provisioner for a REST cloud with flat string tags, from the cloud's pieces:
 * - provision: `prepare` started, the identity tag listed (machines being deleted left out, name
 *   and owner checked), then `createHostOnce` (create once, adopt what a lost answer made, the
 *   oldest machine of the identity wins a race and each loser destroys its own).
 * - status: one read; 404 is `HostNotFoundError`.
 * - list: one listing by the owner's tag (or the managed tag) and region, managed machines only,
 *   the user tags matched, each machine's tags read once.
 * - delete: `createHostDeletion` of a lone machine (by address: the managed listing, matched on
 *   the host's IPv4 or IPv6), with `deletion`'s parts on top.
 * - start, stop, reboot (with `power`): one POST, one read (`powerAction`).
 * Assumes the cloud lists machines filtered by one tag and has no idempotency token. Cloud-only
 * operations (plans, regions, verifyCredentials) are the plugin's, assigned on top.
 */
export function createRestProvisioner<Machine, Prepared = undefined>(
  definition: RestProvisionerDefinition<Machine, Prepared>,
): RestProvisioner {
  const { context, machineKind, tags, hosts } = definition;
  const provider = context.manifest.id;
  const destroy =
    definition.destroy ??
    (async (machine: Machine, operation: Operation, options?: CallOptions) => {
      await definition.client.request({
        method: 'DELETE',
        path: definition.machinePath(definition.machineIdOf(machine)),
        operation,
        allowStatus: [404],
        signal: options?.signal,
      });
    });

  const sameIdentity = async (spec: ResolvedHostSpec, options?: CallOptions) => {
    const tag = definition.tags.identityTag(spec.owner, spec.name);
    const found = await definition.list({ tag }, 'provision', options);
    return found.filter((machine) => {
      if (definition.isDeleting(machine)) return false;
      const { managed } = hosts.readTags(machine);
      return managed?.name === spec.name && managed.owner === spec.owner;
    });
  };

  const deletion = createHostDeletion<Machine>({
    machineKind,
    decode: (id) => ({ machineId: definition.decodeId(id, 'delete'), secondaries: [] }),
    read: (machineId, options) => definition.read(machineId, 'delete', options),
    isManaged: hosts.isManaged,
    machineIdOf: definition.machineIdOf,
    isDeleting: definition.isDeleting,
    async destroy(machine, options) {
      await destroy(machine, 'delete', options);
      return undefined;
    },
    // A lone machine names no secondary resource, so none is ever removed.
    remove: async () => 'absent',
    async findByAddress(ip, options) {
      for (const machine of await definition.list({ tag: tags.managedTag }, 'delete', options)) {
        const read = hosts.readTags(machine);
        if (read.managed === undefined) continue;
        const host = hosts.toHost(machine, read);
        if (host.ipv4 === ip || host.ipv6 === ip) return { machine, id: host.id, secondaries: [] };
      }
      return undefined;
    },
    ...definition.deletion,
  });

  const provisioner: RestProvisioner = {
    provision(spec, options) {
      const prepare = definition.prepare?.(spec, options);
      return createHostOnce<Machine, Prepared>({
        context,
        machineKind,
        spec,
        options,
        idOf: definition.machineIdOf,
        createdAtOf: definition.createdAtOf,
        find: () => sameIdentity(spec, options),
        ...(prepare === undefined ? {} : { prepare }),
        create: (prepared) => definition.create(spec, prepared, options),
        ...(definition.discard === undefined ? {} : { discard: definition.discard }),
        destroyLoser: definition.destroyLoser ?? ((loser) => destroy(loser, 'provision', undefined)),
        toHost: ({ machine }) => hosts.toHost(machine),
        factsOf: definition.factsOf,
      });
    },

    async status(id, options) {
      const machine = await definition.read(definition.decodeId(id, 'status'), 'status', options);
      if (machine === undefined) throw new HostNotFoundError(id, { provider, operation: 'status' });
      return hosts.toHost(machine);
    },

    async list(filter: ListFilter = {}, options?: CallOptions) {
      const tag = filter.owner === undefined ? tags.managedTag : tags.ownerTag(filter.owner);
      const machines = await definition.list({ tag, region: filter.region }, 'list', options);
      const result: Host[] = [];
      for (const machine of machines) {
        const read = hosts.readTags(machine);
        const { managed, userTags } = read;
        if (managed === undefined || !hasTags(userTags, filter.tags)) continue;
        if (filter.owner !== undefined && managed.owner !== filter.owner) continue;
        const host = hosts.toHost(machine, read);
        if (filter.region === undefined || host.region === filter.region) result.push(host);
      }
      return result;
    },

    delete: (ref, options) =>
      'id' in ref ? deletion.byId(ref.id, options) : deletion.byAddress(ref.ip, options),
  };
  const { power } = definition;
  return power === undefined ? provisioner : { ...provisioner, ...powerActions(definition, power) };
}
