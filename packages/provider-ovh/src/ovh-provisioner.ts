import {
  type CallOptions,
  type DeleteResult,
  type Host,
  HostNotFoundError,
  type HostRef,
  type ListFilter,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
  UnsupportedError,
} from '@provision/core';
import {
  type CachedValue,
  createCachedValue,
  createHostOnce,
  type HostDeletion,
} from '@provision/provider-utils';
import { instanceToHost, readInstanceTags } from './map-ovh-instance.js';
import { flavorList, type Instance, imageList, instanceList, instanceSchema } from './ovh-api.js';
import { ovhCapabilities } from './ovh-capabilities.js';
import { createOvhClient, type OvhClient } from './ovh-client.js';
import { isGoing, ovhDeletion, readInstance } from './ovh-delete.js';
import { ovhIds } from './ovh-ids.js';
import { identityWord, instanceName } from './ovh-names.js';
import type { OvhSettings } from './ovh-settings.js';

/**
 * Provisions of one host in this process, one at a time: a later call waits for the one before
 * (never sleeping) and then finds its instance by the listing. OVH's `created` has whole seconds
 * and its ids are random, so two creates in the same second have no order every caller agrees on
 * once one of them has answered; in one process they never race. Across processes the listings
 * after the create converge, with that one-second caveat (docs/providers/ovh.md).
 */
const inFlight = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const before = inFlight.get(key) ?? Promise.resolve();
  const mine = before.then(run, run);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  inFlight.set(key, settled);
  void settled.then(() => {
    if (inFlight.get(key) === settled) inFlight.delete(key);
  });
  return mine;
}

/** How long a flavor or image id is reused before it is looked up again. */
const LOOKUP_TTL_MS = 10 * 60_000;

/**
 * OVHcloud Public Cloud, on the `/cloud` API v1 with signed requests:
 * - provision: list the project's instances for the host's name (1); the image and the flavor of
 *   the region (2, in parallel: their ids differ per region; kept ten minutes, so a later
 *   provision in the region skips them); create (1); list again (1), through `createHostOnce`.
 *   OVH has no idempotency token, so concurrent callers may each create an instance; the second
 *   listing makes them converge on the oldest, and each loser deletes its own. An instance that
 *   exists is returned after the first listing, with `specMismatch` where its region, flavor or
 *   tags differ from the spec.
 * - status: one GET. delete: see `ovhDeletion`.
 */
class OvhProvisioner implements ProvisionerImplementationV1 {
  /**
   * Flavor and image ids by region and name, kept for ten minutes: a second provision in the same
   * region sends only its own three requests. OVH replaces an image (a new id under the same name)
   * now and then; the expiry, and dropping the entry when a create is refused, keep that in step.
   */
  readonly #lookups = new Map<string, CachedValue<string>>();

  constructor(
    private readonly client: OvhClient,
    private readonly context: ProvisionerContext,
    private readonly deletion: HostDeletion,
  ) {}

