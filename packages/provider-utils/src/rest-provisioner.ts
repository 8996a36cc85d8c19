import {
  type CallOptions,
  type Host,
  HostNotFoundError,
  type ListFilter,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import { byRaceOrder, createHostOnce, type HostCreation, type SettledMachine } from './create-host-once.js';
import { createHostDeletion, type HostDeletionParts, type SecondaryRef } from './host-deletion.js';
import type { PowerOperation } from './power-action.js';
import { machineRequests, type RestProvisionerDefinition } from './rest-definition.js';
import { dropMadeFirewall, firewallDeletionParts, firewallsOf, type Readied } from './rest-firewall.js';
import { powerActions } from './rest-power.js';
import { stillBeingDeleted } from './still-being-deleted.js';

/** `ProvisionerImplementationV1` with the power actions, which are there when `power` is given. */
export type RestProvisioner = ProvisionerImplementationV1 &
  Required<Pick<ProvisionerImplementationV1, 'list'>> &
  Partial<Record<PowerOperation, (id: string, options?: CallOptions) => Promise<Host>>>;

/** Whether a machine's user tags hold every tag the filter asks for. */
function hasTags(userTags: Readonly<Record<string, string>>, wanted: ListFilter['tags']): boolean {
  for (const key in wanted) if (Object.hasOwn(wanted, key) && userTags[key] !== wanted[key]) return false;
  return true;
}

/**
 * A provisioner for a REST cloud with flat string tags, from the cloud's pieces:
 * - provision: `prepare` started, the identity tag listed (or `findIdentity`; machines being
 *   deleted left out, name and owner checked), then `createHostOnce` (create once, adopt what a
 *   lost answer made, the oldest machine of the identity wins a race and each loser destroys its
 *   own; no second lookup where `identityIsUnique`), with `firewall` made before the machine.
 * - status: one read; 404 is `missing`'s answer, else `HostNotFoundError`.
 * - list: one listing by the owner's tag (or the managed tag) and region, managed machines only,
 *   the user tags matched, each machine's tags read once; one host per identity with
 *   `oneHostPerIdentity`; the firewalls `resolve`d once for all.
 * - delete: `createHostDeletion` of a lone machine (by address: the managed listing, matched on
 *   the host's IPv4 or IPv6), its `firewall` once the machine is gone, `deletion`'s parts on top.
 * - start, stop, reboot (with `power`): one action (a POST unless it names its method), one read.
 * Assumes the cloud lists machines filtered by one tag and has no idempotency token. Cloud-only
 * operations (plans, regions, verifyCredentials) are the plugin's, assigned on top.
 */
export function createRestProvisioner<
  Machine,
  Prepared = undefined,
  Found extends SecondaryRef = SecondaryRef,
>(definition: RestProvisionerDefinition<Machine, Prepared, Found>): RestProvisioner {
  const { context, machineKind, tags, hosts } = definition;
  const provider = context.manifest.id;
  const requests = machineRequests(definition);
  const { destroy } = requests;
  const { firewall } = definition;
  const behind = firewall?.behind;
  const oneHost = definition.oneHostPerIdentity === true;

  /** The host of a machine its id names: behind the firewall the id names, where the machine cannot say. */
  const hostOf = (machine: Machine, id: string) => {
    const host = hosts.toHost(machine);
    const named = behind === undefined ? undefined : firewall?.named(id);
    return behind === undefined || named === undefined ? host : behind(host, named);
  };

  const sameIdentity = async (spec: ResolvedHostSpec, options?: CallOptions) => {
    const found =
      definition.findIdentity === undefined
        ? await definition.list({ tag: tags.identityTag(spec.owner, spec.name) }, 'provision', options)
        : await definition.findIdentity(spec, options);
    const ours = found.filter((machine) => {
      const { managed } = hosts.readTags(machine);
      return managed?.name === spec.name && managed.owner === spec.owner;
    });
    // A machine being deleted is not the host any more. Where the identity is unique it keeps it
    // until it is gone, so the cloud would refuse the create: the caller is told to try again.
    const live = ours.filter((machine) => !definition.isDeleting(machine));
    const going = ours.find((machine) => definition.isDeleting(machine));
    if (live.length === 0 && going !== undefined && definition.identityIsUnique === true)
      throw stillBeingDeleted({ provider, machineKind, machine: definition.machineIdOf(going), spec });
    return live;
  };

  // The other managed machines of a host's identity: one listing of its identity tag.
  const duplicatesOf: HostDeletionParts<Machine>['duplicatesOf'] = async (machine, options) => {
    const { managed } = hosts.readTags(machine);
    if (managed === undefined) return [];
    const id = definition.machineIdOf(machine);
    const same = await definition.list(
      { tag: tags.identityTag(managed.owner, managed.name) },
      'delete',
      options,
    );
    return same.filter((other) => definition.machineIdOf(other) !== id && hosts.isManaged(other));
  };

  // Leftovers of racers that stopped before destroying their own, beside a host provision() found.
  const destroyLeftovers = (losers: readonly Machine[]) =>
    Promise.all(
      losers.map((loser) =>
        destroy(loser, 'provision', undefined).catch((error: unknown) =>
          context.logger.warn(
            `could not destroy a duplicate ${machineKind}; the next provision() or delete() retries`,
            {
              provider,
              machineKind,
              machineId: definition.machineIdOf(loser),
              error: (error as Error).name,
            },
          ),
        ),
      ),
    );

  const deletion = createHostDeletion<Machine>({
    machineKind,
    decode: (id) => ({
      machineId: definition.decodeId(id, 'delete'),
      secondaries: firewallsOf(firewall?.named(id)),
    }),
    read: (machineId, options) => requests.read(machineId, 'delete', options),
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
        if (host.ipv4 !== ip && host.ipv6 !== ip) continue;
        const found =
          firewall?.resolve === undefined
            ? firewall?.of(machine)
            : (await firewall.resolve([machine], 'delete', options))(machine);
        const id = found === undefined || behind === undefined ? host.id : behind(host, found).id;
        return { machine, id, secondaries: firewallsOf(found) };
      }
      return undefined;
    },
    ...(firewall === undefined ? {} : firewallDeletionParts(firewall)),
    ...(oneHost ? { duplicatesOf } : {}),
    ...definition.deletion,
  });

  /** The steps of `createHostOnce` for `spec`: the plugin's `prepare`, then the firewall, then the create. */
  const creation = (
    spec: ResolvedHostSpec,
    options: CallOptions | undefined,
  ): HostCreation<Machine, Readied<Prepared>> => {
    const prepare = definition.prepare?.(spec, options);
    const guarded = firewall !== undefined && spec.inbound !== undefined;
    const { discard } = definition;
    // The firewall this call made or adopted for its machine, and the one `complete` found for another.
    let made: SecondaryRef | undefined;
    let completed: Found | undefined;
    const steps = {
      context,
      machineKind,
      spec,
      options,
      idOf: definition.machineIdOf,
      createdAtOf: definition.createdAtOf,
      find: () => sameIdentity(spec, options),
      ...(prepare === undefined && !guarded
        ? {}
        : {
            prepare: async (): Promise<Readied<Prepared>> => {
              const prepared = (await prepare?.()) as Prepared;
              if (!guarded) return { prepared };
              const ensured = await firewall.ensure(spec, prepared, options);
              made = ensured.ref;
              return { prepared, firewall: ensured };
            },
          }),
      create: (readied: Readied<Prepared> | undefined) =>
        requests.create(spec, readied?.prepared as Prepared, readied?.firewall?.ref, options),
      // Refused: what was prepared goes, and the firewall this call made guards nothing.
      ...(discard === undefined && !guarded
        ? {}
        : {
            discard: async (readied: Readied<Prepared>, error: unknown) => {
              try {
                await discard?.(readied.prepared, error);
              } finally {
                if (firewall !== undefined) await dropMadeFirewall(firewall, readied);
              }
            },
          }),
      async toHost({ machine, origin, losers }: SettledMachine<Machine>) {
        const host = hosts.toHost(machine);
        if (origin === 'created')
          return made === undefined || behind === undefined ? host : behind(host, made);
        if (oneHost && (origin === 'found' || origin === 'adopted')) await destroyLeftovers(losers);
        if (firewall?.complete === undefined) return host;
        completed = await firewall.complete(machine, spec, options);
        return completed === undefined || behind === undefined ? host : behind(host, completed);
      },
      factsOf: (machine: Machine, host: Host) => definition.factsOf(machine, host, completed),
    };
    if (definition.identityIsUnique === true) return { ...steps, identityIsUnique: true };
    return {
      ...steps,
      async destroyLoser(loser, readied, winner) {
        const prepared = readied?.prepared as Prepared;
        if (definition.destroyLoser !== undefined) await definition.destroyLoser(loser, prepared, winner);
        else await destroy(loser, 'provision', undefined);
        // Refused while the loser still has it: then `orphans()` finds it.
        if (firewall !== undefined && readied !== undefined)
          await dropMadeFirewall(firewall, readied, winner);
      },
    };
  };

  const raceOrder = byRaceOrder<Machine>({
    idOf: definition.machineIdOf,
    createdAtOf: definition.createdAtOf,
  });
  // Whether `a` is a host before `b` of its identity: not being deleted, then the race order.
  const before = (a: Machine, b: Machine) =>
    (Number(definition.isDeleting(a)) - Number(definition.isDeleting(b)) || raceOrder(a, b)) < 0;

  /** What `list()` shows of `listed`: with `oneHostPerIdentity`, the first of each identity (`key`). */
  const shown = <Listed extends { readonly machine: Machine; readonly key: string }>(listed: Listed[]) => {
    if (!oneHost) return listed;
    const winners = new Map<string, Machine>();
    for (const { machine, key } of listed) {
      const held = winners.get(key);
      if (held === undefined || before(machine, held)) winners.set(key, machine);
    }
    return listed.filter(({ machine, key }) => winners.get(key) === machine);
  };

  const provisioner: RestProvisioner = {
    provision: (spec, options) => createHostOnce(creation(spec, options)),

    async status(id, options) {
      const machineId = definition.decodeId(id, 'status');
      const machine = await requests.read(machineId, 'status', options);
      if (machine !== undefined) return hostOf(machine, id);
      const gone = await definition.missing?.(id, machineId, options);
      if (gone !== undefined) return gone;
      throw new HostNotFoundError(id, { provider, operation: 'status' });
    },

    async list(filter: ListFilter = {}, options?: CallOptions) {
      const tag = filter.owner === undefined ? tags.managedTag : tags.ownerTag(filter.owner);
      const machines = await definition.list({ tag, region: filter.region }, 'list', options);
      const listed: { machine: Machine; key: string; host: Host }[] = [];
      for (const machine of machines) {
        const read = hosts.readTags(machine);
        const { managed, userTags } = read;
        if (managed === undefined || !hasTags(userTags, filter.tags)) continue;
        if (filter.owner !== undefined && managed.owner !== filter.owner) continue;
        const host = hosts.toHost(machine, read);
        if (filter.region === undefined || host.region === filter.region)
          listed.push({ machine, key: `${managed.owner}\n${managed.name}`, host });
      }
      const hostsShown = shown(listed);
      if (firewall?.resolve === undefined || behind === undefined) return hostsShown.map(({ host }) => host);
      const firewallOf = await firewall.resolve(
        hostsShown.map(({ machine }) => machine),
        'list',
        options,
      );
      return hostsShown.map(({ machine, host }) => {
        const found = firewallOf(machine);
        return found === undefined ? host : behind(host, found);
      });
    },

    delete: (ref, options) =>
      'id' in ref ? deletion.byId(ref.id, options) : deletion.byAddress(ref.ip, options),
  };
  const { power } = definition;
  return power === undefined
    ? provisioner
    : { ...provisioner, ...powerActions(definition, requests, power, hostOf) };
}