  #cached(key: string, load: () => Promise<string>): Promise<string> {
    let entry = this.#lookups.get(key);
    if (entry === undefined) {
      entry = createCachedValue(async () => ({ value: await load(), expiresAt: Date.now() + LOOKUP_TTL_MS }));
      this.#lookups.set(key, entry);
    }
    return entry.get();
  }

  private path(suffix = ''): string {
    return `/cloud/project/${this.client.project()}${suffix}`;
  }

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    if (spec.inbound !== undefined)
      throw new UnsupportedError('OVHcloud instances have no per-instance firewall in the /cloud API.', {
        provider: 'ovh',
        operation: 'provision',
      });
    const name = instanceName(spec);
    const project = this.client.project();
    return oneAtATime(`${project}/${identityWord(spec.owner, spec.name)}`, () =>
      this.#provision(spec, name, project, options),
    );
  }

  #provision(spec: ResolvedHostSpec, name: string, project: string, options?: CallOptions): Promise<Host> {
    const flavorKey = `flavor ${spec.region} ${spec.plan}`;
    const imageKey = `image ${spec.region} ${spec.image}`;
    return createHostOnce({
      context: this.context,
      machineKind: 'instance',
      spec,
      options,
      idOf: (instance) => instance.id,
      createdAtOf: (instance) => instance.created,
      find: () => this.sameName(spec, options),
      prepare: async () => {
        const [flavorId, imageId] = await Promise.all([
          this.#cached(flavorKey, () => this.flavorId(spec, options)),
          this.#cached(imageKey, () => this.imageId(spec, options)),
        ]);
        return { flavorId, imageId };
      },
      create: async ({ flavorId, imageId }) =>
        (
          await this.client.http.request({
            method: 'POST',
            path: this.path('/instance'),
            // userData is plain text here (`text` in the API description); OVH encodes it for Nova.
            // Hourly billing: no commitment to the month for a host that may live an hour.
            body: {
              name,
              flavorId,
              imageId,
              region: spec.region,
              monthlyBilling: false,
              ...(spec.userData === undefined ? {} : { userData: spec.userData }),
            },
            operation: 'provision',
            schema: instanceSchema,
            secrets: [spec.userData],
            signal: options?.signal,
          })
        ).data,
      // Refused: the image may have been replaced under its name, so both ids are looked up again.
      discard: async () => {
        this.#lookups.delete(flavorKey);
        this.#lookups.delete(imageKey);
      },
      destroyLoser: async (loser) => {
        await this.client.http.request({
          method: 'DELETE',
          path: this.path(`/instance/${loser.id}`),
          operation: 'provision',
          allowStatus: [404],
        });
      },
      toHost: ({ machine }) => instanceToHost(project, machine),
      // The listing names the image by an id of its region only (the name costs a request per
      // region), so the OS is left out. No per-instance firewall: the default networking.
      factsOf: (_instance, host) => ({
        region: host.region,
        plan: host.plan,
        inbound: 'none' as const,
        tags: host.tags,
      }),
    });
  }

  /**
   * The project's live instances whose name starts with the host's first word: one request (OVH
   * does not page). The first word is the identity: OVH has no tags.
   */
  private async sameName(spec: ResolvedHostSpec, options?: CallOptions): Promise<Instance[]> {
    const { data } = await this.client.http.request({
      method: 'GET',
      path: this.path('/instance'),
      operation: 'provision',
      schema: instanceList,
      signal: options?.signal,
    });
    const word = identityWord(spec.owner, spec.name);
    return data.filter((instance) => instance.name.split(' ')[0] === word && !isGoing(instance));
  }

  private async flavorId(spec: ResolvedHostSpec, options?: CallOptions): Promise<string> {
    const { data } = await this.client.http.request({
      method: 'GET',
      path: this.path('/flavor'),
      query: { region: spec.region },
      operation: 'provision',
      schema: flavorList,
      signal: options?.signal,
    });
    const flavor = data.find((entry) => entry.name === spec.plan && entry.osType !== 'windows');
    if (flavor === undefined)
      throw new UnsupportedError(`OVHcloud sells no flavor "${spec.plan}" in ${spec.region}.`, {
        provider: 'ovh',
        operation: 'provision',
        hint: 'See `provision plans --provider ovh` for the flavors of each region.',
      });
    return flavor.id;
  }

  /** OVH's own image of that name in the region: public (only OVHcloud publishes those) and active. */
  private async imageId(spec: ResolvedHostSpec, options?: CallOptions): Promise<string> {
    const { data } = await this.client.http.request({
      method: 'GET',
      path: this.path('/image'),
      query: { region: spec.region, osType: 'linux' },
      operation: 'provision',
      schema: imageList,
      signal: options?.signal,
    });
    const image = data.find(
      (entry) => entry.name === spec.image && entry.visibility === 'public' && entry.status === 'active',
    );
    if (image === undefined)
      throw new UnsupportedError(`OVHcloud publishes no image "${spec.image}" in ${spec.region}.`, {
        provider: 'ovh',
        operation: 'provision',
      });
    return image.id;
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const instance = await readInstance(this.client, id, 'status', options);
    if (instance === undefined) throw new HostNotFoundError(id, { provider: 'ovh', operation: 'status' });
    return instanceToHost(ovhIds.decode(id, 'status').project, instance);
  }

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const project = this.client.project();
    const { data } = await this.client.http.request({
      method: 'GET',
      path: this.path('/instance'),
      ...(filter.region === undefined ? {} : { query: { region: filter.region } }),
      operation: 'list',
      schema: instanceList,
      signal: options?.signal,
    });
    // Each name is read once (its identity check hashes), for the filter and the host.
    const wanted = Object.entries(filter.tags ?? {});
    const hosts: Host[] = [];
    for (const instance of data) {
      const tags = readInstanceTags(instance);
      const { managed, userTags } = tags;
      if (managed === undefined) continue;
      if (filter.owner !== undefined && managed.owner !== filter.owner) continue;
      if (filter.region !== undefined && instance.region !== filter.region) continue;
      if (wanted.every(([key, value]) => userTags[key] === value))
        hosts.push(instanceToHost(project, instance, tags));
    }
    return hosts;
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: OvhSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  return createOvhProvisioner(createOvhClient(settings, context), context);
}

/** The implementation on a given client (tests pass one paced on a fake clock). */
export function createOvhProvisioner(
  client: OvhClient,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  return Object.assign(new OvhProvisioner(client, context, ovhDeletion(client)), ovhCapabilities(client));
}
